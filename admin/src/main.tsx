import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { storedIdentity } from './auth-provider.ts';
import { session } from './graphql.ts';

/**
 * Logged out, the console opens on the login form at once, remembering the page asked for (react-admin's own
 * way there first renders the page, logs out and redirects, over and over, for seconds of blank page). The
 * history state is react-router's: login returns to `nextPathname`.
 */
function openLoginWhenLoggedOut() {
  if (session.token() && storedIdentity()) return;
  const [pathname, search = ''] = (window.location.hash.replace(/^#/, '') || '/').split('?');
  if (pathname === '/login') return;
  const state = { usr: { nextPathname: pathname, nextSearch: search ? `?${search}` : '' }, key: 'login', idx: 0 };
  window.history.replaceState(state, '', '#/login');
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

openLoginWhenLoggedOut();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

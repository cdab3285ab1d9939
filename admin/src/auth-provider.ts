import type { AuthProvider } from 'react-admin';
import { ApiError, gql, request, session } from './graphql.ts';

/**
 * The console is a curation tool, so it asks everyone to log in (the public API still answers anonymous reads).
 * The API's `login` mutation gives a token; the data provider sends it as a Bearer token. The role is read from
 * `me` after login and kept with the token, only to decide which buttons to show: the API checks every write.
 */

export type Role = 'VIEWER' | 'CURATOR' | 'REVIEWER' | 'ADMIN';

const IDENTITY_KEY = 'kg.identity';

const Login = gql(`
  mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }
`);
const Me = gql(`query Me { me { id email role } }`);

interface Identity {
  id: string;
  email: string;
  role: Role;
}

/** The signed-in account as stored at login (its e-mail names its drafts). */
export function storedIdentity(): Identity | null {
  try {
    const value = localStorage.getItem(IDENTITY_KEY);
    return value ? (JSON.parse(value) as Identity) : null;
  } catch {
    return null;
  }
}

function forget() {
  session.clear();
  localStorage.removeItem(IDENTITY_KEY);
}

const RANK: Record<Role, number> = { VIEWER: 1, CURATOR: 2, REVIEWER: 3, ADMIN: 4 };

/** Whether a role is at least `least` (unknown roles can do nothing). */
export const roleAtLeast = (role: unknown, least: Role) =>
  typeof role === 'string' && role in RANK && RANK[role as Role] >= RANK[least];

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const email = String(username ?? '').trim();
    session.clear();
    try {
      const { login } = await request(Login, { email, password });
      session.set(login.token);
      const { me } = await request(Me, {});
      if (!me) throw new ApiError('The API did not recognise the new session; try again.', 'UNAUTHENTICATED');
      localStorage.setItem(IDENTITY_KEY, JSON.stringify(me));
    } catch (error) {
      forget();
      if ((error as ApiError).code === 'UNAUTHENTICATED') {
        throw new Error('Wrong e-mail or password (after repeated failures, wait a little before trying again).');
      }
      throw error;
    }
  },
  async logout() {
    forget();
  },
  async checkAuth() {
    if (!session.token() || !storedIdentity()) throw new Error('Log in to use the console.');
  },
  async checkError(error: { status?: number; code?: string }) {
    // an expired or revoked token: back to the login page. A role too low (FORBIDDEN) is shown, not a logout.
    if (error?.code === 'UNAUTHENTICATED' || error?.status === 401) {
      forget();
      throw new Error('Your session has ended: log in again.');
    }
  },
  async getPermissions() {
    return storedIdentity()?.role ?? null;
  },
  async getIdentity() {
    const identity = storedIdentity();
    if (!identity) throw new Error('Not logged in');
    return { id: identity.email, fullName: `${identity.email} (${identity.role.toLowerCase()})` };
  },
};

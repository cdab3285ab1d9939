import { Admin, CustomRoutes, Resource, type ResourceProps } from 'react-admin';
import { Route } from 'react-router';
import { accounts } from './accounts/index.ts';
import { authProvider, roleAtLeast } from './auth-provider.ts';
import { CareerExplorer } from './careers/explorer.tsx';
import { citations } from './citations/index.ts';
import { CodingPage } from './coding/page.tsx';
import { Dashboard } from './dashboard.tsx';
import { dataProvider } from './data-provider.ts';
import { drafts } from './drafts/index.ts';
import { entities, entityKinds } from './entities/index.ts';
import { i18nProvider } from './i18n.ts';
import { labels } from './labels/index.ts';
import { AppLayout } from './layout.tsx';
import { LoginPage } from './login.tsx';
import { observations } from './observations/index.ts';
import { predicates, relations } from './relations/index.ts';
import { sources } from './sources/index.ts';
import { theme } from './theme.ts';

/**
 * The console asks everyone to log in. Pages that write are registered only for roles that may write (a viewer
 * reads), the review queue only for curators and above (the API serves drafts to them alone), and accounts only
 * for admins.
 */
export function App() {
  return (
    <Admin
      title="Knowledge graph admin"
      dataProvider={dataProvider}
      authProvider={authProvider}
      loginPage={LoginPage}
      requireAuth
      layout={AppLayout}
      dashboard={Dashboard}
      theme={theme}
      i18nProvider={i18nProvider}
      disableTelemetry
    >
      {(role: unknown) => {
        const writes = roleAtLeast(role, 'CURATOR');
        const forRole = (props: ResourceProps): ResourceProps =>
          writes ? props : { ...props, edit: undefined, create: undefined };
        return [
          ...entityKinds.map((kind) => <Resource key={kind.name} {...forRole(kind)} />),
          writes ? <Resource key="drafts" {...drafts} /> : null,
          <Resource key="relations" {...forRole(relations)} />,
          <Resource key="observations" {...forRole(observations)} />,
          <Resource key="citations" {...forRole(citations)} />,
          <Resource key="sources" {...forRole(sources)} />,
          <Resource key="labels" {...forRole(labels)} />,
          <Resource key="entities" {...entities} />,
          <Resource key="predicates" {...predicates} />,
          roleAtLeast(role, 'ADMIN') ? <Resource key="accounts" {...accounts} /> : null,
          <CustomRoutes key="careers">
            <Route path="/careers" element={<CareerExplorer />} />
            <Route path="/coding" element={<CodingPage />} />
          </CustomRoutes>,
        ];
      }}
    </Admin>
  );
}

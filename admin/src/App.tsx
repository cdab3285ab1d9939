import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router';
import { authProvider, roleAtLeast } from './auth-provider.ts';
import { CareerExplorer } from './careers/explorer.tsx';
import { CitationCreate, CitationEdit, CitationList, CitationShow } from './citations/index.ts';
import { Dashboard } from './dashboard.tsx';
import { dataProvider } from './data-provider.ts';
import { DraftList } from './drafts/list.tsx';
import { DraftShow } from './drafts/show.tsx';
import { EntityCreate, EntityEdit, EntityList, EntityRedirect, EntityShow, KINDS } from './entities/index.ts';
import { i18nProvider } from './i18n.ts';
import { ICONS } from './icons.ts';
import { LabelCreate, LabelEdit } from './labels/index.ts';
import { AppLayout } from './layout.tsx';
import { LoginPage } from './login.tsx';
import { ObservationCreate, ObservationEdit, ObservationList, ObservationShow } from './observations/index.ts';
import { OccupationCreate, OccupationEdit, OccupationList, OccupationShow } from './occupations/index.ts';
import { RelationCreate, RelationEdit, RelationList, RelationShow } from './relations/index.ts';
import { SourceCreate, SourceList, SourceShow } from './sources/index.ts';
import { theme } from './theme.ts';

/** Kind-specific pages; the other kinds use the generic entity pages. */
const SPECIAL: Record<
  string,
  { list: React.ComponentType; show: React.ComponentType; edit: React.ComponentType; create: React.ComponentType }
> = {
  occupations: { list: OccupationList, show: OccupationShow, edit: OccupationEdit, create: OccupationCreate },
};

/**
 * The console asks everyone to log in. Pages that write are registered only for roles that may write (a viewer
 * reads), and the review queue only for curators and above (the API serves drafts to them alone).
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
        const writable = <T,>(page: T) => (writes ? page : undefined);
        return [
          ...KINDS.map((k) => {
            const pages = SPECIAL[k.resource] ?? {
              list: EntityList,
              show: EntityShow,
              edit: EntityEdit,
              create: EntityCreate,
            };
            return (
              <Resource
                key={k.resource}
                name={k.resource}
                options={{ label: k.plural }}
                icon={ICONS[k.resource]}
                recordRepresentation="name"
                list={pages.list}
                show={pages.show}
                edit={writable(pages.edit)}
                create={writable(pages.create)}
              />
            );
          }),
          writes ? (
            <Resource
              key="drafts"
              name="drafts"
              options={{ label: 'Review queue' }}
              icon={ICONS.drafts}
              list={DraftList}
              show={DraftShow}
            />
          ) : null,
          <Resource
            key="relations"
            name="relations"
            options={{ label: 'Relations' }}
            icon={ICONS.relations}
            list={RelationList}
            show={RelationShow}
            edit={writable(RelationEdit)}
            create={writable(RelationCreate)}
          />,
          <Resource
            key="observations"
            name="observations"
            options={{ label: 'Observations' }}
            icon={ICONS.observations}
            list={ObservationList}
            show={ObservationShow}
            edit={writable(ObservationEdit)}
            create={writable(ObservationCreate)}
          />,
          <Resource
            key="citations"
            name="citations"
            options={{ label: 'Citations' }}
            icon={ICONS.citations}
            list={CitationList}
            show={CitationShow}
            edit={writable(CitationEdit)}
            create={writable(CitationCreate)}
            recordRepresentation={(c) => c.quote ?? c.source?.title ?? 'Citation'}
          />,
          <Resource
            key="sources"
            name="sources"
            options={{ label: 'Sources' }}
            icon={ICONS.sources}
            list={SourceList}
            show={SourceShow}
            create={writable(SourceCreate)}
            recordRepresentation="title"
          />,
          <Resource
            key="labels"
            name="labels"
            options={{ label: 'Names' }}
            edit={writable(LabelEdit)}
            create={writable(LabelCreate)}
            recordRepresentation="text"
          />,
          <Resource
            key="entities"
            name="entities"
            options={{ label: 'Entities' }}
            show={EntityRedirect}
            recordRepresentation="name"
          />,
          <Resource key="predicates" name="predicates" recordRepresentation="name" />,
          <CustomRoutes key="careers">
            <Route path="/careers" element={<CareerExplorer />} />
          </CustomRoutes>,
        ];
      }}
    </Admin>
  );
}

import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router';
import { CareerExplorer } from './careers/explorer.tsx';
import { CitationCreate, CitationEdit, CitationList, CitationShow } from './citations/index.ts';
import { Dashboard } from './dashboard.tsx';
import { dataProvider } from './data-provider.ts';
import { EntityCreate, EntityEdit, EntityList, EntityRedirect, EntityShow, KINDS } from './entities/index.ts';
import { i18nProvider } from './i18n.ts';
import { ICONS } from './icons.ts';
import { LabelCreate, LabelEdit } from './labels/index.ts';
import { AppLayout } from './layout.tsx';
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

export function App() {
  return (
    <Admin
      title="Knowledge graph admin"
      dataProvider={dataProvider}
      layout={AppLayout}
      dashboard={Dashboard}
      theme={theme}
      i18nProvider={i18nProvider}
      disableTelemetry
      requireAuth={false}
    >
      {KINDS.map((k) => {
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
            {...pages}
          />
        );
      })}
      <Resource
        name="relations"
        options={{ label: 'Relations' }}
        icon={ICONS.relations}
        list={RelationList}
        show={RelationShow}
        edit={RelationEdit}
        create={RelationCreate}
      />
      <Resource
        name="observations"
        options={{ label: 'Observations' }}
        icon={ICONS.observations}
        list={ObservationList}
        show={ObservationShow}
        edit={ObservationEdit}
        create={ObservationCreate}
      />
      <Resource
        name="citations"
        options={{ label: 'Citations' }}
        icon={ICONS.citations}
        list={CitationList}
        show={CitationShow}
        edit={CitationEdit}
        create={CitationCreate}
        recordRepresentation={(c) => c.quote ?? c.source?.title ?? 'Citation'}
      />
      <Resource
        name="sources"
        options={{ label: 'Sources' }}
        icon={ICONS.sources}
        list={SourceList}
        show={SourceShow}
        create={SourceCreate}
        recordRepresentation="title"
      />
      <Resource
        name="labels"
        options={{ label: 'Names' }}
        edit={LabelEdit}
        create={LabelCreate}
        recordRepresentation="text"
      />
      <Resource name="entities" options={{ label: 'Entities' }} show={EntityRedirect} recordRepresentation="name" />
      <Resource name="predicates" recordRepresentation="name" />
      <CustomRoutes>
        <Route path="/careers" element={<CareerExplorer />} />
      </CustomRoutes>
    </Admin>
  );
}

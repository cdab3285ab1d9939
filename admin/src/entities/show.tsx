import type { ReactNode } from 'react';
import {
  EditButton,
  FunctionField,
  type RaRecord,
  ReferenceManyCount,
  Show,
  TabbedShowLayout,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import { DeleteFactButton } from '../common/forms.tsx';
import { CanWrite } from '../common/roles.tsx';
import { HistoryTab } from '../history/tab.tsx';
import type { KindConfig } from './kinds.ts';
import { CitationsTab } from './tabs/citations.tsx';
import { NamesTab } from './tabs/names.tsx';
import { ObservationsTab } from './tabs/observations.tsx';
import { RelationsTab } from './tabs/relations.tsx';
import { Summary } from './tabs/summary.tsx';
import { useKindConfig } from './use-kind.ts';

/** "Skill: Welding", or with an action "Edit skill: Welding". */
export function entityTitle(config: KindConfig, record: RaRecord | undefined, action?: string) {
  const kind = action ? `${action} ${config.singular.toLowerCase()}` : config.singular;
  return record ? `${kind}: ${record.name}` : kind;
}

function EntityTitle() {
  const record = useRecordContext();
  return <span>{entityTitle(useKindConfig(), record)}</span>;
}

const ShowActions = () => (
  <TopToolbar>
    <CanWrite>
      <EditButton />
    </CanWrite>
    <DeleteFactButton
      confirmTitle="Delete this entity?"
      confirmContent="Its names, observations and citations are deleted with it. The API refuses while relations use it: remove those first."
    />
  </TopToolbar>
);

/** The tabs after the summary: each with its path, the count its label shows, and its content. */
const TABS = [
  {
    label: 'Names',
    path: 'names',
    count: <FunctionField render={(r) => r.labels?.length ?? 0} />,
    content: <NamesTab label={false} />,
  },
  {
    label: 'Relations',
    path: 'relations',
    count: <ReferenceManyCount reference="relations" target="entityId" />,
    content: <RelationsTab label={false} />,
  },
  {
    label: 'Observations',
    path: 'observations',
    count: <ReferenceManyCount reference="observations" target="entityId" />,
    content: <ObservationsTab label={false} />,
  },
  {
    label: 'Citations',
    path: 'citations',
    count: <ReferenceManyCount reference="citations" target="factId" />,
    content: <CitationsTab label={false} />,
  },
  { label: 'History', path: 'history', content: <HistoryTab label={false} /> },
];

/** The generic show page of an entity; `profile` adds kind-specific content to the summary tab. */
export function EntityShow({ profile }: { profile?: ReactNode }) {
  return (
    <Show title={<EntityTitle />} actions={<ShowActions />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="Summary">
          <Summary label={false}>{profile}</Summary>
        </TabbedShowLayout.Tab>
        {TABS.map(({ label, path, count, content }) => (
          <TabbedShowLayout.Tab key={path} label={label} path={path} count={count}>
            {content}
          </TabbedShowLayout.Tab>
        ))}
      </TabbedShowLayout>
    </Show>
  );
}

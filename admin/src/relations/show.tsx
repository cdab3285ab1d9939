import { Typography } from '@mui/material';
import {
  EditButton,
  FunctionField,
  Labeled,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import { AttributesText } from '../common/attributes.tsx';
import { EntityLink } from '../common/entity-link.tsx';
import { usePredicates } from '../common/predicates.ts';
import { CanWrite } from '../common/roles.tsx';
import { StatusChip } from '../common/status.tsx';
import { PendingDrafts } from '../drafts/pending.tsx';
import { CitationsTab } from '../entities/tabs/citations.tsx';
import { HistoryTab } from '../history/tab.tsx';
import { PredicateField, relationTitle } from './fields.tsx';

function Title() {
  const record = useRecordContext();
  return <span>Relation: {relationTitle(record)}</span>;
}

function PredicateDescription(_: { label?: string }) {
  const record = useRecordContext();
  const catalogue = usePredicates();
  const entry = catalogue.find((p) => p.name === record?.predicate);
  return <Typography variant="body2">{entry?.description ?? ''}</Typography>;
}

export function RelationShow() {
  return (
    <Show
      title={<Title />}
      actions={
        <TopToolbar>
          <CanWrite>
            <EditButton />
          </CanWrite>
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <PendingDrafts entityOf={(r) => r.from?.id} what="this relation" />
        <FunctionField label="From" render={(r) => <EntityLink entity={r.from} showKind />} />
        <PredicateField label="Relation" />
        <FunctionField label="To" render={(r) => <EntityLink entity={r.to} showKind />} />
        <PredicateDescription label="Meaning" />
        <FunctionField label="Attributes" render={(r) => <AttributesText attributes={r.attributes} />} />
        <FunctionField label="Status" render={(r) => <StatusChip status={r.status} />} />
        <TextField source="version" label="Version" />
        <CitationsTab label={false} factLabel="this relation" title="Citations" />
        <Labeled label="History" fullWidth>
          <HistoryTab factLabel="This relation" />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}

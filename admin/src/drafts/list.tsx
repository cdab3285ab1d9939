import { Typography } from '@mui/material';
import {
  BooleanInput,
  DataTable,
  DateField,
  FunctionField,
  List,
  required,
  SelectInput,
  TextField,
  useListContext,
} from 'react-admin';
import { EntityLink } from '../common/entity-link.tsx';
import { useAbilities } from '../common/roles.tsx';
import { humanize } from '../entities/kinds.ts';
import { DRAFT_STATUS_CHOICES, DraftStatusChip, isReference, operationLabel, StaleChip } from './fields.tsx';
import { DraftSubject } from './subject.tsx';

/** An empty queue, in the words of the filter chosen. */
function NoDrafts() {
  const { filterValues } = useListContext();
  const status = filterValues.status === 'ANY' ? '' : String(filterValues.status ?? 'PENDING').toLowerCase();
  const mine = filterValues.mine ? ' of yours' : '';
  const text =
    status === 'pending' || status === '' ? `No drafts${mine} are waiting for review.` : `No ${status} drafts${mine}.`;
  return (
    <Typography variant="body1" color="text.secondary" sx={{ p: 3 }}>
      {text}
    </Typography>
  );
}

const filters = [
  <SelectInput
    key="status"
    source="status"
    label="Status"
    choices={DRAFT_STATUS_CHOICES}
    alwaysOn
    validate={required()}
  />,
  <BooleanInput key="mine" source="mine" label="Only mine" alwaysOn />,
];

/**
 * The review queue: curators' proposed changes, newest first. Reviewers see every pending draft; a curator starts
 * with their own (and can see the others').
 */
export function DraftList() {
  const { canReview } = useAbilities();
  return (
    <List
      title="Review queue"
      filters={filters}
      filterDefaultValues={canReview ? { status: 'PENDING' } : { status: 'PENDING', mine: true }}
      perPage={25}
      exporter={false}
      sort={{ field: 'createdAt', order: 'DESC' }}
      empty={false}
    >
      <DataTable rowClick="show" bulkActionButtons={false} empty={<NoDrafts />}>
        <DataTable.Col label="Change" disableSort>
          <FunctionField render={(d) => operationLabel(d.operation)} />
        </DataTable.Col>
        <DataTable.Col label="What it changes" disableSort>
          <FunctionField render={(d) => <DraftSubject draft={d} />} />
        </DataTable.Col>
        <DataTable.Col label="Entity" disableSort>
          <FunctionField render={(d) => (d.entity ? <EntityLink entity={d.entity} showKind /> : 'A new entity')} />
        </DataTable.Col>
        <DataTable.Col label="Fields" disableSort>
          <FunctionField
            render={(d) =>
              (d.diff ?? [])
                .map((c: { field: string }) => c.field)
                .filter((f: string) => !isReference(f))
                .map(humanize)
                .join(', ')
            }
          />
        </DataTable.Col>
        <DataTable.Col label="Author" disableSort>
          <TextField source="author" />
        </DataTable.Col>
        <DataTable.Col label="Proposed" disableSort>
          <DateField source="createdAt" showTime />
        </DataTable.Col>
        <DataTable.Col label="Status" disableSort>
          <FunctionField
            render={(d) => (
              <>
                <DraftStatusChip status={d.status} /> <StaleChip stale={d.stale && d.status === 'PENDING'} />
              </>
            )}
          />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

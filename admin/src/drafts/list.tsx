import { BooleanInput, DataTable, DateField, FunctionField, List, required, SelectInput, TextField } from 'react-admin';
import { EntityLink } from '../common/entity-link.tsx';
import { useAbilities } from '../common/roles.tsx';
import { humanize } from '../entities/kinds.ts';
import { DRAFT_STATUS_CHOICES, DraftStatusChip, isReference, operationLabel, StaleChip } from './fields.tsx';

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
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col label="Change" disableSort>
          <FunctionField render={(d) => operationLabel(d.operation)} />
        </DataTable.Col>
        <DataTable.Col label="Entity" disableSort>
          <FunctionField render={(d) => (d.entity ? <EntityLink entity={d.entity} showKind /> : 'New')} />
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

import {
  BooleanInput,
  DataTable,
  DateField,
  FunctionField,
  List,
  SelectInput,
  TextField,
  useListContext,
} from 'react-admin';
import { EntityLink } from '../common/entity-link.tsx';
import { useAbilities } from '../common/roles.tsx';
import { DRAFT_STATUS_CHOICES, DraftStatusChip, operationLabel, StaleChip } from './fields.tsx';

/** "Only mine" turns into the author filter the API takes. */
function MineFilter() {
  const { email } = useAbilities();
  const { filterValues, setFilters } = useListContext();
  return (
    <BooleanInput
      source="mine"
      label="Only mine"
      onChange={(event) => {
        const { author: _, mine: __, ...rest } = filterValues;
        setFilters(event.target.checked ? { ...rest, mine: true, author: email } : rest, undefined, false);
      }}
    />
  );
}

const filters = [
  <SelectInput
    key="status"
    source="status"
    label="Status"
    choices={DRAFT_STATUS_CHOICES}
    alwaysOn
    emptyText="Pending"
    emptyValue=""
  />,
  <MineFilter key="mine" source="mine" alwaysOn />,
];

/**
 * The review queue: curators' proposed changes, newest first. Reviewers see every pending draft; a curator starts
 * with their own (and can see the others').
 */
export function DraftList() {
  const { canReview, email } = useAbilities();
  return (
    <List
      title="Review queue"
      filters={filters}
      filterDefaultValues={canReview || !email ? {} : { mine: true, author: email }}
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
          <FunctionField render={(d) => (d.diff ?? []).map((c: { field: string }) => c.field).join(', ')} />
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

import { Stack } from '@mui/material';
import {
  CreateButton,
  DataTable,
  DateField,
  FunctionField,
  List,
  SearchInput,
  SelectInput,
  TopToolbar,
} from 'react-admin';
import { EntityLink } from '../common/entity-link.tsx';
import { CanWrite } from '../common/roles.tsx';
import { StatusChip } from '../common/status.tsx';
import { DetailValue } from './details.tsx';
import { STATUS_CHOICES } from './kinds.ts';
import { useKindConfig } from './use-kind.ts';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Search names and alternate names" sx={{ minWidth: 320 }} />,
  <SelectInput key="status" source="status" label="Status" choices={STATUS_CHOICES} alwaysOn emptyText="Any status" />,
];

const ListActions = () => (
  <TopToolbar>
    <CanWrite>
      <CreateButton />
    </CanWrite>
  </TopToolbar>
);

/** Entities of the resource's kind: search by any of their names, filter by status, sort by name or date. */
export function EntityList() {
  const config = useKindConfig();
  return (
    <List
      title={config.plural}
      filters={filters}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={25}
      actions={<ListActions />}
      exporter={false}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" label="Name" />
        {config.details
          .filter((field) => field.inList)
          .map((field) => (
            <DataTable.Col
              key={field.name}
              source={`details.${field.name}`}
              label={field.label}
              disableSort={!field.sortable}
            >
              <FunctionField render={(record) => <DetailValue field={field} value={record.details?.[field.name]} />} />
            </DataTable.Col>
          ))}
        {config.kind === 'ALTERNATE_TITLE' ? (
          <DataTable.Col label="Title of" disableSort>
            <FunctionField
              render={(record) =>
                record.occupations?.length ? (
                  <Stack spacing={0.25}>
                    {record.occupations.map((o: { id: string; kind: string; name: string }) => (
                      <EntityLink key={o.id} entity={o} />
                    ))}
                  </Stack>
                ) : (
                  '—'
                )
              }
            />
          </DataTable.Col>
        ) : null}
        <DataTable.Col source="status" label="Status" disableSort>
          <FunctionField render={(record) => <StatusChip status={record.status} />} />
        </DataTable.Col>
        <DataTable.Col source="updatedAt" label="Last changed" field={DateField} />
      </DataTable>
    </List>
  );
}

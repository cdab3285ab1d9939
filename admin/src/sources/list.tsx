import { DataTable, DateField, List, SearchInput, UrlField } from 'react-admin';

const filters = [<SearchInput key="q" source="q" alwaysOn placeholder="Search titles" sx={{ minWidth: 320 }} />];

/** Documents and dataset releases that facts cite. */
export function SourceList() {
  return (
    <List title="Sources" filters={filters} perPage={25} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="title" label="Title" disableSort />
        <DataTable.Col source="publisher" label="Publisher" disableSort />
        <DataTable.Col source="kind" label="Kind" disableSort />
        <DataTable.Col source="publishedAt" label="Published" field={DateField} disableSort />
        <DataTable.Col source="url" label="Address" field={UrlField} disableSort />
      </DataTable>
    </List>
  );
}

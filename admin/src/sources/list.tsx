import { DataTable, DateField, SearchInput, UrlField } from 'react-admin';
import { ListPage } from '../common/list-page.tsx';

const filters = [<SearchInput key="q" source="q" alwaysOn placeholder="Search titles" sx={{ minWidth: 320 }} />];

/** Documents and dataset releases that facts cite. */
export function SourceList() {
  return (
    <ListPage title="Sources" filters={filters}>
      <DataTable.Col source="title" label="Title" disableSort />
      <DataTable.Col source="publisher" label="Publisher" disableSort />
      <DataTable.Col source="kind" label="Kind" disableSort />
      <DataTable.Col source="publishedAt" label="Published" field={DateField} disableSort />
      <DataTable.Col source="url" label="Address" field={UrlField} disableSort />
    </ListPage>
  );
}

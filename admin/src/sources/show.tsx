import {
  DataTable,
  DateField,
  FunctionField,
  Pagination,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  UrlField,
  useRecordContext,
} from 'react-admin';
import { humanize } from '../entities/kinds.ts';

function Title() {
  const record = useRecordContext();
  return <span>Source: {record?.title}</span>;
}

export function SourceShow() {
  return (
    <Show title={<Title />}>
      <SimpleShowLayout>
        <TextField source="title" label="Title" />
        <TextField source="key" label="Key" />
        <TextField source="kind" label="Kind" />
        <TextField source="publisher" label="Publisher" emptyText="—" />
        <DateField source="publishedAt" label="Published" emptyText="—" />
        <DateField source="retrievedAt" label="Retrieved" showTime emptyText="—" />
        <UrlField source="url" label="Address" target="_blank" emptyText="—" />
        <ReferenceManyField
          label="Citations from this source"
          reference="citations"
          target="sourceId"
          perPage={25}
          pagination={<Pagination />}
        >
          <DataTable rowClick="show" bulkActionButtons={false}>
            <DataTable.Col label="Quote">
              <FunctionField render={(c) => (c.quote ? <i>“{c.quote}”</i> : '—')} />
            </DataTable.Col>
            <DataTable.Col source="locator" label="Where" />
            <DataTable.Col source="reviewStatus" label="Review">
              <FunctionField render={(c) => humanize(c.reviewStatus)} />
            </DataTable.Col>
          </DataTable>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}

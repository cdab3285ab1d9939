import { DataTable, DateField, FunctionField, Pagination, ReferenceManyField, TextField, UrlField } from 'react-admin';
import { CitationQuote } from '../citations/quote.tsx';
import { ShowPage } from '../common/show-page.tsx';
import { humanize } from '../entities/kinds.ts';

export function SourceShow() {
  return (
    <ShowPage title={(source) => `Source: ${source?.title ?? ''}`} actions={false}>
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
            <FunctionField render={(c) => <CitationQuote quote={c.quote} />} />
          </DataTable.Col>
          <DataTable.Col source="locator" label="Where" />
          <DataTable.Col source="reviewStatus" label="Review">
            <FunctionField render={(c) => humanize(c.reviewStatus)} />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </ShowPage>
  );
}

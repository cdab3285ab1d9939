import { AutocompleteInput, DataTable, FunctionField, List, ReferenceInput } from 'react-admin';
import { SourceLink } from '../common/source-link.tsx';
import { humanize } from '../entities/kinds.ts';

const filters = [
  <ReferenceInput key="sourceId" source="sourceId" reference="sources" alwaysOn>
    <AutocompleteInput
      label="Source"
      optionText="title"
      filterToQuery={(q: string) => ({ q })}
      sx={{ minWidth: 420 }}
      helperText={false}
    />
  </ReferenceInput>,
];

/** Every piece of evidence: which source says what, in its own words. */
export function CitationList() {
  return (
    <List title="Citations" filters={filters} perPage={25} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col label="Source">
          <FunctionField render={(c) => <SourceLink source={c.source} />} />
        </DataTable.Col>
        <DataTable.Col label="Quote">
          <FunctionField render={(c) => (c.quote ? <i>“{c.quote}”</i> : '—')} />
        </DataTable.Col>
        <DataTable.Col source="locator" label="Where" disableSort />
        <DataTable.Col source="reviewStatus" label="Review" disableSort>
          <FunctionField render={(c) => humanize(c.reviewStatus)} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

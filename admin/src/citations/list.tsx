import { AutocompleteInput, DataTable, FunctionField, ReferenceInput } from 'react-admin';
import { ListPage } from '../common/list-page.tsx';
import { SourceLink } from '../common/source-link.tsx';
import { humanize } from '../entities/kinds.ts';
import { CitationQuote } from './quote.tsx';

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
    <ListPage title="Citations" filters={filters}>
      <DataTable.Col label="Source">
        <FunctionField render={(c) => <SourceLink source={c.source} />} />
      </DataTable.Col>
      <DataTable.Col label="Quote">
        <FunctionField render={(c) => <CitationQuote quote={c.quote} />} />
      </DataTable.Col>
      <DataTable.Col source="locator" label="Where" disableSort />
      <DataTable.Col source="reviewStatus" label="Review" disableSort>
        <FunctionField render={(c) => humanize(c.reviewStatus)} />
      </DataTable.Col>
    </ListPage>
  );
}

import { DataTable, FunctionField } from 'react-admin';
import { CitationText } from '../../common/citation-text.tsx';
import { SourceLink } from '../../common/source-link.tsx';
import { humanize } from '../kinds.ts';
import { FactTable } from './fact-table.tsx';

/** The sources that state this fact, each with its own words. */
export function CitationsTab({
  factLabel = 'this entity',
  title,
}: {
  label?: false;
  factLabel?: string;
  title?: string;
}) {
  return (
    <FactTable
      reference="citations"
      target="factId"
      title={title}
      add={{ label: 'Add a citation', state: (fact) => ({ factId: fact.id }) }}
      empty={`No citations for ${factLabel}.`}
    >
      <DataTable.Col source="source.title" label="Source">
        <FunctionField render={(c) => <SourceLink source={c.source} />} />
      </DataTable.Col>
      <DataTable.Col source="quote" label="What it says" cellSx={() => ({ maxWidth: 720, wordBreak: 'break-word' })}>
        <FunctionField render={(c) => <CitationText citation={{ ...c, source: undefined }} />} />
      </DataTable.Col>
      <DataTable.Col source="reviewStatus" label="Review">
        <FunctionField render={(c) => humanize(c.reviewStatus)} />
      </DataTable.Col>
    </FactTable>
  );
}

import { DateField, FunctionField, TextField } from 'react-admin';
import { ShowPage } from '../common/show-page.tsx';
import { SourceLink } from '../common/source-link.tsx';
import { CitationQuote } from './quote.tsx';

export function CitationShow() {
  return (
    <ShowPage title={(c) => `Citation from ${c?.source?.title ?? 'a source'}`}>
      <FunctionField label="Source" render={(c) => <SourceLink source={c.source} />} />
      <FunctionField label="Quote" render={(c) => <CitationQuote quote={c.quote} />} />
      <TextField source="locator" label="Where in the source" emptyText="—" />
      <DateField source="retrievedAt" label="Retrieved" showTime emptyText="—" />
      <TextField source="curator" label="Curator" emptyText="—" />
      <TextField source="reviewStatus" label="Review status" emptyText="—" />
      <DateField source="createdAt" label="Recorded" showTime />
      <TextField source="version" label="Version" />
    </ShowPage>
  );
}

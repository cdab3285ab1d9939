import { Typography } from '@mui/material';
import { AutocompleteInput, ReferenceInput, TextInput } from 'react-admin';

/** Optional evidence for a new fact: the source that states it and its words. */
export function CitationInputs({ title = 'Evidence (optional)' }: { title?: string }) {
  return (
    <>
      <Typography variant="subtitle1" sx={{ mt: 2 }}>
        {title}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Every fact should be cited: pick the source that states it and quote its words.
      </Typography>
      <ReferenceInput source="citation.sourceId" reference="sources" perPage={50}>
        <AutocompleteInput label="Source" optionText="title" filterToQuery={(q) => ({ q })} sx={{ minWidth: 400 }} />
      </ReferenceInput>
      <TextInput source="citation.quote" label="Quote" multiline fullWidth helperText="Verbatim from the source" />
      <TextInput source="citation.locator" label="Where in the source" helperText="Section, row or page" />
    </>
  );
}

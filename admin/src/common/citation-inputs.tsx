import { Typography } from '@mui/material';
import { AutocompleteInput, ReferenceInput, TextInput } from 'react-admin';

/**
 * Evidence for a new fact or for the new values of an edit: the source that states it and its words. A
 * curator's change is published only with a citation, so edits ask for one too.
 */
export function CitationInputs({
  title = 'Evidence (optional)',
  help = 'Every fact should be cited: pick the source that states it and quote its words.',
}: {
  title?: string;
  help?: string;
}) {
  return (
    <>
      <Typography variant="subtitle1" sx={{ mt: 2 }}>
        {title}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {help}
      </Typography>
      <ReferenceInput source="citation.sourceId" reference="sources" perPage={50}>
        <AutocompleteInput label="Source" optionText="title" filterToQuery={(q) => ({ q })} sx={{ minWidth: 400 }} />
      </ReferenceInput>
      <TextInput source="citation.quote" label="Quote" multiline fullWidth helperText="Verbatim from the source" />
      <TextInput source="citation.locator" label="Where in the source" helperText="Section, row or page" />
    </>
  );
}

/** The citation block of an edit form. */
export function EditCitationInputs() {
  return (
    <CitationInputs
      title="Source for this change"
      help="A reviewer publishes a curator's change only when it cites a source: pick it and quote its words."
    />
  );
}

import { Typography } from '@mui/material';
import { AutocompleteInput, ReferenceInput, required, TextInput } from 'react-admin';
import { useAbilities } from './roles.tsx';

/**
 * Evidence for a new fact or for the new values of an edit: the source that states it and its words. The API
 * refuses an uncited create or update of a fact from anyone (a curator's draft is published only with one).
 */
export function CitationInputs({
  title = 'Evidence',
  help = 'Every fact should be cited: pick the source that states it and quote its words.',
  sourceRequired = false,
}: {
  title?: string;
  help?: string;
  sourceRequired?: boolean;
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
        <AutocompleteInput
          label="Source"
          optionText="title"
          filterToQuery={(q) => ({ q })}
          validate={sourceRequired ? required('Every change of a fact cites a source') : undefined}
          sx={{ minWidth: 400 }}
        />
      </ReferenceInput>
      <TextInput source="citation.quote" label="Quote" multiline fullWidth helperText="Verbatim from the source" />
      <TextInput source="citation.locator" label="Where in the source" helperText="Section, row or page" />
    </>
  );
}

/** The citation block of a write form: a reviewer's write applies at once, a curator's awaits a reviewer. */
function WriteCitationInputs({ title, what, reviewerHelp }: { title: string; what: string; reviewerHelp: string }) {
  const { canReview } = useAbilities();
  const help = canReview
    ? reviewerHelp
    : `Your ${what} goes to a reviewer, who publishes it only with a source: pick it and quote its words.`;
  return <CitationInputs title={title} help={help} sourceRequired />;
}

/**
 * The citation block of a create form. Every new fact must be cited, whoever writes it: a reviewer's or admin's is
 * published at once, a curator's when a reviewer publishes it.
 */
export const CreateCitationInputs = () => (
  <WriteCitationInputs
    title="Evidence"
    what="new fact"
    reviewerHelp="Every fact is cited: pick the source that states it and quote its words."
  />
);

/** The citation block of an edit form: every change of a fact cites the source of its new values. */
export const EditCitationInputs = () => (
  <WriteCitationInputs
    title="Source for this change"
    what="change"
    reviewerHelp="Cite the source of the new values: pick it and quote its words."
  />
);

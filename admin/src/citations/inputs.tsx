import { AutocompleteInput, ReferenceInput, required, TextInput } from 'react-admin';

export function CitationFields() {
  return (
    <>
      <ReferenceInput source="sourceId" reference="sources" perPage={50}>
        <AutocompleteInput
          label="Source"
          optionText="title"
          filterToQuery={(q: string) => ({ q })}
          validate={required()}
          sx={{ minWidth: 480 }}
        />
      </ReferenceInput>
      <TextInput source="quote" label="Quote" multiline minRows={2} fullWidth helperText="Verbatim from the source" />
      <TextInput source="locator" label="Where in the source" helperText="Section, row or page" />
    </>
  );
}

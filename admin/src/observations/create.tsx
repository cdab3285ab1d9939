import { AutocompleteInput, Create, ReferenceInput, required, SimpleForm } from 'react-admin';
import { CreateCitationInputs } from '../common/citation-inputs.tsx';
import { useSaveErrorHandler } from '../common/conflict.tsx';
import { EntityInput } from '../common/entity-input.tsx';
import { FORM_SX } from '../common/forms.tsx';
import { useWriteSuccess } from '../common/write-feedback.ts';
import { ObservationInputs } from './inputs.tsx';

export function ObservationCreate() {
  const onError = useSaveErrorHandler();
  const onSuccess = useWriteSuccess('show', 'Created');
  return (
    <Create title="New observation" redirect="show" mutationOptions={{ onSuccess, onError }}>
      <SimpleForm sx={FORM_SX}>
        <EntityInput source="entityId" label="Entity" validate={required()} />
        <ObservationInputs />
        <ReferenceInput source="sourceId" reference="sources">
          <AutocompleteInput
            label="Stated by source (optional)"
            optionText="title"
            filterToQuery={(q: string) => ({ q })}
            sx={{ minWidth: 420 }}
          />
        </ReferenceInput>
        <CreateCitationInputs />
      </SimpleForm>
    </Create>
  );
}

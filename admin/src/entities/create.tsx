import { Create, maxLength, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { CreateCitationInputs } from '../common/citation-inputs.tsx';
import { useSaveErrorHandler } from '../common/conflict.tsx';
import { FORM_SX } from '../common/forms.tsx';
import { useWriteSuccess } from '../common/write-feedback.ts';
import { DetailInputs } from './details.tsx';
import { STATUS_CHOICES } from './kinds.ts';
import { useKindConfig } from './use-kind.ts';

/** A new entity of the resource's kind, as a draft unless told otherwise, with its first citation. */
export function EntityCreate() {
  const config = useKindConfig();
  const onError = useSaveErrorHandler();
  const onSuccess = useWriteSuccess('show', 'Created');
  return (
    <Create title={`New ${config.singular.toLowerCase()}`} redirect="show" mutationOptions={{ onSuccess, onError }}>
      <SimpleForm defaultValues={{ status: 'DRAFT' }} sx={FORM_SX}>
        <TextInput
          source="name"
          label="Name"
          validate={[required(), maxLength(300)]}
          fullWidth
          helperText="The preferred name; it becomes the entity's preferred label"
        />
        <SelectInput source="status" label="Status" choices={STATUS_CHOICES} validate={required()} />
        <DetailInputs config={config} />
        <CreateCitationInputs />
      </SimpleForm>
    </Create>
  );
}

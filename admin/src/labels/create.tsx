import { Create, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { CreateCitationInputs } from '../common/citation-inputs.tsx';
import { useSaveErrorHandler } from '../common/conflict.tsx';
import { EntityInput } from '../common/entity-input.tsx';
import { FORM_SX } from '../common/forms.tsx';
import { useWriteSuccess } from '../common/write-feedback.ts';
import { LABEL_TYPE_CHOICES } from '../entities/kinds.ts';
import { entityNamesPath } from './paths.ts';

/** A new name for an entity (usually opened from the entity's Names tab, which fills in the entity). */
export function LabelCreate() {
  const onError = useSaveErrorHandler();
  const onSuccess = useWriteSuccess(entityNamesPath, 'Created');
  return (
    <Create title="New name" redirect={entityNamesPath} mutationOptions={{ onSuccess, onError }}>
      <SimpleForm defaultValues={{ type: 'ALTERNATE', language: 'en' }} sx={FORM_SX}>
        <EntityInput source="entityId" label="Entity" validate={required()} />
        <TextInput source="text" label="Name" validate={required()} fullWidth />
        <SelectInput source="type" label="Type" choices={LABEL_TYPE_CHOICES} validate={required()} />
        <TextInput source="language" label="Language" helperText="A language tag such as en or es" />
        <CreateCitationInputs />
      </SimpleForm>
    </Create>
  );
}

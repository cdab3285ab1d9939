import { Create, SimpleForm } from 'react-admin';
import { CreateCitationInputs } from '../common/citation-inputs.tsx';
import { useSaveErrorHandler } from '../common/conflict.tsx';
import { FORM_SX } from '../common/forms.tsx';
import { useWriteSuccess } from '../common/write-feedback.ts';
import { EntityInputs } from './edit.tsx';
import { useKindConfig } from './use-kind.ts';

/** A new entity of the resource's kind, as a draft unless told otherwise, with its first citation. */
export function EntityCreate() {
  const config = useKindConfig();
  const onError = useSaveErrorHandler();
  const onSuccess = useWriteSuccess('show', 'Created');
  return (
    <Create title={`New ${config.singular.toLowerCase()}`} redirect="show" mutationOptions={{ onSuccess, onError }}>
      <SimpleForm defaultValues={{ status: 'DRAFT' }} sx={FORM_SX}>
        <EntityInputs nameHelp="The preferred name; it becomes the entity's preferred label" />
        <CreateCitationInputs />
      </SimpleForm>
    </Create>
  );
}

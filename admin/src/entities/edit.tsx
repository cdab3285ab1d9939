import { Edit, maxLength, required, SelectInput, ShowButton, SimpleForm, TextInput, TopToolbar } from 'react-admin';
import { EditCitationInputs } from '../common/citation-inputs.tsx';
import { useSaveErrorHandler } from '../common/conflict.tsx';
import { EditToolbar, FORM_SX, ReasonInput, VersionNote } from '../common/forms.tsx';
import { useWriteSuccess } from '../common/write-feedback.ts';
import { DetailInputs } from './details.tsx';
import { STATUS_CHOICES } from './kinds.ts';
import { EntityTitle } from './show.tsx';
import { useKindConfig } from './use-kind.ts';

/** Name, status and the kind's details; saving sends the version read, so a concurrent change is refused. */
export function EntityEdit() {
  const config = useKindConfig();
  const onSuccess = useWriteSuccess('show');
  const onError = useSaveErrorHandler({ onSaved: onSuccess });
  return (
    <Edit
      title={<EntityTitle action="Edit" />}
      mutationMode="pessimistic"
      mutationOptions={{ onSuccess, onError }}
      redirect="show"
      actions={
        <TopToolbar>
          <ShowButton />
        </TopToolbar>
      }
    >
      <SimpleForm toolbar={<EditToolbar />} warnWhenUnsavedChanges sx={FORM_SX}>
        <VersionNote />
        <TextInput
          source="name"
          label="Name"
          validate={[required(), maxLength(300)]}
          fullWidth
          helperText="The preferred name, as curators and users read it"
        />
        <SelectInput source="status" label="Status" choices={STATUS_CHOICES} validate={required()} />
        <DetailInputs config={config} />
        <ReasonInput />
        <EditCitationInputs />
      </SimpleForm>
    </Edit>
  );
}

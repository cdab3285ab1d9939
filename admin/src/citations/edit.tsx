import { Edit, SelectInput, ShowButton, SimpleForm, TopToolbar } from 'react-admin';
import { useSaveErrorHandler } from '../common/conflict.tsx';
import { EditToolbar, FORM_SX, ReasonInput, VersionNote } from '../common/forms.tsx';
import { useWriteSuccess } from '../common/write-feedback.ts';
import { CitationFields } from './inputs.tsx';

const REVIEW_CHOICES = [
  { id: 'pending', name: 'Pending review' },
  { id: 'accepted', name: 'Accepted' },
  { id: 'rejected', name: 'Rejected' },
];

export function CitationEdit() {
  const onSuccess = useWriteSuccess('show');
  const onError = useSaveErrorHandler({ onSaved: onSuccess });
  return (
    <Edit
      title="Edit citation"
      mutationMode="pessimistic"
      mutationOptions={{ onSuccess, onError }}
      redirect="show"
      actions={
        <TopToolbar>
          <ShowButton />
        </TopToolbar>
      }
    >
      <SimpleForm toolbar={<EditToolbar deleteRedirect="/citations" />} warnWhenUnsavedChanges sx={FORM_SX}>
        <VersionNote />
        <CitationFields />
        <SelectInput source="reviewStatus" label="Review status" choices={REVIEW_CHOICES} />
        <ReasonInput />
      </SimpleForm>
    </Edit>
  );
}

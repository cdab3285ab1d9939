import { SelectInput } from 'react-admin';
import { FactEdit } from '../common/fact-edit.tsx';
import { EditToolbar } from '../common/forms.tsx';
import { CitationFields } from './inputs.tsx';

const REVIEW_CHOICES = [
  { id: 'pending', name: 'Pending review' },
  { id: 'accepted', name: 'Accepted' },
  { id: 'rejected', name: 'Rejected' },
];

export function CitationEdit() {
  return (
    <FactEdit title={() => 'Edit citation'} cited={false} toolbar={<EditToolbar deleteRedirect="/citations" />}>
      <CitationFields />
      <SelectInput source="reviewStatus" label="Review status" choices={REVIEW_CHOICES} />
    </FactEdit>
  );
}

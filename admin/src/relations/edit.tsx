import {
  Edit,
  FunctionField,
  Labeled,
  required,
  SelectInput,
  ShowButton,
  SimpleForm,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import { EditCitationInputs } from '../common/citation-inputs.tsx';
import { useSaveErrorHandler } from '../common/conflict.tsx';
import { EntityLink } from '../common/entity-link.tsx';
import { EditToolbar, FORM_SX, ReasonInput, VersionNote } from '../common/forms.tsx';
import { JsonInput } from '../common/json.tsx';
import { useWriteSuccess } from '../common/write-feedback.ts';
import { STATUS_CHOICES } from '../entities/kinds.ts';
import { PredicateField, relationTitle } from './fields.tsx';

function Title() {
  const record = useRecordContext();
  return <span>Edit relation: {relationTitle(record)}</span>;
}

/** A relation's ends and predicate are fixed (delete and recreate to change them); status and attributes change. */
export function RelationEdit() {
  const onSuccess = useWriteSuccess('show');
  const onError = useSaveErrorHandler({ onSaved: onSuccess });
  return (
    <Edit
      title={<Title />}
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
        <Labeled label="From">
          <FunctionField render={(r) => <EntityLink entity={r.from} showKind />} />
        </Labeled>
        <Labeled label="Relation">
          <PredicateField />
        </Labeled>
        <Labeled label="To">
          <FunctionField render={(r) => <EntityLink entity={r.to} showKind />} />
        </Labeled>
        <SelectInput source="status" label="Status" choices={STATUS_CHOICES} validate={required()} />
        <JsonInput source="attributes" label="Attributes" fullWidth />
        <ReasonInput />
        <EditCitationInputs />
      </SimpleForm>
    </Edit>
  );
}

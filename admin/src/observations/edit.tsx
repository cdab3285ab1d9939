import { Edit, FunctionField, Labeled, ShowButton, SimpleForm, TopToolbar, useRecordContext } from 'react-admin';
import { EditCitationInputs } from '../common/citation-inputs.tsx';
import { useSaveErrorHandler } from '../common/conflict.tsx';
import { EntityLink } from '../common/entity-link.tsx';
import { EditToolbar, FORM_SX, ReasonInput, VersionNote } from '../common/forms.tsx';
import { useWriteSuccess } from '../common/write-feedback.ts';
import { ObservationInputs } from './inputs.tsx';
import { observationTitle } from './show.tsx';

function Title() {
  const record = useRecordContext();
  return <span>Edit observation: {observationTitle(record)}</span>;
}

export function ObservationEdit() {
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
        <Labeled label="Entity">
          <FunctionField render={(o) => <EntityLink entity={o.entity} showKind />} />
        </Labeled>
        <ObservationInputs />
        <ReasonInput />
        <EditCitationInputs />
      </SimpleForm>
    </Edit>
  );
}

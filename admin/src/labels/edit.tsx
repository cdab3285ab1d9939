import { Typography } from '@mui/material';
import { Edit, required, SelectInput, SimpleForm, TextInput, useRecordContext } from 'react-admin';
import { EditCitationInputs } from '../common/citation-inputs.tsx';
import { useSaveErrorHandler } from '../common/conflict.tsx';
import { EntityLink } from '../common/entity-link.tsx';
import { EditToolbar, FORM_SX, ReasonInput, VersionNote } from '../common/forms.tsx';
import { useWriteSuccess } from '../common/write-feedback.ts';
import { kindLabel, LABEL_TYPE_CHOICES } from '../entities/kinds.ts';
import { entityNamesPath } from './paths.ts';

function LabelTitle() {
  const record = useRecordContext();
  return <span>{record ? `Name “${record.text}” of ${record.entity?.name ?? 'an entity'}` : 'Name'}</span>;
}

export function LabelOf() {
  const record = useRecordContext();
  if (!record?.entity) return null;
  return (
    <Typography variant="body1" sx={{ mb: 1 }}>
      A name of the {kindLabel(record.entity.kind).toLowerCase()} <EntityLink entity={record.entity} />
    </Typography>
  );
}

/** One name of an entity; saving checks the version read, then returns to the entity's Names tab. */
export function LabelEdit() {
  const onSuccess = useWriteSuccess(entityNamesPath);
  const onError = useSaveErrorHandler({ onSaved: onSuccess });
  return (
    <Edit
      title={<LabelTitle />}
      mutationMode="pessimistic"
      mutationOptions={{ onSuccess, onError }}
      redirect={entityNamesPath}
    >
      <SimpleForm
        toolbar={<EditToolbar deleteRedirect={(resource, id, data) => entityNamesPath(resource, id, data)} />}
        warnWhenUnsavedChanges
        sx={FORM_SX}
      >
        <LabelOf />
        <VersionNote />
        <TextInput source="text" label="Name" validate={required()} fullWidth />
        <SelectInput source="type" label="Type" choices={LABEL_TYPE_CHOICES} validate={required()} />
        <TextInput source="language" label="Language" helperText="A language tag such as en or es" />
        <ReasonInput />
        <EditCitationInputs />
      </SimpleForm>
    </Edit>
  );
}

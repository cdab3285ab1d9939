import { Typography } from '@mui/material';
import { type RaRecord, required, SelectInput, TextInput, useRecordContext } from 'react-admin';
import { EntityLink } from '../common/entity-link.tsx';
import { FactEdit } from '../common/fact-edit.tsx';
import { EditToolbar } from '../common/forms.tsx';
import { kindLabel, LABEL_TYPE_CHOICES } from '../entities/kinds.ts';
import { entityNamesPath } from './paths.ts';

const labelTitle = (label?: RaRecord) =>
  label ? `Name “${label.text}” of ${label.entity?.name ?? 'an entity'}` : 'Name';

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
  return (
    <FactEdit
      title={labelTitle}
      redirect={entityNamesPath}
      showButton={false}
      toolbar={<EditToolbar deleteRedirect={(resource, id, data) => entityNamesPath(resource, id, data)} />}
    >
      <LabelOf />
      <TextInput source="text" label="Name" validate={required()} fullWidth />
      <SelectInput source="type" label="Type" choices={LABEL_TYPE_CHOICES} validate={required()} />
      <TextInput source="language" label="Language" helperText="A language tag such as en or es" />
    </FactEdit>
  );
}

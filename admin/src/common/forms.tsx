import { Typography } from '@mui/material';
import {
  DeleteWithConfirmButton,
  type RedirectionSideEffect,
  SaveButton,
  TextInput,
  Toolbar,
  type ToolbarProps,
  useRecordContext,
} from 'react-admin';

/** Save, and (when the resource can be deleted) a confirmed delete that sends the version read. */
export function EditToolbar({
  deletable = true,
  deleteRedirect,
  ...props
}: ToolbarProps & { deletable?: boolean; deleteRedirect?: RedirectionSideEffect }) {
  return (
    <Toolbar {...props} sx={{ display: 'flex', justifyContent: 'space-between' }}>
      <SaveButton />
      {deletable ? <DeleteWithConfirmButton mutationMode="pessimistic" redirect={deleteRedirect} /> : null}
    </Toolbar>
  );
}

/** The reason a curator gives for a change; the API keeps it in the change log. */
export function ReasonInput() {
  return (
    <TextInput
      source="reason"
      label="Reason for the change (optional)"
      helperText="Kept in the change log with your change"
      fullWidth
    />
  );
}

/** Which version the form was read at; saving checks it has not changed since. */
export function VersionNote() {
  const record = useRecordContext();
  if (!record?.version) return null;
  return (
    <Typography variant="caption" color="text.secondary" sx={{ mb: 1 }}>
      Editing version {record.version}. If someone saves a newer version first, your save is refused and you can reload.
    </Typography>
  );
}

/** Forms read better at a comfortable width than stretched across the page. */
export const FORM_SX = { maxWidth: 820 };

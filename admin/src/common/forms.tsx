import { Typography } from '@mui/material';
import {
  DeleteWithConfirmButton,
  type DeleteWithConfirmButtonProps,
  type RaRecord,
  type RedirectionSideEffect,
  SaveButton,
  TextInput,
  Toolbar,
  type ToolbarProps,
  useNotify,
  useRecordContext,
  useRedirect,
  useRefresh,
  useResourceContext,
} from 'react-admin';
import { CanWrite } from './roles.tsx';

/**
 * A confirmed delete that sends the version read. A curator's delete waits for review: the record stays, so the
 * page says so instead of "Deleted" and stays where it is.
 */
export function DeleteFactButton({ redirect: redirectTo = 'list', ...props }: DeleteWithConfirmButtonProps) {
  const notify = useNotify();
  const redirect = useRedirect();
  const refresh = useRefresh();
  const resource = useResourceContext(props);
  return (
    <CanWrite>
      <DeleteWithConfirmButton
        mutationMode="pessimistic"
        {...props}
        mutationOptions={{
          onSuccess: (data: RaRecord) => {
            if ((data as { pendingDraft?: unknown }).pendingDraft) {
              notify('Deletion sent for review: the record stays until a reviewer publishes it.', { type: 'info' });
              // the delete left lists without the record: read them again
              refresh();
              return;
            }
            notify('Deleted', { type: 'info' });
            if (redirectTo !== false) redirect(redirectTo, resource, data.id, data);
          },
        }}
      />
    </CanWrite>
  );
}

/** Save, and (when the resource can be deleted) a confirmed delete that sends the version read. */
export function EditToolbar({
  deletable = true,
  deleteRedirect,
  ...props
}: ToolbarProps & { deletable?: boolean; deleteRedirect?: RedirectionSideEffect }) {
  return (
    <Toolbar {...props} sx={{ display: 'flex', justifyContent: 'space-between' }}>
      <SaveButton />
      {deletable ? <DeleteFactButton redirect={deleteRedirect} /> : null}
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
      Editing version {record.version}. If someone saves a newer version first, your save is refused and you can compare
      both versions, then re-apply yours or discard it.
    </Typography>
  );
}

/** Forms read better at a comfortable width than stretched across the page. */
export const FORM_SX = { maxWidth: 820 };

import { Alert, Button } from '@mui/material';
import { useCloseNotification, useNotify, useRefresh } from 'react-admin';
import { CONFLICT_MESSAGE, isConflict } from '../graphql.ts';

function ConflictNotification() {
  const refresh = useRefresh();
  const close = useCloseNotification();
  return (
    <Alert
      severity="error"
      variant="filled"
      role="alert"
      sx={{ maxWidth: 560 }}
      action={
        <Button
          color="inherit"
          size="small"
          onClick={() => {
            refresh();
            close();
          }}
        >
          Reload
        </Button>
      }
    >
      {CONFLICT_MESSAGE}
    </Alert>
  );
}

/**
 * What a failed save tells the curator. A CONFLICT (someone saved first) stays on screen with a Reload button
 * that fetches the latest version into the form; other errors show the API's message.
 */
export function useSaveErrorHandler() {
  const notify = useNotify();
  return (error: unknown) => {
    if (isConflict(error)) {
      notify(<ConflictNotification />, { type: 'error', autoHideDuration: null });
      return;
    }
    const message = (error as Error | undefined)?.message || 'The change was not saved.';
    notify(message, { type: 'error', multiLine: message.length > 80 });
  };
}

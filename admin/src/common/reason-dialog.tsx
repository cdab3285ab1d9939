import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  type TextFieldProps,
} from '@mui/material';
import type { ReactElement, ReactNode } from 'react';

/**
 * A confirmation that asks why: the title, what it will do (`children`), the reason field (`field` sets its
 * label and shape), Cancel, and the confirming button.
 */
export function ReasonDialog({
  open,
  title,
  reason,
  onReason,
  field,
  onCancel,
  confirm,
  children,
}: {
  open: boolean;
  title: ReactNode;
  reason: string;
  onReason: (reason: string) => void;
  field: TextFieldProps;
  onCancel: () => void;
  confirm: ReactElement;
  children?: ReactNode;
}) {
  return (
    <Dialog open={open} onClose={onCancel} fullWidth maxWidth="sm">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        {children}
        <TextField fullWidth {...field} value={reason} onChange={(e) => onReason(e.target.value)} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        {confirm}
      </DialogActions>
    </Dialog>
  );
}

import { TextField } from '@mui/material';
import type { ReactNode } from 'react';

/** A small drop-down of `MenuItem`s, for narrowing a table or picking a value beside it. */
export function SmallSelect({
  label,
  value,
  onChange,
  minWidth,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  minWidth: number;
  children: ReactNode;
}) {
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      sx={{ minWidth }}
    >
      {children}
    </TextField>
  );
}

import { Typography } from '@mui/material';
import { TextInput, type TextInputProps, useRecordContext } from 'react-admin';
import { compactJson } from './format.ts';

const format = (value: unknown) =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value, null, 2);

const validJson = (value: unknown) => {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    const parsed = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? undefined
      : 'Write an object, e.g. { "required": "typical" }';
  } catch {
    return 'Not valid JSON';
  }
};

/** Edits a JSON object as text; the data provider parses it. */
export function JsonInput(props: Omit<TextInputProps, 'format' | 'parse'>) {
  return (
    <TextInput
      multiline
      minRows={3}
      format={format}
      parse={(v: string) => v}
      validate={validJson}
      helperText='A JSON object, e.g. { "importance": 4.5 }'
      {...props}
    />
  );
}

export function JsonField({ source }: { source: string; label?: string }) {
  const record = useRecordContext();
  const text = compactJson(record?.[source]);
  return <Typography variant="body2">{text || '—'}</Typography>;
}

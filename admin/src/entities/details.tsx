import { Box, Chip, Stack, Typography } from '@mui/material';
import {
  Labeled,
  maxValue,
  minValue,
  NumberInput,
  number,
  regex,
  required,
  SelectInput,
  TextInput,
  useRecordContext,
  type Validator,
} from 'react-admin';
import type { DetailField, KindConfig } from './kinds.ts';

const linesFormat = (value: unknown) => (Array.isArray(value) ? value.join('\n') : (value ?? ''));
const linesParse = (value: string) =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function validatorsFor(field: DetailField): Validator[] {
  const validators: Validator[] = [];
  if (field.required) validators.push(required());
  if (field.pattern) validators.push(regex(field.pattern.regex, field.pattern.message));
  if (field.type === 'integer' || field.type === 'number') validators.push(number());
  if (field.type === 'integer') {
    validators.push((value: unknown) =>
      value === null || value === undefined || value === '' || Number.isInteger(Number(value))
        ? undefined
        : 'A whole number',
    );
  }
  if (field.min !== undefined) validators.push(minValue(field.min));
  if (field.max !== undefined) validators.push(maxValue(field.max));
  if (field.type === 'url') {
    validators.push(regex(/^https?:\/\/\S+$/, 'A web address starting with http:// or https://'));
  }
  return validators;
}

/** The input of one detail field; its value lives at details.<name>. */
export function DetailInput({ field }: { field: DetailField }) {
  const common = {
    source: `details.${field.name}`,
    label: field.label,
    helperText: field.helperText ?? false,
    validate: validatorsFor(field),
  };
  switch (field.type) {
    case 'select':
      return (
        <SelectInput {...common} choices={[...(field.choices ?? [])]} emptyText={field.required ? undefined : '—'} />
      );
    case 'integer':
    case 'number':
      return <NumberInput {...common} step={field.type === 'integer' ? 1 : 0.5} />;
    case 'longText':
      return <TextInput {...common} multiline minRows={3} fullWidth />;
    case 'lines':
      return <TextInput {...common} multiline minRows={2} fullWidth format={linesFormat} parse={linesParse} />;
    case 'url':
      return <TextInput {...common} type="url" fullWidth />;
    default:
      return <TextInput {...common} />;
  }
}

export function DetailInputs({ config }: { config: KindConfig }) {
  return (
    <>
      {config.details.map((field) => (
        <DetailInput key={field.name} field={field} />
      ))}
    </>
  );
}

/** A detail value as text: choices by their name, lists as chips, blanks as a dash. */
export function DetailValue({ field, value }: { field: DetailField; value: unknown }) {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return (
      <Typography variant="body2" color="text.disabled">
        —
      </Typography>
    );
  }
  if (Array.isArray(value)) {
    return (
      <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
        {value.map((item) => (
          <Chip key={String(item)} size="small" label={String(item)} />
        ))}
      </Stack>
    );
  }
  if (field.type === 'select') {
    const choice = field.choices?.find((c) => String(c.id) === String(value));
    return <Typography variant="body2">{choice?.name ?? String(value)}</Typography>;
  }
  if (field.type === 'url') {
    return (
      <Typography variant="body2" component="a" href={String(value)} target="_blank" rel="noreferrer">
        {String(value)}
      </Typography>
    );
  }
  return (
    <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
      {String(value)}
    </Typography>
  );
}

/** The kind's detail fields of the record in context, labelled. */
export function DetailFields({ config }: { config: KindConfig }) {
  const record = useRecordContext();
  const details = record?.details ?? {};
  const short = config.details.filter((f) => f.type !== 'longText' && f.type !== 'lines');
  const long = config.details.filter((f) => f.type === 'longText' || f.type === 'lines');
  return (
    <Stack spacing={2}>
      {short.length > 0 && (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 6, rowGap: 2 }}>
          {short.map((field) => (
            <Labeled key={field.name} label={field.label}>
              <DetailValue field={field} value={details[field.name]} />
            </Labeled>
          ))}
        </Box>
      )}
      {long.map((field) => (
        <Labeled key={field.name} label={field.label} fullWidth>
          <DetailValue field={field} value={details[field.name]} />
        </Labeled>
      ))}
    </Stack>
  );
}

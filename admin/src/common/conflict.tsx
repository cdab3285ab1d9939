import { Alert, AlertTitle, Box, Button, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useEffect, useState } from 'react';
import {
  type RaRecord,
  useCloseNotification,
  useDataProvider,
  useNotify,
  useRefresh,
  useResourceContext,
  useUpdate,
} from 'react-admin';
import { humanize } from '../entities/kinds.ts';
import { CONFLICT_MESSAGE, isConflict } from '../graphql.ts';

// biome-ignore lint/suspicious/noExplicitAny: a record as react-admin hands it to a form: any field, any value.
type FormRecord = Record<string, any>;

/** Form values that are not fields of the fact: bookkeeping, what the form adds, and what the API derives. */
const NOT_COMPARED = new Set([
  'id',
  'version',
  'reason',
  'citation',
  'pendingDraft',
  'createdAt',
  'updatedAt',
  'kind',
  'direction',
]);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const blank = (value: unknown) => (value === '' || value === undefined ? null : value);

/** The fact's own values, flat: `details.socCode` for an entity's details; nested references left out. */
function flatten(record: FormRecord | null | undefined): FormRecord {
  const result: FormRecord = {};
  for (const [key, value] of Object.entries(record ?? {})) {
    if (NOT_COMPARED.has(key)) continue;
    if (key === 'details' && value && typeof value === 'object') {
      for (const [detail, v] of Object.entries(value)) result[`details.${detail}`] = blank(v);
    } else if (key === 'attributes' || value === null || typeof value !== 'object') {
      result[key] = blank(value);
    }
  }
  return result;
}

/** The curator's changes (what they submitted that differs from what they read) laid over the stored record. */
export function mineOverCurrent(read: FormRecord, submitted: FormRecord, current: FormRecord): FormRecord {
  const result: FormRecord = { ...current, reason: submitted.reason, citation: submitted.citation };
  for (const [key, value] of Object.entries(submitted)) {
    if (NOT_COMPARED.has(key)) continue;
    if (key === 'details' && value && typeof value === 'object') {
      result.details = { ...(current.details ?? {}) };
      for (const [detail, v] of Object.entries(value)) {
        if (!same(blank(v), blank(read.details?.[detail]))) result.details[detail] = v;
      }
    } else if (!same(blank(value), blank(read[key]))) {
      result[key] = value;
    }
  }
  return result;
}

const show = (value: unknown) =>
  value === null || value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** Both versions side by side: what the curator submitted and what is stored now, for every field either changed. */
function ConflictNotice({
  resource,
  id,
  read,
  submitted,
  onSaved,
}: {
  resource: string;
  id: RaRecord['id'];
  read: FormRecord;
  submitted: FormRecord;
  onSaved?: (data: RaRecord) => void;
}) {
  const dataProvider = useDataProvider();
  const refresh = useRefresh();
  const close = useCloseNotification();
  const notify = useNotify();
  const [update, { isPending }] = useUpdate();
  const [current, setCurrent] = useState<FormRecord | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    dataProvider
      .getOne(resource, { id })
      .then(({ data }) => setCurrent(data))
      .catch((e: Error) => setFailure(e.message));
  }, [dataProvider, resource, id]);

  const before = flatten(read);
  const mine = flatten(submitted);
  const stored = flatten(current);
  const fields = [...new Set([...Object.keys(mine), ...Object.keys(stored)])].filter(
    (f) => (f in mine && !same(mine[f], before[f])) || (current && f in stored && !same(stored[f], before[f])),
  );

  const reapply = () => {
    if (!current) return;
    update(
      resource,
      { id, data: mineOverCurrent(read, submitted, current), previousData: current },
      {
        mutationMode: 'pessimistic',
        onSuccess: (data) => {
          close();
          if (onSaved) onSaved(data);
          else refresh();
        },
        onError: (error) => {
          if (isConflict(error)) {
            // changed again meanwhile: show the newest version and let the curator decide again
            dataProvider.getOne(resource, { id }).then(({ data }) => setCurrent(data));
          } else {
            notify((error as Error).message, { type: 'error' });
          }
        },
      },
    );
  };

  return (
    <Alert severity="error" role="alert" sx={{ maxWidth: 760 }} variant="outlined" aria-label="Save conflict">
      <AlertTitle>Not saved: someone changed this record first</AlertTitle>
      Someone changed this record since you read it, so your change was not saved. Compare the versions: re-apply your
      changes over the stored version (the other changes stay), or discard yours.
      {failure ? <Box sx={{ mt: 1 }}>{failure}</Box> : null}
      <Table size="small" aria-label="Your version and the stored version" sx={{ mt: 1, bgcolor: 'background.paper' }}>
        <TableHead>
          <TableRow>
            <TableCell>Field</TableCell>
            <TableCell>You read (version {read.version})</TableCell>
            <TableCell>You submitted</TableCell>
            <TableCell>Stored now{current ? ` (version ${current.version})` : ''}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {fields.map((field) => (
            <TableRow key={field}>
              <TableCell>{humanize(field.replace(/^details\./, ''))}</TableCell>
              <TableCell>{show(before[field])}</TableCell>
              <TableCell>{show(field in mine ? mine[field] : before[field])}</TableCell>
              <TableCell>{current ? show(stored[field]) : '…'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Box sx={{ display: 'flex', gap: 1, mt: 1.5 }}>
        <Button variant="contained" size="small" onClick={reapply} disabled={!current || isPending}>
          Re-apply my changes
        </Button>
        <Button
          variant="outlined"
          size="small"
          onClick={() => {
            refresh();
            close();
          }}
        >
          Discard mine
        </Button>
      </Box>
    </Alert>
  );
}

interface SaveVariables {
  resource?: string;
  id?: RaRecord['id'];
  data?: FormRecord;
  previousData?: FormRecord;
}

/**
 * What a failed save tells the curator. A CONFLICT (someone saved first) stays on screen with both versions, to
 * re-apply the curator's changes over the stored version or to discard them; other errors show the API's message.
 * `onSaved` is what a successful re-apply does (the page's own success handling).
 */
export function useSaveErrorHandler(options: { onSaved?: (data: RaRecord) => void } = {}) {
  const notify = useNotify();
  const pageResource = useResourceContext();
  return (error: unknown, variables?: unknown) => {
    const v = (variables ?? {}) as SaveVariables;
    if (isConflict(error)) {
      const resource = v.resource ?? pageResource;
      if (resource && v.id !== undefined && v.data && v.previousData) {
        notify(
          <ConflictNotice
            resource={resource}
            id={v.id}
            read={v.previousData}
            submitted={v.data}
            onSaved={options.onSaved}
          />,
          { type: 'error', autoHideDuration: null },
        );
      } else {
        notify(CONFLICT_MESSAGE, { type: 'error', autoHideDuration: null, multiLine: true });
      }
      return;
    }
    const message = (error as Error | undefined)?.message || 'The change was not saved.';
    notify(message, { type: 'error', multiLine: message.length > 80 });
  };
}

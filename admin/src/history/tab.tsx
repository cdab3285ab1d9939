import { Box, Button, DialogContentText, Stack, TableCell, TableRow, Typography } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { AttributesText } from '../common/attributes.tsx';
import { RawDetails } from '../common/citation-text.tsx';
import { formatDateTime } from '../common/format.ts';
import { PlainTable } from '../common/plain-table.tsx';
import { ReasonDialog } from '../common/reason-dialog.tsx';
import { useAbilities } from '../common/roles.tsx';
import { SENT_FOR_REVIEW } from '../common/write-feedback.ts';
import type { ConsoleDataProvider } from '../data-provider.ts';
import { humanize } from '../entities/kinds.ts';
import type { ChangeEvent } from './api.ts';

interface Fact {
  id: string;
  title: string;
  version: number;
}

const short = (value: unknown) => {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
};

/** References to other rows (the entity a name belongs to, IDs of observations) say nothing a curator reads here. */
const shown = (field: string) => !/(_id|Ids?)$/.test(field) && field !== 'id';

/** A changed value as words: attributes as a phrase, other records behind "details". */
function ChangedValue({ field, value }: { field: string; value: unknown }) {
  if (field === 'attributes') return <AttributesText attributes={value} />;
  if (value !== null && typeof value === 'object') {
    return <RawDetails>{JSON.stringify(value, null, 2)}</RawDetails>;
  }
  return <>{short(value)}</>;
}

function Diff({ event }: { event: ChangeEvent }) {
  if (event.op === 'delete') return <Typography variant="body2">Deleted</Typography>;
  return (
    <Stack spacing={0.25}>
      {event.diff
        .filter((c) => shown(c.field))
        .map((c) => (
          <Typography key={c.field} variant="body2" component="div" sx={{ wordBreak: 'break-word' }}>
            <b>{humanize(c.field)}</b>:{' '}
            {event.op === 'create' ? null : (
              <>
                <ChangedValue field={c.field} value={c.before} /> →{' '}
              </>
            )}
            <ChangedValue field={c.field} value={c.after} />
          </Typography>
        ))}
    </Stack>
  );
}

const HEADINGS = ['When', 'Fact', 'Change', 'Version', 'Who', 'Approved by', 'Reason', 'What changed'];

/**
 * Every logged change of an entity and of its names, newest first: who made it, who approved it, why, and what
 * it changed. A change can be undone by bringing its fact back to an earlier version; the revert is itself a
 * change (a draft when a curator asks for it).
 */
export function HistoryTab({ factLabel = 'This entity' }: { label?: false | string; factLabel?: string }) {
  const record = useRecordContext();
  const { canWrite } = useAbilities();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [events, setEvents] = useState<ChangeEvent[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [reverting, setReverting] = useState<ChangeEvent | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const facts = useMemo<Fact[]>(() => {
    if (!record) return [];
    const labels: Array<{ id: string; text: string; type: string; version: number }> = record.labels ?? [];
    return [
      { id: String(record.id), title: factLabel, version: record.version },
      ...labels.map((l) => ({ id: l.id, title: `Name “${l.text}”`, version: l.version })),
    ];
  }, [record, factLabel]);
  const byId = useMemo(() => new Map(facts.map((f) => [f.id, f])), [facts]);
  // reload whenever the entity or one of its names gets a new version
  const key = facts.map((f) => `${f.id}@${f.version}`).join(',');

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `facts`
  useEffect(() => {
    const controller = new AbortController();
    setFailure(null);
    dataProvider
      .history(
        facts.map((f) => f.id),
        controller.signal,
      )
      .then(setEvents)
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setFailure(e.message);
      });
    return () => controller.abort();
  }, [key]);

  if (!record) return null;

  const revert = async () => {
    const event = reverting;
    const fact = event ? byId.get(event.fact) : undefined;
    if (!event || !fact || event.version === null) return;
    setBusy(true);
    try {
      const result = await dataProvider.revert({
        factId: fact.id,
        toVersion: event.version,
        expectedVersion: fact.version,
        reason: reason.trim() || undefined,
      });
      notify(result.draft ? SENT_FOR_REVIEW : `Reverted to version ${event.version}`, {
        type: 'info',
        multiLine: true,
      });
      setReverting(null);
      setReason('');
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error', multiLine: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ width: '100%' }}>
      {failure ? <Typography color="error">{failure}</Typography> : null}
      {events === null && !failure ? <Typography variant="body2">Loading the history…</Typography> : null}
      {events?.length === 0 ? <Typography variant="body2">No changes are logged.</Typography> : null}
      {events?.length ? (
        <PlainTable label="History" headings={canWrite ? [...HEADINGS, ''] : HEADINGS}>
          {events.map((event) => {
            const fact = byId.get(event.fact);
            const revertible =
              !!fact && event.op !== 'delete' && event.version !== null && event.version !== fact.version;
            return (
              <TableRow key={`${event.fact}-${event.id}`}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.at)}</TableCell>
                <TableCell>{fact?.title}</TableCell>
                <TableCell>{humanize(event.op)}</TableCell>
                <TableCell>{event.version ?? '—'}</TableCell>
                <TableCell>{event.actor}</TableCell>
                <TableCell>{event.approvedBy ?? '—'}</TableCell>
                <TableCell>{event.reason ?? '—'}</TableCell>
                <TableCell>
                  <Diff event={event} />
                </TableCell>
                {canWrite ? (
                  <TableCell>
                    {revertible ? (
                      <Button size="small" variant="outlined" onClick={() => setReverting(event)}>
                        Revert to this version
                      </Button>
                    ) : null}
                  </TableCell>
                ) : null}
              </TableRow>
            );
          })}
        </PlainTable>
      ) : null}
      <ReasonDialog
        open={!!reverting}
        title={`Revert to version ${reverting?.version}?`}
        reason={reason}
        onReason={setReason}
        field={{ label: 'Reason (optional)', sx: { mt: 2 } }}
        onCancel={() => setReverting(null)}
        confirm={
          <Button variant="contained" disabled={busy} onClick={revert}>
            Revert
          </Button>
        }
      >
        <DialogContentText>
          {reverting ? byId.get(reverting.fact)?.title : ''} goes back to how it was at version {reverting?.version}.
          The revert is a new change, logged like any other.
        </DialogContentText>
      </ReasonDialog>
    </Box>
  );
}

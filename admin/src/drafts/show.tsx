import { Alert, Box, Button, Stack, TableCell, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import {
  DateField,
  FunctionField,
  Labeled,
  ListButton,
  type RaRecord,
  TextField,
  TopToolbar,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
} from 'react-admin';
import { CitationTexts } from '../common/citation-text.tsx';
import { EntityLink } from '../common/entity-link.tsx';
import { PlainTable } from '../common/plain-table.tsx';
import { ReasonDialog } from '../common/reason-dialog.tsx';
import { useAbilities } from '../common/roles.tsx';
import { ShowPage } from '../common/show-page.tsx';
import type { ConsoleDataProvider } from '../data-provider.ts';
import { humanize } from '../entities/kinds.ts';
import { isConflict } from '../graphql.ts';
import { DraftStatusChip, diffValue, isReference, operationLabel, StaleChip } from './fields.tsx';
import { DraftSubject } from './subject.tsx';

interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

const draftTitle = (draft?: RaRecord) =>
  `Draft: ${draft ? `${operationLabel(draft.operation)} by ${draft.author}` : ''}`;

/** Field by field: the published value and the value the draft proposes. */
function DiffTable(_: { label?: string }) {
  const draft = useRecordContext();
  if (draft && draft.status !== 'PENDING') return <ProposedValues />;
  const changes: Change[] = (draft?.diff ?? []).filter((c: Change) => !isReference(c.field));
  if (changes.length === 0) {
    return <Typography variant="body2">Nothing would change: the published fact already says this.</Typography>;
  }
  return (
    <PlainTable
      label="Proposed changes"
      headings={['Field', 'Published value', 'Proposed value']}
      sx={{ maxWidth: 960 }}
    >
      {changes.map((c) => (
        <TableRow key={c.field}>
          <TableCell>{humanize(c.field.replace(/^details\./, ''))}</TableCell>
          <TableCell sx={{ wordBreak: 'break-word' }}>{diffValue(c.before)}</TableCell>
          <TableCell sx={{ wordBreak: 'break-word', fontWeight: 600 }}>{diffValue(c.after)}</TableCell>
        </TableRow>
      ))}
    </PlainTable>
  );
}

const NOT_VALUES = new Set(['id', 'expectedVersion', 'citations', 'reason']);

/** A closed draft: what it proposed (the fact's history shows what publishing changed). */
function ProposedValues() {
  const draft = useRecordContext();
  const input = (draft?.input ?? {}) as { [field: string]: unknown };
  const values = Object.entries(input).filter(
    ([field, value]) => !NOT_VALUES.has(field) && !isReference(field) && value !== undefined,
  );
  return (
    <Stack spacing={1}>
      <Typography variant="body2">
        {draft?.status === 'PUBLISHED'
          ? 'Published: the fact now says what this draft proposed. Its history shows the change.'
          : `This draft was ${humanize(draft?.status).toLowerCase()}; nothing was changed.`}
      </Typography>
      {values.length ? (
        <PlainTable label="Proposed values" headings={['Field', 'Proposed value']} sx={{ maxWidth: 960 }}>
          {values.map(([field, value]) => (
            <TableRow key={field}>
              <TableCell>{humanize(field)}</TableCell>
              <TableCell sx={{ wordBreak: 'break-word' }}>{diffValue(value)}</TableCell>
            </TableRow>
          ))}
        </PlainTable>
      ) : null}
    </Stack>
  );
}

/** The citations the draft brings: a reviewer publishes only a change that cites a source. */
function EvidenceList(_: { label?: string }) {
  const draft = useRecordContext();
  return (
    <CitationTexts
      citations={draft?.evidence ?? []}
      missing="No citation: this draft cannot be published until its author proposes it again with a source."
    />
  );
}

/** Publish, reject (with a reason) or withdraw, as the viewer's role and authorship allow. */
function ReviewActions() {
  const draft = useRecordContext();
  const { canReview, canWrite, email, role } = useAbilities();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  if (draft?.status !== 'PENDING') return null;
  const own = draft.author === email;

  const act = async (action: 'publish' | 'reject' | 'withdraw', done: string, why?: string) => {
    setBusy(true);
    try {
      await dataProvider.review(action, {
        id: String(draft.id),
        ...(action === 'withdraw' ? {} : { expectedVersion: draft.version }),
        ...(why ? { reason: why } : {}),
      });
      notify(done, { type: 'info' });
      setRejecting(false);
      refresh();
    } catch (error) {
      if (isConflict(error)) {
        // the fact (or the draft) changed since this page was read: show the draft as it is now
        notify(
          'Not done: this draft or its fact changed since you opened it. It is shown again as it is now; a stale draft cannot be published.',
          { type: 'error', multiLine: true },
        );
        refresh();
      } else {
        notify((error as Error).message, { type: 'error', multiLine: true });
      }
    } finally {
      setBusy(false);
    }
  };

  // a reviewer may not publish their own draft (an admin may)
  const mayPublish = canReview && (!own || role === 'ADMIN');
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
      {canReview ? (
        <>
          <Button
            variant="contained"
            color="success"
            disabled={busy || !mayPublish}
            onClick={() => act('publish', 'Published')}
          >
            Publish
          </Button>
          <Button variant="outlined" color="error" disabled={busy} onClick={() => setRejecting(true)}>
            Reject
          </Button>
          {!mayPublish ? (
            <Typography variant="body2" color="text.secondary">
              Another reviewer publishes your own drafts.
            </Typography>
          ) : null}
        </>
      ) : null}
      {canWrite && own ? (
        <Button variant="outlined" disabled={busy} onClick={() => act('withdraw', 'Withdrawn')}>
          Withdraw
        </Button>
      ) : null}
      <ReasonDialog
        open={rejecting}
        title="Reject this draft"
        reason={reason}
        onReason={setReason}
        field={{ autoFocus: true, multiline: true, minRows: 2, label: 'Reason (the author reads it)', sx: { mt: 1 } }}
        onCancel={() => setRejecting(false)}
        confirm={
          <Button
            color="error"
            variant="contained"
            disabled={busy || reason.trim() === ''}
            onClick={() => act('reject', 'Rejected', reason.trim())}
          >
            Reject draft
          </Button>
        }
      />
    </Box>
  );
}

function StaleWarning() {
  const draft = useRecordContext();
  if (!draft?.stale || draft.status !== 'PENDING') return null;
  return (
    <Alert severity="warning">
      The fact changed after this draft was proposed, so publishing it is refused. Reject it, or let its author withdraw
      it and propose the change again on the current version.
    </Alert>
  );
}

/** One proposed change: what it would change, its evidence, and the review decision. */
export function DraftShow() {
  return (
    <ShowPage
      title={draftTitle}
      actions={
        <TopToolbar>
          <ListButton label="Review queue" />
        </TopToolbar>
      }
    >
      <StaleWarning />
      <FunctionField label="Change" render={(d) => operationLabel(d.operation)} />
      <FunctionField label="What it changes" render={(d) => <DraftSubject draft={d} />} />
      <FunctionField
        label="Entity"
        render={(d) => (d.entity ? <EntityLink entity={d.entity} showKind /> : 'A new entity')}
      />
      <FunctionField
        label="Status"
        render={(d) => (
          <>
            <DraftStatusChip status={d.status} /> <StaleChip stale={d.stale && d.status === 'PENDING'} />
          </>
        )}
      />
      <TextField source="author" label="Proposed by" />
      <DateField source="createdAt" label="Proposed" showTime />
      <TextField source="reason" label="Reason" emptyText="—" />
      <Labeled label="Changes" fullWidth>
        <DiffTable />
      </Labeled>
      <Labeled label="Citations" fullWidth>
        <EvidenceList />
      </Labeled>
      <FunctionField
        label="Review"
        render={(d) =>
          d.reviewer
            ? `${humanize(d.status)} by ${d.reviewer}${d.reviewReason ? `: ${d.reviewReason}` : ''}`
            : 'Awaiting review'
        }
      />
      <ReviewActions />
    </ShowPage>
  );
}

import { Chip, Tooltip } from '@mui/material';
import { describeFact, type FactNode } from '../common/fact.ts';
import { humanize } from '../entities/kinds.ts';

const STATUS_COLORS: Record<string, 'warning' | 'success' | 'default' | 'error'> = {
  PENDING: 'warning',
  PUBLISHED: 'success',
  REJECTED: 'error',
  WITHDRAWN: 'default',
};

export const DRAFT_STATUS_CHOICES = [
  ...['PENDING', 'PUBLISHED', 'REJECTED', 'WITHDRAWN'].map((id) => ({ id, name: humanize(id) })),
  { id: 'ANY', name: 'Any status' },
];

/** References to other rows (the entity a new name belongs to) are shown as links elsewhere on the page. */
export const isReference = (field: string) => /(Id|_id)$/.test(field);

/** "updateLabel" -> "Update name" (labels are names to curators). */
export function operationLabel(operation: string | undefined) {
  const match = /^(create|update|delete)(.+)$/.exec(operation ?? '');
  if (!match) return operation ?? '';
  const fact = match[2] === 'Label' ? 'name' : humanize(match[2]).toLowerCase();
  return `${humanize(match[1])} ${fact}`;
}

export function DraftStatusChip({ status }: { status?: string }) {
  if (!status) return null;
  // MUI's warning orange is too light for small text on white: a darker shade reads
  const sx = status === 'PENDING' ? { color: '#7a4100', borderColor: '#7a4100' } : undefined;
  return (
    <Chip size="small" variant="outlined" label={humanize(status)} color={STATUS_COLORS[status] ?? 'default'} sx={sx} />
  );
}

/** A draft whose fact changed after it was proposed cannot be published as it stands. */
export function StaleChip({ stale }: { stale?: boolean }) {
  if (!stale) return null;
  return (
    <Tooltip title="The fact changed after this draft was proposed: publishing it is refused. The author can propose it again.">
      <Chip size="small" color="error" label="Stale" />
    </Tooltip>
  );
}

/** A value from a diff, as text: JSON values (details, attributes, a deleted row) compactly. */
export function diffValue(value: unknown) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** What a draft changes, in words: the fact as it stands, or the fact it would create. */
export function draftSubject(draft: {
  operation: string;
  fact?: FactNode | null;
  entity?: { name: string } | null;
  input?: unknown;
}): { title: string; path: string | null } {
  const fact = draft.fact ? describeFact(draft.fact) : null;
  if (fact) return { title: fact.title, path: fact.path };
  const input = (draft.input ?? {}) as { [key: string]: unknown };
  const what = operationLabel(draft.operation).replace(/^(Create|Update|Delete) /, '');
  const named = typeof input.text === 'string' ? input.text : typeof input.name === 'string' ? input.name : null;
  const of = draft.entity ? ` of ${draft.entity.name}` : '';
  return { title: `A new ${what}${named ? ` “${named}”` : ''}${of}`, path: null };
}

import { Chip } from '@mui/material';
import { STATUS_CHOICES } from '../entities/kinds.ts';

const COLORS: Record<string, 'default' | 'success' | 'warning'> = {
  PUBLISHED: 'success',
  DRAFT: 'warning',
  RETIRED: 'default',
};

/** A fact's lifecycle status as a coloured chip. */
export function StatusChip({ status }: { status?: string | null }) {
  if (!status) return null;
  const name = STATUS_CHOICES.find((c) => c.id === status)?.name ?? status;
  return <Chip size="small" label={name} color={COLORS[status] ?? 'default'} variant="outlined" />;
}

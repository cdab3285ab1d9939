import { Tooltip } from '@mui/material';
import { type RaRecord, useRecordContext } from 'react-admin';
import { usePredicates } from '../common/predicates.ts';
import { humanize } from '../entities/kinds.ts';

/** The predicate as words, with the catalogue's description on hover. */
export function PredicateField(_: { label?: string; source?: string }) {
  const record = useRecordContext();
  const catalogue = usePredicates();
  if (!record) return null;
  const entry = catalogue.find((p) => p.name === record.predicate);
  return (
    <Tooltip title={entry?.description ?? ''}>
      <span>{humanize(record.predicate).toLowerCase()}</span>
    </Tooltip>
  );
}

export const relationTitle = (record?: Partial<RaRecord>) =>
  record ? `${record.from?.name ?? '?'} ${humanize(record.predicate).toLowerCase()} ${record.to?.name ?? '?'}` : '';

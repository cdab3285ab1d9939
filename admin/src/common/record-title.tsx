import type { ReactNode } from 'react';
import { type RaRecord, useRecordContext } from 'react-admin';

/** How a page names the record it shows, from the record (undefined while it loads). */
export type TitleOf = (record: RaRecord | undefined) => ReactNode;

/** A page title worked out from the record in context. */
export function RecordTitle({ of }: { of: TitleOf }) {
  const record = useRecordContext();
  return <span>{of(record)}</span>;
}

import type { Selectable } from 'kysely';
import type { Executor } from './connect.ts';
import { isUuid } from './errors.ts';
import type { Database } from './tables.ts';

type FactTable = 'entity' | 'label' | 'relation' | 'observation' | 'citation' | 'source';

/** Rows of one fact table by id, in the order asked (missing ones are undefined). */
export async function getRowsByIds<T extends FactTable>(
  db: Executor,
  table: T,
  ids: readonly string[],
): Promise<Array<Selectable<Database[T]> | undefined>> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (valid.length === 0) return ids.map(() => undefined);
  const rows = (await (db as Executor)
    .selectFrom(table as 'entity')
    .selectAll()
    .where('id', 'in', valid)
    .execute()) as unknown as Array<Selectable<Database[T]> & { id: string }>;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id));
}

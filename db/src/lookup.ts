import { type RawBuilder, type Selectable, sql } from 'kysely';
import { dbOf, type Reader, reviveTimestamps, selectRows } from './batch.ts';
import { isUuid } from './errors.ts';
import type { Database } from './tables.ts';

/**
 * `= any(...)` of one array parameter, for a column compared with a list: the statement's text stays the same
 * however long the list, so a connection prepares and plans it once instead of once per list length.
 */
export function anyOf(values: readonly unknown[], type: 'uuid' | 'text'): RawBuilder<never> {
  return sql<never>`any(${[...values]}::${sql.raw(type)}[])`;
}

type FactTable = 'entity' | 'label' | 'relation' | 'observation' | 'citation' | 'source';

const reviveFact = reviveTimestamps('created_at', 'updated_at', 'retrieved_at');

/** Rows of one fact table by id, in the order asked (missing ones are undefined). */
export async function getRowsByIds<T extends FactTable>(
  reader: Reader,
  table: T,
  ids: readonly string[],
): Promise<Array<Selectable<Database[T]> | undefined>> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (valid.length === 0) return ids.map(() => undefined);
  const query = dbOf(reader)
    .selectFrom(table as 'entity')
    .selectAll()
    .where('id', '=', anyOf(valid, 'uuid'));
  const rows = (await selectRows(reader, query, reviveFact)) as unknown as Array<
    Selectable<Database[T]> & { id: string }
  >;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id));
}

import type { Db } from '../connect.ts';
import type { DesiredEntity } from './sync.ts';

/** The detail column that holds a release's key, by the table of the entities it describes. */
const KEY_COLUMNS = { occupation: 'onet_soc_code', program: 'cip_code' } as const;

/**
 * Entities made before a release was imported (the seed's, or a curator's) that carry the release's key in
 * their details: an occupation its O*NET-SOC code, a program its CIP code.
 */
export function matchOnKeyColumn(table: keyof typeof KEY_COLUMNS) {
  const column = KEY_COLUMNS[table];
  return async (db: Db, unmatched: DesiredEntity[]) => {
    const keys = unmatched.map((u) => u.key);
    const rows = await db
      .selectFrom(table as 'occupation')
      .select(['entity_id', `${column as 'onet_soc_code'} as key`])
      .where(column as 'onet_soc_code', 'in', keys)
      .execute();
    return new Map(rows.map((r) => [r.key!, r.entity_id]));
  };
}

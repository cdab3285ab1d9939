import { sql } from 'kysely';
import type { Executor } from '../connect.ts';
import type { EntityKind, FactStatus } from '../model.ts';
import { type Page, pageWithTotal } from '../paging.ts';
import { PUBLIC_VISIBILITY, type Visibility } from '../visibility.ts';

/** `soc_code` orders occupations by their O*NET-SOC code (SOC order, then O*NET's detail); other kinds last. */
export type EntityOrder = 'name' | 'updated_at' | 'created_at' | 'soc_code';

/** Entities for page-numbered lists (the admin console): filter by kind, status and a name fragment. */
export function listEntities(
  db: Executor,
  args: Page & {
    kind?: EntityKind | null;
    status?: FactStatus | null;
    /** What the reader may see (published and retired when omitted); names outside it do not match either. */
    visibility?: Visibility;
    nameContains?: string | null;
    orderBy?: EntityOrder;
    descending?: boolean;
  },
) {
  let query = db.selectFrom('entity').selectAll('entity');
  if (args.kind) query = query.where('entity.kind', '=', args.kind);
  if (args.status) query = query.where('entity.status', '=', args.status);
  const visibility = args.visibility ?? PUBLIC_VISIBILITY;
  query = query.where('entity.status', 'in', visibility);
  const fragment = args.nameContains?.trim();
  if (fragment) {
    // Any label counts, so an occupation is found by its alternate names too. `lower(text) like` (not `ilike`)
    // is what the trigram index on lower(label.text) answers, so a long fragment costs an index probe, not a scan.
    const pattern = `%${fragment.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where('entity.id', 'in', (eb) =>
      eb
        .selectFrom('label')
        .select('label.entity_id')
        .where(sql<string>`lower(label.text)`, 'like', pattern)
        .where('label.status', 'in', visibility),
    );
  }
  const direction = args.descending ? 'desc' : 'asc';
  if (args.orderBy === 'soc_code') {
    query = query
      .leftJoin('occupation', 'occupation.entity_id', 'entity.id')
      .orderBy(sql`occupation.onet_soc_code ${sql.raw(direction)} nulls last`)
      .orderBy('entity.name', direction);
  } else {
    query = query.orderBy(`entity.${args.orderBy ?? 'name'}`, direction);
  }
  query = query.orderBy('entity.id', direction);
  return pageWithTotal(query, args);
}

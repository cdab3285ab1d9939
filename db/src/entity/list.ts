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
    // any label counts, so an occupation is found by its alternate names too
    const pattern = `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('label')
          .select('label.id')
          .whereRef('label.entity_id', '=', 'entity.id')
          .where('label.text', 'ilike', pattern)
          .where('label.status', 'in', visibility),
      ),
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

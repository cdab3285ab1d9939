import type { Kysely } from 'kysely';
import { executeScript } from '../script.ts';

/**
 * Career-path search walks published ladder edges (advances_to, lateral_to, specializes_to) forwards from a
 * start and backwards from a goal. Partial indexes covering just those edges keep each hop an index-only
 * lookup, however many other relations the graph holds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create index relation_ladder_from_idx on relation (from_id) include (to_id, predicate)
      where predicate in ('advances_to', 'lateral_to', 'specializes_to') and status = 'published';
    create index relation_ladder_to_idx on relation (to_id) include (from_id, predicate)
      where predicate in ('advances_to', 'lateral_to', 'specializes_to') and status = 'published';
    create index observation_median_wage_idx on observation (entity_id, period_end desc)
      where metric = 'median_annual_wage' and status = 'published';
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    drop index relation_ladder_from_idx;
    drop index relation_ladder_to_idx;
    drop index observation_median_wage_idx;
    `,
  );
}

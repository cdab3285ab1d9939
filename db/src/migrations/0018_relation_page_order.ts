import type { Kysely } from 'kysely';
import { executeScript } from '../script.ts';

/**
 * Relation pages (`Entity.relations`) are read in key order: predicate, then the relation's id. These indexes
 * give that order for one entity's edges of one predicate, so a page of ten reads ten index entries instead of
 * sorting every edge of a skill that hundreds of occupations require. They lead with the columns of
 * relation_from_idx and relation_to_idx, which they replace.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create index relation_from_page_idx on relation (from_id, predicate, id);
    create index relation_to_page_idx on relation (to_id, predicate, id);
    drop index relation_from_idx;
    drop index relation_to_idx;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create index relation_from_idx on relation (from_id, predicate);
    create index relation_to_idx on relation (to_id, predicate);
    drop index relation_from_page_idx;
    drop index relation_to_page_idx;
    `,
  );
}

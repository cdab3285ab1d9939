import type { Kysely } from 'kysely';
import { executeScript } from '../script.ts';

/**
 * ESCO skills, knowledge and skill groups are skills identified by their concept URI; ESCO occupations carry
 * ESCO's hierarchical code (2654.1.7), whose prefixes name their broader occupations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table skill add column esco_uri text unique check (esco_uri ~ '^https?://');
    alter table skill add column esco_type text check (esco_type in ('skill', 'knowledge', 'skill_group'));
    alter table skill add column reuse_level text;
    alter table occupation add column esco_code text check (esco_code ~ '^[0-9]{1,4}(\\.[0-9]+)*$');
    create index occupation_esco_code_idx on occupation (esco_code);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table skill drop column esco_uri, drop column esco_type, drop column reuse_level;
    alter table occupation drop column esco_code;
    `,
  );
}

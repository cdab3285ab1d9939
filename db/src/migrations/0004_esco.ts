import type { Kysely } from 'kysely';
import { executeScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    -- ESCO occupations have no SOC code: an ISCO-08 group and their concept URI identify them
    alter table occupation add column isco_code text check (isco_code ~ '^[0-9]{1,4}$');
    alter table occupation add column isco_title text;
    alter table occupation add column esco_uri text unique check (esco_uri ~ '^https?://');
    create index occupation_isco_code_idx on occupation (isco_code);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'alter table occupation drop column isco_code, drop column isco_title, drop column esco_uri');
}

import { type Kysely, sql } from 'kysely';

/*
 * title_vocabulary_change: the transactions that changed what the vocabulary ranking reads (title_occupation,
 * title_occupation_word, occupation_vocabulary, and the occupations' own rows), one row each, written by triggers
 * on those tables (on entity, for occupations' rows only).
 * A process that keeps a copy of them (db/src/search/vocabulary-index.ts) remembers the snapshot it copied them
 * in; a change committed since is a row that snapshot does not see, so one index probe tells whether the copy
 * is current, and it is, in every process, as soon as a change commits. Rows older than a week are dropped
 * now and then (a copy that old is read again whatever this table says).
 */

const STAMP_FUNCTION = `create function title_vocabulary_stamp() returns trigger language plpgsql as $$
  declare
    added integer;
  begin
    -- once a transaction (row triggers fire for every occupation an import writes)
    if current_setting('kg.vocabulary_stamp', true) = pg_current_xact_id()::text then
      return null;
    end if;
    perform set_config('kg.vocabulary_stamp', pg_current_xact_id()::text, true);
    insert into title_vocabulary_change default values on conflict do nothing;
    get diagnostics added = row_count;
    if added = 1 and pg_current_xact_id()::text::bigint % 256 = 0 then
      delete from title_vocabulary_change where at < now() - interval '7 days';
    end if;
    return null;
  end
  $$`;

const TABLES = ['title_occupation', 'title_occupation_word', 'occupation_vocabulary', 'occupation'];

/** On entity, only occupations' rows count: a row trigger that fires for them alone, and truncation. */
const ENTITY_TRIGGERS = [
  `create trigger entity_occupation_stamp after insert or update on entity
    for each row when (new.kind = 'occupation') execute function title_vocabulary_stamp()`,
  `create trigger entity_occupation_stamp_delete after delete on entity
    for each row when (old.kind = 'occupation') execute function title_vocabulary_stamp()`,
  `create trigger entity_stamp_truncate after truncate on entity
    for each statement execute function title_vocabulary_stamp()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table title_vocabulary_change (
    xid xid8 primary key default pg_current_xact_id(),
    at timestamptz not null default now()
  )`.execute(db);
  await sql.raw(STAMP_FUNCTION).execute(db);
  for (const table of TABLES) {
    await sql
      .raw(`create trigger ${table}_stamp after insert or update or delete or truncate on ${table}
        for each statement execute function title_vocabulary_stamp()`)
      .execute(db);
  }
  for (const trigger of ENTITY_TRIGGERS) await sql.raw(trigger).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const trigger of ['entity_occupation_stamp', 'entity_occupation_stamp_delete', 'entity_stamp_truncate']) {
    await sql.raw(`drop trigger ${trigger} on entity`).execute(db);
  }
  for (const table of TABLES) await sql.raw(`drop trigger ${table}_stamp on ${table}`).execute(db);
  await sql`drop function title_vocabulary_stamp()`.execute(db);
  await sql`drop table title_vocabulary_change`.execute(db);
}

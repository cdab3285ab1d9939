import { type Kysely, sql } from 'kysely';

/*
 * The process copy of the vocabulary (migration 0032) also holds what title_search() reads
 * (db/src/search/title-index.ts): title forms and words, alternate titles' entities, the has_title and close_match
 * relations. A transaction that changes one of them leaves its row in title_vocabulary_change too, so that the
 * next request of every process finds its copy old and answers through the SQL functions until it is read again.
 * Row triggers where only some rows count (alternate titles among entities, two predicates among relations),
 * statement triggers elsewhere; title_vocabulary_stamp() writes once a transaction.
 */

const TABLES = ['title_form', 'title_word'];

const ROW_TRIGGERS = [
  `create trigger entity_title_stamp after insert or update on entity
    for each row when (new.kind = 'alternate_title') execute function title_vocabulary_stamp()`,
  `create trigger entity_title_stamp_delete after delete on entity
    for each row when (old.kind = 'alternate_title') execute function title_vocabulary_stamp()`,
  `create trigger relation_title_stamp after insert or update on relation
    for each row when (new.predicate in ('has_title', 'close_match')) execute function title_vocabulary_stamp()`,
  `create trigger relation_title_stamp_old after update or delete on relation
    for each row when (old.predicate in ('has_title', 'close_match')) execute function title_vocabulary_stamp()`,
  `create trigger relation_title_stamp_truncate after truncate on relation
    for each statement execute function title_vocabulary_stamp()`,
];
const ROW_TRIGGER_NAMES: Array<[string, string]> = [
  ['entity_title_stamp', 'entity'],
  ['entity_title_stamp_delete', 'entity'],
  ['relation_title_stamp', 'relation'],
  ['relation_title_stamp_old', 'relation'],
  ['relation_title_stamp_truncate', 'relation'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await sql
      .raw(`create trigger ${table}_stamp after insert or update or delete or truncate on ${table}
        for each statement execute function title_vocabulary_stamp()`)
      .execute(db);
  }
  for (const trigger of ROW_TRIGGERS) await sql.raw(trigger).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [trigger, table] of ROW_TRIGGER_NAMES) await sql.raw(`drop trigger ${trigger} on ${table}`).execute(db);
  for (const table of TABLES) await sql.raw(`drop trigger ${table}_stamp on ${table}`).execute(db);
}

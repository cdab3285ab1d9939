import { sql } from 'kysely';
import type { Db, Executor } from '../connect.ts';
import { FACT_TYPES } from '../model.ts';
import type { ImportContext } from './sync.ts';

type OnProgress = ImportContext['onProgress'];

/*
 * The first load of the reference data into a graph that holds only the seed (and what curators added).
 *
 * Writing a few hundred thousand facts row batch by row batch costs most in what every write keeps current on
 * the side: the title search tables and each occupation's vocabulary (triggers on label, relation, occupation
 * and soc_code, migrations 0005 and 0015) and the secondary indexes no import reads. For the first load those
 * triggers are switched off and those indexes dropped; at the end the derived tables are rebuilt from the
 * graph in a few set-wise statements (as the migrations that made them filled them) and the indexes are created
 * again from their own definitions, read from the catalog before they were dropped. The foreign keys of the
 * tables an import fills are dropped too and added back at the end, where each is checked in one pass over its
 * table instead of once per row written (two thirds of what inserting a relation costs). Everything else is as
 * on any import: the same checks before writing, citations, history and change sets.
 *
 * What was switched off is recorded (the `setting` row below) in the transaction that switches it off, so that
 * a start stopped mid-load resumes in the same mode and finishes it.
 */

/** Derived-table triggers the rebuild stands in for. */
const DEFERRED_TRIGGERS: ReadonlyArray<readonly [table: string, trigger: string]> = [
  ['label', 'label_title_form_insert'],
  ['label', 'label_title_form_update'],
  ['relation', 'relation_title_occupation_insert'],
  ['relation', 'relation_title_occupation_update'],
  ['relation', 'relation_title_occupation_delete'],
  ['occupation', 'occupation_vocabulary_insert'],
  ['occupation', 'occupation_vocabulary_update'],
  ['occupation', 'occupation_vocabulary_delete'],
  ['soc_code', 'soc_code_vocabulary_insert'],
  ['soc_code', 'soc_code_vocabulary_update'],
  ['soc_code', 'soc_code_vocabulary_delete'],
];

/**
 * Secondary indexes that no import statement reads (searches, pages, ladders and the citation lookups by fact
 * read them), and the derived tables' own; unique indexes stay, they are constraints.
 */
const DEFERRED_INDEXES = [
  'entity_kind_name_idx',
  'entity_kind_lower_name_idx',
  'external_key_entity_idx',
  'citation_source_idx',
  'label_text_trgm_idx',
  'label_text_fts_idx',
  'citation_entity_idx',
  'citation_label_idx',
  'citation_relation_idx',
  'citation_observation_idx',
  'relation_to_page_idx',
  'relation_predicate_idx',
  'relation_ladder_from_idx',
  'relation_ladder_to_idx',
  'observation_median_wage_idx',
  'title_form_entity_idx',
  'title_form_norm_idx',
  'title_form_skey_idx',
  'title_form_tsv_idx',
  'title_form_norm_trgm_idx',
  'title_word_keys_idx',
  'title_word_prefix_idx',
  'title_word_skeleton_idx',
  'title_occupation_word_occupation_idx',
  'occupation_vocabulary_occupation_idx',
];

/**
 * Tables whose foreign keys wait for the end of the first load. The entity details keep theirs: they cascade
 * an entity's deletion.
 */
const DEFERRED_FOREIGN_KEY_TABLES = ['relation', 'citation', 'label', 'observation', 'external_key'];

const MARKER = 'import.first_load';

/** The tables the rebuild fills. */
const DERIVED_TABLES = ['title_form', 'title_word', 'title_occupation_word', 'occupation_vocabulary'];

interface CatalogDefinition {
  name: string;
  table: string;
  definition: string;
}

/** What a first load switched off: the triggers, and each dropped index and foreign key with its definition. */
interface Deferred {
  triggers: Array<readonly [string, string]>;
  indexes: CatalogDefinition[];
  /** (absent from a record written before foreign keys were deferred) */
  foreignKeys?: CatalogDefinition[];
}

/** A resumed load keeps the definitions recorded before their objects were dropped, then adds what is left. */
const keepRecorded = (recorded: CatalogDefinition[] = [], found: CatalogDefinition[]) => [
  ...recorded,
  ...found.filter((f) => !recorded.some((r) => r.name === f.name)),
];

/** Labels and relations per statement of the rebuild: bounded memory (PGlite's above all), same result. */
const REBUILD_CHUNK = 20_000;

/**
 * Every table the first load's DDL alters or reads, in the order the change feed's head query (and most reads)
 * lock them: the facts with their history tables, then the rest. A server keeps serving while it loads, and a
 * read that holds one table while it waits for another would otherwise deadlock with an ALTER holding that other.
 */
const LOCKED_TABLES = [
  ...FACT_TYPES.flatMap((type) => [type, `${type}_history`]),
  'occupation',
  'soc_code',
  'external_key',
  // the rebuild empties title_occupation too; title coding reads it before title_occupation_word
  'title_form',
  'title_word',
  'title_occupation',
  'title_occupation_word',
  'occupation_vocabulary',
];

/**
 * A transaction that first takes all of LOCKED_TABLES at once, with no statement limit (the rebuild takes
 * longer than a request's) but a short wait for each lock, so that tables already taken do not keep readers
 * waiting behind one long read. It runs again when a lock was not had in time or the database still picked it
 * as a deadlock's victim (a read that locks in another order): nothing of it was kept.
 */
async function withTablesLocked(db: Db, work: (trx: Executor) => Promise<void>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        await sql`set local statement_timeout = 0`.execute(trx);
        await sql`set local lock_timeout = '5s'`.execute(trx);
        await sql`lock table ${sql.join(LOCKED_TABLES.map((t) => sql.table(t)))} in access exclusive mode`.execute(trx);
        await sql`set local lock_timeout = 0`.execute(trx);
        await work(trx);
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (!(code === '40P01' || code === '55P03') || attempt >= 25) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * Math.min(attempt, 10)));
    }
  }
}

async function marker(db: Executor): Promise<Deferred | null> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', MARKER).executeTakeFirst();
  return row ? (JSON.parse(row.value) as Deferred) : null;
}

/** Whether no import has finished yet: the graph holds the seed and curators' facts only. */
async function noImportYet(db: Db) {
  const row = await db.selectFrom('import_run').select('id').where('status', '=', 'finished').executeTakeFirst();
  return !row;
}

/**
 * Runs `load` as a first load when nothing was imported yet (or a first load was stopped), otherwise plainly.
 * The derived tables and indexes are back when it settles, also when `load` fails.
 */
export async function asFirstLoad<T>(db: Db, load: () => Promise<T>, onProgress?: OnProgress): Promise<T> {
  if (!(await marker(db)) && !(await noImportYet(db))) return load();
  await beginFirstLoad(db);
  try {
    return await load();
  } finally {
    await finishFirstLoad(db, onProgress);
  }
}

/** Switches the derived tables' triggers off and drops the deferred indexes and foreign keys, recording them. */
export async function beginFirstLoad(db: Db) {
  await withTablesLocked(db, async (trx) => {
    const recorded = await marker(trx);
    const { rows: indexes } = await sql<CatalogDefinition>`
      select indexname as name, tablename as table, indexdef as definition from pg_indexes
      where schemaname = current_schema() and indexname = any(${DEFERRED_INDEXES}::text[])`.execute(trx);
    const { rows: foreignKeys } = await sql<CatalogDefinition>`
      select k.conname as name, c.relname as table, pg_get_constraintdef(k.oid) as definition
      from pg_constraint k join pg_class c on c.oid = k.conrelid
      where k.contype = 'f' and k.connamespace = to_regnamespace(current_schema())
        and c.relname = any(${DEFERRED_FOREIGN_KEY_TABLES}::text[])
      order by 1`.execute(trx);
    const deferred: Deferred = {
      triggers: [...DEFERRED_TRIGGERS],
      indexes: keepRecorded(recorded?.indexes, indexes),
      foreignKeys: keepRecorded(recorded?.foreignKeys, foreignKeys),
    };
    for (const [table, trigger] of DEFERRED_TRIGGERS) {
      await sql`alter table ${sql.table(table)} disable trigger ${sql.ref(trigger)}`.execute(trx);
    }
    for (const { name } of indexes) await sql`drop index ${sql.ref(name)}`.execute(trx);
    for (const { name, table } of foreignKeys) {
      await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(name)}`.execute(trx);
    }
    await trx
      .insertInto('setting')
      .values({ key: MARKER, value: JSON.stringify(deferred) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(deferred) }))
      .execute();
  });
}

/**
 * Rebuilds the title search tables and the occupations' vocabulary from the graph, switches their triggers back
 * on and creates the dropped indexes, in one transaction (writers of labels and relations wait for it).
 */
export async function finishFirstLoad(db: Db, onProgress?: OnProgress) {
  await withTablesLocked(db, async (trx) => {
    const deferred = await marker(trx);
    if (!deferred) return;
    for (const [table, trigger] of deferred.triggers) {
      await sql`alter table ${sql.table(table)} enable trigger ${sql.ref(trigger)}`.execute(trx);
    }
    // the graph's indexes first (the rebuild reads some), the derived tables' after their rows are in
    const derived = (i: { table: string }) => DERIVED_TABLES.includes(i.table);
    // (a database restored from a backup taken mid-load has its indexes and this record both)
    const create = (i: { definition: string }) =>
      sql.raw(i.definition.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS ')).execute(trx);
    for (const index of deferred.indexes.filter((i) => !derived(i))) await create(index);
    for (const { name, table, definition } of deferred.foreignKeys ?? []) {
      await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.ref(name)}`.execute(trx);
      await sql`alter table ${sql.table(table)} add constraint ${sql.ref(name)} ${sql.raw(definition)}`.execute(trx);
    }
    await rebuildDerivedTables(trx, onProgress);
    for (const index of deferred.indexes.filter(derived)) await create(index);
    await trx.deleteFrom('setting').where('key', '=', MARKER).execute();
  });
}

/** The triggers on title_form that count a new form's words, in all forms and in each occupation's. */
const FORM_WORD_TRIGGERS = ['title_form_word_insert', 'title_form_occupation_insert'];

/**
 * The title forms of every published occupation or alternate-title label, their words, and each occupation's
 * title words; then each occupation's vocabulary from its own fields and its published task, tool, technology
 * and close-match relations: what migrations 0005 and 0015 filled them with. The words are counted over all
 * forms at once rather than by title_form's triggers chunk by chunk (a word already counted costs an update
 * in every chunk). The derived counts add up, so chunks give the same tables as one statement.
 */
async function rebuildDerivedTables(trx: Executor, onProgress?: OnProgress) {
  await sql`truncate title_form, title_word, title_occupation, title_occupation_word, occupation_vocabulary`.execute(
    trx,
  );
  for (const trigger of FORM_WORD_TRIGGERS) {
    await sql`alter table title_form disable trigger ${sql.ref(trigger)}`.execute(trx);
  }
  const labels = await trx
    .selectFrom('label as l')
    .innerJoin('entity as e', 'e.id', 'l.entity_id')
    .select('l.id')
    .where('e.kind', 'in', ['occupation', 'alternate_title'])
    .orderBy('l.id')
    .execute();
  for (let i = 0; i < labels.length; i += REBUILD_CHUNK) {
    const ids = labels.slice(i, i + REBUILD_CHUNK).map((l) => l.id);
    await sql`select title_form_refresh(${ids}::uuid[])`.execute(trx);
    onProgress?.('title search', Math.min(i + REBUILD_CHUNK, labels.length), labels.length);
  }
  // as title_word_trigger counts an insert into an empty title_word: in how many forms each word is
  await sql`
    insert into title_word (word, df, keys, skeleton)
    select s.word, count(*), title_word_keys(s.word), title_skeleton(s.word)
    from (select distinct f.id, unnest(f.tokens) as word from title_form f) s
    group by s.word order by s.word`.execute(trx);
  // as title_occupation_add counts forms added to empty tables, in one pass: each (form, occupation) pair, where a
  // form reaches an occupation as its name or through a published has_title relation (title_form_occupations)
  await sql`
    with pairs as materialized (
      select f.id, f.tokens, f.entity_id as occupation_id
      from title_form f join entity e on e.id = f.entity_id where e.kind = 'occupation'
      union
      select f.id, f.tokens, r.from_id
      from title_form f join relation r on r.to_id = f.entity_id
      where r.predicate = 'has_title' and r.status = 'published'
    ),
    contents as materialized (
      select p.occupation_id, c.words,
        coalesce(c.words[cardinality(c.words)], p.tokens[cardinality(p.tokens)]) as head
      from pairs p cross join lateral (select title_content(p.tokens) as words) c
    ),
    counted as (
      insert into title_occupation (occupation_id, forms)
      select p.occupation_id, count(*) from pairs p group by 1 order by 1
    )
    insert into title_occupation_word (word, occupation_id, forms, heads)
    select w.word, p.occupation_id, count(*), count(*) filter (where w.word = p.head)
    from contents p cross join lateral (select distinct unnest(p.words) as word) w
    group by 1, 2 order by 1, 2`.execute(trx);
  onProgress?.('title words', 1, 1);
  for (const trigger of FORM_WORD_TRIGGERS) {
    await sql`alter table title_form enable trigger ${sql.ref(trigger)}`.execute(trx);
  }
  await sql`select occupation_vocabulary_own((select jsonb_agg(to_jsonb(o)) from occupation o), null, 1)`.execute(trx);
  // only the relations that add words: most required skills (ESCO's) are neither tools nor technology
  const relations = await trx
    .selectFrom('relation as r')
    .leftJoin('skill as s', 's.entity_id', 'r.to_id')
    .select('r.id')
    .where('r.status', '=', 'published')
    .where((eb) =>
      eb.or([
        eb('r.predicate', 'in', ['performs_task', 'close_match']),
        eb.and([eb('r.predicate', '=', 'requires_skill'), eb('s.category', 'in', ['technology', 'tool'])]),
      ]),
    )
    .orderBy('r.id')
    .execute();
  for (let i = 0; i < relations.length; i += REBUILD_CHUNK) {
    const ids = relations.slice(i, i + REBUILD_CHUNK).map((r) => r.id);
    await sql`select occupation_vocabulary_relation(
      (select jsonb_agg(to_jsonb(r)) from relation r where r.id = any(${ids}::uuid[])), 1)`.execute(trx);
    onProgress?.('occupation vocabulary', Math.min(i + REBUILD_CHUNK, relations.length), relations.length);
  }
}

import { importOnet } from '@kg/db/import/datasets';
import { asFirstLoad, beginFirstLoad, finishFirstLoad } from '@kg/db/import/first-load';
import { totals } from '@kg/db/import/run';
import { ENTITY_KINDS } from '@kg/db/model';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, describeOnDatabase, type TestDatabase } from './support/databases.ts';
import { onetSlice } from './support/reference-data.ts';

// the occupations the release tests import: titles, tasks, skills, technologies and related occupations
const CODES = [
  '29-2072.00',
  '29-9021.00',
  '31-9094.00',
  '11-9111.00',
  '29-1141.00',
  '15-1252.00',
  '15-1232.00',
  '19-4042.00',
];

/** An entity by what names it in every database: its dataset key, or its id (seed entities keep theirs). */
const ref = (id: string) =>
  `coalesce((select min(k.namespace || ':' || k.key) from external_key k where k.entity_id = ${id}), ${id}::text)`;

/** Each table's rows as text without the ids an import draws at random, so two imports compare. */
const CONTENT: Record<string, string> = {
  entity: `select concat_ws('|', ${ref('e.id')}, e.kind, e.name, e.status, e.version) from entity e`,
  ...Object.fromEntries(
    ENTITY_KINDS.map((kind) => [
      kind,
      `select ${ref('d.entity_id')} || (to_jsonb(d) - 'entity_id' - 'sys_n')::text from ${kind} d`,
    ]),
  ),
  label: `select concat_ws('|', ${ref('l.entity_id')}, l.text, l.type, l.language, l.status, l.version) from label l`,
  relation: `select concat_ws('|', r.predicate, ${ref('r.from_id')}, ${ref('r.to_id')}, r.attributes, r.status, r.version)
    from relation r`,
  observation: `select concat_ws('|', ${ref('o.entity_id')}, o.metric, o.value, o.unit, o.period, o.geography,
    o.attributes, o.status, o.version) from observation o`,
  citation: `select concat_ws('|', s.key, c.locator, c.quote, c.curator, c.review_status, ${ref('c.entity_id')},
      (select ${ref('l.entity_id')} || l.text from label l where l.id = c.label_id),
      (select r.predicate || ${ref('r.from_id')} || ${ref('r.to_id')} from relation r where r.id = c.relation_id),
      (select ${ref('o.entity_id')} || o.metric || o.period from observation o where o.id = c.observation_id))
    from citation c join source s on s.id = c.source_id`,
  history: `select 'label' || count(*) from label_history union all select 'relation' || count(*) from relation_history
    union all select 'entity' || count(*) from entity_history union all select 'citation' || count(*) from citation_history`,
  change_set: `select concat_ws('|', actor, reason) from change_set`,
  title_form: `select concat_ws('|', ${ref('f.entity_id')}, f.label_type, f.text, f.part, f.tokens, f.norm, f.skey,
    f.ntok, f.tsv) from title_form f`,
  title_word: `select concat_ws('|', word, df, keys, skeleton) from title_word`,
  title_occupation: `select concat_ws('|', ${ref('occupation_id')}, forms) from title_occupation`,
  title_occupation_word: `select concat_ws('|', word, ${ref('occupation_id')}, forms, heads) from title_occupation_word`,
  occupation_vocabulary: `select concat_ws('|', word, ${ref('occupation_id')}, field, n) from occupation_vocabulary`,
};

async function content(use: () => TestDatabase) {
  const result: Record<string, string> = {};
  for (const [table, query] of Object.entries(CONTENT)) {
    const { rows } = await sql<{ n: number; digest: string }>`
      select count(*)::int as n, md5(coalesce(string_agg(x, E'\n' order by x), '')) as digest
      from (${sql.raw(query)}) t(x)`.execute(use().handle.db);
    result[table] = `${rows[0].n} rows, ${rows[0].digest}`;
  }
  return result;
}

const catalog = async (use: () => TestDatabase) => {
  const { rows } = await sql<{ row: string }>`
    select 'index ' || indexname || ': ' || indexdef as row from pg_indexes where schemaname = current_schema()
    union all
    select 'trigger ' || t.tgname || ': ' || t.tgenabled::text from pg_trigger t
    join pg_class c on c.oid = t.tgrelid where c.relnamespace = to_regnamespace(current_schema()) and not t.tgisinternal
    union all
    select 'constraint ' || conname || ': ' || pg_get_constraintdef(oid) from pg_constraint
    where connamespace = to_regnamespace(current_schema())
    union all
    select 'setting ' || key from setting where key like 'import.%'
    order by 1`.execute(use().handle.db);
  return rows.map((r) => r.row);
};

describeEachDatabase('the first load of reference data', (use) => {
  let release: string;
  let expected: Record<string, string>;
  beforeAll(() => {
    release = onetSlice('onet', CODES);
  });

  it('writes the same graph, citations, history and search tables as a row-by-row import', async () => {
    await use().reset();
    const rowByRow = await importOnet(use().handle.db, release);
    expected = await content(use);
    expect(totals(rowByRow.counts).created).toBeGreaterThan(1000);

    await use().reset();
    const before = await catalog(use);
    const firstLoad = await asFirstLoad(use().handle.db, () => importOnet(use().handle.db, release));
    expect(firstLoad.counts).toEqual(rowByRow.counts);
    expect(await content(use)).toEqual(expected);
    // every index back as the migrations made it, every trigger on again, nothing left to finish
    expect(await catalog(use)).toEqual(before);

    // a graph with an import in it is not a first load: the same release again changes nothing
    const again = await asFirstLoad(use().handle.db, () => importOnet(use().handle.db, release));
    expect(totals(again.counts)).toMatchObject({ created: 0, updated: 0, retired: 0 });
    expect(await content(use)).toEqual(expected);
  });

  it('finishes a first load that was stopped, on the next start', async () => {
    const { db } = use().handle;
    await use().reset();
    const before = await catalog(use);
    // a start stopped after the release was in, before the first load finished
    await beginFirstLoad(db);
    await importOnet(db, release);
    expect(await catalog(use)).not.toEqual(before);
    const resumed = await asFirstLoad(db, () => importOnet(db, release));
    expect(totals(resumed.counts)).toMatchObject({ created: 0, updated: 0, retired: 0 });
    expect(await catalog(use)).toEqual(before);
    expect(await content(use)).toEqual(expected);
  });
});

// A server serves while it loads: a read holding one table while it waits for another must not deadlock with the
// first load's ALTERs (the change feed's head query reads every fact table and its history in turn).
describeOnDatabase('postgres', 'the first load beside readers', (use) => {
  it('waits for a read that holds a table, and the read goes on', async () => {
    const { db } = use().handle;
    await use().reset();
    const before = await catalog(use);
    await beginFirstLoad(db);
    let finished: Promise<void> | undefined;
    await db.transaction().execute(async (reader) => {
      await sql`select count(*) from label`.execute(reader);
      finished = finishFirstLoad(db);
      // the first load waits for the reader's lock on label ...
      for (let waited = 0; ; waited += 50) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pg_locks where not granted and relation = 'label'::regclass`.execute(db);
        if (rows[0].n > 0) break;
        if (waited > 10_000) throw new Error('the first load did not wait for the reader');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // ... past the deadlock check, and the reader's next tables are not held against it
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from citation`.execute(reader);
      expect(rows[0].n).toBeGreaterThan(0);
    });
    await finished;
    expect(await catalog(use)).toEqual(before);
  });
});

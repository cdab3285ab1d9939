import { importOnet } from '@kg/db/import/datasets';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './support/databases.ts';
import { onetSlice, tsvRows } from './support/reference-data.ts';

// Occupations whose titles, tasks and related occupations differ between O*NET 27.0 and 29.3.
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

describeEachDatabase('importing O*NET 27.0, then 29.3', (use) => {
  let release27: string;
  let release29: string;
  beforeAll(() => {
    release27 = onetSlice('onet_27_0', CODES);
    release29 = onetSlice('onet', CODES);
  });

  const keyIds = async () => {
    const rows = await use().handle.db.selectFrom('external_key').select(['namespace', 'key', 'entity_id']).execute();
    return new Map(rows.map((r) => [`${r.namespace}|${r.key}`, r.entity_id]));
  };

  it('keeps IDs stable, records each release, logs what changed and retires what 29.3 dropped', async () => {
    await use().reset();
    const { db } = use().handle;
    const first = await importOnet(db, release27);
    expect(first.source).toBe('onet:27.0');
    const before = await keyIds();
    const second = await importOnet(db, release29);
    expect(second.source).toBe('onet:29.3');
    const after = await keyIds();
    for (const [key, id] of before) expect(after.get(key), key).toBe(id);

    const sources = await db
      .selectFrom('source')
      .select(['key', 'title'])
      .where('key', 'like', 'onet:%')
      .orderBy('key')
      .execute();
    expect(sources.map((s) => s.key)).toEqual(['onet:27.0', 'onet:29.3']);

    // titles 27.0 listed for an occupation and 29.3 does not: their links are retired, with the change logged
    const titles27 = new Set(tsvRows(`${release27}/Alternate Titles.txt`).map((r) => `${r[0]}|${r[1].toLowerCase()}`));
    const titles29 = new Set(tsvRows(`${release29}/Alternate Titles.txt`).map((r) => `${r[0]}|${r[2].toLowerCase()}`));
    const dropped = [...titles27].filter((t) => !titles29.has(t));
    expect(dropped.length).toBeGreaterThan(0);
    // the log's retirements are read once, not per relation: change_log is a view that rebuilds every row it
    // looks at, and a lookup per relation made this one query take minutes
    const { rows: retired } = await sql<{ n: number }>`
      with logged as materialized (
        select l.fact_id from change_log l
        where l.fact_type = 'relation' and l.actor = 'import:onet:29.3' and l.after->>'status' = 'retired')
      select count(*)::int as n from relation r
      where r.predicate = 'has_title' and r.status = 'retired' and r.id in (select fact_id from logged)`.execute(db);
    expect(retired[0].n).toBe(new Set(dropped).size);

    // every change 29.3 made is in the change log under its own name
    const changes = await db
      .selectFrom('change_log')
      .select(['op', (eb) => eb.fn.countAll<number>().as('n')])
      .where('actor', '=', 'import:onet:29.3')
      .groupBy('op')
      .execute();
    expect(changes.find((c) => c.op === 'create')).toBeDefined();
    expect(changes.find((c) => c.op === 'update')).toBeDefined();

    // facts both releases state cite both
    const { rows: both } = await sql<{ n: number }>`
      select count(*)::int as n from entity e
      where e.kind = 'occupation'
        and exists (select 1 from citation c join source s on s.id = c.source_id where c.entity_id = e.id and s.key = 'onet:27.0')
        and exists (select 1 from citation c join source s on s.id = c.source_id where c.entity_id = e.id and s.key = 'onet:29.3')`.execute(
      db,
    );
    expect(both[0].n).toBe(CODES.length);
  });

  it('finishes an import that was stopped part way when it is run again', async () => {
    await use().reset();
    const { db } = use().handle;
    let batches = 0;
    const stopped = await importOnet(db, release29, () => {
      // stands in for a kill: the import dies after its first few committed batches
      if (++batches === 6) throw new Error('killed');
    }).catch((e: Error) => e);
    expect(stopped).toBeInstanceOf(Error);
    const partial = await use().fingerprint();
    const resumed = await importOnet(db, release29);
    expect(resumed.counts['onet-soc entities'].created).toBe(0);
    const resumedState = await use().fingerprint();
    expect(resumedState.relation).not.toBe(partial.relation);

    // the same as a run that was never stopped
    await use().reset();
    await importOnet(db, release29);
    const clean = await use().fingerprint();
    const count = (f: Record<string, string>) =>
      Object.fromEntries(Object.entries(f).map(([table, value]) => [table, value.split(':')[0]]));
    const { import_run: _a, change_log: _b, ...resumedCounts } = count(resumedState);
    const { import_run: _c, change_log: _d, ...cleanCounts } = count(clean);
    expect(resumedCounts).toEqual(cleanCounts);
  });
});

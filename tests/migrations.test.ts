import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type DatabaseHandle, openDatabase } from '@kg/db/connect';
import { updateEntity } from '@kg/db/entity/repository';
import { changesAfter, factHistory, readAsOf, revertOperation } from '@kg/db/history/repository';
import { migrateToLatest, migrateUpTo } from '@kg/db/migrate';
import { FULL_VISIBILITY, PUBLIC_VISIBILITY, visibleChange } from '@kg/db/visibility';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase, SERVER_URL, type TestDatabase } from './support/databases.ts';

/** Written by the repositories and the import engine as they were at 0013 (tests/fixtures/history-0013/build.ts). */
const FIXTURE: { instants: string[]; tables: Record<string, Record<string, unknown>[]> } = JSON.parse(
  readFileSync(new URL('./fixtures/history-0013/database.json', import.meta.url), 'utf8'),
);
/** The tables that `asOf` reads rebuild, and that the layout at 0013 had views of the past for. */
const PAST_TABLES = ['entity', 'occupation', 'skill', 'label', 'relation', 'observation', 'citation'];
type Row = Record<string, unknown>;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * A value as JSON compares it: times as instants, whatever offset they were written with, and dates as the
 * instant they start (the log kept dates the driver had read as times).
 */
const normal = (value: unknown): unknown => {
  if (typeof value === 'string' && ISO_TIME.test(value)) return new Date(value).toISOString();
  if (typeof value === 'string' && ISO_DATE.test(value)) return `${value}T00:00:00.000Z`;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normal);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normal(v)]));
  return value;
};
// the log kept the times the writing process saw for some rows, the tables the database's own
const BOOKKEEPING = new Set(['created_at', 'updated_at', 'sys_n']);

/** Every value the old log stated is stated the same now (the new one may state more: whole rows). */
function expectStatedAlike(now: unknown, then: unknown, where: string, options: { nullIsUnstated?: boolean } = {}) {
  if (then === null || then === undefined) return expect(now ?? null, where).toBeNull();
  const a = normal(now) as Row;
  const b = normal(then) as Row;
  for (const [key, value] of Object.entries(b)) {
    if (BOOKKEEPING.has(key) || (options.nullIsUnstated && value === null)) continue;
    if (key === 'details') {
      const details = (a.details ?? {}) as Row;
      for (const [field, v] of Object.entries(value as Row))
        expect(details[field], `${where} details.${field}`).toEqual(v);
      continue;
    }
    expect(a[key], `${where} ${key}`).toEqual(value);
  }
}

async function openFresh(kind: 'pglite' | 'postgres') {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const handle =
    kind === 'pglite' ? await openDatabase() : await openDatabase({ url: SERVER_URL, schema, poolSize: 4 });
  const options = { schema: kind === 'postgres' ? schema : undefined };
  return {
    handle,
    options,
    async drop() {
      if (kind === 'postgres') await sql.raw(`drop schema "${schema}", "${schema}_asof" cascade`).execute(handle.db);
      await handle.close();
    },
  };
}

/** The database as today's code left it at 0013: the fixture's rows, change log included. */
async function loadFixture(handle: DatabaseHandle) {
  await handle.db.transaction().execute(async (trx) => {
    for (const [table, rows] of Object.entries(FIXTURE.tables)) {
      const overriding = table === 'change_log' ? sql`overriding system value` : sql``;
      await sql`insert into ${sql.table(table)} ${overriding}
        select * from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb)`.execute(trx);
    }
    await sql`select setval(pg_get_serial_sequence('change_log', 'id'), max(id)) from change_log`.execute(trx);
  });
}

/** Every row of the tables a past read sees, at each noted instant. */
async function pastStates(read: (at: string, table: string) => Promise<Row[]>) {
  const states: Record<string, Row[]> = {};
  for (const at of FIXTURE.instants) {
    for (const table of PAST_TABLES) {
      const rows = await read(at, table);
      const key = table === 'entity' || !['occupation', 'skill'].includes(table) ? 'id' : 'entity_id';
      states[`${at} ${table}`] = rows
        .map((r) => Object.fromEntries(Object.entries(normal(r) as Row).filter(([k]) => !BOOKKEEPING.has(k))))
        .sort((x, y) => String(x[key]).localeCompare(String(y[key])));
    }
  }
  return states;
}

const oldAsOf = (handle: DatabaseHandle) => (at: string, table: string) =>
  handle.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(trx);
    const schema = rows[0].schema;
    await sql`select set_config('kg.as_of', ${at}, true),
      set_config('search_path', ${`"${schema}_asof", "${schema}", public`}, true)`.execute(trx);
    return (await sql<{ row: Row }>`select to_jsonb(t) as row from ${sql.table(table)} t`.execute(trx)).rows.map(
      (r) => r.row,
    );
  });

const newAsOf = (handle: DatabaseHandle) => (at: string, table: string) =>
  readAsOf(handle.db, new Date(at), async (trx) =>
    (await sql<{ row: Row }>`select to_jsonb(t) as row from ${sql.table(table)} t`.execute(trx)).rows.map((r) => r.row),
  );

describeEachDatabase('migrations', (use) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = use();
    await db.reset();
  });

  it('the O*NET-SOC code check wants a dot between the SOC code and the suffix', async () => {
    const setCode = (code: string) =>
      sql`update occupation set onet_soc_code = ${code} where onet_soc_code = '29-2072.00'`.execute(db.handle.db);
    await expect(setCode('29-2072x00')).rejects.toThrow(/occupation_onet_soc_code_check/);
    await expect(setCode('29-2072.01')).resolves.toBeDefined();
  });

  describe0014(() => use().name);
});

function describe0014(kind: () => 'pglite' | 'postgres') {
  let fresh: Awaited<ReturnType<typeof openFresh>> | undefined;
  afterEach(async () => {
    await fresh?.drop();
    fresh = undefined;
  });

  it('0014 moves a change log written at 0013 into versioned history, keeping every change and answer', async () => {
    fresh = await openFresh(kind());
    const { handle, options } = fresh;
    await migrateUpTo(handle.db, '0013_esco_skills', options);
    await loadFixture(handle);
    const log = await handle.db.selectFrom('change_log').selectAll().orderBy('id').execute();
    const visible = await sql<{ id: string }>`
      select c.id from change_log c where ${visibleChange(PUBLIC_VISIBILITY)} order by c.id`.execute(handle.db);
    const pastBefore = await pastStates(oldAsOf(handle));
    const occupationId = String(FIXTURE.tables.occupation[0].entity_id);
    const revertBefore = await revertOperation(handle.db, { factId: occupationId, toVersion: 2, expectedVersion: 3 });

    await migrateToLatest(handle.db, options);

    // every change, with its id, time, writer, reason and state after; the state before is now the whole row
    const now = await handle.db.selectFrom('change_log').selectAll().orderBy('id').execute();
    expect(now.map((c) => String(c.id))).toEqual(log.map((c) => String(c.id)));
    for (const [i, change] of now.entries()) {
      const was = log[i];
      const where = `change ${was.id} (${was.op} ${was.fact_type})`;
      expect(
        { ...change, at: normal(change.at), before: undefined, after: undefined, id: String(change.id) },
        where,
      ).toEqual({ ...was, at: normal(was.at), before: undefined, after: undefined, id: String(was.id) });
      expectStatedAlike(change.after, was.after, `${where} after`);
      expectStatedAlike(change.before, was.before, `${where} before`);
    }
    // the graph at each noted instant reads the same, with what the views of 0013 left out: columns added after
    // them, and the values of an update the import engine logged partly (which the migration completes)
    const pastAfter = await pastStates(newAsOf(handle));
    expect(Object.keys(pastAfter)).toEqual(Object.keys(pastBefore));
    for (const [key, rows] of Object.entries(pastBefore)) {
      expect(pastAfter[key].length, key).toBe(rows.length);
      for (const [i, row] of rows.entries()) {
        expectStatedAlike(pastAfter[key][i], row, `${key} #${i}`, { nullIsUnstated: true });
        for (const [column, value] of Object.entries(pastAfter[key][i])) {
          if (!(column in row)) expect(value, `${key} #${i} ${column}`).toBeNull();
        }
      }
    }
    // the feed pages through the same changes, anonymous readers' too; history and revert agree
    const feed = async (visibility: typeof FULL_VISIBILITY) => {
      const ids: string[] = [];
      let afterId = '0';
      for (;;) {
        const page = await changesAfter(handle.db, { afterId, limit: 7, visibility });
        ids.push(...page.rows.map((r) => String(r.id)));
        if (!page.hasNextPage) return ids;
        afterId = String(page.rows.at(-1)?.id);
      }
    };
    expect(await feed(FULL_VISIBILITY)).toEqual(log.map((c) => String(c.id)));
    expect(await feed(PUBLIC_VISIBILITY)).toEqual(visible.rows.map((r) => String(r.id)));
    const history = await factHistory(handle.db, occupationId, { offset: 0, limit: 50 }, FULL_VISIBILITY);
    expect(history.totalCount).toBe(log.filter((c) => c.fact_id === occupationId).length);
    expect(await revertOperation(handle.db, { factId: occupationId, toVersion: 2, expectedVersion: 3 })).toEqual(
      revertBefore,
    );

    // a write after the migration follows on from the migrated log
    const current = await handle.db
      .selectFrom('entity')
      .selectAll()
      .where('id', '=', occupationId)
      .executeTakeFirstOrThrow();
    await updateEntity(
      handle.db,
      { actor: 'admin@example.org' },
      {
        id: occupationId,
        expectedVersion: current.version,
        name: 'Records Technician',
      },
    );
    const next = await changesAfter(handle.db, {
      afterId: String(log.at(-1)?.id),
      limit: 10,
      visibility: FULL_VISIBILITY,
    });
    const renamed = next.rows.find((c) => c.fact_type === 'entity');
    expect(renamed).toMatchObject({ op: 'update', actor: 'admin@example.org', version: current.version + 1 });
    expect(renamed?.before).toMatchObject({ name: current.name, version: current.version });
    expect(renamed?.after).toMatchObject({ name: 'Records Technician', details: { socCode: '43-4071' } });
  });
}

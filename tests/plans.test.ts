import { type Executor, openDatabase } from '@kg/db/connect';
import { PlanMode } from '@kg/db/plans';
import { loadRelationPages } from '@kg/db/relation/repository';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnDatabase, serverDatabaseUrl, TEST_SCHEMA } from './support/databases.ts';

it("tracks a connection's mode through transactions and savepoints, and forgets it when a switch fails", () => {
  const mode = new PlanMode();
  const marked = 'select /* generic plan */ 1';
  const search = 'select similarity(name, $1) from entity';
  expect(mode.switchFor(marked, 'generic')).toBe('set plan_cache_mode = force_generic_plan');
  expect(mode.switchFor(marked, 'generic')).toBeUndefined();
  expect(mode.switchFor('select 1', 'either')).toBeUndefined();
  // inside a transaction nothing switches, a savepoint's rollback included
  for (const text of ['begin', 'savepoint a', search, 'rollback to savepoint a', 'ROLLBACK TO "a"', search]) {
    expect(mode.switchFor(text, text === search ? 'custom' : 'either'), text).toBeUndefined();
  }
  expect(mode.switchFor('rollback', 'either')).toBeUndefined();
  expect(mode.switchFor(search, 'custom')).toBe('reset plan_cache_mode');
  mode.forget();
  expect(mode.switchFor(search, 'custom')).toBe('reset plan_cache_mode');
});

// The plan modes of a server connection (db/src/plans.ts): the loaders' statements are planned once per
// connection, searches are planned for their values, and nothing is switched inside a transaction.
describeOnDatabase('postgres', 'plans of prepared statements', (use) => {
  const mode = async (conn: Executor) =>
    (await sql<{ plan_cache_mode: string }>`show plan_cache_mode`.execute(conn)).rows[0].plan_cache_mode;
  const anOccupation = async (conn: Executor) =>
    (await sql<{ id: string }>`select entity_id as id from occupation limit 1`.execute(conn)).rows[0].id;

  it('plans the relation pages once per connection and searches for their values', async () => {
    await use()
      .handle.db.connection()
      .execute(async (conn) => {
        const id = await anOccupation(conn);
        const args = { direction: 'OUT' as const, limit: 10, offset: 0 };
        for (let i = 0; i < 3; i++)
          expect((await loadRelationPages(conn, [id], args)).get(id)?.length).toBeGreaterThan(0);
        expect(await mode(conn)).toBe('force_generic_plan');
        const { rows } = await sql<{ generic: number; custom: number }>`
        select generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements
        where position(${'cross join lateral'} in statement) > 0 and position(${'pg_prepared'} in statement) = 0`.execute(
          conn,
        );
        expect(rows).toEqual([{ generic: 3, custom: 0 }]);

        // a plain read leaves the mode as it is; a search sets it back
        await sql`select count(*) from entity where kind = ${'occupation'}`.execute(conn);
        expect(await mode(conn)).toBe('force_generic_plan');
        await sql`select similarity(name, ${'nurse'}) from entity where id = ${id}`.execute(conn);
        expect(await mode(conn)).toBe('auto');
      });
  });

  it('never JIT-compiles (an asOf read of the occupation page spent 4 of its 4.3 s compiling)', async () => {
    const { rows } = await sql<{ jit: string }>`show jit`.execute(use().handle.db);
    expect(rows[0].jit).toBe('off');
  });

  it('does not switch inside a transaction', async () => {
    await use()
      .handle.db.connection()
      .execute(async (conn) => {
        const id = await anOccupation(conn);
        await sql`select similarity(name, ${'nurse'}) from entity where id = ${id}`.execute(conn);
        await conn.transaction().execute(async (trx) => {
          await loadRelationPages(trx, [id], { direction: 'OUT', limit: 10, offset: 0 });
          expect(await mode(trx)).toBe('auto');
        });
        // outside it again, the loaders' statement switches
        await loadRelationPages(conn, [id], { direction: 'OUT', limit: 10, offset: 0 });
        expect(await mode(conn)).toBe('force_generic_plan');
      });
  });

  it('leaves plans to Postgres when plan modes are off (behind a pooler in transaction mode)', async () => {
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(use().handle.db);
    const handle = await openDatabase({ url: serverDatabaseUrl(rows[0].name), schema: TEST_SCHEMA, planModes: false });
    try {
      await handle.db.connection().execute(async (conn) => {
        const id = await anOccupation(conn);
        await loadRelationPages(conn, [id], { direction: 'OUT', limit: 10, offset: 0 });
        expect(await mode(conn)).toBe('auto');
      });
    } finally {
      await handle.close();
    }
  });
});

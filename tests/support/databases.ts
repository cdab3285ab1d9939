import { randomBytes } from 'node:crypto';
import { type DatabaseHandle, openDatabase } from '@kg/db/connect';
import { migrateToLatest } from '@kg/db/migrate';
import { ENTITY_KINDS } from '@kg/db/model';
import { seedGraph } from '@kg/db/seed/graph';
import { loadSeedGraph } from '@kg/db/seed/load';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe } from 'vitest';
import { createTestAccounts } from './accounts.ts';

/**
 * Every database the suite runs against: embedded PGlite always, and the Postgres server at
 * DATABASE_URL (default: the local server). KG_TEST_DATABASES=pglite limits a run to PGlite.
 */
export const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const DATABASES = (process.env.KG_TEST_DATABASES ?? 'pglite,postgres')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean) as Array<'pglite' | 'postgres'>;

/** The past versions of every versioned table (migration 0014). */
const HISTORY_TABLES = ['source', 'entity', ...ENTITY_KINDS, 'label', 'relation', 'observation', 'citation'].map(
  (table) => `${table}_history`,
);

/** Tables in an order that lets rows be re-inserted with their foreign keys satisfied. */
const DATA_TABLES = [
  'setting',
  'account',
  'login_throttle',
  'source',
  'soc_code',
  'soc_crosswalk',
  'entity',
  'external_key',
  // each kind's detail table
  ...ENTITY_KINDS,
  'label',
  'relation',
  'observation',
  'citation',
  'change_set',
  ...HISTORY_TABLES,
  'import_run',
  'draft',
] as const;

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  handle: DatabaseHandle;
  /** Puts the data back as it was right after seeding. */
  reset(): Promise<void>;
  /** Puts the review queue back as seeded: enough when drafts are all that changed (no other table refers to one). */
  resetDrafts(): Promise<void>;
  /** Row count and checksum of every data table: equal fingerprints mean nothing changed. */
  fingerprint(): Promise<Record<string, string>>;
}

async function openTestDatabase(name: 'pglite' | 'postgres'): Promise<TestDatabase & { drop(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const handle =
    name === 'pglite' ? await openDatabase() : await openDatabase({ url: SERVER_URL, schema, poolSize: 25 });
  await migrateToLatest(handle.db, { schema: name === 'postgres' ? schema : undefined });
  await loadSeedGraph(handle.db, seedGraph);
  await createTestAccounts(handle);
  // Snapshot the seeded data in side tables; reset copies it back, which is far faster than seeding again.
  for (const table of DATA_TABLES) {
    await sql.raw(`create table snapshot_${table} as table ${table}`).execute(handle.db);
  }
  const { rows: sequence } = await sql<{ n: string }>`select last_value::text as n from change_seq`.execute(handle.db);
  // The copy back is one function, so that a reset is one statement (one round trip) however many tables it fills.
  const refill = DATA_TABLES.map(
    (table) =>
      `insert into ${table} ${table === 'import_run' ? 'overriding system value' : ''} select * from snapshot_${table};`,
  );
  await sql
    .raw(`create function snapshot_restore() returns void language plpgsql as $$ begin
      -- the rows go back with the versions and change ids they had: nothing here is a change
      perform set_config('kg.versioning', 'off', true);
      truncate ${DATA_TABLES.join(', ')} restart identity cascade;
      ${refill.join('\n')}
      perform setval('change_seq', ${Number(sequence[0].n)});
    end $$`)
    .execute(handle.db);
  return {
    name,
    handle,
    async reset() {
      await sql`select snapshot_restore()`.execute(handle.db);
    },
    async resetDrafts() {
      await handle.db.transaction().execute(async (trx) => {
        await sql`delete from draft`.execute(trx);
        await sql`insert into draft select * from snapshot_draft`.execute(trx);
      });
    },
    async fingerprint() {
      // an order-free sum of row hashes: as telling as a sorted digest, and fast on large tables; every table in
      // one statement, since each statement is a round trip (to PGlite's thread, or the server)
      const { rows } = await sql<{ name: string; n: number; h: string | null }>`${sql.join(
        DATA_TABLES.map(
          (table) => sql`select ${table}::text as name, count(*)::int as n, sum(hashtextextended(t::text, 0))::text as h
            from ${sql.table(table)} t`,
        ),
        sql` union all `,
      )}`.execute(handle.db);
      const found = new Map(rows.map((r) => [r.name, `${r.n}:${r.h ?? ''}`]));
      return Object.fromEntries(DATA_TABLES.map((table) => [table, found.get(table)!]));
    },
    async drop() {
      if (name === 'postgres') await sql.raw(`drop schema "${schema}", "${schema}_asof" cascade`).execute(handle.db);
      await handle.close();
    },
  };
}

/**
 * Declares the same tests once per database. `use()` gives the database inside tests; it is opened,
 * migrated and seeded once per file.
 */
export function describeEachDatabase(title: string, body: (use: () => TestDatabase) => void) {
  for (const name of DATABASES) describeOnDatabase(name, title, body);
}

/** Declares tests on one database, skipped when the run leaves that database out (KG_TEST_DATABASES). */
export function describeOnDatabase(
  name: 'pglite' | 'postgres',
  title: string,
  body: (use: () => TestDatabase) => void,
) {
  describe.skipIf(!DATABASES.includes(name))(`${title} [${name}]`, () => {
    let database: (TestDatabase & { drop(): Promise<void> }) | undefined;
    beforeAll(async () => {
      database = await openTestDatabase(name);
    });
    afterAll(async () => {
      await database?.drop();
    });
    body(() => {
      if (!database) throw new Error('database not open yet');
      return database;
    });
  });
}

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
  return {
    name,
    handle,
    async reset() {
      await handle.db.transaction().execute(async (trx) => {
        // the rows go back with the versions and change ids they had: nothing here is a change
        await sql`select set_config('kg.versioning', 'off', true)`.execute(trx);
        await sql.raw(`truncate ${DATA_TABLES.join(', ')} restart identity cascade`).execute(trx);
        for (const table of DATA_TABLES) {
          const overriding = table === 'import_run' ? 'overriding system value' : '';
          await sql.raw(`insert into ${table} ${overriding} select * from snapshot_${table}`).execute(trx);
        }
        await sql`select setval('change_seq', ${sequence[0].n}::bigint)`.execute(trx);
      });
    },
    async fingerprint() {
      const result: Record<string, string> = {};
      for (const table of DATA_TABLES) {
        // an order-free sum of row hashes: as telling as a sorted digest, and fast on large tables
        const { rows } = await sql<{ n: number; h: string | null }>`
          select count(*)::int as n, sum(hashtextextended(t::text, 0))::text as h
          from ${sql.table(table)} t`.execute(handle.db);
        result[table] = `${rows[0].n}:${rows[0].h ?? ''}`;
      }
      return result;
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

import { randomBytes } from 'node:crypto';
import { type DatabaseHandle, openDatabase } from '@kg/db/connect';
import { migrateToLatest } from '@kg/db/migrate';
import { ENTITY_KINDS } from '@kg/db/model';
import { seedGraph } from '@kg/db/seed/graph';
import { loadSeedGraph } from '@kg/db/seed/load';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
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

/** A test database's own, and how it is put back: the seed graph, the test accounts and the reset function. */
export async function prepareSeededDatabase(handle: DatabaseHandle) {
  await migrateToLatest(handle.db, { schema: handle.schema });
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
}

/** The schema test databases on the server work in (each file has a database of its own, copied from a template). */
export const TEST_SCHEMA = 'kg_test';

/** How long a test database may live: a run lasts minutes, so an older one was left by a run that was killed. */
export const TEST_DATABASE_LIFETIME_MS = 12 * 60 * 60 * 1000;

/** A new test database's name, which says when it was made (`kg_test_[template_]<unix seconds, base 36>_<random>`). */
export function newTestDatabaseName(kind: 'file' | 'template') {
  const made = Math.floor(Date.now() / 1000).toString(36);
  return `kg_test_${kind === 'template' ? 'template_' : ''}${made}_${randomBytes(4).toString('hex')}`;
}

/** When a test database named by newTestDatabaseName was made (ms), or null for any other name. */
export function testDatabaseMadeAt(name: string): number | null {
  const made = /^kg_test_(?:template_)?([0-9a-z]+)_[0-9a-f]{8}$/.exec(name)?.[1];
  return made ? Number.parseInt(made, 36) * 1000 : null;
}

/** The URL of another database on the test server. */
export function serverDatabaseUrl(database: string) {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Opens a file's own copy of the seeded database prepared once for the run (tests/support/global-setup.ts):
 * PGlite from its dump, the server as a new database made from the template one. Without a template (a run that
 * skipped the global setup) it migrates and seeds a new one itself.
 */
async function openTestDatabase(name: 'pglite' | 'postgres'): Promise<TestDatabase & { drop(): Promise<void> }> {
  const templates = inject('seededTemplates');
  let handle: DatabaseHandle | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  try {
    if (name === 'pglite') {
      handle = await openDatabase({ fromDump: templates?.pglite });
      if (!templates?.pglite) await prepareSeededDatabase(handle);
    } else {
      const database = newTestDatabaseName('file');
      await onServer(`create database ${database}${templates?.postgres ? ` template ${templates.postgres}` : ''}`);
      dropDatabase = () => onServer(`drop database ${database} with (force)`);
      handle = await openDatabase({ url: serverDatabaseUrl(database), schema: TEST_SCHEMA, poolSize: 25 });
      if (!templates?.postgres) {
        await sql`create extension if not exists pg_trgm with schema public`.execute(handle.db);
        await prepareSeededDatabase(handle);
      }
    }
  } catch (error) {
    // a file whose database did not open leaves none behind
    await closeAndDrop(handle, dropDatabase);
    throw error;
  }
  return testDatabase(name, handle, dropDatabase);
}

async function closeAndDrop(handle: DatabaseHandle | undefined, dropDatabase: (() => Promise<void>) | undefined) {
  try {
    await handle?.close();
  } finally {
    await dropDatabase?.();
  }
}

function testDatabase(
  name: 'pglite' | 'postgres',
  handle: DatabaseHandle,
  dropDatabase: (() => Promise<void>) | undefined,
): TestDatabase & { drop(): Promise<void> } {
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
    drop: () => closeAndDrop(handle, dropDatabase),
  };
}

/** Runs one statement on the test server's own database (creating and dropping the files' databases). */
export async function onServer(statement: string) {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The seeded databases the files copy: a PGlite dump file, a template database on the server. */
    seededTemplates: { pglite?: string; postgres?: string } | undefined;
  }
}

/**
 * Declares the same tests once per database. `use()` gives the database inside tests: the file's own copy of the
 * seeded database, opened once per file.
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

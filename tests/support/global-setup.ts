import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@kg/db/connect';
import { sql } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import {
  DATABASES,
  newTestDatabaseName,
  onServer,
  prepareSeededDatabase,
  SERVER_URL,
  serverDatabaseUrl,
  TEST_DATABASE_LIFETIME_MS,
  TEST_SCHEMA,
  testDatabaseMadeAt,
} from './databases.ts';

const TEMPLATE_DIR_PREFIX = 'kg-test-templates-';

/**
 * Before any test file runs: checks that the Postgres server answers, and prepares the seeded database every
 * file starts from once for the whole run (migrated, seeded, with the test accounts and the reset function):
 * as a PGlite dump, and as a template database on the server. A file then opens a copy in about a second
 * instead of migrating and seeding its own (which took 5 to 12 s per file and database).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), TEMPLATE_DIR_PREFIX));
  const templates: { pglite?: string; postgres?: string } = {};
  const cleanups: Array<() => Promise<void>> = [async () => rmSync(dir, { recursive: true, force: true })];
  // every cleanup runs, whichever fails
  const teardown = async () => {
    const failed = (await Promise.allSettled(cleanups.reverse().map((cleanup) => cleanup()))).find(
      (r) => r.status === 'rejected',
    );
    if (failed) throw failed.reason;
  };
  try {
    await prepareTemplates(dir, templates, cleanups);
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('seededTemplates', templates);
  return teardown;
}

async function prepareTemplates(
  dir: string,
  templates: { pglite?: string; postgres?: string },
  cleanups: Array<() => Promise<void>>,
) {
  removeStaleTemplateDirs();
  if (DATABASES.includes('pglite')) {
    const handle = await openDatabase();
    try {
      await prepareSeededDatabase(handle);
      templates.pglite = join(dir, 'seeded.tar');
      await handle.dump!(templates.pglite);
    } finally {
      await handle.close();
    }
  }

  if (DATABASES.includes('postgres')) {
    await checkServer();
    await dropStaleTestDatabases();
    const database = newTestDatabaseName('template');
    await onServer(`create database ${database}`);
    cleanups.push(() => onServer(`drop database if exists ${database} with (force)`));
    const handle = await openDatabase({ url: serverDatabaseUrl(database), schema: TEST_SCHEMA, poolSize: 2 });
    try {
      await sql`create extension if not exists pg_trgm with schema public`.execute(handle.db);
      await prepareSeededDatabase(handle);
    } finally {
      // a template database takes copies only while nobody is connected to it
      await handle.close();
    }
    await onServer(`alter database ${database} with allow_connections false`);
    templates.postgres = database;
  }
}

async function checkServer() {
  const client = new pg.Client({ connectionString: SERVER_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `The suite runs against the Postgres server at ${SERVER_URL} as well as PGlite, and cannot reach it ` +
        `(${(error as Error).message}). Start it, set DATABASE_URL, or run with KG_TEST_DATABASES=pglite.`,
    );
  }
  try {
    // the migrations need it; the tests that make schemas of their own in this database too
    await client.query('create extension if not exists pg_trgm with schema public');
  } finally {
    await client.end();
  }
}

/** What a run that was killed left on the server (its teardown never ran): test databases past their lifetime. */
async function dropStaleTestDatabases() {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select datname as name from pg_database where datname like 'kg\\_test\\_%'`,
    );
    for (const { name } of rows) {
      const made = testDatabaseMadeAt(name);
      if (made !== null && Date.now() - made > TEST_DATABASE_LIFETIME_MS) {
        await client.query(`drop database if exists ${name} with (force)`);
      }
    }
  } finally {
    await client.end();
  }
}

/** The same for the dump folders such a run left in the temporary directory. */
function removeStaleTemplateDirs() {
  for (const entry of readdirSync(tmpdir())) {
    if (!entry.startsWith(TEMPLATE_DIR_PREFIX)) continue;
    const path = join(tmpdir(), entry);
    if (Date.now() - statSync(path).mtimeMs > TEST_DATABASE_LIFETIME_MS) rmSync(path, { recursive: true, force: true });
  }
}

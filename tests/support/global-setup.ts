import pg from 'pg';
import { DATABASES, SERVER_URL } from './databases.ts';

/**
 * Checks that the Postgres server answers before any test file runs, and creates the extension the
 * migrations need once (concurrent CREATE EXTENSION from parallel files would race).
 */
export default async function setup() {
  if (!DATABASES.includes('postgres')) return;
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
    await client.query('create extension if not exists pg_trgm with schema public');
  } finally {
    await client.end();
  }
}

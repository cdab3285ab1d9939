import { resolve } from 'node:path';
import type { DatabaseOptions } from './connect.ts';

/** A non-negative number from the environment, or the fallback when unset. */
export function envNumber(value: string | undefined, fallback: number, name = 'value'): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}: expected a non-negative number, got "${value}"`);
  return n;
}

/**
 * Where the database is, from DATABASE_URL (a Postgres server) or KG_DATA_DIR (embedded PGlite, default
 * ./.data). The API and the command-line tools read it the same way; relative paths are resolved against the
 * directory the user typed the command in (pnpm runs scripts inside the package, and says where in INIT_CWD).
 */
export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  if (env.DATABASE_URL) {
    return {
      url: env.DATABASE_URL,
      poolSize: envNumber(env.KG_POOL_SIZE, 10, 'KG_POOL_SIZE'),
      statementTimeoutMs: envNumber(env.KG_STATEMENT_TIMEOUT_MS, 10_000, 'KG_STATEMENT_TIMEOUT_MS'),
      preparedStatements: env.KG_PREPARED_STATEMENTS !== '0',
      planModes: env.KG_PLAN_MODES !== '0',
    };
  }
  return { dataDir: `${dataDirFromEnv(env)}/pglite` };
}

/** KG_DATA_DIR, absolute. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.INIT_CWD ?? process.cwd(), env.KG_DATA_DIR ?? '.data');
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import {
  type DatabaseConnection,
  Kysely,
  PGliteDialect,
  PGliteDriver,
  PostgresDialect,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Database } from './tables.ts';

export type Db = Kysely<Database>;
/** Anything a repository function can run on: the database or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface DatabaseOptions {
  /** A Postgres server (`postgres://...`). When absent, the embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory; omitted means in memory. */
  dataDir?: string;
  /** Postgres schema to work in (tests isolate themselves this way); `public` is always on the search path. */
  schema?: string;
  /** Server pool size. */
  poolSize?: number;
}

/** Counts SQL statements, in total and per async scope (one GraphQL request, say). */
export class StatementCounter {
  total = 0;
  readonly #scope = new AsyncLocalStorage<{ count: number }>();

  record(): void {
    this.total++;
    const scope = this.#scope.getStore();
    if (scope) scope.count++;
  }

  /** Runs `fn` and reports how many statements it issued. */
  async measure<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
    const scope = { count: 0 };
    const result = await this.#scope.run(scope, fn);
    return { result, statements: scope.count };
  }
}

export interface DatabaseHandle {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** The schema the handle works in, when not the default. */
  schema?: string;
  statements: StatementCounter;
  close(): Promise<void>;
}

/**
 * PGlite is one connection. Kysely's PGlite driver hands that connection to every caller, so a query issued
 * while another caller's transaction is open would run inside it. Queue callers instead.
 */
class SerializedPGliteDriver extends PGliteDriver {
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  override async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.#release = release;
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }
}

class SerializedPGliteDialect extends PGliteDialect {
  readonly #pglite: PGlite;
  constructor(pglite: PGlite) {
    super({ pglite });
    this.#pglite = pglite;
  }
  override createDriver() {
    return new SerializedPGliteDriver({ pglite: this.#pglite });
  }
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  const statements = new StatementCounter();
  const log = (event: { level: string }) => {
    if (event.level === 'query' || event.level === 'error') statements.record();
  };
  const searchPath = options.schema ? `"${options.schema}", public` : undefined;

  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      options: searchPath ? `-c search_path=${searchPath.replaceAll(' ', '')}` : undefined,
    });
    if (options.schema) {
      const client = await pool.connect();
      try {
        await client.query(`create schema if not exists "${options.schema}"`);
      } finally {
        client.release();
      }
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
    return { db, engine: 'postgres', schema: options.schema, statements, close: () => db.destroy() };
  }

  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir: options.dataDir, extensions: { pg_trgm } });
  if (options.schema) {
    await pglite.exec(`create schema if not exists "${options.schema}"; set search_path = ${searchPath}`);
  }
  const db = new Kysely<Database>({ dialect: new SerializedPGliteDialect(pglite), log });
  return { db, engine: 'pglite', schema: options.schema, statements, close: () => db.destroy() };
}

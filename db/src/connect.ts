import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import { pingDatabase } from './health/repository.ts';
import { PGliteWorker, PGliteWorkerDialect } from './pglite-worker-client.ts';
import { PlanMode, type PlanNeed, planNeedOf } from './plans.ts';
import type { Database } from './tables.ts';

export type Db = Kysely<Database>;
/** Anything a repository function can run on: the database or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface DatabaseOptions {
  /** A Postgres server (`postgres://...`). When absent, the embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory; omitted means in memory. */
  dataDir?: string;
  /**
   * PGlite: a dump written by the handle's `dump` to start from instead of an empty database. Opening a copy of a
   * prepared database takes about a second, where an empty one is initialised, migrated and filled anew.
   */
  fromDump?: string;
  /** Postgres schema to work in (tests isolate themselves this way); `public` is always on the search path. */
  schema?: string;
  /** Server pool size. */
  poolSize?: number;
  /**
   * Longest a statement may run before the database cancels it (ms; 0 = no limit). Set per connection on a
   * server; PGlite cannot cancel a statement, so there the API's request deadline stands in.
   */
  statementTimeoutMs?: number;
  /**
   * Prepare the hot statements once per connection instead of planning them on every call (server only).
   * Turn off behind a pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21).
   */
  preparedStatements?: boolean;
  /**
   * Switch a connection to generic plans for the loaders' statements and back for searches (db/src/plans.ts).
   * It is session state: turn it off behind a pooler in transaction mode, which hands one server connection to
   * many clients.
   */
  planModes?: boolean;
  /** How long to wait for a server connection before failing (ms): a down database fails requests fast. */
  connectTimeoutMs?: number;
  /** Where opening the embedded database reports what it does (a lock taken over, recovery). */
  logger?: { info(message: string): void; warn(message: string): void };
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

const PREPARABLE = /^\s*(select|with|insert|update|delete)\b/i;
const TIMESTAMPTZ_OID = 1184;
const digits = (text: string, from: number, to: number) => {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
};

/**
 * A timestamptz in UTC as Postgres writes it in a row ("2026-12-01 19:03:51.832757+00") or in JSON
 * ("2026-12-01T19:03:51.832757+00:00", the statement batch's rows), read by position: rows carry several each,
 * and pg's parser (a regular expression per value) and Date's own were a visible share of a request's CPU time.
 * Anything else (another offset, years before 1000, BC, infinity) goes to pg's own parser (JSON's to Date's);
 * they give the same Date (milliseconds truncated, as pg's does).
 */
export function parseTimestamptz(text: string): Date {
  const n = text.length;
  const zone = text.endsWith('+00') ? 3 : text.endsWith('+00:00') ? 6 : 0;
  const end = n - zone;
  if (
    zone > 0 &&
    end >= 19 &&
    end <= 26 &&
    text.charCodeAt(0) !== 48 &&
    text[4] === '-' &&
    text[7] === '-' &&
    (text[10] === ' ' || text[10] === 'T') &&
    text[13] === ':' &&
    text[16] === ':' &&
    (end === 19 || (text[19] === '.' && end > 20))
  ) {
    // the first three digits of the fraction are the milliseconds
    let ms = 0;
    for (let i = 20, scale = 100; i < 23; i++, scale /= 10) ms += i < end ? digits(text, i, i + 1) * scale : 0;
    const time = Date.UTC(
      digits(text, 0, 4),
      digits(text, 5, 7) - 1,
      digits(text, 8, 10),
      digits(text, 11, 13),
      digits(text, 14, 16),
      digits(text, 17, 19),
      ms,
    );
    if (!Number.isNaN(time)) return new Date(time);
  }
  return text[10] === 'T' ? new Date(text) : (pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text')(text) as Date);
}

/** pg's type parsers, with timestamptz read by parseTimestamptz. */
const POOL_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ_OID && format !== 'binary'
      ? parseTimestamptz
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Distinct statements prepared per process at most: texts that vary (long IN lists) stay unprepared. */
const MAX_PREPARED = 500;

/**
 * A pg client that sends query texts it has seen before as named prepared statements: Postgres parses and
 * plans them once per connection. Names are a hash of the text, so every connection agrees on them.
 */
function preparingClient(planModes: boolean): typeof pg.Client {
  const prepared = new Map<string, { name: string; plan: PlanNeed }>();
  return class PreparingClient extends pg.Client {
    readonly #plans = new PlanMode();
    // biome-ignore lint/suspicious/noExplicitAny: pg's query overloads
    override query(config: any, values?: any, callback?: any): any {
      if (typeof config !== 'string') return super.query(config, values, callback);
      let statement = prepared.get(config);
      if (!statement && Array.isArray(values) && PREPARABLE.test(config) && prepared.size < MAX_PREPARED) {
        const name = `k${createHash('sha1').update(config).digest('base64url')}`;
        statement = { name, plan: planNeedOf(config) };
        prepared.set(config, statement);
      }
      const set = planModes ? this.#plans.switchFor(config, statement?.plan ?? planNeedOf(config)) : undefined;
      // queued ahead of the statement; a failed switch only costs the statement its plan
      if (set) super.query(set).catch(() => this.#plans.forget());
      if (statement && Array.isArray(values))
        return super.query({ name: statement.name, text: config, values }, callback);
      return super.query(config, values, callback);
    }
  };
}

export interface DatabaseHandle {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** The schema the handle works in, when not the default. */
  schema?: string;
  statements: StatementCounter;
  /** Connection pool figures for metrics (a server pool; PGlite is one connection). */
  poolStats(): { total: number; idle: number; waiting: number };
  /** Resolves when the database answers (readiness). */
  ping(): Promise<void>;
  /** PGlite: writes the whole database to a file that `fromDump` opens a copy of. */
  dump?(path: string): Promise<void>;
  close(): Promise<void>;
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
      // JIT compilation pays off for long analytical scans, not for a request's statements: an `asOf` read's
      // views over live and history tables make the planner's estimates large enough to JIT-compile it, which
      // took 4 of its 4.3 seconds
      options: ['-c jit=off', ...(searchPath ? [`-c search_path=${searchPath.replaceAll(' ', '')}`] : [])].join(' '),
      statement_timeout: options.statementTimeoutMs || undefined,
      // a transaction left open by a stuck client must not hold locks for ever
      idle_in_transaction_session_timeout: options.statementTimeoutMs ? options.statementTimeoutMs * 2 : undefined,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      Client: options.preparedStatements === false ? undefined : preparingClient(options.planModes !== false),
      types: POOL_TYPES,
    });
    // An idle connection whose server went away emits an error; without a listener it would end the process.
    // The pool drops that connection and opens a new one when the server is back.
    pool.on('error', () => {});
    // A connection in use whose server goes away emits an error too; the query on it fails with that error,
    // which is what the caller sees, so the event itself needs no handling beyond not crashing.
    pool.on('connect', (client) => client.on('error', () => {}));
    if (options.schema) {
      const client = await pool.connect();
      try {
        await client.query(`create schema if not exists "${options.schema}"`);
      } finally {
        client.release();
      }
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
    return {
      db,
      engine: 'postgres',
      schema: options.schema,
      statements,
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      ping: () => pingDatabase(db),
      close: () => db.destroy(),
    };
  }

  return openEmbedded(options, statements, log);
}

/**
 * The embedded database: PGlite in a worker thread, its data directory locked for this process. A lock left
 * by a process that was killed is taken over, and the recovery PGlite then runs is logged and timed.
 */
async function openEmbedded(
  options: DatabaseOptions,
  statements: StatementCounter,
  log: (event: { level: string }) => void,
): Promise<DatabaseHandle> {
  let lock: DataDirLock | undefined;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    lock = lockDataDir(options.dataDir);
    if (lock.crashed) {
      options.logger?.warn(
        `the embedded database in ${options.dataDir} was not closed (process ${lock.crashed.pid} stopped without closing it): recovering from its write-ahead log`,
      );
    }
  }
  const started = performance.now();
  const database = new PGliteWorker({ dataDir: options.dataDir, schema: options.schema, fromDump: options.fromDump });
  try {
    await database.ready;
  } catch (error) {
    lock?.release();
    throw error;
  }
  if (lock?.crashed) {
    options.logger?.info(`the embedded database recovered in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const db = new Kysely<Database>({ dialect: new PGliteWorkerDialect(database), log });
  return {
    db,
    engine: 'pglite',
    schema: options.schema,
    statements,
    poolStats: () => ({ total: 1, idle: database.busyMs === undefined ? 1 : 0, waiting: 0 }),
    // The thread runs one statement at a time and cannot be interrupted: one that is running proves it alive.
    ping: () => (database.busyMs !== undefined && database.alive ? Promise.resolve() : database.ping()),
    dump: (path) => database.dump(path),
    close: async () => {
      try {
        await db.destroy();
      } finally {
        lock?.release();
      }
    },
  };
}

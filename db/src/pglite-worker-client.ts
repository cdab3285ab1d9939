import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  PGliteDialect,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

type Reply =
  | { id: number; ok: true; rows: unknown[]; affectedRows?: number }
  | { id: number; ok: false; error: object };
type Startup = { type: 'ready' } | { type: 'failed'; error: { message: string } };

/**
 * The embedded PGlite database, running in a worker thread of its own (db/src/pglite-worker.mjs). Statements
 * are sent as messages and answered in order; the calling thread stays free while one runs.
 */
export class PGliteWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve(reply: Reply): void; reject(error: Error): void }>();
  #nextId = 1;
  #exited: Error | undefined;
  /** When the statement now running was sent (undefined when idle). */
  #busySince: number | undefined;
  readonly ready: Promise<void>;

  constructor(options: { dataDir?: string; schema?: string; fromDump?: string }) {
    this.#worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: options });
    this.#worker.unref();
    this.ready = new Promise<void>((resolve, reject) => {
      const onStartup = (message: Startup) => {
        this.#worker.off('message', onStartup);
        this.#worker.on('message', (reply: Reply) => this.#answer(reply));
        if (message.type === 'ready') resolve();
        else reject(Object.assign(new Error(message.error.message), message.error));
      };
      this.#worker.on('message', onStartup);
      this.#worker.once('error', reject);
    });
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', (code) => this.#fail(new Error(`the embedded database's thread exited (code ${code})`)));
  }

  /** Whether a statement is running now, and for how long (ms). */
  get busyMs(): number | undefined {
    return this.#busySince === undefined ? undefined : performance.now() - this.#busySince;
  }

  get alive(): boolean {
    return this.#exited === undefined;
  }

  async query(sql: string, params: readonly unknown[]): Promise<QueryResult<unknown>> {
    const reply = await this.#send({ kind: 'query', sql, params });
    if (!reply.ok) throw reply.error;
    return {
      rows: reply.rows,
      numAffectedRows: reply.affectedRows != null ? BigInt(reply.affectedRows) : undefined,
    };
  }

  /** Resolves when the thread answers a message (behind whatever statement it is running). */
  async ping(): Promise<void> {
    await this.#send({ kind: 'ping' });
  }

  /** Writes the whole data directory to `path` as a tar file that `fromDump` starts a database from. */
  async dump(path: string): Promise<void> {
    const reply = await this.#send({ kind: 'dump', path });
    if (!reply.ok) throw reply.error;
  }

  async close(): Promise<void> {
    if (!this.alive) return;
    await this.#send({ kind: 'close' });
    await this.#worker.terminate();
  }

  #send(message: {
    kind: string;
    sql?: string;
    params?: readonly unknown[];
    path?: string;
  }): Promise<Reply & { error?: Error }> {
    if (this.#exited) return Promise.reject(this.#exited);
    const id = this.#nextId++;
    if (this.#pending.size === 0) {
      this.#worker.ref();
      this.#busySince = performance.now();
    }
    return new Promise((resolve, reject) => {
      this.#pending.set(id, {
        resolve: (reply) =>
          resolve(reply.ok ? reply : { ...reply, error: Object.assign(new Error(), reply.error) as Error }),
        reject,
      });
      this.#worker.postMessage({ id, ...message });
    });
  }

  #answer(reply: Reply) {
    const waiting = this.#pending.get(reply.id);
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) {
      this.#busySince = undefined;
      this.#worker.unref();
    } else this.#busySince = performance.now();
    waiting?.resolve(reply);
  }

  #fail(error: Error) {
    this.#exited ??= error;
    for (const waiting of this.#pending.values()) waiting.reject(error);
    this.#pending.clear();
    this.#busySince = undefined;
  }
}

class WorkerConnection implements DatabaseConnection {
  constructor(readonly database: PGliteWorker) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.database.query(query.sql, query.parameters) as Promise<QueryResult<R>>;
  }

  // biome-ignore lint/correctness/useYield: PGlite answers whole results
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the embedded database does not stream results: read in pages');
  }
}

/**
 * One connection, handed to one caller at a time: a statement issued while another caller's transaction is
 * open waits for it instead of running inside it.
 */
class WorkerDriver implements Driver {
  readonly #connection: WorkerConnection;
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(database: PGliteWorker) {
    this.#connection = new WorkerConnection(database);
  }

  async init() {
    await this.#connection.database.ready;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.#release = release;
    return this.#connection;
  }

  async releaseConnection() {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    let sql = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      sql = `start transaction${settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : ''}${settings.accessMode ? ` ${settings.accessMode}` : ''}`;
    }
    await connection.executeQuery(CompiledQuery.raw(sql));
  }

  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint "${name}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint "${name}"`));
  }

  async destroy() {
    await this.#connection.database.close();
  }
}

/** Kysely's PGlite dialect (adapter, compiler, introspector) over a database in a worker thread. */
export class PGliteWorkerDialect extends PGliteDialect {
  readonly #database: PGliteWorker;
  constructor(database: PGliteWorker) {
    super({ pglite: () => Promise.reject(new Error('unused: the worker owns PGlite')) });
    this.#database = database;
  }
  override createDriver(): Driver {
    return new WorkerDriver(this.#database);
  }
}

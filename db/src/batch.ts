import { type Expression, type RawBuilder, sql } from 'kysely';
import { type Executor, parseTimestamptz } from './connect.ts';
import { genericPlan } from './plans.ts';

/** A row as JSON gives it back: timestamps as text, to be revived (see reviveTimestamps). */
export type JsonRow = Record<string, unknown>;

/** A select built on a reader's database: a query builder, or raw SQL. */
export type Select<T> = (Expression<unknown> & { execute(): Promise<T[]> }) | RawBuilder<T>;

interface Pending {
  query: Select<unknown>;
  revive: (row: JsonRow) => unknown;
  resolve(rows: unknown[]): void;
  reject(error: unknown): void;
}

/**
 * Reads of one request that arrive together, sent as one statement. The loaders of one level of a GraphQL
 * query (an occupation's relations and its wages; their issuers and the wages' citations) dispatch in the
 * same turn of the event loop; each hands its select here, and once that turn is over (setImmediate: every
 * promise and loader of the level has run by then) they go to the database as one statement, each select's
 * rows aggregated as JSON in a column of its own. A select alone is run as it is.
 */
export class StatementBatch {
  #pending: Pending[] = [];

  constructor(readonly db: Executor) {}

  /** The rows of `query`; `revive` turns a row read through JSON back into what the query itself returns. */
  select<T>(query: Select<T>, revive: (row: JsonRow) => T): Promise<T[]> {
    return new Promise<unknown[]>((resolve, reject) => {
      if (this.#pending.push({ query, revive, resolve, reject }) === 1) setImmediate(() => this.#flush());
    }) as Promise<T[]>;
  }

  async #flush() {
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 1) return runAlone(this.db, batch[0]);
    const columns = batch.map(
      ({ query }, i) => sql`(select coalesce(json_agg(t), '[]'::json) from (${query}) t) as ${sql.ref(`r${i}`)}`,
    );
    let row: Record<string, JsonRow[]> | undefined;
    try {
      ({
        rows: [row],
      } = await sql<Record<string, JsonRow[]>>`select ${genericPlan} ${sql.join(columns)}`.execute(this.db));
    } catch {
      // one of them failed: run each alone, so that each loader gets its own answer or error
      for (const pending of batch) await runAlone(this.db, pending);
      return;
    }
    for (const [i, pending] of batch.entries()) pending.resolve((row?.[`r${i}`] ?? []).map(pending.revive));
  }
}

async function run<T>(db: Executor, query: Select<T>): Promise<T[]> {
  return 'isRawBuilder' in query ? (await query.execute(db)).rows : query.execute();
}

async function runAlone(db: Executor, pending: Pending) {
  try {
    pending.resolve(await run(db, pending.query));
  } catch (error) {
    pending.reject(error);
  }
}

/** Where a read runs: the database or a transaction, or a request's batch that joins it with others. */
export type Reader = Executor | StatementBatch;

/** The database a reader's queries are built on. */
export const dbOf = (reader: Reader): Executor => (reader instanceof StatementBatch ? reader.db : reader);

/** The rows of a select, through the reader's batch when it has one. */
export function selectRows<T>(reader: Reader, query: Select<T>, revive: (row: JsonRow) => T): Promise<T[]> {
  return reader instanceof StatementBatch ? reader.select(query, revive) : run(reader, query);
}

/**
 * Turns the timestamp columns of a row read through JSON back into Dates, as the driver gives them; other
 * values (numbers, text, JSON, dates as YYYY-MM-DD) come through JSON as they are read.
 */
export function reviveTimestamps<T>(...columns: string[]): (row: JsonRow) => T {
  return (row) => {
    for (const column of columns) {
      const value = row[column];
      if (typeof value === 'string') row[column] = parseTimestamptz(value);
    }
    return row as T;
  };
}

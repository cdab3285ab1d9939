/** The import context and its batches: one transaction each, recorded as the release's own change. */
import { sql, type Transaction } from 'kysely';
import { recordChanges } from '../../change-log/repository.ts';
import type { Db } from '../../connect.ts';
import type { ImportStatistics } from '../../statistics.ts';
import type { Database, SourceRow } from '../../tables.ts';

export interface Citing {
  /** Where in the release: file and line. */
  locator: string;
  /** The record as published. */
  quote?: string;
}

export type Counts = Record<string, { created: number; updated: number; retired: number; unchanged: number }>;

export interface ImportContext {
  db: Db;
  source: SourceRow;
  /** Recorded as the actor of every change. */
  actor: string;
  /** Source keys of every release of this dataset (e.g. all O*NET releases): the facts the importer owns. */
  family: string;
  counts: Counts;
  /** What the import left out of a release and why (records naming concepts the release does not list). */
  notes: string[];
  onProgress?: (step: string, done: number, total: number) => void;
  batchSize?: number;
  /** Planner statistics kept current as batches land (where no autovacuum does it). */
  statistics?: ImportStatistics;
}

export const tally = (ctx: ImportContext, step: string) =>
  (ctx.counts[step] ??= { created: 0, updated: 0, retired: 0, unchanged: 0 });

/**
 * Inserts rows (all with the same columns; JSON columns as values, not text) in one statement with one
 * parameter, the rows as JSON: a statement with thousands of parameters costs more to build, send and bind,
 * above all to the embedded database, which runs in a worker thread.
 */
export async function insertRows(trx: Transaction<Database>, table: keyof Database, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const columns = sql.join(Object.keys(rows[0]).map((c) => sql.ref(c)));
  await sql`
    insert into ${sql.table(table)} (${columns})
    select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)`.execute(
    trx,
  );
}

/** Updates rows by id (all with the same columns, as insertRows takes them) in one statement. */
export async function updateRows(
  trx: Transaction<Database>,
  table: 'relation' | 'observation',
  rows: Record<string, unknown>[],
) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).filter((c) => c !== 'id');
  const set = sql.join(columns.map((c) => sql`${sql.ref(c)} = v.${sql.ref(c)}`));
  await sql`
    update ${sql.table(table)} t set ${set}
    from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json) v
    where t.id = v.id`.execute(trx);
}

/** Runs `work` over `items` in batches, one transaction each. */
export async function inBatches<T>(
  ctx: ImportContext,
  step: string,
  items: T[],
  work: (trx: Transaction<Database>, batch: T[]) => Promise<void>,
) {
  const size = ctx.batchSize ?? 2000;
  for (let i = 0; i < items.length; i += size) {
    const batch = items.slice(i, i + size);
    await ctx.db.transaction().execute(async (trx) => {
      // An import is resumable: a batch lost in a crash is written again by the next run, so its commit need
      // not wait for the disk (commits stay in order, and the run is recorded finished only with a flush).
      await sql`set local synchronous_commit = off`.execute(trx);
      // The statement limit guards requests; a batch on a busy machine may take longer and must still finish.
      await sql`set local statement_timeout = 0`.execute(trx);
      await work(trx, batch);
      await recordChanges(trx, { actor: ctx.actor, reason: `import ${ctx.source.key}` });
    });
    await ctx.statistics?.wrote(ctx.db, batch.length);
    ctx.onProgress?.(step, Math.min(i + size, items.length), items.length);
  }
}

export const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Keys in one order at every depth: jsonb keeps its own order of keys, so JSON text compares only so. */
export const sortKeys = (value: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, sortDeep(v)]),
  );
const sortDeep = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(sortDeep)
    : value && typeof value === 'object'
      ? sortKeys(value as Record<string, unknown>)
      : value;

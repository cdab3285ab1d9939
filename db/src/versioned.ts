import { type Kysely, sql, type Transaction } from 'kysely';
import { recordChanges } from './change-log/repository.ts';
import { conflict, isUuid, notFound } from './errors.ts';
import type { Database } from './tables.ts';
import type { WriteContext } from './transaction.ts';

type VersionedTable = 'entity' | 'label' | 'relation' | 'observation' | 'citation' | 'source';
type Row = { id: string; version: number; [column: string]: unknown };

// The table name varies at run time, which Kysely's types cannot follow; the row shape is the same for all.
const loose = (trx: Transaction<Database>) =>
  trx as unknown as Kysely<Record<VersionedTable, { id: string; version: number }>>;

/**
 * Locks a fact's row and checks the version the caller read. Concurrent writers holding the same version
 * queue on the lock; the first one wins and the rest see a newer version and get CONFLICT.
 *
 * The change lock (which every writing transaction holds from its first change until it commits, so that change
 * ids grow in commit order; migration 0014) is taken first: a writer never waits for it while holding a row.
 */
export async function lockForWrite(
  trx: Transaction<Database>,
  table: VersionedTable,
  label: string,
  id: string,
  expectedVersion: number,
): Promise<Row> {
  if (!isUuid(id)) throw notFound(label, id);
  await sql`select pg_advisory_xact_lock('change_seq'::regclass::oid::bigint)`.execute(trx);
  const row = (await loose(trx).selectFrom(table).selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) as
    | Row
    | undefined;
  if (!row) throw notFound(label, id);
  if (row.version !== expectedVersion) throw conflict(label, id, expectedVersion, row.version);
  return row;
}

/** Applies `patch` to a locked row and bumps its version; the table's history keeps the version before. */
export async function updateLocked(
  trx: Transaction<Database>,
  context: WriteContext,
  table: VersionedTable,
  before: Row,
  patch: Record<string, unknown>,
): Promise<Row> {
  const after = (await loose(trx)
    .updateTable(table)
    .set({ ...patch, version: before.version + 1, updated_at: new Date() } as never)
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow()) as Row;
  await recordChanges(trx, context);
  return after;
}

import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { recordChanges } from './change-log/repository.ts';
import { conflict, isUuid, notFound } from './errors.ts';
import type { Database } from './tables.ts';
import type { WriteContext } from './transaction.ts';

type VersionedTable = 'entity' | 'label' | 'relation' | 'observation' | 'citation' | 'source';
type Row = { id: string; version: number; [column: string]: unknown };
/** A row of a versioned table, as read. */
type RowOf<T extends VersionedTable> = Selectable<Database[T]>;

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
export async function lockForWrite<T extends VersionedTable>(
  trx: Transaction<Database>,
  table: T,
  id: string,
  expectedVersion: number,
): Promise<RowOf<T>> {
  if (!isUuid(id)) throw notFound(table, id);
  await sql`select pg_advisory_xact_lock('change_seq'::regclass::oid::bigint)`.execute(trx);
  const row = (await loose(trx)
    .selectFrom(table as VersionedTable)
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()) as Row | undefined;
  if (!row) throw notFound(table, id);
  if (row.version !== expectedVersion) throw conflict(table, id, expectedVersion, row.version);
  return row as unknown as RowOf<T>;
}

/** Applies `patch` to a locked row and bumps its version; the table's history keeps the version before. */
export async function updateLocked<T extends VersionedTable>(
  trx: Transaction<Database>,
  context: WriteContext,
  table: T,
  before: { id: string; version: number },
  patch: Record<string, unknown>,
): Promise<RowOf<T>> {
  const after = await loose(trx)
    .updateTable(table as VersionedTable)
    .set({ ...patch, version: before.version + 1, updated_at: new Date() } as never)
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChanges(trx, context);
  return after as unknown as RowOf<T>;
}

/** Deletes a locked row (its citations, if it has any, are deleted first), logging the change. */
export async function deleteLocked(
  trx: Transaction<Database>,
  context: WriteContext,
  table: VersionedTable,
  id: string,
): Promise<{ id: string }> {
  await loose(trx).deleteFrom(table).where('id', '=', id).execute();
  await recordChanges(trx, context);
  return { id };
}

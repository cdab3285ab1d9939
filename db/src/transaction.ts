import type { Transaction } from 'kysely';
import type { Executor } from './connect.ts';
import type { Database } from './tables.ts';

/** Runs `fn` in the caller's transaction if there is one, else in a new one. */
export function inTransaction<T>(executor: Executor, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (executor.isTransaction) return fn(executor as Transaction<Database>);
  return executor.transaction().execute(fn);
}

/** Who is writing and why; recorded with every change. */
export interface WriteContext {
  actor: string;
  reason?: string;
  /** The reviewer who published the change, when it was a curator's draft. */
  approvedBy?: string;
  draftId?: string;
}

import { sql } from 'kysely';
import type { Executor } from '../connect.ts';
import { normalizeOptionalText } from '../normalize.ts';
import type { WriteContext } from '../transaction.ts';

/**
 * Records who made the changes of this transaction, and why. The rows keep their own history (each table's
 * `_history`, migration 0014): a trigger opened the transaction's change set at its first change, and this names
 * its writer. Call it inside the transaction, after its first change; calling it again changes nothing.
 */
export async function recordChanges(trx: Executor, context: WriteContext): Promise<void> {
  const reason = normalizeOptionalText(context.reason, 'reason', 2000) ?? null;
  await sql`
    update change_set set actor = ${context.actor}, reason = ${reason}, approved_by = ${context.approvedBy ?? null},
      draft_id = ${context.draftId ?? null}
    where first_n = nullif(current_setting('kg.change_set', true), '')::bigint`.execute(trx);
}

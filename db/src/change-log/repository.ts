import type { Executor } from '../connect.ts';
import type { FactType } from '../model.ts';
import { normalizeOptionalText } from '../normalize.ts';
import type { WriteContext } from '../transaction.ts';

export interface Change {
  factType: FactType;
  factId: string;
  op: 'create' | 'update' | 'delete';
  version: number | null;
  before: unknown;
  after: unknown;
}

/** Appends to the change log; call it inside the transaction that made the change. */
export async function recordChanges(trx: Executor, context: WriteContext, changes: Change[]): Promise<void> {
  if (changes.length === 0) return;
  const reason = normalizeOptionalText(context.reason, 'reason', 2000) ?? null;
  await trx
    .insertInto('change_log')
    .values(
      changes.map((c) => ({
        actor: context.actor,
        reason,
        approved_by: context.approvedBy ?? null,
        draft_id: context.draftId ?? null,
        fact_type: c.factType,
        fact_id: c.factId,
        op: c.op,
        version: c.version,
        before: c.before === null || c.before === undefined ? null : JSON.stringify(c.before),
        after: c.after === null || c.after === undefined ? null : JSON.stringify(c.after),
      })),
    )
    .execute();
}

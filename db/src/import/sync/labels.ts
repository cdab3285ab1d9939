import { randomUUID } from 'node:crypto';
import type { LabelType } from '../../model.ts';
import { type Citing, type ImportContext, inBatches, tally } from './batches.ts';
import { addMissingCitations, insertCited, ownedFacts, retire } from './facts.ts';

export interface DesiredLabel extends Citing {
  entityId: string;
  text: string;
  type: Exclude<LabelType, 'preferred'>;
}

/** Adds labels the dataset states; labels it stated before and no longer does are retired. */
export async function syncLabels(
  ctx: ImportContext,
  step: string,
  desired: DesiredLabel[],
  scope: { entityIds: string[]; types: LabelType[] },
) {
  const counts = tally(ctx, step);
  const existing = new Map<string, { id: string; status: string; type: string }>();
  for (let i = 0; i < scope.entityIds.length; i += 5000) {
    for (const row of await ctx.db
      .selectFrom('label')
      .select(['id', 'entity_id', 'text', 'language', 'status', 'type'])
      .where('entity_id', 'in', scope.entityIds.slice(i, i + 5000))
      .execute()) {
      existing.set(`${row.entity_id}|${row.language}|${row.text.toLowerCase()}`, row);
    }
  }
  const wanted = new Map<string, DesiredLabel>();
  for (const d of desired) wanted.set(`${d.entityId}|en|${d.text.toLowerCase()}`, d);
  const fresh = [...wanted].filter(([key]) => !existing.has(key)).map(([, d]) => d);
  await inBatches(ctx, step, fresh, async (trx, batch) => {
    const rows = batch.map((d) => ({
      id: randomUUID(),
      entity_id: d.entityId,
      text: d.text,
      type: d.type,
      language: 'en',
    }));
    await insertCited(ctx, trx, 'label', rows, batch);
    counts.created += batch.length;
  });
  counts.unchanged += wanted.size - fresh.length;
  await addMissingCitations(
    ctx,
    step,
    'label_id',
    [...wanted].filter(([key]) => existing.has(key)).map(([key, d]) => ({ id: existing.get(key)!.id, citing: d })),
  );
  const stale = [...existing]
    .filter(([key, row]) => !wanted.has(key) && row.status !== 'retired' && scope.types.includes(row.type as LabelType))
    .map(([, row]) => row.id);
  await retire(ctx, step, 'label', [...(await ownedFacts(ctx, 'label', stale))]);
}

import { randomUUID } from 'node:crypto';
import type { EntityKind } from '../../model.ts';
import { type Citing, type ImportContext, inBatches, sameJson, sortKeys, tally, updateRows } from './batches.ts';
import { addMissingCitations, insertCited, ownedFacts, retire } from './facts.ts';

export interface DesiredRelation extends Citing {
  fromId: string;
  toId: string;
  attributes?: Record<string, unknown>;
}

/**
 * Makes the relations of one predicate from the given entities match `desired`. Relations this dataset
 * made that it no longer states are retired; relations others made are left alone.
 */
export async function syncRelations(
  ctx: ImportContext,
  predicate: string,
  kinds: { from: EntityKind; to: EntityKind },
  desired: DesiredRelation[],
  scope: { fromIds: string[] },
  /**
   * `draft` proposes the relations for review instead of publishing them. A proposal a reviewer has
   * published or rejected (retired) is theirs: later imports neither revive nor retire it.
   */
  options: {
    status?: 'draft';
    /**
     * A dataset that states reviewed links may take over another dataset's drafts of the same link
     * (e.g. the family `esco:` that guessed them): they are published with this release's attributes and
     * citation. Drafts it does not state stay as they are, for a reviewer.
     */
    adoptDraftsOf?: string;
  } = {},
) {
  const proposing = options.status === 'draft';
  const step = `${predicate} relations`;
  const counts = tally(ctx, step);
  const existing = new Map<
    string,
    { id: string; attributes: Record<string, unknown>; status: string; version: number }
  >();
  for (let i = 0; i < scope.fromIds.length; i += 5000) {
    for (const row of await ctx.db
      .selectFrom('relation')
      .select(['id', 'from_id', 'to_id', 'attributes', 'status', 'version'])
      .where('predicate', '=', predicate)
      .where('from_id', 'in', scope.fromIds.slice(i, i + 5000))
      .execute()) {
      existing.set(`${row.from_id}|${row.to_id}`, row);
    }
  }
  const wanted = new Map<string, DesiredRelation>();
  for (const d of desired) if (d.fromId !== d.toId) wanted.set(`${d.fromId}|${d.toId}`, d);

  const fresh = [...wanted.values()].filter((d) => !existing.has(`${d.fromId}|${d.toId}`));
  await inBatches(ctx, step, fresh, async (trx, batch) => {
    const rows = batch.map((d) => ({
      id: randomUUID(),
      predicate,
      from_id: d.fromId,
      from_kind: kinds.from,
      to_id: d.toId,
      to_kind: kinds.to,
      attributes: d.attributes ?? {},
      status: proposing ? 'draft' : 'published',
    }));
    await insertCited(ctx, trx, 'relation', rows, batch);
    counts.created += batch.length;
  });

  const kept = [...wanted.values()].filter((d) => existing.has(`${d.fromId}|${d.toId}`));
  const keptIds = kept.map((d) => existing.get(`${d.fromId}|${d.toId}`)!.id);
  const owned = await ownedFacts(ctx, 'relation', keptIds);
  const adoptable = options.adoptDraftsOf
    ? await ownedFacts(ctx, 'relation', keptIds, options.adoptDraftsOf)
    : new Set<string>();
  const changed = kept.filter((d) => {
    const row = existing.get(`${d.fromId}|${d.toId}`)!;
    if (adoptable.has(row.id) && row.status === 'draft' && !proposing) return true;
    if (!owned.has(row.id)) return false;
    if (proposing) return row.status === 'draft' && !sameJson(sortKeys(row.attributes), sortKeys(d.attributes ?? {}));
    return row.status === 'retired' || !sameJson(sortKeys(row.attributes), sortKeys(d.attributes ?? {}));
  });
  counts.unchanged += kept.length - changed.length;
  await inBatches(ctx, `${step} updates`, changed, async (trx, batch) => {
    const updatedAt = new Date();
    await updateRows(
      trx,
      'relation',
      batch.map((d) => {
        const row = existing.get(`${d.fromId}|${d.toId}`)!;
        const status = proposing ? 'draft' : 'published';
        return { id: row.id, attributes: d.attributes ?? {}, status, version: row.version + 1, updated_at: updatedAt };
      }),
    );
    counts.updated += batch.length;
  });
  await addMissingCitations(
    ctx,
    step,
    'relation_id',
    [...wanted.values()]
      .map((d) => ({ id: existing.get(`${d.fromId}|${d.toId}`)?.id ?? '', citing: d }))
      .filter((f) => f.id),
  );

  const stale = [...existing]
    .filter(([key, row]) => !wanted.has(key) && (proposing ? row.status === 'draft' : row.status !== 'retired'))
    .map(([, row]) => row.id);
  const ownedStale = await ownedFacts(ctx, 'relation', stale);
  await retire(ctx, step, 'relation', [...ownedStale]);
}

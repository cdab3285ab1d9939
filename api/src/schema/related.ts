import type { EntityKind } from '@kg/db/model';
import type { RelatedRow } from '@kg/db/relation/repository';
import type { EntityRow } from '@kg/db/tables';
import type { Context } from '../context.ts';

async function loadRelatedRows(ids: string[], ctx: Context, predicate: string, direction: 'OUT' | 'IN') {
  const answers = await ctx.loaders.related.loadMany(ids.map((id) => ({ id, predicate, direction })));
  return answers.map((answer) => {
    if (answer instanceof Error) throw answer;
    return answer;
  });
}

/**
 * Loads, for many entities at once, the entities one predicate links them to. All such fields of a query level
 * share one statement (the `related` loader of the request).
 */
export function relatedEntities(predicate: string, direction: 'OUT' | 'IN') {
  return async (ids: string[], ctx: Context): Promise<EntityRow[][]> =>
    (await loadRelatedRows(ids, ctx, predicate, direction)).map((rows) => rows.map(({ entity }) => entity));
}

/** Like relatedEntities, keeping only the entities of one kind (a predicate may join several kinds). */
export function relatedOfKind(predicate: string, direction: 'OUT' | 'IN', kind: EntityKind) {
  return async (ids: string[], ctx: Context): Promise<EntityRow[][]> =>
    (await relatedEntities(predicate, direction)(ids, ctx)).map((list) => list.filter((e) => e.kind === kind));
}

export type RelatedWithEdge = RelatedRow;

/** Like relatedEntities, keeping the relation (its attributes carry importance, level, required ...). */
export function relatedWithEdges(predicate: string, direction: 'OUT' | 'IN') {
  return (ids: string[], ctx: Context): Promise<RelatedWithEdge[][]> => loadRelatedRows(ids, ctx, predicate, direction);
}

/** Reads one typed detail column of an entity through the per-kind details loader. */
export const detail =
  <T>(kind: EntityKind, field: string) =>
  async (entity: EntityRow, _args: unknown, ctx: Context): Promise<T | null> =>
    ((await ctx.loaders.details(kind).load(entity.id))[field] as T | undefined) ?? null;

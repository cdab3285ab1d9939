import type { EntityKind } from '@kg/db/model';
import { loadRelated } from '@kg/db/relation/repository';
import type { EntityRow, RelationRow } from '@kg/db/tables';
import type { Context } from '../context.ts';

/** Loads, for many entities at once, the entities one predicate links them to (one statement per field). */
export function relatedEntities(predicate: string, direction: 'OUT' | 'IN') {
  return async (ids: string[], ctx: Context): Promise<EntityRow[][]> => {
    const map = await loadRelated(ctx.db, ids, predicate, direction);
    return ids.map((id) => (map.get(id) ?? []).map(({ entity }) => entity));
  };
}

/** Like relatedEntities, keeping only the entities of one kind (a predicate may join several kinds). */
export function relatedOfKind(predicate: string, direction: 'OUT' | 'IN', kind: EntityKind) {
  return async (ids: string[], ctx: Context): Promise<EntityRow[][]> =>
    (await relatedEntities(predicate, direction)(ids, ctx)).map((list) => list.filter((e) => e.kind === kind));
}

export interface RelatedWithEdge {
  entity: EntityRow;
  relation: RelationRow;
}

/** Like relatedEntities, keeping the relation (its attributes carry importance, level, required ...). */
export function relatedWithEdges(predicate: string, direction: 'OUT' | 'IN') {
  return async (ids: string[], ctx: Context): Promise<RelatedWithEdge[][]> => {
    const map = await loadRelated(ctx.db, ids, predicate, direction);
    return ids.map((id) => map.get(id) ?? []);
  };
}

/** Reads one typed detail column of an entity through the per-kind details loader. */
export const detail =
  <T>(kind: EntityKind, field: string) =>
  async (entity: EntityRow, _args: unknown, ctx: Context): Promise<T | null> =>
    ((await ctx.loaders.details(kind).load(entity.id))[field] as T | undefined) ?? null;

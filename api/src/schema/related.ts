import type { EntityKind } from '@kg/db/model';
import type { RelatedRow } from '@kg/db/relation/repository';
import type { EntityRow } from '@kg/db/tables';
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import { builder, type Types } from '../builder.ts';
import type { Context } from '../context.ts';
import { ENTITY_NODE_REFS, type EntityRef, type OccupationRef } from './kinds.ts';
import { selectsAny } from './selection.ts';

/**
 * Fields of an entity that its row answers, or that read from its id alone (the generic interface's lists of
 * labels, observations, citations and relations): asking only for these needs none of its typed columns.
 */
const ROW_FIELDS = new Set([
  '__typename',
  'id',
  'kind',
  'name',
  'status',
  'version',
  'createdAt',
  'updatedAt',
  'labels',
  'observations',
  'citations',
  'relations',
]);

/**
 * Whether the entities a field returns are asked for a field beyond their row (a typed column such as socCode,
 * or anything else): then their details are read in the same statement. `via` is the path of fields that leads
 * to the entity when the field returns a wrapper (OccupationSkill.skill; a connection's edges.node.other); the
 * wrappers' own fields come from the relation. Without `info` (a caller outside a field's own load), the details
 * are read.
 */
export function asksBeyondRow(info: GraphQLResolveInfo | undefined, via: readonly string[] = []): boolean {
  if (!info) return true;
  const beyond = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.INLINE_FRAGMENT) return beyond(selection.selectionSet, depth, seen);
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        if (seen.has(name)) return false;
        return beyond(info.fragments[name]?.selectionSet, depth, new Set([...seen, name]));
      }
      if (depth < via.length) {
        return selection.name.value === via[depth] && beyond(selection.selectionSet, depth + 1, seen);
      }
      return !ROW_FIELDS.has(selection.name.value);
    });
  return info.fieldNodes.some((node) => beyond(node.selectionSet, 0, new Set()));
}

/** The entity fields that read its row beyond id, kind and name (EntityRef in entity.ts). */
const WHOLE_ROW_FIELDS: ReadonlySet<string> = new Set(['status', 'version', 'createdAt', 'updatedAt']);
/** A wrapper's field that shows its whole relation (OccupationSkill.relation). */
const WHOLE_RELATION: ReadonlySet<string> = new Set(['relation']);

/**
 * Whether a typed field's entities (at `via` in a wrapper) can be read slim: the query asks nothing of their rows
 * beyond id, kind and name, nor for the wrapper's whole relation.
 */
function readsSlim(info: GraphQLResolveInfo | undefined, via: readonly string[]): boolean {
  if (!info) return false;
  if (via.length > 0 && selectsAny(info, [], WHOLE_RELATION)) return false;
  return !selectsAny(info, via, WHOLE_ROW_FIELDS);
}

async function loadRelatedRows(
  ids: string[],
  ctx: Context,
  info: GraphQLResolveInfo | undefined,
  predicate: string,
  direction: 'OUT' | 'IN',
  via: readonly string[] = [],
) {
  const details = asksBeyondRow(info, via);
  const slim = readsSlim(info, via);
  const answers = await ctx.loaders.related.loadMany(ids.map((id) => ({ id, predicate, direction, details, slim })));
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
  return async (ids: string[], ctx: Context, _args?: unknown, info?: GraphQLResolveInfo): Promise<EntityRow[][]> =>
    (await loadRelatedRows(ids, ctx, info, predicate, direction)).map((rows) => rows.map(({ entity }) => entity));
}

/** Like relatedEntities, keeping only the entities of one kind (a predicate may join several kinds). */
export function relatedOfKind(predicate: string, direction: 'OUT' | 'IN', kind: EntityKind) {
  return async (ids: string[], ctx: Context, args?: unknown, info?: GraphQLResolveInfo): Promise<EntityRow[][]> =>
    (await relatedEntities(predicate, direction)(ids, ctx, args, info)).map((list) =>
      list.filter((e) => e.kind === kind),
    );
}

export type RelatedWithEdge = RelatedRow;

/**
 * Like relatedEntities, keeping the relation (its attributes carry importance, level, required ...); `via` is
 * the wrapper's field that holds the entity.
 */
export function relatedWithEdges(predicate: string, direction: 'OUT' | 'IN', via: string) {
  return (ids: string[], ctx: Context, _args?: unknown, info?: GraphQLResolveInfo): Promise<RelatedWithEdge[][]> =>
    loadRelatedRows(ids, ctx, info, predicate, direction, [via]);
}

/** Reads one typed detail column of an entity through the per-kind details loader. */
export const detail =
  <T>(kind: EntityKind, field: string) =>
  async (entity: EntityRow, _args: unknown, ctx: Context): Promise<T | null> =>
    ((await ctx.loaders.details(kind).load(entity.id))[field] as T | undefined) ?? null;

/** A loadable list's load from a read of many keys' lists at once, as a map; a key it does not hold has none. */
export const listsByKey =
  <K, T>(read: (keys: K[], ctx: Context) => Promise<Map<K, T[]>>) =>
  async (keys: K[], ctx: Context): Promise<T[][]> => {
    const map = await read(keys, ctx);
    return keys.map((key) => map.get(key) ?? []);
  };

type EntityFields = PothosSchemaTypes.ObjectFieldBuilder<Types, EntityRow>;
/** The generic interface or any kind's type (they share one TypeScript type). */
type EntityType = typeof EntityRef | typeof OccupationRef;
type Direction = 'OUT' | 'IN';

interface RelatedOptions {
  description?: string;
  /** Only the entities of this kind (a predicate may join several kinds). */
  kind?: EntityKind;
}

const relatedLoad = (predicate: string, direction: Direction, kind?: EntityKind) =>
  kind ? relatedOfKind(predicate, direction, kind) : relatedEntities(predicate, direction);

/** An entity field's type, the predicate and direction that lead to what it lists, and its options. */
type RelatedField = [
  t: EntityFields,
  type: EntityType,
  predicate: string,
  direction: Direction,
  options?: RelatedOptions,
];

/** The entities one predicate links an entity to (`relatedList(t, TaskRef, 'performs_task', 'OUT')`). */
export const relatedList = (...[t, type, predicate, direction, { description, kind } = {}]: RelatedField) =>
  t.loadableList({
    type,
    description,
    // per path: what is read depends on the selection (details, slim rows), which aliases may differ in
    byPath: true,
    load: relatedLoad(predicate, direction, kind),
    resolve: (e) => e.id,
  });

/** A load of the first of each key's list, or null (without the field's arguments and selection). */
export const firstOf =
  <T>(load: (keys: string[], ctx: Context) => Promise<T[][]>) =>
  async (keys: string[], ctx: Context) =>
    (await load(keys, ctx)).map((list) => list[0] ?? null);

/** The first of those entities (by name), or null: a field for the one an entity usually has. */
export const relatedFirst = (...[t, type, predicate, direction, { description, kind } = {}]: RelatedField) =>
  t.loadable({
    type,
    nullable: true,
    description,
    byPath: true,
    load: firstOf(relatedLoad(predicate, direction, kind)),
    resolve: (e) => e.id,
  });

type Column = 'string' | 'int' | 'float' | 'stringList';

/**
 * The typed columns of one kind, each a nullable field of the same name read through the per-kind details loader:
 * `detailColumns('occupation', { socCode: ['string', 'SOC 2018 code'], jobZone: 'int' })`.
 */
export function detailColumns(kind: EntityKind, columns: Record<string, Column | [Column, string]>) {
  builder.objectFields(ENTITY_NODE_REFS[kind], (t) => {
    const field = (name: string, type: Column, description?: string) => {
      if (type === 'string') return t.string({ nullable: true, description, resolve: detail<string>(kind, name) });
      if (type === 'stringList') {
        return t.stringList({ nullable: true, description, resolve: detail<string[]>(kind, name) });
      }
      return t[type]({ nullable: true, description, resolve: detail<number>(kind, name) });
    };
    return Object.fromEntries(
      Object.entries(columns).map(([name, column]) =>
        typeof column === 'string' ? [name, field(name, column)] : [name, field(name, ...column)],
      ),
    );
  });
}

/** Entities by id through the request's loader, leaving out any that are gone. */
export const entitiesByIds = async (ctx: Context, ids: readonly string[]) =>
  (await ctx.loaders.entity.loadMany(ids)).filter((r): r is EntityRow => !!r && !(r instanceof Error));

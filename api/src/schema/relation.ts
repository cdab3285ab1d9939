import { badInput } from '@kg/db/errors';
import { getRowsByIds } from '@kg/db/lookup';
import { PREDICATES } from '@kg/db/model';
import { listRelations, loadRelationPages, type RelationView } from '@kg/db/relation/repository';
import type { RelationRow } from '@kg/db/tables';
import { builder } from '../builder.ts';
import { assertMayRead, visibleById } from '../visibility.ts';
import { CitationInputRef, toCitationInputs } from './citation.ts';
import { exposeStrings } from './columns.ts';
import { describedEnum } from './described-enum.ts';
import { factFields } from './fact-fields.ts';
import { deleteMutation, factMutation, factPayload, factUpdate } from './fact-write.ts';
import { ENTITY_NODES, EntityRef, StatusEnum } from './kinds.ts';
import { rowNodeRef } from './node.ts';
import { countedConnection, listQuery, pageWindow, selectsCount, toConnection } from './paging.ts';
import { asksBeyondRow } from './related.ts';
import { type Shape, selectionWithin, selectsPath } from './selection.ts';

export const DirectionEnum = describedEnum('Direction', undefined, {
  OUT: 'From this entity to the other.',
  IN: 'From the other entity to this one.',
  BOTH: 'Either way.',
});

/** A relation seen from its `from` end. */
const outward = (row: Omit<RelationView, 'viewpoint' | 'direction' | 'other_id' | 'total_count'>): RelationView => ({
  ...row,
  viewpoint: row.from_id,
  direction: 'OUT',
  other_id: row.to_id,
  total_count: 1,
});

export const RelationRef = rowNodeRef<RelationView>('Relation', async (ids: string[], ctx) => {
  const rows = await getRowsByIds(ctx.loaders.batch, 'relation', ids);
  const visible = await visibleById(ctx, 'relation', ids, rows, (r) => [r.from_id, r.to_id]);
  return visible.map((row): RelationView | Error => (row instanceof Error ? row : outward(row)));
});

RelationRef.implement({
  description: 'A typed edge between two entities, seen from the entity it was reached from.',
  fields: (t) => ({
    predicate: t.exposeString('predicate', { description: 'From the predicate catalogue (see `predicates`).' }),
    direction: t.field({ type: DirectionEnum, resolve: (r) => r.direction }),
    other: t.field({
      type: EntityRef,
      description: 'The entity at the other end.',
      resolve: (r, _, ctx) => (r.other ?? ctx.loaders.entity.load(r.other_id)) as never,
    }),
    from: t.field({ type: EntityRef, resolve: (r, _, ctx) => ctx.loaders.entity.load(r.from_id) as never }),
    to: t.field({ type: EntityRef, resolve: (r, _, ctx) => ctx.loaders.entity.load(r.to_id) as never }),
    attributes: t.field({ type: 'JSON', nullable: true, resolve: (r) => r.attributes }),
    ...factFields(t, 'relation'),
  }),
});

export const RelationConnection = countedConnection('Relation', RelationRef);

/**
 * A page of edges to named entities (`edges { node { predicate attributes other { id name } } }`, however deep
 * the other ends' own relations go): the relation pages then read only the columns this needs.
 */
const NAMED_EDGES: Shape = {
  totalCount: true,
  pageInfo: true,
  edges: {
    cursor: true,
    node: {
      id: true,
      predicate: true,
      direction: true,
      attributes: true,
      other: { id: true, kind: true, name: true, relations: true },
    },
  },
};

builder.interfaceField(EntityRef, 'relations', (t) =>
  t.loadable({
    type: RelationConnection,
    description:
      "Edges of this entity, ordered by predicate, then outgoing before incoming, then by the relation's ID.",
    // per path, so that every entity in a list shares one statement for the same arguments
    byPath: true,
    args: {
      predicates: t.arg.stringList({ required: false }),
      direction: t.arg({ type: DirectionEnum, required: false, defaultValue: 'BOTH' }),
      statuses: t.arg({
        type: [StatusEnum],
        required: false,
        description: 'Published only when omitted; ask for DRAFT to see proposals awaiting review.',
      }),
      first: t.arg.int({ required: false }),
      after: t.arg.string({ required: false }),
    },
    load: async (ids: string[], ctx, args, info) => {
      assertMayRead(ctx.viewer, args.statuses ?? []);
      const { limit, offset } = pageWindow(args);
      const unknown = args.predicates?.find((p) => !PREDICATES.some((d) => d.name === p));
      if (unknown) throw badInput(`unknown predicate "${unknown}"`, { field: 'predicates' });
      const pages = await loadRelationPages(ctx.db, ids, {
        predicates: args.predicates,
        direction: args.direction ?? 'BOTH',
        statuses: args.statuses,
        visibility: ctx.visibility,
        limit,
        offset,
        count: selectsCount(info),
        details: asksBeyondRow(info, ['edges', 'node', 'other']),
        slim: selectionWithin(info, NAMED_EDGES)
          ? { attributes: selectsPath(info, ['edges', 'node', 'attributes']) }
          : undefined,
      });
      for (const rows of pages.values()) {
        for (const row of rows) {
          if (!row.other || row.partial) continue;
          ctx.loaders.entity.prime(row.other.id, row.other);
          if (row.otherDetails) ctx.loaders.details(row.other.kind).prime(row.other.id, row.otherDetails);
        }
      }
      return ids.map((id) => {
        const rows = pages.get(id) ?? [];
        // uncounted, the total is not asked for: what the page shows stands in
        const total = rows[0]?.total_count ?? 0;
        return toConnection(rows, offset, total < 0 ? offset + rows.length : total);
      });
    },
    resolve: (e) => e.id,
  }),
);

const PredicateRef = builder.objectRef<(typeof PREDICATES)[number]>('Predicate').implement({
  description: 'An entry of the predicate catalogue: which kinds it may join.',
  fields: (t) => ({
    ...exposeStrings(t, 'name', 'inverseName', 'description'),
    rules: t.stringList({ resolve: (p) => p.rules.map(([from, to]) => `${from} -> ${to}`) }),
  }),
});

builder.queryField('predicates', (t) =>
  t.field({ type: [PredicateRef], description: 'The predicate catalogue.', resolve: () => [...PREDICATES] }),
);

const Relation = factPayload<RelationView, RelationRow>('relation', RelationRef, {
  written: (_, row) => outward(row),
  current: async (ctx, id) => {
    const [row] = await getRowsByIds(ctx.db, 'relation', [id]);
    return row ? outward(row) : null;
  },
});

factMutation('createRelation', {
  scope: 'curator',
  payload: Relation,
  input: (t) => ({
    predicate: t.string({ required: true }),
    fromId: t.globalID({ required: true, for: ENTITY_NODES }),
    toId: t.globalID({ required: true, for: ENTITY_NODES }),
    attributes: t.field({ type: 'JSON', required: false }),
    status: t.field({ type: StatusEnum, required: false }),
    citations: t.field({ type: [CitationInputRef], required: false }),
  }),
  write: (input) => ({
    predicate: input.predicate,
    fromId: input.fromId.id,
    toId: input.toId.id,
    attributes: (input.attributes ?? null) as Record<string, unknown> | null,
    status: input.status ?? undefined,
    citations: toCitationInputs(input.citations),
  }),
});

factUpdate('updateRelation', {
  scope: 'curator',
  payload: Relation,
  node: RelationRef,
  citations: 'Sources for the change.',
  input: (t) => ({
    attributes: t.field({ type: 'JSON', required: false }),
    status: t.field({ type: StatusEnum, required: false }),
  }),
  write: ({ attributes, status }) => ({
    attributes: attributes as Record<string, unknown> | null | undefined,
    status: status ?? undefined,
  }),
});

deleteMutation('deleteRelation', 'Relation');

listQuery('relations', {
  connection: RelationConnection,
  description: 'Relations for browsing and curation, seen from their `from` end; newest first.',
  args: (arg) => ({
    predicate: arg.string({ required: false }),
    entityId: arg.globalID({ required: false, for: ENTITY_NODES, description: 'Only relations touching this entity.' }),
    status: arg({ type: StatusEnum, required: false }),
  }),
  check: (ctx, args) => assertMayRead(ctx.viewer, [args.status]),
  list: async (ctx, { predicate, status, entityId }, page) => {
    const list = await listRelations(ctx.db, {
      ...page,
      predicate,
      status,
      entityId: entityId?.id ?? null,
      visibility: ctx.visibility,
    });
    return { rows: list.rows.map(outward), totalCount: list.totalCount };
  },
});

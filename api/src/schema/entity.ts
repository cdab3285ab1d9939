import { listEntities } from '@kg/db/entity/list';
import { loadLabels } from '@kg/db/label/repository';
import type { EntityKind } from '@kg/db/model';
import { loadObservations } from '@kg/db/observation/repository';
import type { EntityRow } from '@kg/db/tables';
import { builder } from '../builder.ts';
import { parseGlobalId } from '../ids.ts';
import { assertMayRead } from '../visibility.ts';
import { CitationInputRef, CitationRef, toCitationInputs } from './citation.ts';
import { citationsOf } from './fact-fields.ts';
import {
  DeleteInput,
  DeletePayload,
  deletePayload,
  factMutation,
  factPayload,
  factUpdate,
  unsetIfNull,
  writeAs,
} from './fact-write.ts';
import {
  ENTITY_NODE_REFS,
  ENTITY_NODES,
  ENTITY_TYPENAMES,
  EntityKindEnum,
  EntityRef,
  KIND_TYPES,
  StatusEnum,
} from './kinds.ts';
import { LabelInputRef, LabelRef } from './label.ts';
import { ObservationRef } from './observation.ts';
import { countedConnection, listQuery } from './paging.ts';
import { listsByKey } from './related.ts';

EntityRef.implement({
  description:
    'Anything in the graph: an occupation, a title, a skill, a credential... Every kind has these fields, so a ' +
    'generic client can walk the whole graph through this interface alone.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (row) => KIND_TYPES[row.kind].typename,
  fields: (t) => ({
    kind: t.field({ type: EntityKindEnum, resolve: (e) => e.kind }),
    name: t.exposeString('name'),
    status: t.field({ type: StatusEnum, resolve: (e) => e.status }),
    version: t.exposeInt('version', { description: 'Send it back as expectedVersion when you change this entity.' }),
    createdAt: t.field({ type: 'DateTime', resolve: (e) => e.created_at }),
    updatedAt: t.field({ type: 'DateTime', resolve: (e) => e.updated_at }),
    details: t.field({
      type: 'JSON',
      description: "The kind's typed columns (socCode, credentialType, ...), for generic clients.",
      resolve: (e, _, ctx) => ctx.loaders.details(e.kind).load(e.id),
    }),
    labels: t.loadableList({
      type: LabelRef,
      description: 'Names of this entity: its preferred name first, then alternate, reported and hidden ones.',
      load: listsByKey((ids: string[], ctx) => loadLabels(ctx.loaders.batch, ids, ctx.visibility)),
      resolve: (e) => e.id,
    }),
    observations: t.loadableList({
      type: ObservationRef,
      description: 'Figures about this entity (wages, employment, growth), each with its period and source.',
      byPath: true,
      args: { metrics: t.arg.stringList({ required: false }) },
      load: async (ids: string[], ctx, args) => {
        const map = await loadObservations(ctx.loaders.batch, ids, ctx.visibility);
        const metrics = args.metrics?.length ? new Set(args.metrics) : null;
        return ids.map((id) => (map.get(id) ?? []).filter((o) => !metrics || metrics.has(o.metric)));
      },
      resolve: (e) => e.id,
    }),
    citations: t.loadableList({
      type: CitationRef,
      description: 'The sources that state this entity exists as described.',
      load: citationsOf('entity'),
      resolve: (e) => e.id,
    }),
  }),
});

for (const [kind, ref] of Object.entries(ENTITY_NODE_REFS) as [EntityKind, (typeof ENTITY_NODE_REFS)[EntityKind]][]) {
  ref.implement({
    interfaces: [EntityRef],
    isTypeOf: (row) => (row as EntityRow).kind === kind,
    fields: () => ({}),
  });
}

const Entity = factPayload<EntityRow, unknown>('entity', EntityRef, {
  description: 'The entity as published: changed, or unchanged while a draft awaits review (null if new).',
  // read again through the loaders, which this request may have filled before the write
  written: async (ctx, _, id) => {
    ctx.loaders.entity.clear(id);
    const entity = (await ctx.loaders.entity.load(id)) as EntityRow;
    ctx.loaders.details(entity.kind).clear(entity.id);
    return entity;
  },
  current: (ctx, id) => ctx.loaders.entity.load(id),
});

const asObject = (value: unknown) => (value ?? undefined) as Record<string, unknown> | undefined;

factMutation('createEntity', {
  scope: 'curator',
  payload: Entity,
  input: (t) => ({
    kind: t.field({ type: EntityKindEnum, required: true }),
    name: t.string({ required: true }),
    status: t.field({ type: StatusEnum, required: false }),
    details: t.field({
      type: 'JSON',
      required: false,
      description: "The kind's typed columns, e.g. { socCode, onetSocCode, description, jobZone } for an occupation.",
    }),
    labels: t.field({ type: [LabelInputRef], required: false }),
    citations: t.field({ type: [CitationInputRef], required: false }),
  }),
  write: (input) => ({
    kind: input.kind,
    name: input.name,
    status: input.status ?? undefined,
    details: asObject(input.details),
    labels: input.labels?.map((l) => ({ ...l, language: l.language ?? undefined, sourceId: null })),
    citations: toCitationInputs(input.citations),
  }),
});

factUpdate('updateEntity', {
  scope: 'curator',
  payload: Entity,
  node: ENTITY_NODES,
  explained: true,
  citations: 'Sources for the new values.',
  input: (t) => ({
    name: t.string({ required: false }),
    status: t.field({ type: StatusEnum, required: false }),
    details: t.field({ type: 'JSON', required: false, description: 'Only the columns given change.' }),
  }),
  write: ({ name, status, details }) => ({ ...unsetIfNull({ name, status }), details: asObject(details) }),
});

builder.mutationField('deleteEntity', (t) =>
  t.field({
    type: DeletePayload,
    authScopes: { curator: true },
    description:
      'Deletes an entity with its labels, observations and citations; refused while relations use it unless ' +
      '`retire` is set, which keeps it (and its relations) as retired, pointing to `supersededBy`.',
    // DeleteInput is the one input of every delete: its id names an entity of any kind here
    args: { input: t.arg({ type: DeleteInput, required: true }) },
    resolve: async (_, { input }, ctx) => {
      const outcome = await writeAs(
        ctx,
        'deleteEntity',
        {
          id: parseGlobalId(String(input.id), ENTITY_TYPENAMES, 'entity').id,
          expectedVersion: input.expectedVersion,
          retire: input.retire ?? false,
          supersededBy:
            input.supersededBy == null
              ? null
              : parseGlobalId(String(input.supersededBy), ENTITY_TYPENAMES, 'entity').id,
        },
        { reason: input.reason },
      );
      return deletePayload(outcome, input.id);
    },
  }),
);

const EntityOrderEnum = builder.enumType('EntityOrder', {
  values: {
    NAME: { value: 'name' },
    UPDATED_AT: { value: 'updated_at' },
    CREATED_AT: { value: 'created_at' },
    SOC_CODE: { value: 'soc_code', description: 'Occupations by O*NET-SOC code; other kinds after them.' },
  } as const,
});

listQuery('entities', {
  connection: countedConnection('Entity', EntityRef),
  description: 'Entities for browsing and curation: by kind and status, optionally by a fragment of any name.',
  args: (arg) => ({
    kind: arg({ type: EntityKindEnum, required: false }),
    status: arg({ type: StatusEnum, required: false }),
    nameContains: arg.string({ required: false }),
    orderBy: arg({ type: EntityOrderEnum, required: false, defaultValue: 'name' }),
    descending: arg.boolean({ required: false, defaultValue: false }),
  }),
  check: (ctx, args) => assertMayRead(ctx.viewer, [args.status]),
  list: async (ctx, { kind, status, nameContains, orderBy, descending }, page) => {
    const order = { orderBy: orderBy ?? 'name', descending: descending ?? false };
    const list = await listEntities(ctx.db, {
      ...page,
      ...order,
      kind,
      status,
      nameContains,
      visibility: ctx.visibility,
    });
    for (const row of list.rows) ctx.loaders.entity.prime(row.id, row);
    return list;
  },
});

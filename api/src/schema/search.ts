import { badInput } from '@kg/db/errors';
import type { EntityKind } from '@kg/db/model';
import { resolveTitle, searchEntities } from '@kg/db/search/repository';
import type { EntityRow } from '@kg/db/tables';
import { builder } from '../builder.ts';
import { EntityKindEnum, EntityRef, OccupationRef } from './kinds.ts';
import { asOfArg } from './node.ts';
import { pageWindow, toConnection, totalCountField } from './paging.ts';

type Hit = { entity: EntityRow; score: number; matchedText: string };

const SearchConnection = builder.connectionObject(
  {
    type: EntityRef,
    name: 'SearchConnection',
    fields: totalCountField,
  },
  {
    name: 'SearchEdge',
    fields: (t) => ({
      score: t.float({
        description: 'Relevance in [0, 1].',
        resolve: (edge) => (edge as unknown as { hit: Hit }).hit.score,
      }),
      matchedText: t.string({
        description: 'The label that matched.',
        resolve: (edge) => (edge as unknown as { hit: Hit }).hit.matchedText,
      }),
    }),
  },
);

const TitleMatchRef = builder
  .objectRef<{ occupation: EntityRow; score: number; matchedTitle: string; reason: string }>('TitleMatch')
  .implement({
    description: 'An occupation a job title may mean, with the title that matched and why.',
    fields: (t) => ({
      occupation: t.field({ type: OccupationRef, resolve: (m) => m.occupation }),
      score: t.exposeFloat('score'),
      matchedTitle: t.exposeString('matchedTitle'),
      reason: t.exposeString('reason', { nullable: true }),
    }),
  });

builder.queryFields((t) => ({
  search: t.field({
    type: SearchConnection,
    description: 'Entities whose names match the query (trigram and full text), best first.',
    args: {
      query: t.arg.string({ required: true }),
      kinds: t.arg({ type: [EntityKindEnum], required: false }),
      first: t.arg.int({ required: false }),
      after: t.arg.string({ required: false }),
      ...asOfArg(),
    },
    resolve: async (_, args, ctx) => {
      const { limit, offset } = pageWindow(args);
      const { hits, totalCount } = await searchEntities(ctx.loaders.batch, {
        query: args.query,
        kinds: (args.kinds ?? null) as EntityKind[] | null,
        limit,
        offset,
        visibility: ctx.visibility,
      });
      for (const hit of hits) ctx.loaders.entity.prime(hit.entity.id, hit.entity);
      const connection = toConnection(hits, offset, totalCount);
      return {
        ...connection,
        edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.entity, hit: edge.node })),
      };
    },
  }),
  resolveTitle: t.field({
    type: [TitleMatchRef],
    description: 'Occupations a job title (as people type it) most likely means, best first.',
    args: { title: t.arg.string({ required: true }), first: t.arg.int({ required: false, defaultValue: 5 }) },
    resolve: async (_, args, ctx) => {
      const first = args.first ?? 5;
      if (first < 1 || first > 50) throw badInput('first must be between 1 and 50', { field: 'first' });
      const matches = await resolveTitle(ctx.db, { title: args.title, limit: first });
      for (const m of matches) ctx.loaders.entity.prime(m.occupation.id, m.occupation);
      return matches;
    },
  }),
}));

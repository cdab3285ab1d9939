import { badInput } from '@kg/db/errors';
import type { EntityKind } from '@kg/db/model';
import type { Industry } from '@kg/db/search/industry';
import { type CodedMatch, resolveTitle, resolveTitles, searchEntities } from '@kg/db/search/repository';
import type { EntityRow } from '@kg/db/tables';
import { builder } from '../builder.ts';
import { exposeStrings } from './columns.ts';
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

const TitleMatchRef = builder.objectRef<CodedMatch>('TitleMatch').implement({
  description: 'An occupation a job title may mean, with the title that matched, why, and how sure the match is.',
  fields: (t) => ({
    occupation: t.field({ type: OccupationRef, resolve: (m) => m.occupation }),
    score: t.exposeFloat('score'),
    matchedTitle: t.exposeString('matchedTitle'),
    reason: t.exposeString('reason', { nullable: true }),
    confidence: t.exposeFloat('confidence', {
      description:
        'Probability (0..1) that this occupation is the right code, calibrated on titles left out of the index.',
    }),
    needsReview: t.exposeBoolean('needsReview', {
      description: 'True when a coder should check the match: low confidence, or a runner-up too close.',
    }),
    runnerUpGap: t.exposeFloat('gap', {
      description: "This match's confidence minus the next one's (for the last match, its own confidence).",
    }),
  }),
});

const IndustryRef = builder.objectRef<Industry>('TitleIndustry').implement({
  description: 'The industry a title was coded in: the NAICS code or name given, as the NAICS sector it falls in.',
  fields: (t) => ({
    ...exposeStrings(t, 'naicsCode', 'name'),
    sector: t.exposeString('sector', { description: 'The NAICS sector (OEWS by-sector estimates) the code is in.' }),
  }),
});

const TitleInputRef = builder.inputType('TitleInput', {
  description: "One title to code, with an optional industry and an id of the caller's choosing.",
  fields: (t) => ({
    id: t.string({ required: false, description: 'Returned unchanged with the result (a row number, a key).' }),
    title: t.string({ required: true }),
    industry: t.string({ required: false, description: 'A NAICS code (2 to 6 digits) or an industry name.' }),
  }),
});

const TitleResolutionRef = builder
  .objectRef<Awaited<ReturnType<typeof resolveTitles>>[number]>('TitleResolution')
  .implement({
    description: 'The coding of one title of a bulk request.',
    fields: (t) => ({
      id: t.exposeString('id', { nullable: true }),
      title: t.exposeString('title'),
      industry: t.field({ type: IndustryRef, nullable: true, resolve: (r) => r.industry }),
      matches: t.field({ type: [TitleMatchRef], resolve: (r) => r.matches }),
      best: t.field({
        type: TitleMatchRef,
        nullable: true,
        description: 'The first match, if any.',
        resolve: (r) => r.matches[0] ?? null,
      }),
      needsReview: t.boolean({
        description: 'True when there is no match or the first one needs review.',
        resolve: (r) => r.matches[0]?.needsReview ?? true,
      }),
    }),
  });

const firstArg = (first: number | null | undefined, fallback: number) => {
  const value = first ?? fallback;
  if (value < 1 || value > 50) throw badInput('first must be between 1 and 50', { field: 'first' });
  return value;
};

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
    description:
      'Occupations a job title (as people type it) most likely means, best first; `industry` (a NAICS code or an industry name) weighs them by where they work.',
    args: {
      title: t.arg.string({ required: true }),
      industry: t.arg.string({ required: false }),
      first: t.arg.int({ required: false, defaultValue: 5 }),
    },
    resolve: async (_, args, ctx) => {
      const matches = await resolveTitle(ctx.loaders.batch, {
        title: args.title,
        industry: args.industry,
        limit: firstArg(args.first, 5),
      });
      for (const m of matches) ctx.loaders.entity.prime(m.occupation.id, m.occupation);
      return matches;
    },
  }),
  resolveTitles: t.field({
    type: [TitleResolutionRef],
    description:
      'Bulk coding: up to 1,000 titles in one request, each with an optional industry and id; results in input order.',
    args: {
      inputs: t.arg({ type: [TitleInputRef], required: true }),
      first: t.arg.int({ required: false, defaultValue: 3, description: 'Matches per title (1 to 50).' }),
    },
    resolve: async (_, args, ctx) => {
      const results = await resolveTitles(ctx.db, args.inputs, firstArg(args.first, 3));
      for (const r of results) for (const m of r.matches) ctx.loaders.entity.prime(m.occupation.id, m.occupation);
      return results;
    },
  }),
}));

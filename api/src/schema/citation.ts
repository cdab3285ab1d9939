import { type CitationInput, type CitedFact, listCitations } from '@kg/db/citation/repository';
import { getRowsByIds } from '@kg/db/lookup';
import type { FactStatus } from '@kg/db/model';
import type { CitationRow } from '@kg/db/tables';
import { resolveNodes } from '@pothos/plugin-relay';
import { builder } from '../builder.ts';
import { parseGlobalId } from '../ids.ts';
import { mayReadStatus, visibleById } from '../visibility.ts';
import { deleteMutation, factPayload, writeAs } from './fact-write.ts';
import { ENTITY_TYPENAMES, KIND_TYPES } from './kinds.ts';
import { pageArgs, pageWindow, toConnection, totalCountField } from './paging.ts';
import { SourceRef } from './source.ts';

export const ReviewStatusEnum = builder.enumType('ReviewStatus', {
  values: { PENDING: { value: 'pending' }, ACCEPTED: { value: 'accepted' }, REJECTED: { value: 'rejected' } } as const,
});

export const CitationRef = builder.loadableNodeRef('Citation', {
  id: { resolve: (row: CitationRow) => row.id },
  load: async (ids: string[], ctx) => {
    const rows = await getRowsByIds(ctx.db, 'citation', ids);
    // a citation is visible with the fact it supports: its entity, or its label's, observation's or relation's
    const present = rows.filter((row) => row !== undefined);
    const [labels, observations, relations] = await Promise.all([
      getRowsByIds(
        ctx.db,
        'label',
        present.flatMap((c) => (c.label_id ? [c.label_id] : [])),
      ),
      getRowsByIds(
        ctx.db,
        'observation',
        present.flatMap((c) => (c.observation_id ? [c.observation_id] : [])),
      ),
      getRowsByIds(
        ctx.db,
        'relation',
        present.flatMap((c) => (c.relation_id ? [c.relation_id] : [])),
      ),
    ]);
    const facts = new Map<string, { status: FactStatus; entities: string[] }>();
    for (const l of labels) if (l) facts.set(l.id, { status: l.status, entities: [l.entity_id] });
    for (const o of observations) if (o) facts.set(o.id, { status: o.status, entities: [o.entity_id] });
    for (const r of relations) if (r) facts.set(r.id, { status: r.status, entities: [r.from_id, r.to_id] });
    const cited = (c: CitationRow) => facts.get(c.label_id ?? c.observation_id ?? c.relation_id ?? '');
    const supported = rows.map((c) => {
      if (!c || c.entity_id) return c;
      const fact = cited(c);
      return fact && mayReadStatus(ctx.visibility, fact.status) ? c : undefined;
    });
    return visibleById(ctx, 'citation', ids, supported, (c) =>
      c.entity_id ? [c.entity_id] : (cited(c)?.entities ?? []),
    );
  },
});

CitationRef.implement({
  description: 'Evidence for one fact: which source says it, in its own words.',
  fields: (t) => ({
    source: t.field({ type: SourceRef, resolve: (c) => c.source_id }),
    quote: t.exposeString('quote', { nullable: true, description: 'Verbatim from the source.' }),
    locator: t.exposeString('locator', { nullable: true, description: 'Where in the source: section, row, page.' }),
    retrievedAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.retrieved_at }),
    curator: t.exposeString('curator', { nullable: true }),
    reviewStatus: t.exposeString('review_status', { nullable: true }),
    version: t.exposeInt('version'),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.created_at }),
    fact: t.field({
      type: builder.nodeInterfaceRef(),
      description: 'The entity, label, relation or observation this citation supports.',
      resolve: async (c, _, ctx, info) => {
        const [typename, id] = c.entity_id
          ? [KIND_TYPES[(await ctx.loaders.entity.load(c.entity_id))!.kind].typename, c.entity_id]
          : c.label_id
            ? ['Label', c.label_id]
            : c.relation_id
              ? ['Relation', c.relation_id]
              : ['Observation', c.observation_id!];
        const [node] = await resolveNodes(builder, ctx, info, [{ typename, id }]);
        return node as never;
      },
    }),
  }),
});

export const CitationInputRef = builder.inputType('CitationInput', {
  fields: (t) => ({
    sourceId: t.globalID({ required: true, for: SourceRef }),
    quote: t.string({ required: false }),
    locator: t.string({ required: false }),
    retrievedAt: t.field({ type: 'DateTime', required: false }),
  }),
});

type CitationArg = {
  sourceId: { id: string };
  quote?: string | null;
  locator?: string | null;
  retrievedAt?: Date | null;
};

export const toCitationInputs = (inputs: readonly CitationArg[] | null | undefined): CitationInput[] | undefined =>
  inputs?.map((c) => ({
    sourceId: c.sourceId.id,
    quote: c.quote ?? null,
    locator: c.locator ?? null,
    retrievedAt: c.retrievedAt ?? null,
  }));

const FACT_TYPENAMES: Record<string, CitedFact> = {
  ...Object.fromEntries(ENTITY_TYPENAMES.map((name) => [name, 'entity' as const])),
  Label: 'label',
  Relation: 'relation',
  Observation: 'observation',
};

const CreateCitationInput = builder.inputType('CreateCitationInput', {
  fields: (t) => ({
    factId: t.id({ required: true, description: 'The entity, label, relation or observation cited.' }),
    sourceId: t.globalID({ required: true, for: SourceRef }),
    quote: t.string({ required: false }),
    locator: t.string({ required: false }),
    retrievedAt: t.field({ type: 'DateTime', required: false }),
  }),
});

const UpdateCitationInput = builder.inputType('UpdateCitationInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: CitationRef }),
    expectedVersion: t.int({ required: true }),
    sourceId: t.globalID({ required: false, for: SourceRef }),
    quote: t.string({ required: false }),
    locator: t.string({ required: false }),
    retrievedAt: t.field({ type: 'DateTime', required: false }),
    reviewStatus: t.field({ type: ReviewStatusEnum, required: false }),
    reason: t.string({ required: false }),
  }),
});

const Citation = factPayload<CitationRow, CitationRow>('CitationPayload', {
  fields: (t) => ({ citation: t.field({ type: CitationRef, nullable: true, resolve: (p) => p.fact }) }),
  written: (_, row) => row,
  current: async (ctx, id) => (await getRowsByIds(ctx.db, 'citation', [id]))[0],
});

builder.mutationFields((t) => ({
  createCitation: t.field({
    type: Citation.Ref,
    authScopes: { curator: true },
    args: { input: t.arg({ type: CreateCitationInput, required: true }) },
    resolve: async (_, { input }, ctx) => {
      const fact = parseGlobalId(String(input.factId), Object.keys(FACT_TYPENAMES), 'fact');
      const [citation] = toCitationInputs([input]) ?? [];
      const outcome = await writeAs(ctx, 'createCitation', {
        fact: { type: FACT_TYPENAMES[fact.typename], id: fact.id },
        citation,
      });
      return Citation.payload(ctx, outcome, null);
    },
  }),
  updateCitation: t.field({
    type: Citation.Ref,
    authScopes: { curator: true },
    args: { input: t.arg({ type: UpdateCitationInput, required: true }) },
    resolve: async (_, { input }, ctx) => {
      const { id } = input.id;
      const outcome = await writeAs(
        ctx,
        'updateCitation',
        {
          id,
          expectedVersion: input.expectedVersion,
          sourceId: input.sourceId?.id ?? undefined,
          quote: input.quote,
          locator: input.locator,
          retrievedAt: input.retrievedAt,
          reviewStatus: input.reviewStatus ?? undefined,
        },
        { reason: input.reason },
      );
      return Citation.payload(ctx, outcome, id);
    },
  }),
}));

deleteMutation('deleteCitation', 'Citation');

const CitationConnection = builder.connectionObject(
  { type: CitationRef, name: 'CitationConnection', fields: totalCountField },
  { name: 'CitationEdge' },
);

builder.queryField('citations', (t) =>
  t.field({
    type: CitationConnection,
    description: 'Citations for browsing and review, newest first.',
    args: { sourceId: t.arg.globalID({ required: false, for: SourceRef }), ...pageArgs },
    resolve: async (_, args, ctx) => {
      const page = pageWindow(args);
      const { rows, totalCount } = await listCitations(ctx.db, {
        ...page,
        sourceId: args.sourceId?.id ?? null,
        visibility: ctx.visibility,
      });
      return toConnection(rows, page.offset, totalCount);
    },
  }),
);

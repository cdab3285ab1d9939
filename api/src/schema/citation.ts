import { type CitationInput, type CitedFact, listCitations } from '@kg/db/citation/repository';
import { getRowsByIds } from '@kg/db/lookup';
import type { FactStatus } from '@kg/db/model';
import type { CitationRow } from '@kg/db/tables';
import { resolveNodes } from '@pothos/plugin-relay';
import { builder } from '../builder.ts';
import { parseGlobalId } from '../ids.ts';
import { mayReadStatus, visibleById } from '../visibility.ts';
import { deleteMutation, factMutation, factPayload, factUpdate, storedRow } from './fact-write.ts';
import { ENTITY_TYPENAMES, KIND_TYPES } from './kinds.ts';
import { rowNodeRef } from './node.ts';
import { countedConnection, listQuery } from './paging.ts';
import { SourceRef } from './source.ts';

export const ReviewStatusEnum = builder.enumType('ReviewStatus', {
  values: { PENDING: { value: 'pending' }, ACCEPTED: { value: 'accepted' }, REJECTED: { value: 'rejected' } } as const,
});

export const CitationRef = rowNodeRef<CitationRow>('Citation', async (ids: string[], ctx) => {
  const rows = await getRowsByIds(ctx.loaders.batch, 'citation', ids);
  // a citation is visible with the fact it supports: its entity, or its label's, observation's or relation's
  const present = rows.filter((row) => row !== undefined);
  const [labels, observations, relations] = await Promise.all([
    getRowsByIds(
      ctx.loaders.batch,
      'label',
      present.flatMap((c) => (c.label_id ? [c.label_id] : [])),
    ),
    getRowsByIds(
      ctx.loaders.batch,
      'observation',
      present.flatMap((c) => (c.observation_id ? [c.observation_id] : [])),
    ),
    getRowsByIds(
      ctx.loaders.batch,
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

export type CitationArg = {
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

const Citation = factPayload('citation', CitationRef, storedRow<CitationRow>('citation'));

factMutation('createCitation', {
  scope: 'curator',
  payload: Citation,
  input: (t) => ({
    factId: t.id({ required: true, description: 'The entity, label, relation or observation cited.' }),
    sourceId: t.globalID({ required: true, for: SourceRef }),
    quote: t.string({ required: false }),
    locator: t.string({ required: false }),
    retrievedAt: t.field({ type: 'DateTime', required: false }),
  }),
  write: (input) => {
    const fact = parseGlobalId(String(input.factId), Object.keys(FACT_TYPENAMES), 'fact');
    const [citation] = toCitationInputs([input]) ?? [];
    return { fact: { type: FACT_TYPENAMES[fact.typename], id: fact.id }, citation };
  },
});

factUpdate('updateCitation', {
  scope: 'curator',
  payload: Citation,
  node: CitationRef,
  input: (t) => ({
    sourceId: t.globalID({ required: false, for: SourceRef }),
    quote: t.string({ required: false }),
    locator: t.string({ required: false }),
    retrievedAt: t.field({ type: 'DateTime', required: false }),
    reviewStatus: t.field({ type: ReviewStatusEnum, required: false }),
  }),
  // the quote, locator and retrieval time may be cleared with null
  write: ({ sourceId, reviewStatus, ...evidence }) => ({
    ...evidence,
    sourceId: sourceId?.id ?? undefined,
    reviewStatus: reviewStatus ?? undefined,
  }),
});

deleteMutation('deleteCitation', 'Citation');

listQuery('citations', {
  connection: countedConnection('Citation', CitationRef),
  description: 'Citations for browsing and review, newest first.',
  args: (arg) => ({ sourceId: arg.globalID({ required: false, for: SourceRef }) }),
  list: (ctx, { sourceId }, page) =>
    listCitations(ctx.db, { ...page, sourceId: sourceId?.id ?? null, visibility: ctx.visibility }),
});

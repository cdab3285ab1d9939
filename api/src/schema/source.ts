import type { WriteOutcome } from '@kg/db/draft/repository';
import { notFound } from '@kg/db/errors';
import { getRowsByIds } from '@kg/db/lookup';
import { listSources, SOURCE_KINDS } from '@kg/db/source/repository';
import type { DraftRow, SourceRow } from '@kg/db/tables';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { parseGlobalId } from '../ids.ts';
import { draftPayloadField, writeAs } from './draft.ts';
import { pageArgs, pageWindow, toConnection, totalCountField } from './paging.ts';

export const SourceRef = builder.loadableNodeRef('Source', {
  id: { resolve: (row: SourceRow) => row.id },
  load: async (ids: string[], ctx) => {
    const rows = await getRowsByIds(ctx.loaders.batch, 'source', ids);
    return rows.map((row, i) => row ?? notFound('source', ids[i]));
  },
});

SourceRef.implement({
  description: 'A document or dataset release that facts cite.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable natural key, e.g. onet:29.3.' }),
    title: t.exposeString('title'),
    url: t.exposeString('url', { nullable: true }),
    publisher: t.exposeString('publisher', { nullable: true }),
    publishedAt: t.field({ type: 'Date', nullable: true, resolve: (s) => s.published_at }),
    retrievedAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.retrieved_at }),
    kind: t.exposeString('kind', { description: SOURCE_KINDS.join(' | ') }),
    version: t.exposeInt('version'),
  }),
});

const CreateSourceInput = builder.inputType('CreateSourceInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    title: t.string({ required: true }),
    url: t.string({ required: false }),
    publisher: t.string({ required: false }),
    publishedAt: t.field({ type: 'Date', required: false }),
    retrievedAt: t.field({ type: 'DateTime', required: false }),
    kind: t.string({ required: true, description: SOURCE_KINDS.join(' | ') }),
  }),
});

const UpdateSourceInput = builder.inputType('UpdateSourceInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    title: t.string({ required: false }),
    url: t.string({ required: false }),
    publisher: t.string({ required: false }),
    publishedAt: t.field({ type: 'Date', required: false }),
    retrievedAt: t.field({ type: 'DateTime', required: false }),
    kind: t.string({ required: false }),
    reason: t.string({ required: false }),
  }),
});

const SourcePayload = builder
  .objectRef<{ source: SourceRow | null; draft: DraftRow | null }>('SourcePayload')
  .implement({
    fields: (t) => ({
      source: t.field({
        type: SourceRef,
        nullable: true,
        description: 'The source as it now stands: changed, or unchanged while a draft awaits review (null if new).',
        resolve: (p) => p.source,
      }),
      draft: draftPayloadField(t),
    }),
  });

async function sourcePayload(ctx: Context, outcome: WriteOutcome, id: string | null) {
  if (outcome.applied) return { source: outcome.row as SourceRow, draft: null };
  const [source] = id ? await getRowsByIds(ctx.db, 'source', [id]) : [];
  return { source: source ?? null, draft: outcome.draft };
}

const isoDate = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

builder.mutationFields((t) => ({
  createSource: t.field({
    type: SourcePayload,
    authScopes: { curator: true },
    args: { input: t.arg({ type: CreateSourceInput, required: true }) },
    description: "Applies at once for reviewers and admins; a curator's new source awaits review as a draft.",
    resolve: async (_, { input }, ctx) =>
      sourcePayload(
        ctx,
        await writeAs(ctx, 'createSource', {
          key: input.key,
          title: input.title,
          url: input.url ?? null,
          publisher: input.publisher ?? null,
          publishedAt: isoDate(input.publishedAt),
          retrievedAt: input.retrievedAt ?? null,
          kind: input.kind,
        }),
        null,
      ),
  }),
  updateSource: t.field({
    type: SourcePayload,
    authScopes: { curator: true },
    args: { input: t.arg({ type: UpdateSourceInput, required: true }) },
    description: "Applies at once for reviewers and admins; a curator's change awaits review as a draft.",
    resolve: async (_, { input }, ctx) => {
      const id = parseGlobalId(String(input.id), ['Source'], 'source').id;
      const outcome = await writeAs(
        ctx,
        'updateSource',
        {
          id,
          expectedVersion: input.expectedVersion,
          title: input.title ?? undefined,
          url: input.url,
          publisher: input.publisher,
          publishedAt: input.publishedAt === undefined ? undefined : isoDate(input.publishedAt),
          retrievedAt: input.retrievedAt,
          kind: input.kind ?? undefined,
        },
        { reason: input.reason },
      );
      return sourcePayload(ctx, outcome, id);
    },
  }),
}));

const SourceConnection = builder.connectionObject(
  { type: SourceRef, name: 'SourceConnection', fields: totalCountField },
  { name: 'SourceEdge' },
);

builder.queryField('sources', (t) =>
  t.field({
    type: SourceConnection,
    description: 'Sources by title.',
    args: { titleContains: t.arg.string({ required: false }), ...pageArgs },
    resolve: async (_, args, ctx) => {
      const page = pageWindow(args);
      const { rows, totalCount } = await listSources(ctx.db, { ...page, titleContains: args.titleContains });
      return toConnection(rows, page.offset, totalCount);
    },
  }),
);

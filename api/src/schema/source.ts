import { notFound } from '@kg/db/errors';
import { getRowsByIds } from '@kg/db/lookup';
import { listSources, SOURCE_KINDS } from '@kg/db/source/repository';
import type { SourceRow } from '@kg/db/tables';
import { builder } from '../builder.ts';
import { factPayload, writeAs } from './fact-write.ts';
import { pageArgs, pageWindow, toConnection, totalCountField } from './paging.ts';

export const SourceRef = builder.loadableNodeRef('Source', {
  id: { resolve: (row: SourceRow) => row.id },
  load: async (ids: string[], ctx) => {
    const rows = await getRowsByIds(ctx.db, 'source', ids);
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
    id: t.globalID({ required: true, for: SourceRef }),
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

const Source = factPayload<SourceRow, SourceRow>('SourcePayload', {
  fields: (t) => ({
    source: t.field({
      type: SourceRef,
      nullable: true,
      description: 'The source as it now stands: changed, or unchanged while a draft awaits review (null if new).',
      resolve: (p) => p.fact,
    }),
  }),
  written: (_, row) => row,
  current: async (ctx, id) => (await getRowsByIds(ctx.db, 'source', [id]))[0],
});

const isoDate = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

builder.mutationFields((t) => ({
  createSource: t.field({
    type: Source.Ref,
    authScopes: { curator: true },
    args: { input: t.arg({ type: CreateSourceInput, required: true }) },
    description: "Applies at once for reviewers and admins; a curator's new source awaits review as a draft.",
    resolve: async (_, { input }, ctx) =>
      Source.payload(
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
    type: Source.Ref,
    authScopes: { curator: true },
    args: { input: t.arg({ type: UpdateSourceInput, required: true }) },
    description: "Applies at once for reviewers and admins; a curator's change awaits review as a draft.",
    resolve: async (_, { input }, ctx) => {
      const { id } = input.id;
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
      return Source.payload(ctx, outcome, id);
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

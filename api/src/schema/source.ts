import { notFound } from '@kg/db/errors';
import { getRowsByIds } from '@kg/db/lookup';
import { listSources, SOURCE_KINDS } from '@kg/db/source/repository';
import type { SourceRow } from '@kg/db/tables';
import { factMutation, factPayload, factUpdate, storedRow, unsetIfNull } from './fact-write.ts';
import { rowNodeRef } from './node.ts';
import { countedConnection, listQuery } from './paging.ts';

export const SourceRef = rowNodeRef<SourceRow>('Source', async (ids: string[], ctx) => {
  const rows = await getRowsByIds(ctx.loaders.batch, 'source', ids);
  return rows.map((row, i) => row ?? notFound('source', ids[i]));
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

const Source = factPayload('source', SourceRef, {
  ...storedRow<SourceRow>('source'),
  description: 'The source as it now stands: changed, or unchanged while a draft awaits review (null if new).',
});

const isoDate = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

factMutation('createSource', {
  scope: 'curator',
  description: "Applies at once for reviewers and admins; a curator's new source awaits review as a draft.",
  payload: Source,
  input: (t) => ({
    key: t.string({ required: true }),
    title: t.string({ required: true }),
    url: t.string({ required: false }),
    publisher: t.string({ required: false }),
    publishedAt: t.field({ type: 'Date', required: false }),
    retrievedAt: t.field({ type: 'DateTime', required: false }),
    kind: t.string({ required: true, description: SOURCE_KINDS.join(' | ') }),
  }),
  write: (input) => ({
    key: input.key,
    title: input.title,
    url: input.url ?? null,
    publisher: input.publisher ?? null,
    publishedAt: isoDate(input.publishedAt),
    retrievedAt: input.retrievedAt ?? null,
    kind: input.kind,
  }),
});

factUpdate('updateSource', {
  scope: 'curator',
  description: "Applies at once for reviewers and admins; a curator's change awaits review as a draft.",
  payload: Source,
  node: SourceRef,
  input: (t) => ({
    title: t.string({ required: false }),
    url: t.string({ required: false }),
    publisher: t.string({ required: false }),
    publishedAt: t.field({ type: 'Date', required: false }),
    retrievedAt: t.field({ type: 'DateTime', required: false }),
    kind: t.string({ required: false }),
  }),
  // the URL, publisher and dates may be cleared with null
  write: ({ title, kind, publishedAt, ...rest }) => ({
    ...rest,
    ...unsetIfNull({ title, kind }),
    publishedAt: publishedAt === undefined ? undefined : isoDate(publishedAt),
  }),
});

listQuery('sources', {
  connection: countedConnection('Source', SourceRef),
  description: 'Sources by title.',
  args: (arg) => ({ titleContains: arg.string({ required: false }) }),
  list: (ctx, { titleContains }, page) => listSources(ctx.db, { ...page, titleContains }),
});

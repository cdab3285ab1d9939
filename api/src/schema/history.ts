import { storedWrite } from '@kg/db/draft/repository';
import { DomainError, isUuid } from '@kg/db/errors';
import { changesAfter, factHistory, latestChangeId, revertOperation } from '@kg/db/history/repository';
import type { ChangeLogRow, DraftRow } from '@kg/db/tables';
import { Repeater } from 'graphql-yoga';
import { builder } from '../builder.ts';
import { parseGlobalId } from '../ids.ts';
import { CitationInputRef, toCitationInputs } from './citation.ts';
import { type FieldChange, FieldChangeRef } from './draft.ts';
import { ChangeOpEnum, FactTypeEnum } from './fact-enums.ts';
import { payloadType, VERSION_READ, writeAs } from './fact-write.ts';
import { ENTITY_TYPENAMES } from './kinds.ts';
import { countedConnection, DEFAULT_FEED_PAGE_SIZE, listQuery, MAX_FEED_PAGE_SIZE } from './paging.ts';

const FACT_TYPENAMES = [...ENTITY_TYPENAMES, 'Label', 'Relation', 'Observation', 'Citation'];
/** A fact's global ID, or the database id that ChangeEvent.factId and Draft.factId give. */
const parseFactId = (id: string | number) =>
  isUuid(String(id)) ? String(id) : parseGlobalId(String(id), FACT_TYPENAMES, 'fact').id;

/** The fields a change altered, before and after (bookkeeping columns left out). */
function diffChange(change: ChangeLogRow): FieldChange[] {
  const before = (change.before ?? {}) as Record<string, unknown>;
  const after = (change.after ?? {}) as Record<string, unknown>;
  const skip = new Set(['id', 'version', 'created_at', 'updated_at']);
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (skip.has(field)) continue;
    const a = before[field] ?? null;
    const b = after[field] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field, before: a, after: b });
  }
  return changes;
}

export const ChangeEventRef = builder.objectRef<ChangeLogRow>('ChangeEvent').implement({
  description: 'One logged change of one fact: who, when, why, and the whole row before and after.',
  fields: (t) => ({
    id: t.string({ description: 'Increasing: a change made later has a larger id.', resolve: (c) => String(c.id) }),
    at: t.field({ type: 'DateTime', resolve: (c) => c.at }),
    actor: t.exposeString('actor'),
    approvedBy: t.exposeString('approved_by', { nullable: true, description: 'The reviewer who published it.' }),
    draftId: t.exposeString('draft_id', { nullable: true }),
    factType: t.field({ type: FactTypeEnum, resolve: (c) => c.fact_type }),
    factId: t.exposeString('fact_id', { description: 'The database id of the fact; history(factId:) takes it.' }),
    op: t.field({ type: ChangeOpEnum, resolve: (c) => c.op }),
    version: t.exposeInt('version', { nullable: true, description: 'The version the change made (or deleted).' }),
    reason: t.exposeString('reason', { nullable: true }),
    before: t.field({ type: 'JSON', nullable: true, resolve: (c) => c.before }),
    after: t.field({ type: 'JSON', nullable: true, resolve: (c) => c.after }),
    diff: t.field({ type: [FieldChangeRef], resolve: diffChange }),
  }),
});

listQuery('history', {
  connection: countedConnection('ChangeEvent', ChangeEventRef),
  description: 'Every change of one fact (entity, label, relation, observation or citation), newest first.',
  authScopes: { authenticated: true },
  args: (arg) => ({ factId: arg.id({ required: true }) }),
  list: (ctx, { factId }, page) => factHistory(ctx.db, parseFactId(factId), page, ctx.visibility),
});

// The feed's cursor is the change id: stable however many changes arrive after it.
const feedCursor = (id: string | number) => Buffer.from(`change:${id}`).toString('base64url');
function parseFeedCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString();
  const id = decoded.startsWith('change:') ? decoded.slice(7) : '';
  if (!/^\d{1,18}$/.test(id)) {
    throw new DomainError('BAD_USER_INPUT', 'after is not a cursor of the change feed', { field: 'after' });
  }
  return id;
}

const FeedConnection = builder.connectionObject(
  { type: ChangeEventRef, name: 'ChangeFeedConnection' },
  { name: 'ChangeFeedEdge' },
);

builder.queryField('changes', (t) =>
  t.field({
    type: FeedConnection,
    description:
      'Every change in the order it was made, for keeping a copy in sync: start with `since` (or from the ' +
      'beginning), then pass the last endCursor as `after`. Replaying the changes in order rebuilds every fact.',
    authScopes: { authenticated: true },
    args: {
      since: t.arg({ type: 'DateTime', required: false }),
      first: t.arg.int({
        required: false,
        description: `At most ${MAX_FEED_PAGE_SIZE}; ${DEFAULT_FEED_PAGE_SIZE} when omitted.`,
      }),
      after: t.arg.string({ required: false }),
    },
    resolve: async (_, args, ctx) => {
      const first = args.first ?? DEFAULT_FEED_PAGE_SIZE;
      if (!Number.isInteger(first) || first < 0 || first > MAX_FEED_PAGE_SIZE) {
        throw new DomainError('BAD_USER_INPUT', `first must be between 0 and ${MAX_FEED_PAGE_SIZE}`, {
          field: 'first',
        });
      }
      const afterId = args.after == null ? null : parseFeedCursor(args.after);
      const { rows, hasNextPage } = await changesAfter(ctx.db, {
        afterId,
        since: args.since,
        limit: first,
        visibility: ctx.visibility,
      });
      const edges = rows.map((node) => ({ cursor: feedCursor(node.id), node }));
      return {
        edges,
        pageInfo: {
          startCursor: edges[0]?.cursor ?? null,
          // an empty page keeps the caller's place, so polling with it loses nothing
          endCursor: edges.at(-1)?.cursor ?? args.after ?? null,
          hasPreviousPage: afterId !== null,
          hasNextPage,
        },
      };
    },
  }),
);

const FEED_POLL_MS = 250;

builder.subscriptionField('changes', (t) =>
  t.field({
    type: ChangeEventRef,
    description:
      'New changes as they are made (over server-sent events), after the cursor `after` (a ChangeFeed cursor) or ' +
      'from now. Changes made by other servers and importers arrive too: the feed reads the change log.',
    authScopes: { authenticated: true },
    args: { after: t.arg.string({ required: false }) },
    subscribe: async (_, args, ctx) => {
      // the role is checked now, before anything streams (scope auth would check it at the first event only)
      if (!ctx.viewer.role) throw new DomainError('UNAUTHENTICATED', 'log in to use changes');
      // the starting point is taken now, when the client subscribes, not when it first reads the stream
      let afterId = args.after == null ? ((await latestChangeId(ctx.db)) ?? '0') : parseFeedCursor(args.after);
      const close = ctx.streams.open(ctx.client);
      // the stream stops counting when the client goes away or returns it, even before its first event
      ctx.signal.addEventListener('abort', close, { once: true });
      const feed = new Repeater<ChangeLogRow>(async (push, stop) => {
        // the client going away (its request aborted, or the stream returned) stops the polling at once
        const gone = new Promise<void>((resolve) => {
          if (ctx.signal.aborted) resolve();
          ctx.signal.addEventListener('abort', () => resolve(), { once: true });
        });
        const over = Promise.race([stop, gone]);
        let stopped = false;
        void over.then(() => {
          stopped = true;
        });
        try {
          while (!stopped) {
            const { rows } = await changesAfter(ctx.db, { afterId, limit: 100, visibility: ctx.visibility });
            for (const row of rows) {
              afterId = String(row.id);
              await push(row);
            }
            if (rows.length === 0) {
              let timer: NodeJS.Timeout | undefined;
              await Promise.race([over, new Promise((resolve) => (timer = setTimeout(resolve, FEED_POLL_MS)))]);
              clearTimeout(timer);
            }
          }
        } finally {
          close();
          stop();
        }
      });
      const stream: AsyncIterableIterator<ChangeLogRow> = {
        next: () => feed.next(),
        return: (value?: unknown) => {
          close();
          return feed.return(value as ChangeLogRow);
        },
        throw: (error?: unknown) => {
          close();
          return feed.throw(error);
        },
        [Symbol.asyncIterator]() {
          return stream;
        },
      };
      return stream;
    },
    resolve: (row) => row,
  }),
);

const RevertInput = builder.inputType('RevertInput', {
  fields: (t) => ({
    factId: t.id({ required: true }),
    toVersion: t.int({ required: true, description: 'The earlier version to bring back.' }),
    expectedVersion: t.int({ required: true, description: VERSION_READ }),
    reason: t.string({ required: false }),
    citations: t.field({
      type: [CitationInputRef],
      required: false,
      description: 'Sources for the restored values (a curator’s revert needs one to be published).',
    }),
  }),
});

const RevertPayload = payloadType<{ factId: string; version: number | null; draft: DraftRow | null }>(
  'RevertPayload',
  (t) => ({
    factId: t.exposeString('factId'),
    version: t.exposeInt('version', { nullable: true, description: 'The new version; null while in review.' }),
  }),
);

builder.mutationField('revert', (t) =>
  t.field({
    type: RevertPayload,
    description:
      'Brings a fact back to an earlier version. The revert is itself a change: logged, checked against ' +
      'expectedVersion, and a draft when a curator makes it.',
    authScopes: { curator: true },
    args: { input: t.arg({ type: RevertInput, required: true }) },
    resolve: async (_, { input }, ctx) => {
      const factId = parseFactId(input.factId);
      if (!isUuid(factId)) throw new DomainError('NOT_FOUND', `fact ${input.factId} not found`);
      const revert = await revertOperation(ctx.db, {
        factId,
        toVersion: input.toVersion,
        expectedVersion: input.expectedVersion,
      });
      const write = storedWrite(revert.operation, revert.input);
      const outcome = await writeAs(ctx, write.name, write.input, {
        reason: input.reason ?? `revert to version ${input.toVersion}`,
        citations: toCitationInputs(input.citations),
        restoresVersion: true,
      });
      if (outcome.applied) {
        return { factId: String(input.factId), version: (outcome.row as { version: number }).version, draft: null };
      }
      return { factId: String(input.factId), version: null, draft: outcome.draft };
    },
  }),
);

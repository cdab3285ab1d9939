import {
  getDrafts,
  isOperationName,
  listDrafts,
  OPERATIONS,
  publishDraft,
  rejectDraft,
  storedWrite,
  withdrawDraft,
} from '@kg/db/draft/repository';
import { notFound } from '@kg/db/errors';
import { getRowsByIds } from '@kg/db/lookup';
import { snakeCase } from '@kg/db/naming';
import type { DraftRow, DraftStatus, EntityRow } from '@kg/db/tables';
import { showsDrafts } from '@kg/db/visibility';
import DataLoader from 'dataloader';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { DraftOperationEnum, FactTypeEnum } from './fact-enums.ts';
import { ENTITY_NODES, EntityRef } from './kinds.ts';
import { rowNodeRef } from './node.ts';
import { countedConnection, listQuery } from './paging.ts';

export const DraftStatusEnum = builder.enumType('DraftStatus', {
  values: {
    PENDING: { value: 'pending' },
    PUBLISHED: { value: 'published' },
    REJECTED: { value: 'rejected' },
    WITHDRAWN: { value: 'withdrawn' },
  } as const,
});

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export const FieldChangeRef = builder.objectRef<FieldChange>('FieldChange').implement({
  description: 'One field a change sets: its value now (null when the fact is new) and its value after.',
  fields: (t) => ({
    field: t.exposeString('field'),
    before: t.field({ type: 'JSON', nullable: true, resolve: (c) => c.before ?? null }),
    after: t.field({ type: 'JSON', nullable: true, resolve: (c) => c.after ?? null }),
  }),
});

const NOT_FIELDS = new Set(['id', 'expectedVersion', 'citations', 'reason']);

type FactTable = DraftRow['fact_type'];
const factLoaders = new WeakMap<Context, DataLoader<string, Record<string, unknown> | null>>();

/**
 * The facts drafts change, as they stand, read once per request for a whole page of the queue (`diff` and
 * `stale` of every draft share it): one statement per kind of fact, keyed "type:id".
 */
function currentFacts(ctx: Context) {
  let loader = factLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (keys: readonly string[]) => {
      const byType = new Map<FactTable, string[]>();
      for (const key of keys) {
        const [type, id] = key.split(':') as [FactTable, string];
        byType.set(type, [...(byType.get(type) ?? []), id]);
      }
      const found = new Map<string, Record<string, unknown>>();
      for (const [type, ids] of byType) {
        const rows = await getRowsByIds(ctx.db, type, ids);
        rows.forEach((row, i) => {
          if (row) found.set(`${type}:${ids[i]}`, row as Record<string, unknown>);
        });
      }
      return keys.map((key) => found.get(key) ?? null);
    });
    factLoaders.set(ctx, loader);
  }
  return loader;
}

/** The fact as it stands (with an entity's details), to compare a draft against. */
async function currentFact(ctx: Context, draft: DraftRow): Promise<Record<string, unknown> | null> {
  if (!draft.fact_id) return null;
  const row = await currentFacts(ctx).load(`${draft.fact_type}:${draft.fact_id}`);
  if (!row) return null;
  if (draft.fact_type === 'entity') {
    const entity = row as unknown as EntityRow;
    return { ...row, details: await ctx.loaders.details(entity.kind).load(entity.id) };
  }
  return row;
}

/** Field by field, what publishing the draft would change. */
export function diffDraft(draft: DraftRow, current: Record<string, unknown> | null): FieldChange[] {
  const input = draft.input as Record<string, unknown>;
  const op = isOperationName(draft.operation) ? OPERATIONS[draft.operation] : undefined;
  if (op?.op === 'delete') {
    return current ? [{ field: draft.fact_type, before: current, after: null }] : [];
  }
  const source = draft.operation === 'createCitation' ? (input.citation as Record<string, unknown>) : input;
  const changes: FieldChange[] = [];
  for (const [field, after] of Object.entries(source ?? {})) {
    if (NOT_FIELDS.has(field) || after === undefined) continue;
    if (field === 'details' && after && typeof after === 'object') {
      const before = (current?.details ?? {}) as Record<string, unknown>;
      for (const [key, value] of Object.entries(after)) {
        if (value === undefined || JSON.stringify(before[key] ?? null) === JSON.stringify(value)) continue;
        changes.push({ field: `details.${key}`, before: before[key] ?? null, after: value });
      }
      continue;
    }
    const before = current ? (current[snakeCase(field)] ?? current[field] ?? null) : null;
    if (current && JSON.stringify(before) === JSON.stringify(after)) continue;
    changes.push({ field, before, after });
  }
  return changes;
}

// drafts are for curators: to anyone else, as to node(), one does not exist
export const DraftRef = rowNodeRef<DraftRow>('Draft', async (ids: string[], ctx) => {
  if (!showsDrafts(ctx.visibility)) return ids.map((id) => notFound('draft', id));
  const rows = await getDrafts(ctx.db, ids);
  return ids.map((id) => rows.get(id) ?? notFound('draft', id));
});

DraftRef.implement({
  description:
    "A curator's proposed change to a fact, with its citations, waiting for a reviewer. Publishing applies it as " +
    'its author, approved by the reviewer.',
  authScopes: { curator: true },
  fields: (t) => ({
    operation: t.field({
      type: DraftOperationEnum,
      description: 'The mutation proposed, e.g. updateEntity.',
      resolve: (d) => storedWrite(d.operation, d.input).name,
    }),
    factType: t.field({ type: FactTypeEnum, resolve: (d) => d.fact_type }),
    factId: t.exposeString('fact_id', { nullable: true, description: 'The fact changed; null for a new one.' }),
    entity: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The entity the change concerns (for a label, relation or observation: the one it belongs to).',
      resolve: (d, _, ctx) => (d.entity_id ? ctx.loaders.entity.load(d.entity_id) : null),
    }),
    input: t.field({ type: 'JSON', resolve: (d) => d.input }),
    citations: t.field({
      type: 'JSON',
      description: 'Citations that come with the change.',
      resolve: (d) => d.citations,
    }),
    diff: t.field({
      type: [FieldChangeRef],
      description: 'What publishing would change, against what is published now.',
      resolve: async (d, _, ctx) => diffDraft(d, await currentFact(ctx, d)),
    }),
    stale: t.boolean({
      description: 'The fact changed since the draft was proposed: publishing answers CONFLICT.',
      resolve: async (d, _, ctx) => {
        if (!d.fact_id || d.base_version === null) return false;
        const row = await currentFacts(ctx).load(`${d.fact_type}:${d.fact_id}`);
        return !row || row.version !== d.base_version;
      },
    }),
    status: t.field({ type: DraftStatusEnum, resolve: (d) => d.status }),
    author: t.exposeString('author'),
    reason: t.exposeString('reason', { nullable: true }),
    reviewer: t.exposeString('reviewer', { nullable: true }),
    reviewedAt: t.field({ type: 'DateTime', nullable: true, resolve: (d) => d.reviewed_at }),
    reviewReason: t.exposeString('review_reason', { nullable: true }),
    resultFactId: t.exposeString('result_fact_id', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (d) => d.created_at }),
    version: t.exposeInt('version'),
  }),
});

listQuery('drafts', {
  connection: countedConnection('Draft', DraftRef),
  description: 'The review queue: drafts by status (pending first by default), newest first.',
  authScopes: { curator: true },
  args: (arg) => ({
    status: arg({ type: DraftStatusEnum, required: false, defaultValue: 'pending' }),
    entityId: arg.globalID({ required: false, for: ENTITY_NODES }),
    author: arg.string({ required: false }),
  }),
  list: (ctx, { status, entityId, author }, page) =>
    listDrafts(ctx.db, {
      ...page,
      status: (status ?? null) as DraftStatus | null,
      entityId: entityId?.id ?? null,
      author: author ?? null,
    }),
});

const ReviewInput = builder.inputType('ReviewDraftInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: DraftRef }),
    expectedVersion: t.int({ required: false, description: 'The draft version you reviewed.' }),
    reason: t.string({ required: false, description: 'Why; required to reject.' }),
  }),
});

const ReviewPayload = builder.objectRef<{ draft: DraftRow }>('ReviewDraftPayload').implement({
  fields: (t) => ({ draft: t.field({ type: DraftRef, resolve: (p) => p.draft }) }),
});

const reviewer = (ctx: Context) => ({ actor: ctx.viewer.actor, role: ctx.viewer.role ?? 'viewer' });

type Review = { id: string; expectedVersion?: number | null; reason?: string | null };

/** A decision on a draft, taken as the viewer; it answers the draft as the decision left it. */
function reviewMutation(
  name: string,
  options: {
    scope: 'reviewer' | 'curator';
    description?: string;
    decide: (ctx: Context, review: Review) => Promise<DraftRow>;
  },
) {
  builder.mutationField(name, (t) =>
    t.field({
      type: ReviewPayload,
      description: options.description,
      authScopes: { [options.scope]: true },
      args: { input: t.arg({ type: ReviewInput, required: true }) },
      resolve: async (_, { input }, ctx) => ({
        draft: await options.decide(ctx, {
          id: input.id.id,
          expectedVersion: input.expectedVersion,
          reason: input.reason,
        }),
      }),
    }),
  );
}

reviewMutation('publishDraft', {
  scope: 'reviewer',
  description: 'Applies a draft (needs a citation unless it deletes); CONFLICT when its fact changed meanwhile.',
  decide: async (ctx, review) => (await publishDraft(ctx.db, reviewer(ctx), review)).draft,
});

reviewMutation('rejectDraft', {
  scope: 'reviewer',
  decide: (ctx, review) => rejectDraft(ctx.db, reviewer(ctx), { ...review, reason: review.reason ?? '' }),
});

reviewMutation('withdrawDraft', {
  scope: 'curator',
  description: 'The author takes back a pending draft (checked against expectedVersion; the reason is kept).',
  decide: (ctx, review) => withdrawDraft(ctx.db, reviewer(ctx), review),
});

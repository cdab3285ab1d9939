import { loadCitations } from '@kg/db/citation/repository';
import type { WriteOutcome } from '@kg/db/draft/repository';
import { getRowsByIds } from '@kg/db/lookup';
import type { DraftRow, LabelRow } from '@kg/db/tables';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { parseGlobalId } from '../ids.ts';
import { visibleById } from '../visibility.ts';
import { CitationInputRef, CitationRef, toCitationInputs } from './citation.ts';
import { DeleteInput, DeletePayload, deletePayload, parseEntityId, parseSourceId } from './common.ts';
import { draftPayloadField, writeAs } from './draft.ts';
import { EntityRef, StatusEnum } from './kinds.ts';
import { SourceRef } from './source.ts';

export const LabelTypeEnum = builder.enumType('LabelType', {
  values: {
    PREFERRED: { value: 'preferred', description: "The entity's name." },
    ALTERNATE: { value: 'alternate', description: 'Another name in use.' },
    REPORTED: { value: 'reported', description: 'A title reported by workers or employers.' },
    HIDDEN: { value: 'hidden', description: 'A misspelling or legacy form: searchable, not shown.' },
  } as const,
});

export const LabelRef = builder.loadableNodeRef('Label', {
  id: { resolve: (row: LabelRow) => row.id },
  load: async (ids: string[], ctx) =>
    visibleById(ctx, 'label', ids, await getRowsByIds(ctx.loaders.batch, 'label', ids), (l) => [l.entity_id]),
});

LabelRef.implement({
  description: 'A name of an entity, searchable by trigram and full text.',
  fields: (t) => ({
    text: t.exposeString('text'),
    type: t.field({ type: LabelTypeEnum, resolve: (l) => l.type }),
    language: t.exposeString('language'),
    status: t.field({ type: StatusEnum, resolve: (l) => l.status }),
    version: t.exposeInt('version'),
    entity: t.field({ type: EntityRef, resolve: (l, _, ctx) => ctx.loaders.entity.load(l.entity_id) as never }),
    source: t.field({ type: SourceRef, nullable: true, resolve: (l) => l.source_id }),
    citations: t.loadableList({
      type: CitationRef,
      load: async (ids: string[], ctx) => {
        const map = await loadCitations(ctx.loaders.batch, 'label', ids, ctx.visibility);
        return ids.map((id) => map.get(id) ?? []);
      },
      resolve: (l) => l.id,
    }),
  }),
});

export const LabelInputRef = builder.inputType('LabelInput', {
  fields: (t) => ({
    text: t.string({ required: true }),
    type: t.field({ type: LabelTypeEnum, required: true }),
    language: t.string({ required: false, description: 'A language tag; en when omitted.' }),
  }),
});

const CreateLabelInput = builder.inputType('CreateLabelInput', {
  fields: (t) => ({
    entityId: t.id({ required: true }),
    text: t.string({ required: true }),
    type: t.field({ type: LabelTypeEnum, required: true }),
    language: t.string({ required: false }),
    sourceId: t.id({ required: false }),
    citations: t.field({ type: [CitationInputRef], required: false }),
  }),
});

const UpdateLabelInput = builder.inputType('UpdateLabelInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    text: t.string({ required: false }),
    type: t.field({ type: LabelTypeEnum, required: false }),
    language: t.string({ required: false }),
    reason: t.string({ required: false }),
    citations: t.field({ type: [CitationInputRef], required: false, description: 'Sources for the new text.' }),
  }),
});

const LabelPayload = builder.objectRef<{ label: LabelRow | null; draft?: DraftRow | null }>('LabelPayload').implement({
  fields: (t) => ({
    label: t.field({ type: LabelRef, nullable: true, resolve: (p) => p.label }),
    draft: draftPayloadField(t),
  }),
});

const parseLabelId = (id: string | number) => parseGlobalId(String(id), ['Label'], 'label').id;

async function labelPayload(ctx: Context, outcome: WriteOutcome, id: string | null) {
  if (outcome.applied) return { label: outcome.row as LabelRow, draft: null };
  const [label] = id ? await getRowsByIds(ctx.db, 'label', [id]) : [];
  return { label: label ?? null, draft: outcome.draft };
}

builder.mutationFields((t) => ({
  createLabel: t.field({
    type: LabelPayload,
    authScopes: { curator: true },
    args: { input: t.arg({ type: CreateLabelInput, required: true }) },
    resolve: async (_, { input }, ctx) => {
      const outcome = await writeAs(ctx, 'createLabel', {
        entityId: parseEntityId(String(input.entityId)),
        text: input.text,
        type: input.type,
        language: input.language ?? undefined,
        sourceId: input.sourceId == null ? null : parseSourceId(input.sourceId),
        citations: toCitationInputs(input.citations),
      });
      return labelPayload(ctx, outcome, null);
    },
  }),
  updateLabel: t.field({
    type: LabelPayload,
    authScopes: { curator: true },
    args: { input: t.arg({ type: UpdateLabelInput, required: true }) },
    resolve: async (_, { input }, ctx) => {
      const id = parseLabelId(input.id);
      const outcome = await writeAs(
        ctx,
        'updateLabel',
        {
          id,
          expectedVersion: input.expectedVersion,
          text: input.text ?? undefined,
          type: input.type ?? undefined,
          language: input.language ?? undefined,
        },
        { reason: input.reason, citations: toCitationInputs(input.citations) },
      );
      return labelPayload(ctx, outcome, id);
    },
  }),
  deleteLabel: t.field({
    type: DeletePayload,
    authScopes: { curator: true },
    args: { input: t.arg({ type: DeleteInput, required: true }) },
    resolve: async (_, { input }, ctx) => {
      const outcome = await writeAs(
        ctx,
        'deleteLabel',
        { id: parseLabelId(input.id), expectedVersion: input.expectedVersion },
        { reason: input.reason },
      );
      return deletePayload(outcome, input.id);
    },
  }),
}));

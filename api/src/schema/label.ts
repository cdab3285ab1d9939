import { loadCitations } from '@kg/db/citation/repository';
import { notFound } from '@kg/db/errors';
import { createLabel, deleteLabel, updateLabel } from '@kg/db/label/repository';
import { getRowsByIds } from '@kg/db/lookup';
import type { LabelRow } from '@kg/db/tables';
import { builder } from '../builder.ts';
import { parseGlobalId } from '../ids.ts';
import { CitationInputRef, CitationRef, toCitationInputs } from './citation.ts';
import { DeleteInput, DeletePayload, parseEntityId, parseSourceId } from './common.ts';
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
  load: async (ids: string[], ctx) => {
    const rows = await getRowsByIds(ctx.db, 'label', ids);
    return rows.map((row, i) => row ?? notFound('label', ids[i]));
  },
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
        const map = await loadCitations(ctx.db, 'label', ids);
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
  }),
});

const LabelPayload = builder.objectRef<{ label: LabelRow }>('LabelPayload').implement({
  fields: (t) => ({ label: t.field({ type: LabelRef, resolve: (p) => p.label }) }),
});

const parseLabelId = (id: string | number) => parseGlobalId(String(id), ['Label'], 'label').id;

builder.mutationFields((t) => ({
  createLabel: t.field({
    type: LabelPayload,
    args: { input: t.arg({ type: CreateLabelInput, required: true }) },
    resolve: async (_, { input }, ctx) => ({
      label: await createLabel(
        ctx.db,
        { actor: ctx.viewer.actor },
        {
          entityId: parseEntityId(String(input.entityId)),
          text: input.text,
          type: input.type,
          language: input.language ?? undefined,
          sourceId: input.sourceId == null ? null : parseSourceId(input.sourceId),
          citations: toCitationInputs(input.citations),
        },
      ),
    }),
  }),
  updateLabel: t.field({
    type: LabelPayload,
    args: { input: t.arg({ type: UpdateLabelInput, required: true }) },
    resolve: async (_, { input }, ctx) => ({
      label: await updateLabel(
        ctx.db,
        { actor: ctx.viewer.actor, reason: input.reason ?? undefined },
        {
          id: parseLabelId(input.id),
          expectedVersion: input.expectedVersion,
          text: input.text ?? undefined,
          type: input.type ?? undefined,
          language: input.language ?? undefined,
        },
      ),
    }),
  }),
  deleteLabel: t.field({
    type: DeletePayload,
    args: { input: t.arg({ type: DeleteInput, required: true }) },
    resolve: async (_, { input }, ctx) => {
      await deleteLabel(
        ctx.db,
        { actor: ctx.viewer.actor, reason: input.reason ?? undefined },
        { id: parseLabelId(input.id), expectedVersion: input.expectedVersion },
      );
      return { deletedId: String(input.id) };
    },
  }),
}));

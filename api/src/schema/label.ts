import { getRowsByIds } from '@kg/db/lookup';
import type { LabelRow } from '@kg/db/tables';
import { builder } from '../builder.ts';
import { visibleById } from '../visibility.ts';
import { CitationInputRef, toCitationInputs } from './citation.ts';
import { describedEnum } from './described-enum.ts';
import { entityAndSource, factFields } from './fact-fields.ts';
import { deleteMutation, factMutation, factPayload, factUpdate, storedRow, unsetIfNull } from './fact-write.ts';
import { ENTITY_NODES } from './kinds.ts';
import { rowNodeRef } from './node.ts';
import { SourceRef } from './source.ts';

export const LabelTypeEnum = describedEnum('LabelType', undefined, {
  preferred: "The entity's name.",
  alternate: 'Another name in use.',
  reported: 'A title reported by workers or employers.',
  hidden: 'A misspelling or legacy form: searchable, not shown.',
});

export const LabelRef = rowNodeRef<LabelRow>('Label', async (ids: string[], ctx) =>
  visibleById(ctx, 'label', ids, await getRowsByIds(ctx.loaders.batch, 'label', ids), (l) => [l.entity_id]),
);

LabelRef.implement({
  description: 'A name of an entity, searchable by trigram and full text.',
  fields: (t) => ({
    text: t.exposeString('text'),
    type: t.field({ type: LabelTypeEnum, resolve: (l) => l.type }),
    language: t.exposeString('language'),
    ...entityAndSource(t),
    ...factFields(t, 'label'),
  }),
});

export const LabelInputRef = builder.inputType('LabelInput', {
  fields: (t) => ({
    text: t.string({ required: true }),
    type: t.field({ type: LabelTypeEnum, required: true }),
    language: t.string({ required: false, description: 'A language tag; en when omitted.' }),
  }),
});

const Label = factPayload('label', LabelRef, storedRow<LabelRow>('label'));

factMutation('createLabel', {
  scope: 'curator',
  payload: Label,
  input: (t) => ({
    entityId: t.globalID({ required: true, for: ENTITY_NODES }),
    text: t.string({ required: true }),
    type: t.field({ type: LabelTypeEnum, required: true }),
    language: t.string({ required: false }),
    sourceId: t.globalID({ required: false, for: SourceRef }),
    citations: t.field({ type: [CitationInputRef], required: false }),
  }),
  write: (input) => ({
    entityId: input.entityId.id,
    text: input.text,
    type: input.type,
    language: input.language ?? undefined,
    sourceId: input.sourceId?.id ?? null,
    citations: toCitationInputs(input.citations),
  }),
});

factUpdate('updateLabel', {
  scope: 'curator',
  payload: Label,
  node: LabelRef,
  citations: 'Sources for the new text.',
  input: (t) => ({
    text: t.string({ required: false }),
    type: t.field({ type: LabelTypeEnum, required: false }),
    language: t.string({ required: false }),
  }),
  write: unsetIfNull,
});

deleteMutation('deleteLabel', 'Label');

import type { WriteOutcome } from '@kg/db/draft/repository';
import type { DraftRow } from '@kg/db/tables';
import { builder } from '../builder.ts';
import { parseGlobalId } from '../ids.ts';
import { draftPayloadField } from './draft.ts';
import { ENTITY_TYPENAMES } from './kinds.ts';

/** Reads an entity ID given as input (any kind). */
export const parseEntityId = (id: string | number) => parseGlobalId(String(id), ENTITY_TYPENAMES, 'entity').id;
export const parseSourceId = (id: string | number) => parseGlobalId(String(id), ['Source'], 'source').id;

export const DeleteInput = builder.inputType('DeleteInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one means CONFLICT.' }),
    reason: t.string({ required: false, description: 'Why; kept in the change log.' }),
    retire: t.boolean({
      required: false,
      description: 'Entities only: keep it as retired, with its relations, instead of deleting it.',
    }),
    supersededBy: t.id({ required: false, description: 'Entities only, with retire: the entity that replaces it.' }),
  }),
});

export const DeletePayload = builder
  .objectRef<{ deletedId: string | null; draft?: DraftRow | null }>('DeletePayload')
  .implement({
    fields: (t) => ({
      deletedId: t.exposeID('deletedId', { nullable: true, description: 'Null while a draft awaits review.' }),
      draft: draftPayloadField(t),
    }),
  });

export const deletePayload = (outcome: WriteOutcome, id: string | number) =>
  outcome.applied ? { deletedId: String(id), draft: null } : { deletedId: null, draft: outcome.draft };

import { builder } from '../builder.ts';
import { parseGlobalId } from '../ids.ts';
import { ENTITY_TYPENAMES } from './kinds.ts';

/** Reads an entity ID given as input (any kind). */
export const parseEntityId = (id: string | number) => parseGlobalId(String(id), ENTITY_TYPENAMES, 'entity').id;
export const parseSourceId = (id: string | number) => parseGlobalId(String(id), ['Source'], 'source').id;

export const DeleteInput = builder.inputType('DeleteInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one means CONFLICT.' }),
    reason: t.string({ required: false, description: 'Why; kept in the change log.' }),
  }),
});

export const DeletePayload = builder.objectRef<{ deletedId: string }>('DeletePayload').implement({
  fields: (t) => ({ deletedId: t.exposeID('deletedId') }),
});

import { OPERATIONS, type OperationName } from '@kg/db/draft/repository';
import { FACT_TYPES, type FactType } from '@kg/db/model';
import { builder } from '../builder.ts';

/*
 * The enums of the review queue and the change log. Their values keep the spelling these fields have always
 * answered (`entity`, `update`, `updateEntity`), so that clients that compare them as text read them unchanged.
 */

export const FactTypeEnum = builder.enumType('FactType', {
  description: 'What kind of fact a change or draft concerns.',
  values: Object.fromEntries(FACT_TYPES.map((type) => [type, { value: type }])) as Record<
    FactType,
    { value: FactType }
  >,
});

export const ChangeOpEnum = builder.enumType('ChangeOp', {
  description: 'What a logged change did to its fact.',
  values: { create: { value: 'create' }, update: { value: 'update' }, delete: { value: 'delete' } } as const,
});

export const DraftOperationEnum = builder.enumType('DraftOperation', {
  description: 'The mutation a draft proposes; publishing it runs that mutation as the author.',
  values: Object.fromEntries(Object.keys(OPERATIONS).map((name) => [name, { value: name }])) as Record<
    OperationName,
    { value: OperationName }
  >,
});

import { builder } from '../builder.ts';
import { OccupationRef, TaskRef } from './kinds.ts';
import { detailFields, relatedList } from './related.ts';

builder.objectFields(TaskRef, (t) => ({
  ...detailFields(t, 'task', { onetTaskId: 'int', taskType: 'string' }),
  occupations: relatedList(t, OccupationRef, 'performs_task', 'IN'),
}));

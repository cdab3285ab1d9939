import { builder } from '../builder.ts';
import { OccupationRef, TaskRef } from './kinds.ts';
import { detailColumns, relatedList } from './related.ts';

detailColumns('task', { onetTaskId: 'int', taskType: 'string' });

builder.objectFields(TaskRef, (t) => ({
  occupations: relatedList(t, OccupationRef, 'performs_task', 'IN'),
}));

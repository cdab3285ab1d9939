import { builder } from '../builder.ts';
import { AlternateTitleRef, OccupationRef } from './kinds.ts';
import { detailColumns, relatedList } from './related.ts';

detailColumns('alternate_title', { shortTitle: 'string' });

builder.objectFields(AlternateTitleRef, (t) => ({
  occupations: relatedList(t, OccupationRef, 'has_title', 'IN', {
    description: 'Occupations known by this title (a title can name several).',
  }),
}));

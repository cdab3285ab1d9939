import { builder } from '../builder.ts';
import { AlternateTitleRef, OccupationRef } from './kinds.ts';
import { detailFields, relatedList } from './related.ts';

builder.objectFields(AlternateTitleRef, (t) => ({
  ...detailFields(t, 'alternate_title', { shortTitle: 'string' }),
  occupations: relatedList(t, OccupationRef, 'has_title', 'IN', {
    description: 'Occupations known by this title (a title can name several).',
  }),
}));

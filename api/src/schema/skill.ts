import { builder } from '../builder.ts';
import { CourseRef, OccupationRef, SkillRef } from './kinds.ts';
import { detailColumns, relatedList } from './related.ts';

detailColumns('skill', {
  category: ['string', 'skill | knowledge | ability | soft_skill | technology | esco'],
  elementId: ['string', 'O*NET element ID.'],
  description: 'string',
});

builder.objectFields(SkillRef, (t) => ({
  occupations: relatedList(t, OccupationRef, 'requires_skill', 'IN', {
    description: 'Occupations that need this skill.',
  }),
  courses: relatedList(t, CourseRef, 'teaches_skill', 'IN', { description: 'Courses that teach it.' }),
}));

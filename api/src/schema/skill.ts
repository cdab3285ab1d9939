import { builder } from '../builder.ts';
import { CourseRef, OccupationRef, SkillRef } from './kinds.ts';
import { detailFields, relatedList } from './related.ts';

builder.objectFields(SkillRef, (t) => ({
  ...detailFields(t, 'skill', {
    category: ['string', 'skill | knowledge | ability | soft_skill | technology | esco'],
    elementId: ['string', 'O*NET element ID.'],
    description: 'string',
  }),
  occupations: relatedList(t, OccupationRef, 'requires_skill', 'IN', {
    description: 'Occupations that need this skill.',
  }),
  courses: relatedList(t, CourseRef, 'teaches_skill', 'IN', { description: 'Courses that teach it.' }),
}));

import { builder } from '../builder.ts';
import { CourseRef, OccupationRef, ProgramRef, SkillRef } from './kinds.ts';
import { detailFields, relatedList } from './related.ts';

builder.objectFields(CourseRef, (t) => ({
  ...detailFields(t, 'course', { description: 'string' }),
  programs: relatedList(t, ProgramRef, 'includes_course', 'IN'),
  occupations: relatedList(t, OccupationRef, 'recommends_course', 'IN'),
  skills: relatedList(t, SkillRef, 'teaches_skill', 'OUT'),
}));

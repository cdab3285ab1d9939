import { builder } from '../builder.ts';
import { CourseRef, OccupationRef, ProgramRef, SkillRef } from './kinds.ts';
import { detailColumns, relatedList } from './related.ts';

detailColumns('course', { description: 'string' });

builder.objectFields(CourseRef, (t) => ({
  programs: relatedList(t, ProgramRef, 'includes_course', 'IN'),
  occupations: relatedList(t, OccupationRef, 'recommends_course', 'IN'),
  skills: relatedList(t, SkillRef, 'teaches_skill', 'OUT'),
}));

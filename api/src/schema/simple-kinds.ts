import { builder } from '../builder.ts';
import {
  AlternateTitleRef,
  CourseRef,
  CredentialRef,
  EmployerRef,
  OccupationRef,
  ProgramRef,
  SkillRef,
  SpecializationRef,
  TaskRef,
} from './kinds.ts';
import { detail, relatedEntities } from './related.ts';

// Kinds whose typed fields are a few columns and the way back to their occupations.

builder.objectFields(AlternateTitleRef, (t) => ({
  shortTitle: t.string({ nullable: true, resolve: detail('alternate_title', 'shortTitle') }),
  occupations: t.loadableList({
    type: OccupationRef,
    description: 'Occupations known by this title (a title can name several).',
    load: relatedEntities('has_title', 'IN'),
    resolve: (e) => e.id,
  }),
}));

builder.objectFields(SpecializationRef, (t) => ({
  description: t.string({ nullable: true, resolve: detail('specialization', 'description') }),
  occupations: t.loadableList({
    type: OccupationRef,
    load: relatedEntities('has_specialization', 'IN'),
    resolve: (e) => e.id,
  }),
  tasks: t.loadableList({ type: TaskRef, load: relatedEntities('performs_task', 'OUT'), resolve: (e) => e.id }),
  skills: t.loadableList({ type: SkillRef, load: relatedEntities('requires_skill', 'OUT'), resolve: (e) => e.id }),
  credentials: t.loadableList({
    type: CredentialRef,
    load: relatedEntities('requires_credential', 'OUT'),
    resolve: (e) => e.id,
  }),
}));

builder.objectFields(TaskRef, (t) => ({
  onetTaskId: t.int({ nullable: true, resolve: detail('task', 'onetTaskId') }),
  taskType: t.string({ nullable: true, resolve: detail('task', 'taskType') }),
  occupations: t.loadableList({
    type: OccupationRef,
    load: relatedEntities('performs_task', 'IN'),
    resolve: (e) => e.id,
  }),
}));

builder.objectFields(SkillRef, (t) => ({
  category: t.string({
    nullable: true,
    description: 'skill | knowledge | ability | soft_skill | technology | esco',
    resolve: detail('skill', 'category'),
  }),
  elementId: t.string({ nullable: true, description: 'O*NET element ID.', resolve: detail('skill', 'elementId') }),
  description: t.string({ nullable: true, resolve: detail('skill', 'description') }),
  occupations: t.loadableList({
    type: OccupationRef,
    description: 'Occupations that need this skill.',
    load: relatedEntities('requires_skill', 'IN'),
    resolve: (e) => e.id,
  }),
  courses: t.loadableList({
    type: CourseRef,
    description: 'Courses that teach it.',
    load: relatedEntities('teaches_skill', 'IN'),
    resolve: (e) => e.id,
  }),
}));

builder.objectFields(CourseRef, (t) => ({
  description: t.string({ nullable: true, resolve: detail('course', 'description') }),
  programs: t.loadableList({ type: ProgramRef, load: relatedEntities('includes_course', 'IN'), resolve: (e) => e.id }),
  occupations: t.loadableList({
    type: OccupationRef,
    load: relatedEntities('recommends_course', 'IN'),
    resolve: (e) => e.id,
  }),
  skills: t.loadableList({ type: SkillRef, load: relatedEntities('teaches_skill', 'OUT'), resolve: (e) => e.id }),
}));

builder.objectFields(EmployerRef, (t) => ({
  employerType: t.string({
    nullable: true,
    description:
      'industry (a NAICS sector) | industry_type (a kind of employer: hospitals) | organization (a named employer)',
    resolve: detail('employer', 'employerType'),
  }),
  naicsCode: t.string({ nullable: true, resolve: detail('employer', 'naicsCode') }),
  occupations: t.loadableList({
    type: OccupationRef,
    load: relatedEntities('employed_by', 'IN'),
    resolve: (e) => e.id,
  }),
}));

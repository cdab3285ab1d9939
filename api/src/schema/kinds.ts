import { notFound } from '@kg/db/errors';
import type { EntityKind } from '@kg/db/model';
import type { EntityRow } from '@kg/db/tables';
import { builder } from '../builder.ts';
import { rowNodeRef } from './node.ts';

/** GraphQL type name and enum value of each entity kind. */
export const KIND_TYPES: Record<EntityKind, { typename: string; enumValue: string }> = {
  occupation: { typename: 'Occupation', enumValue: 'OCCUPATION' },
  alternate_title: { typename: 'AlternateTitle', enumValue: 'ALTERNATE_TITLE' },
  specialization: { typename: 'Specialization', enumValue: 'SPECIALIZATION' },
  task: { typename: 'Task', enumValue: 'TASK' },
  skill: { typename: 'Skill', enumValue: 'SKILL' },
  course: { typename: 'Course', enumValue: 'COURSE' },
  program: { typename: 'Program', enumValue: 'PROGRAM' },
  credential: { typename: 'Credential', enumValue: 'CREDENTIAL' },
  issuing_body: { typename: 'IssuingBody', enumValue: 'ISSUING_BODY' },
  employer: { typename: 'Employer', enumValue: 'EMPLOYER' },
};

export const ENTITY_TYPENAMES = Object.values(KIND_TYPES).map((k) => k.typename);

export const EntityKindEnum = builder.enumType('EntityKind', {
  description: 'What an entity is.',
  values: Object.fromEntries(
    Object.entries(KIND_TYPES).map(([kind, { enumValue }]) => [enumValue, { value: kind as EntityKind }]),
  ),
});

export const StatusEnum = builder.enumType('Status', {
  description: 'Lifecycle of a fact: drafts await review, retired facts are kept for history.',
  values: { DRAFT: { value: 'draft' }, PUBLISHED: { value: 'published' }, RETIRED: { value: 'retired' } } as const,
});

/** The generic interface every kind implements; its fields live in entity.ts. */
export const EntityRef = builder.interfaceRef<EntityRow>('Entity');

function entityNodeRef(kind: EntityKind) {
  // entities of every kind share one loader, so an entity reached by two paths is read once.
  return rowNodeRef<EntityRow>(KIND_TYPES[kind].typename, async (ids: string[], ctx) => {
    const rows = await ctx.loaders.entity.loadMany(ids);
    return rows.map((row, i) => (row && !(row instanceof Error) && row.kind === kind ? row : notFound(kind, ids[i])));
  });
}

export const OccupationRef = entityNodeRef('occupation');
export const AlternateTitleRef = entityNodeRef('alternate_title');
export const SpecializationRef = entityNodeRef('specialization');
export const TaskRef = entityNodeRef('task');
export const SkillRef = entityNodeRef('skill');
export const CourseRef = entityNodeRef('course');
export const ProgramRef = entityNodeRef('program');
export const CredentialRef = entityNodeRef('credential');
export const IssuingBodyRef = entityNodeRef('issuing_body');
export const EmployerRef = entityNodeRef('employer');

export const ENTITY_NODE_REFS = {
  occupation: OccupationRef,
  alternate_title: AlternateTitleRef,
  specialization: SpecializationRef,
  task: TaskRef,
  skill: SkillRef,
  course: CourseRef,
  program: ProgramRef,
  credential: CredentialRef,
  issuing_body: IssuingBodyRef,
  employer: EmployerRef,
} as const;

/** Every kind's node type: what an entity ID may name (`t.globalID({ for: ENTITY_NODES })`). */
export const ENTITY_NODES = Object.values(ENTITY_NODE_REFS);

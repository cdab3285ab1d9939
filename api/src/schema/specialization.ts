import { builder } from '../builder.ts';
import { CredentialRef, OccupationRef, SkillRef, SpecializationRef, TaskRef } from './kinds.ts';
import { detailFields, relatedList } from './related.ts';

builder.objectFields(SpecializationRef, (t) => ({
  ...detailFields(t, 'specialization', { description: 'string' }),
  occupations: relatedList(t, OccupationRef, 'has_specialization', 'IN'),
  tasks: relatedList(t, TaskRef, 'performs_task', 'OUT'),
  skills: relatedList(t, SkillRef, 'requires_skill', 'OUT'),
  credentials: relatedList(t, CredentialRef, 'requires_credential', 'OUT'),
}));

import { builder } from '../builder.ts';
import { CredentialRef, OccupationRef, SkillRef, SpecializationRef, TaskRef } from './kinds.ts';
import { detailColumns, relatedList } from './related.ts';

detailColumns('specialization', { description: 'string' });

builder.objectFields(SpecializationRef, (t) => ({
  occupations: relatedList(t, OccupationRef, 'has_specialization', 'IN'),
  tasks: relatedList(t, TaskRef, 'performs_task', 'OUT'),
  skills: relatedList(t, SkillRef, 'requires_skill', 'OUT'),
  credentials: relatedList(t, CredentialRef, 'requires_credential', 'OUT'),
}));

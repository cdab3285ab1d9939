import { builder } from '../builder.ts';
import { CourseRef, CredentialRef, EntityRef, IssuingBodyRef, OccupationRef, ProgramRef } from './kinds.ts';
import { detail, relatedEntities, relatedOfKind } from './related.ts';

builder.objectFields(ProgramRef, (t) => ({
  cipCode: t.string({
    nullable: true,
    description: 'Classification of Instructional Programs (CIP 2020) code: 51 (series), 51.07 (group), 51.0707.',
    resolve: detail('program', 'cipCode'),
  }),
  occupations: t.loadableList({
    type: OccupationRef,
    description: 'Occupations this program prepares for (for CIP programs, from the CIP 2020 - SOC 2018 crosswalk).',
    load: relatedOfKind('prepares_for', 'OUT', 'occupation'),
    resolve: (p) => p.id,
  }),
  broader: t.loadable({
    type: ProgramRef,
    nullable: true,
    description: 'The broader family of programs (a CIP 4-digit group, or a 2-digit series).',
    load: async (ids: string[], ctx) =>
      (await relatedEntities('broader_program', 'OUT')(ids, ctx)).map((l) => l[0] ?? null),
    resolve: (p) => p.id,
  }),
  narrower: t.loadableList({
    type: ProgramRef,
    description: 'The programs of this family.',
    load: relatedEntities('broader_program', 'IN'),
    resolve: (p) => p.id,
  }),
  level: t.string({ nullable: true, resolve: detail('program', 'level') }),
  durationText: t.string({ nullable: true, resolve: detail('program', 'durationText') }),
  durationMonthsMin: t.float({ nullable: true, resolve: detail('program', 'durationMonthsMin') }),
  durationMonthsMax: t.float({ nullable: true, resolve: detail('program', 'durationMonthsMax') }),
  supervisedHours: t.int({ nullable: true, resolve: detail('program', 'supervisedHours') }),
  delivery: t.string({ nullable: true, resolve: detail('program', 'delivery') }),
  admissionRequirements: t.stringList({
    nullable: true,
    resolve: detail<string[]>('program', 'admissionRequirements'),
  }),
  description: t.string({ nullable: true, resolve: detail('program', 'description') }),
  courses: t.loadableList({ type: CourseRef, load: relatedEntities('includes_course', 'OUT'), resolve: (p) => p.id }),
  credentialsAwarded: t.loadableList({
    type: CredentialRef,
    load: relatedEntities('awards_credential', 'OUT'),
    resolve: (p) => p.id,
  }),
  preparesFor: t.loadableList({
    type: EntityRef,
    description: 'Credentials, occupations and specializations this program prepares for.',
    load: relatedEntities('prepares_for', 'OUT'),
    resolve: (p) => p.id,
  }),
  accreditors: t.loadableList({
    type: IssuingBodyRef,
    load: relatedEntities('accredited_by', 'OUT'),
    resolve: (p) => p.id,
  }),
  offeredBy: t.loadableList({ type: EntityRef, load: relatedEntities('offered_by', 'OUT'), resolve: (p) => p.id }),
}));

import { builder } from '../builder.ts';
import { CourseRef, CredentialRef, EntityRef, IssuingBodyRef, ProgramRef } from './kinds.ts';
import { detail, relatedEntities } from './related.ts';

builder.objectFields(ProgramRef, (t) => ({
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

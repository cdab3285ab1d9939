import { builder } from '../builder.ts';
import { CourseRef, CredentialRef, EntityRef, IssuingBodyRef, OccupationRef, ProgramRef } from './kinds.ts';
import { detailColumns, relatedFirst, relatedList } from './related.ts';

detailColumns('program', {
  cipCode: ['string', 'Classification of Instructional Programs (CIP 2020) code: 51 (series), 51.07 (group), 51.0707.'],
  level: 'string',
  durationText: 'string',
  durationMonthsMin: 'float',
  durationMonthsMax: 'float',
  supervisedHours: 'int',
  delivery: 'string',
  admissionRequirements: 'stringList',
  description: 'string',
});

builder.objectFields(ProgramRef, (t) => ({
  occupations: relatedList(t, OccupationRef, 'prepares_for', 'OUT', {
    description: 'Occupations this program prepares for (for CIP programs, from the CIP 2020 - SOC 2018 crosswalk).',
    kind: 'occupation',
  }),
  broader: relatedFirst(t, ProgramRef, 'broader_program', 'OUT', {
    description: 'The broader family of programs (a CIP 4-digit group, or a 2-digit series).',
  }),
  narrower: relatedList(t, ProgramRef, 'broader_program', 'IN', { description: 'The programs of this family.' }),
  courses: relatedList(t, CourseRef, 'includes_course', 'OUT'),
  credentialsAwarded: relatedList(t, CredentialRef, 'awards_credential', 'OUT'),
  preparesFor: relatedList(t, EntityRef, 'prepares_for', 'OUT', {
    description: 'Credentials, occupations and specializations this program prepares for.',
  }),
  accreditors: relatedList(t, IssuingBodyRef, 'accredited_by', 'OUT'),
  offeredBy: relatedList(t, EntityRef, 'offered_by', 'OUT'),
}));

import { builder } from '../builder.ts';
import { EmployerRef, OccupationRef } from './kinds.ts';
import { detailFields, relatedList } from './related.ts';

builder.objectFields(EmployerRef, (t) => ({
  ...detailFields(t, 'employer', {
    employerType: [
      'string',
      'industry (a NAICS sector) | industry_type (a kind of employer: hospitals) | organization (a named employer)',
    ],
    naicsCode: 'string',
  }),
  occupations: relatedList(t, OccupationRef, 'employed_by', 'IN'),
}));

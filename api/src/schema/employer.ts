import { builder } from '../builder.ts';
import { EmployerRef, OccupationRef } from './kinds.ts';
import { detailColumns, relatedList } from './related.ts';

detailColumns('employer', {
  employerType: [
    'string',
    'industry (a NAICS sector) | industry_type (a kind of employer: hospitals) | organization (a named employer)',
  ],
  naicsCode: 'string',
});

builder.objectFields(EmployerRef, (t) => ({
  occupations: relatedList(t, OccupationRef, 'employed_by', 'IN'),
}));

import { builder } from '../builder.ts';
import { CredentialRef, EntityRef, IssuingBodyRef, ProgramRef } from './kinds.ts';
import { detailColumns, relatedList } from './related.ts';

detailColumns('issuing_body', {
  abbreviation: 'string',
  bodyType: ['string', 'professional_association | accreditor | school | ...'],
  url: 'string',
});

builder.objectFields(IssuingBodyRef, (t) => ({
  credentials: relatedList(t, CredentialRef, 'issued_by', 'IN', { description: 'Credentials this body awards.' }),
  accredits: relatedList(t, EntityRef, 'accredited_by', 'IN', {
    description: 'Programs and credentials this body accredits.',
  }),
  programs: relatedList(t, ProgramRef, 'offered_by', 'IN', { description: 'Programs this body offers.' }),
}));

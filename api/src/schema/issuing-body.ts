import { builder } from '../builder.ts';
import { CredentialRef, EntityRef, IssuingBodyRef, ProgramRef } from './kinds.ts';
import { detailFields, relatedList } from './related.ts';

builder.objectFields(IssuingBodyRef, (t) => ({
  ...detailFields(t, 'issuing_body', {
    abbreviation: 'string',
    bodyType: ['string', 'professional_association | accreditor | school | ...'],
    url: 'string',
  }),
  credentials: relatedList(t, CredentialRef, 'issued_by', 'IN', { description: 'Credentials this body awards.' }),
  accredits: relatedList(t, EntityRef, 'accredited_by', 'IN', {
    description: 'Programs and credentials this body accredits.',
  }),
  programs: relatedList(t, ProgramRef, 'offered_by', 'IN', { description: 'Programs this body offers.' }),
}));

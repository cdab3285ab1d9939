import { builder } from '../builder.ts';
import { CredentialRef, EntityRef, IssuingBodyRef, ProgramRef } from './kinds.ts';
import { detail, relatedEntities } from './related.ts';

builder.objectFields(IssuingBodyRef, (t) => ({
  abbreviation: t.string({ nullable: true, resolve: detail('issuing_body', 'abbreviation') }),
  bodyType: t.string({
    nullable: true,
    description: 'professional_association | accreditor | school | ...',
    resolve: detail('issuing_body', 'bodyType'),
  }),
  url: t.string({ nullable: true, resolve: detail('issuing_body', 'url') }),
  credentials: t.loadableList({
    type: CredentialRef,
    description: 'Credentials this body awards.',
    load: relatedEntities('issued_by', 'IN'),
    resolve: (b) => b.id,
  }),
  accredits: t.loadableList({
    type: EntityRef,
    description: 'Programs and credentials this body accredits.',
    load: relatedEntities('accredited_by', 'IN'),
    resolve: (b) => b.id,
  }),
  programs: t.loadableList({
    type: ProgramRef,
    description: 'Programs this body offers.',
    load: relatedEntities('offered_by', 'IN'),
    resolve: (b) => b.id,
  }),
}));

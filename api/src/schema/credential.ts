import { loadCredentialAccreditors } from '@kg/db/entity/credential';
import { builder } from '../builder.ts';
import { CredentialRef, IssuingBodyRef, OccupationRef, ProgramRef } from './kinds.ts';
import { detailColumns, firstOf, listsByKey, relatedEntities, relatedFirst, relatedList } from './related.ts';

const accreditorsOf = listsByKey((ids: string[], ctx) => loadCredentialAccreditors(ctx.loaders.batch, ids));

detailColumns('credential', {
  credentialType: [
    'string',
    'certification | certificate | degree | diploma | license | designation | education_level',
  ],
  abbreviation: 'string',
  jurisdiction: [
    'string',
    'Where a government licence is valid (a state, e.g. New Jersey); null for other credentials.',
  ],
  description: 'string',
});

builder.objectFields(CredentialRef, (t) => ({
  issuers: relatedList(t, IssuingBodyRef, 'issued_by', 'OUT', {
    description: 'Every body that awards or administers this credential.',
  }),
  issuer: relatedFirst(t, IssuingBodyRef, 'issued_by', 'OUT', {
    description: 'The body that awards this credential (the first by name when several do).',
  }),
  accreditors: t.loadableList({
    type: IssuingBodyRef,
    description: 'Bodies that accredit this credential, or the programs that qualify a candidate for it.',
    load: accreditorsOf,
    resolve: (c) => c.id,
  }),
  accreditor: t.loadable({ type: IssuingBodyRef, nullable: true, load: firstOf(accreditorsOf), resolve: (c) => c.id }),
  prerequisites: relatedList(t, CredentialRef, 'requires_credential', 'OUT', {
    description: 'Credentials or degrees needed before this one.',
  }),
  occupations: relatedList(t, OccupationRef, 'requires_credential', 'IN', {
    description: 'Occupations that ask for this credential.',
  }),
  programs: t.loadableList({
    type: ProgramRef,
    description: 'Programs that award or prepare for this credential.',
    load: async (ids: string[], ctx) => {
      const [awarding, preparing] = await Promise.all([
        relatedEntities('awards_credential', 'IN')(ids, ctx),
        relatedEntities('prepares_for', 'IN')(ids, ctx),
      ]);
      return ids.map((_, i) => {
        const seen = new Set<string>();
        return [...awarding[i], ...preparing[i]].filter((p) => !seen.has(p.id) && seen.add(p.id));
      });
    },
    resolve: (c) => c.id,
  }),
}));

import { loadCredentialAccreditors } from '@kg/db/entity/credential';
import { builder } from '../builder.ts';
import { CredentialRef, IssuingBodyRef, OccupationRef, ProgramRef } from './kinds.ts';
import { detail, relatedEntities } from './related.ts';

builder.objectFields(CredentialRef, (t) => ({
  credentialType: t.string({
    nullable: true,
    description: 'certification | certificate | degree | diploma | license | designation | education_level',
    resolve: detail('credential', 'credentialType'),
  }),
  abbreviation: t.string({ nullable: true, resolve: detail('credential', 'abbreviation') }),
  jurisdiction: t.string({
    nullable: true,
    description: 'Where a government licence is valid (a state, e.g. New Jersey); null for other credentials.',
    resolve: detail('credential', 'jurisdiction'),
  }),
  description: t.string({ nullable: true, resolve: detail('credential', 'description') }),
  issuers: t.loadableList({
    type: IssuingBodyRef,
    description: 'Every body that awards or administers this credential.',
    load: relatedEntities('issued_by', 'OUT'),
    resolve: (c) => c.id,
  }),
  issuer: t.loadable({
    type: IssuingBodyRef,
    nullable: true,
    description: 'The body that awards this credential (the first by name when several do).',
    load: async (ids: string[], ctx) => (await relatedEntities('issued_by', 'OUT')(ids, ctx)).map((l) => l[0] ?? null),
    resolve: (c) => c.id,
  }),
  accreditors: t.loadableList({
    type: IssuingBodyRef,
    description: 'Bodies that accredit this credential, or the programs that qualify a candidate for it.',
    load: async (ids: string[], ctx) => {
      const map = await loadCredentialAccreditors(ctx.loaders.batch, ids);
      return ids.map((id) => map.get(id) ?? []);
    },
    resolve: (c) => c.id,
  }),
  accreditor: t.loadable({
    type: IssuingBodyRef,
    nullable: true,
    load: async (ids: string[], ctx) => {
      const map = await loadCredentialAccreditors(ctx.loaders.batch, ids);
      return ids.map((id) => map.get(id)?.[0] ?? null);
    },
    resolve: (c) => c.id,
  }),
  prerequisites: t.loadableList({
    type: CredentialRef,
    description: 'Credentials or degrees needed before this one.',
    load: relatedEntities('requires_credential', 'OUT'),
    resolve: (c) => c.id,
  }),
  occupations: t.loadableList({
    type: OccupationRef,
    description: 'Occupations that ask for this credential.',
    load: relatedEntities('requires_credential', 'IN'),
    resolve: (c) => c.id,
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

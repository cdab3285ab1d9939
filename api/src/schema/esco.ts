import { loadCitations } from '@kg/db/citation/repository';
import { type EscoRelationType, type EscoSkill, loadEscoSkills } from '@kg/db/esco/repository';
import { builder } from '../builder.ts';
import { CitationRef } from './citation.ts';
import { describedEnum } from './described-enum.ts';
import { OccupationRef, SkillRef } from './kinds.ts';
import { detailColumns, entitiesByIds, relatedList } from './related.ts';

const EscoRelationTypeEnum = describedEnum('EscoRelationType', 'How ESCO counts a skill for an occupation.', {
  essential: 'Essential: part of the occupation’s core.',
  optional: 'Optional: asked for in some jobs of the occupation.',
});

const EscoSkillRef = builder.objectRef<EscoSkill>('EscoSkill').implement({
  description:
    'A skill or knowledge concept ESCO lists for an occupation, through the ESCO occupations matched to it (close_match).',
  fields: (t) => ({
    skill: t.field({ type: SkillRef, resolve: (s) => s.skill }),
    relationType: t.field({
      type: EscoRelationTypeEnum,
      description: 'Essential when any of the matched ESCO occupations counts it essential.',
      resolve: (s) => s.relationType,
    }),
    escoOccupations: t.field({
      type: [OccupationRef],
      description: 'The ESCO occupations that list the skill.',
      resolve: (s, _, ctx) => entitiesByIds(ctx, s.escoOccupationIds),
    }),
    citations: t.loadableList({
      type: CitationRef,
      description: 'Where ESCO says so: the release, file and line of each occupation-skill relation.',
      load: async (keys: string[], ctx) => {
        const ids = keys.flatMap((k) => k.split(','));
        const map = await loadCitations(ctx.loaders.batch, 'relation', ids);
        return keys.map((k) => k.split(',').flatMap((id) => map.get(id) ?? []));
      },
      resolve: (s) => s.relationIds.join(','),
    }),
  }),
});

builder.objectFields(OccupationRef, (t) => ({
  escoSkills: t.loadableList({
    type: EscoSkillRef,
    description:
      'ESCO’s essential and optional skills of the occupation: its own if it is an ESCO occupation, else those of the ESCO occupations published as close matches of it. By name.',
    args: { relationType: t.arg({ type: EscoRelationTypeEnum, required: false }) },
    load: async (keys: string[], ctx) => {
      // one statement for every occupation and relation type asked for
      const ids = keys.map((k) => k.split('|')[0]);
      const map = await loadEscoSkills(ctx.db, ids);
      return keys.map((k) => {
        const [id, type] = k.split('|');
        return (map.get(id) ?? []).filter((s) => !type || s.relationType === type);
      });
    },
    resolve: (o, args) => `${o.id}|${(args.relationType as EscoRelationType | null | undefined) ?? ''}`,
  }),
}));

detailColumns('skill', {
  escoUri: ['string', 'ESCO concept URI.'],
  escoType: ['string', 'ESCO concept type: skill | knowledge | skill_group.'],
  reuseLevel: ['string', 'ESCO reuse level: transversal, cross-sector, sector-specific or occupation-specific.'],
});

builder.objectFields(SkillRef, (t) => ({
  broader: relatedList(t, SkillRef, 'broader_skill', 'OUT', {
    description: 'Broader skills and skill groups (ESCO hierarchy).',
  }),
  narrower: relatedList(t, SkillRef, 'broader_skill', 'IN', {
    description: 'Narrower skills and skill groups (ESCO hierarchy).',
  }),
}));

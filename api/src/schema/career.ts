import { badInput, notFound } from '@kg/db/errors';
import { EDUCATION_LEVELS } from '@kg/db/ladders/facts';
import {
  type CareerPath,
  type CareerStep,
  checkEnds,
  checkPathQuery,
  findCareerPaths,
  type SkillGapItem,
} from '@kg/db/ladders/paths';
import { loadSkillGapsWithBasis, type SkillGapBasis, skillGapBases } from '@kg/db/ladders/skill-gap';
import { getRowsByIds } from '@kg/db/lookup';
import type { EntityRow } from '@kg/db/tables';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { parseGlobalId } from '../ids.ts';
import { CitationRef } from './citation.ts';
import { citationsOf } from './fact-fields.ts';
import { CredentialRef, EntityRef, OccupationRef, SkillRef } from './kinds.ts';
import { OutlookRef, outlooksOf } from './outlook.ts';
import { entitiesByIds } from './related.ts';

const StepTypeEnum = builder.enumType('StepType', {
  description: 'The kind of move a career step is.',
  values: {
    ADVANCE: {
      value: 'advances_to',
      description: 'A promotion: a higher job zone, or the same zone for clearly more pay.',
    },
    LATERAL: { value: 'lateral_to', description: 'A move at a similar level and pay.' },
    SPECIALIZE: { value: 'specializes_to', description: 'A move into a specialization of the occupation.' },
  } as const,
});

const EducationLevelEnum = builder.enumType('EducationLevel', {
  description: "O*NET's education categories, lowest first.",
  values: Object.fromEntries(EDUCATION_LEVELS.map((l) => [l.key, { value: l.rank, description: l.name }])),
});

const SkillGapBasisEnum = builder.enumType('SkillGapBasis', {
  description: 'What a skill gap rests on.',
  values: {
    ONET_RATINGS: {
      value: 'onet_ratings',
      description: 'O*NET’s skill and knowledge levels of both occupations (level scale 0-7).',
    },
    ESCO_ESSENTIAL: {
      value: 'esco_essential',
      description:
        'O*NET rates no skills of the target: the essential skills of its ESCO matches that the start’s ESCO skills do not cover (ESCO states no levels: toLevel 1, fromLevel null).',
    },
  } as const,
});

const SkillGapItemRef = builder.objectRef<SkillGapItem>('SkillGapItem').implement({
  description:
    'A skill or knowledge area whose required level rises (O*NET level scale 0-7), or, on the ESCO basis, an essential skill the start lacks.',
  fields: (t) => ({
    skill: t.field({ type: SkillRef, resolve: (i) => i.skill }),
    fromLevel: t.exposeFloat('fromLevel', { nullable: true, description: 'Null when the start does not list it.' }),
    toLevel: t.exposeFloat('toLevel'),
    importance: t.exposeFloat('importance', { nullable: true, description: 'Its importance to the target (1-5).' }),
  }),
});

const gapKey = (fromId: string, toId: string) => `${fromId}|${toId}`;
const loadGaps = async (keys: string[], ctx: Context) =>
  (
    await loadSkillGapsWithBasis(
      ctx.loaders.batch,
      keys.map((k) => {
        const [fromId, toId] = k.split('|');
        return { fromId, toId };
      }),
    )
  ).map((gap) => gap.items);

const entityOf = async (id: string, ctx: Context) => {
  const row = await ctx.loaders.entity.load(id);
  if (!row) throw new Error(`entity ${id} not found`);
  return row;
};

const CareerStepRef = builder.objectRef<CareerStep>('CareerStep').implement({
  description: 'One move on a career path, with what it takes, what it pays and the evidence for it.',
  fields: (t) => ({
    from: t.field({ type: OccupationRef, resolve: (s, _, ctx) => entityOf(s.fromId, ctx) }),
    to: t.field({ type: EntityRef, resolve: (s, _, ctx) => entityOf(s.toId, ctx) }),
    outlook: t.loadable({
      type: OutlookRef,
      nullable: true,
      description: "The destination's BLS Employment Projections outlook (growth, openings, entry requirements).",
      load: outlooksOf,
      resolve: (s) => s.toId,
    }),
    type: t.field({ type: StepTypeEnum, resolve: (s) => s.predicate }),
    skillGap: t.loadableList({
      type: SkillGapItemRef,
      description:
        'Skills and knowledge whose required level rises, largest rise first; where O*NET rates no skills of the target, its ESCO essential skills the start lacks (see skillGapBasis).',
      load: loadGaps,
      resolve: (s) => gapKey(s.fromId, s.toId),
    }),
    skillGapBasis: t.loadable({
      type: SkillGapBasisEnum,
      nullable: true,
      description: 'What skillGap rests on; null when the graph holds no skills of the target.',
      load: async (toIds: string[], ctx) => {
        const bases = await skillGapBases(ctx.loaders.batch, toIds);
        return toIds.map((id) => bases.get(id) ?? null);
      },
      resolve: (s) => s.toId,
    }),
    credentialsNeeded: t.field({
      type: [CredentialRef],
      description: 'Credentials or degrees the target requires or typically asks for that the start does not.',
      resolve: (s, _, ctx) => entitiesByIds(ctx, s.credentialIds),
    }),
    educationNeeded: t.exposeString('educationNeeded', {
      nullable: true,
      description: "The target's entry education level, when it is above the start's.",
    }),
    credentialGate: t.boolean({
      description: 'Whether the step needs a credential or degree the start does not hold.',
      resolve: (s) => s.credentialIds.length > 0,
    }),
    wageChange: t.exposeFloat('wageChange', {
      nullable: true,
      description: 'Change in median annual wage (USD), target minus start.',
    }),
    wagePeriod: t.exposeString('wagePeriod', { nullable: true, description: 'The period of the wages compared.' }),
    evidence: t.loadableList({
      type: CitationRef,
      description: 'The citations of the step: the source that states it or the data it was derived from.',
      load: citationsOf('relation'),
      resolve: (s) => s.relationId,
    }),
    derivation: t.exposeString('derivation', {
      nullable: true,
      description:
        'How the step was derived (e.g. onet_related + job zone + wage); null when a source or curator states it.',
    }),
    attributes: t.loadable({
      type: 'JSON',
      description:
        'The ladder relation’s attributes. A derived step’s say what it rests on: the related-occupation tier and index, the job zones, the median wages compared (with their period and observations), the education levels and how many skills rise.',
      load: async (ids: string[], ctx) =>
        (await getRowsByIds(ctx.loaders.batch, 'relation', ids)).map((row) => (row?.attributes ?? {}) as unknown),
      resolve: (s) => s.relationId,
    }),
    score: t.exposeFloat('score', { description: 'Confidence in the step, 0-1; stated steps score 1.' }),
    relationId: t.exposeID('relationId', { description: 'The ladder relation behind the step.' }),
  }),
});

const CareerPathRef = builder.objectRef<CareerPath>('CareerPath').implement({
  description: 'A loop-free sequence of career steps.',
  fields: (t) => ({
    steps: t.field({ type: [CareerStepRef], resolve: (p) => p.steps }),
    score: t.exposeFloat('score', { description: 'The product of the steps’ scores.' }),
    wageChange: t.exposeFloat('wageChange', {
      nullable: true,
      description: 'Median annual wage at the end minus at the start (USD).',
    }),
  }),
});

const SkillGapRef = builder
  .objectRef<{ from: EntityRow; to: EntityRow; items: SkillGapItem[]; basis: SkillGapBasis | null }>('SkillGap')
  .implement({
    description: 'What rises from one occupation to another: skills and knowledge with their levels.',
    fields: (t) => ({
      from: t.field({ type: OccupationRef, resolve: (g) => g.from }),
      to: t.field({ type: OccupationRef, resolve: (g) => g.to }),
      items: t.field({ type: [SkillGapItemRef], resolve: (g) => g.items }),
      basis: t.field({
        type: SkillGapBasisEnum,
        nullable: true,
        description:
          'O*NET ratings, or ESCO essential skills where O*NET rates no skills of the target; null when the graph holds no skills of it.',
        resolve: (g) => g.basis,
      }),
    }),
  });

builder.queryFields((t) => ({
  careerPaths: t.field({
    type: [CareerPathRef],
    description:
      'Ranked, loop-free career paths from an occupation: to a goal (an occupation or specialization), or without one to every destination the ladder reaches (its best path each).',
    args: {
      from: t.arg.id({ required: true }),
      to: t.arg.id({ required: false }),
      maxSteps: t.arg.int({ required: false, defaultValue: 3 }),
      first: t.arg.int({ required: false, defaultValue: 10 }),
      maxEducation: t.arg({ type: EducationLevelEnum, required: false, description: 'No step may ask for more.' }),
      minWageGain: t.arg.float({ required: false, description: 'Least median annual wage gain over the path (USD).' }),
      avoidCredentials: t.arg.boolean({
        required: false,
        description: 'Leave out steps that need a credential or degree the start does not hold.',
      }),
    },
    resolve: async (_, args, ctx) => {
      const query = {
        fromId: parseGlobalId(String(args.from), ['Occupation'], 'occupation').id,
        toId: args.to == null ? null : parseGlobalId(String(args.to), ['Occupation', 'Specialization'], 'goal').id,
        maxSteps: args.maxSteps ?? 3,
        first: args.first ?? 10,
        maxEducation: (args.maxEducation as number | null | undefined) ?? null,
        minWageGain: args.minWageGain ?? null,
        avoidCredentials: args.avoidCredentials ?? false,
      };
      // limits and from = to are refused before any statement; unknown ends are read with the ladder's edges
      checkPathQuery(query);
      const batch = ctx.loaders.batch;
      return findCareerPaths(batch, query, checkEnds(batch, query.fromId, query.toId));
    },
  }),
  skillGap: t.field({
    type: SkillGapRef,
    description:
      'Skills and knowledge whose required level rises from one occupation to another; where O*NET rates no skills of the target, its ESCO essential skills the start lacks (see basis).',
    args: { from: t.arg.id({ required: true }), to: t.arg.id({ required: true }) },
    resolve: async (_, args, ctx) => {
      const fromId = parseGlobalId(String(args.from), ['Occupation'], 'occupation').id;
      const toId = parseGlobalId(String(args.to), ['Occupation'], 'occupation').id;
      if (fromId === toId) throw badInput('from and to are the same occupation', { field: 'to' });
      const [from, to] = await ctx.loaders.entity.loadMany([fromId, toId]);
      if (!from || from instanceof Error || from.kind !== 'occupation') throw notFound('occupation', String(args.from));
      if (!to || to instanceof Error || to.kind !== 'occupation') throw notFound('occupation', String(args.to));
      const [gap] = await loadSkillGapsWithBasis(ctx.loaders.batch, [{ fromId, toId }]);
      return { from, to, ...gap };
    },
  }),
}));

import { findOccupation, listOccupations } from '@kg/db/entity/occupation';
import { badInput } from '@kg/db/errors';
import { loadObservations } from '@kg/db/observation/repository';
import type { EntityRow } from '@kg/db/tables';
import { hasRole } from '../auth.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { parseGlobalId } from '../ids.ts';
import {
  AlternateTitleRef,
  CourseRef,
  CredentialRef,
  EmployerRef,
  OccupationRef,
  ProgramRef,
  SkillRef,
  SpecializationRef,
  TaskRef,
} from './kinds.ts';
import { asOfArg } from './node.ts';
import { ObservationRef } from './observation.ts';
import { countedConnection, listPage } from './paging.ts';
import { detail, type RelatedWithEdge, relatedEntities, relatedOfKind, relatedWithEdges } from './related.ts';
import { RelationRef } from './relation.ts';
import { SocCodeRef } from './soc-code.ts';

const WAGE_METRICS = new Set([
  'median_annual_wage',
  'mean_annual_wage',
  'median_hourly_wage',
  'mean_hourly_wage',
  'annual_wage_p10',
  'annual_wage_p25',
  'annual_wage_p75',
  'annual_wage_p90',
  'hourly_wage_p10',
  'hourly_wage_p25',
  'hourly_wage_p75',
  'hourly_wage_p90',
  'wage_range_low',
  'wage_range_high',
]);

const asRelation = (r: RelatedWithEdge) => ({
  ...r.relation,
  viewpoint: r.relation.from_id,
  direction: 'OUT' as const,
  other_id: r.relation.to_id,
  total_count: 1,
});

const numberAttribute = (r: RelatedWithEdge, key: string) => {
  const value = (r.relation.attributes as Record<string, unknown>)[key];
  return typeof value === 'number' ? value : null;
};

const OccupationSkill = builder.objectRef<RelatedWithEdge>('OccupationSkill').implement({
  description: 'A skill an occupation needs, with how important it is and at what level.',
  fields: (t) => ({
    skill: t.field({ type: SkillRef, resolve: (r) => r.entity }),
    importance: t.float({ nullable: true, resolve: (r) => numberAttribute(r, 'importance') }),
    level: t.float({ nullable: true, resolve: (r) => numberAttribute(r, 'level') }),
    relation: t.field({ type: RelationRef, resolve: asRelation }),
  }),
});

const CredentialRequirement = builder.objectRef<RelatedWithEdge>('CredentialRequirement').implement({
  description: 'A credential an occupation asks for, and how firmly (required, typical or optional).',
  fields: (t) => ({
    credential: t.field({ type: CredentialRef, resolve: (r) => r.entity }),
    required: t.string({
      nullable: true,
      resolve: (r) => ((r.relation.attributes as Record<string, unknown>).required as string | undefined) ?? null,
    }),
    relation: t.field({ type: RelationRef, resolve: asRelation }),
  }),
});

builder.objectFields(OccupationRef, (t) => ({
  socCode: t.string({
    nullable: true,
    description: 'SOC 2018 code, e.g. 29-2072.',
    resolve: detail('occupation', 'socCode'),
  }),
  onetSocCode: t.string({
    nullable: true,
    description: 'O*NET-SOC code, e.g. 29-2072.00.',
    resolve: detail('occupation', 'onetSocCode'),
  }),
  description: t.string({ nullable: true, resolve: detail('occupation', 'description') }),
  jobZone: t.int({ nullable: true, description: 'O*NET job zone, 1-5.', resolve: detail('occupation', 'jobZone') }),
  alternateTitles: t.loadableList({
    type: AlternateTitleRef,
    load: relatedEntities('has_title', 'OUT'),
    resolve: (o) => o.id,
  }),
  specializations: t.loadableList({
    type: SpecializationRef,
    load: relatedEntities('has_specialization', 'OUT'),
    resolve: (o) => o.id,
  }),
  tasks: t.loadableList({ type: TaskRef, load: relatedEntities('performs_task', 'OUT'), resolve: (o) => o.id }),
  skills: t.loadableList({
    type: OccupationSkill,
    load: relatedWithEdges('requires_skill', 'OUT', 'skill'),
    resolve: (o) => o.id,
  }),
  courses: t.loadableList({ type: CourseRef, load: relatedEntities('recommends_course', 'OUT'), resolve: (o) => o.id }),
  programs: t.loadableList({
    type: ProgramRef,
    description: 'Programs that prepare for this occupation (CIP 2020 programs among them).',
    load: relatedOfKind('prepares_for', 'IN', 'program'),
    resolve: (o) => o.id,
  }),
  soc: t.field({
    type: SocCodeRef,
    nullable: true,
    description: 'The SOC 2018 detailed occupation this occupation is coded to, with its groups and history.',
    resolve: async (o, _args, ctx) => {
      const code = (await ctx.loaders.details('occupation').load(o.id)).socCode;
      return typeof code === 'string' ? await ctx.loaders.socCode.load(`soc_2018|${code}`) : null;
    },
  }),
  specializedOccupations: t.loadableList({
    type: OccupationRef,
    description:
      'O*NET-SOC occupations that specialize this one under the same SOC detailed code (Registered Nurses: Acute Care Nurses, ...).',
    load: relatedOfKind('specializes_to', 'OUT', 'occupation'),
    resolve: (o) => o.id,
  }),
  specializationOf: t.loadable({
    type: OccupationRef,
    nullable: true,
    description: 'The occupation at the SOC detailed code this O*NET-SOC occupation specializes.',
    load: async (ids: string[], ctx) =>
      (await relatedOfKind('specializes_to', 'IN', 'occupation')(ids, ctx)).map((l) => l[0] ?? null),
    resolve: (o) => o.id,
  }),
  credentials: t.loadableList({
    type: CredentialRef,
    load: relatedEntities('requires_credential', 'OUT'),
    resolve: (o) => o.id,
  }),
  credentialRequirements: t.loadableList({
    type: CredentialRequirement,
    load: relatedWithEdges('requires_credential', 'OUT', 'credential'),
    resolve: (o) => o.id,
  }),
  employers: t.loadableList({ type: EmployerRef, load: relatedEntities('employed_by', 'OUT'), resolve: (o) => o.id }),
  relatedOccupations: t.loadableList({
    type: OccupationRef,
    load: relatedEntities('related_to', 'OUT'),
    resolve: (o) => o.id,
  }),
  advancesTo: t.loadableList({
    type: OccupationRef,
    description: 'Promotion steps that sources or curators state.',
    load: relatedEntities('advances_to', 'OUT'),
    resolve: (o) => o.id,
  }),
  wages: t.loadableList({
    type: ObservationRef,
    description: 'Wage figures from every source, each with its period.',
    load: async (ids: string[], ctx) => {
      const map = await loadObservations(ctx.loaders.batch, ids, ctx.visibility);
      return ids.map((id) => (map.get(id) ?? []).filter((o) => WAGE_METRICS.has(o.metric)));
    },
    resolve: (o) => o.id,
  }),
}));

const OccupationConnection = countedConnection('Occupation', OccupationRef);

/** An occupation read with its details, put in the request's loaders so that its fields read neither again. */
function primed(ctx: Context, { details, ...entity }: EntityRow & { details: Record<string, unknown> }) {
  ctx.loaders.entity.prime(entity.id, entity);
  ctx.loaders.details('occupation').prime(entity.id, details);
  return entity;
}

builder.queryFields((t) => ({
  occupation: t.field({
    type: OccupationRef,
    nullable: true,
    description: 'One occupation by O*NET-SOC code ("29-2072.00"), SOC code ("29-2072") or ID.',
    args: { socCode: t.arg.string({ required: false }), id: t.arg.id({ required: false }), ...asOfArg() },
    resolve: async (_, args, ctx) => {
      if ((args.socCode == null) === (args.id == null)) throw badInput('give exactly one of socCode and id');
      const id = args.id == null ? undefined : parseGlobalId(String(args.id), ['Occupation'], 'occupation').id;
      const row = await findOccupation(ctx.loaders.batch, { socCode: args.socCode ?? undefined, id });
      // drafts are for curators: to everyone else an occupation in draft does not exist
      if (!row || (row.status === 'draft' && !hasRole(ctx.viewer, 'curator'))) return null;
      return primed(ctx, row);
    },
  }),
  occupations: t.field({
    type: OccupationConnection,
    description: 'Every occupation, by name.',
    args: { first: t.arg.int({ required: false }), after: t.arg.string({ required: false }) },
    resolve: (_, args, ctx) =>
      listPage(args, async (page) => {
        const { rows, totalCount } = await listOccupations(ctx.db, { ...page, visibility: ctx.visibility });
        return { rows: rows.map((row) => primed(ctx, row)), totalCount };
      }),
  }),
}));

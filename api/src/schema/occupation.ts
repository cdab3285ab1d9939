import { findOccupation, listOccupations } from '@kg/db/entity/occupation';
import { badInput } from '@kg/db/errors';
import { WAGE_METRICS } from '@kg/db/model';
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
import { detailColumns, type RelatedWithEdge, relatedFirst, relatedList, relatedWithEdges } from './related.ts';
import { RelationRef } from './relation.ts';
import { SocCodeRef } from './soc-code.ts';

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

detailColumns('occupation', {
  socCode: ['string', 'SOC 2018 code, e.g. 29-2072.'],
  onetSocCode: ['string', 'O*NET-SOC code, e.g. 29-2072.00.'],
  description: 'string',
  jobZone: ['int', 'O*NET job zone, 1-5.'],
});

builder.objectFields(OccupationRef, (t) => ({
  alternateTitles: relatedList(t, AlternateTitleRef, 'has_title', 'OUT'),
  specializations: relatedList(t, SpecializationRef, 'has_specialization', 'OUT'),
  tasks: relatedList(t, TaskRef, 'performs_task', 'OUT'),
  skills: t.loadableList({
    type: OccupationSkill,
    byPath: true,
    load: relatedWithEdges('requires_skill', 'OUT', 'skill'),
    resolve: (o) => o.id,
  }),
  courses: relatedList(t, CourseRef, 'recommends_course', 'OUT'),
  programs: relatedList(t, ProgramRef, 'prepares_for', 'IN', {
    description: 'Programs that prepare for this occupation (CIP 2020 programs among them).',
    kind: 'program',
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
  specializedOccupations: relatedList(t, OccupationRef, 'specializes_to', 'OUT', {
    description:
      'O*NET-SOC occupations that specialize this one under the same SOC detailed code (Registered Nurses: Acute Care Nurses, ...).',
    kind: 'occupation',
  }),
  specializationOf: relatedFirst(t, OccupationRef, 'specializes_to', 'IN', {
    description: 'The occupation at the SOC detailed code this O*NET-SOC occupation specializes.',
    kind: 'occupation',
  }),
  credentials: relatedList(t, CredentialRef, 'requires_credential', 'OUT'),
  credentialRequirements: t.loadableList({
    type: CredentialRequirement,
    byPath: true,
    load: relatedWithEdges('requires_credential', 'OUT', 'credential'),
    resolve: (o) => o.id,
  }),
  employers: relatedList(t, EmployerRef, 'employed_by', 'OUT'),
  relatedOccupations: relatedList(t, OccupationRef, 'related_to', 'OUT'),
  advancesTo: relatedList(t, OccupationRef, 'advances_to', 'OUT', {
    description: 'Promotion steps that sources or curators state.',
  }),
  wages: t.loadableList({
    type: ObservationRef,
    description: 'Wage figures from every source, each with its period.',
    load: async (ids: string[], ctx) => {
      const map = await loadObservations(ctx.loaders.batch, ids, ctx.visibility, [...WAGE_METRICS]);
      return ids.map((id) => map.get(id) ?? []);
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

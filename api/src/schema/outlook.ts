import {
  distinctCitations,
  type IndustryEmployment,
  loadDistinctCitations,
  loadIndustries,
  loadOutlooks,
  type Outlook,
} from '@kg/db/outlook/repository';
import { builder, type Types } from '../builder.ts';
import type { Context } from '../context.ts';
import { CitationRef } from './citation.ts';
import { nullableColumns } from './columns.ts';
import { EmployerRef, OccupationRef } from './kinds.ts';

/** The facts a figure rests on, as one loader key: relation ids and observation ids. */
interface CitedFacts {
  relationIds: readonly string[];
  observationIds: readonly string[];
}

/** The citations of many outlooks or industry rows in one statement, one citation per published row. */
async function loadCitationsOf(keys: readonly CitedFacts[], ctx: Context) {
  const rows = await loadDistinctCitations(ctx.db, {
    relationIds: keys.flatMap((k) => k.relationIds),
    observationIds: keys.flatMap((k) => k.observationIds),
  });
  return keys.map((k) => {
    const facts = new Set([...k.relationIds, ...k.observationIds]);
    return distinctCitations(rows.filter((c) => facts.has(c.relation_id ?? c.observation_id ?? '')));
  });
}

const citedFactsKey = (k: CitedFacts) => [...k.relationIds, ...k.observationIds].join(',');

/** A count of jobs or openings, rounded to a whole number (the estimates carry fractions). */
const jobCount = <Row>(
  t: PothosSchemaTypes.ObjectFieldBuilder<Types, Row>,
  count: (row: Row) => number | null,
  description: string,
) =>
  t.int({
    nullable: true,
    description,
    resolve: (row) => {
      const value = count(row);
      return value === null ? null : Math.round(value);
    },
  });

export const OutlookRef = builder.objectRef<Outlook>('Outlook').implement({
  description:
    'BLS Employment Projections for an occupation: employment at the start and end of the projection period, the change, openings a year, and what BLS says entry takes. Figures for a SOC code apply to every O*NET-SOC occupation under it.',
  fields: (t) => ({
    employment: jobCount(t, (o) => o.employment, 'Jobs in the base year (2023).'),
    projectedEmployment: jobCount(t, (o) => o.projectedEmployment, 'Jobs projected for the end of the period (2033).'),
    change: jobCount(t, (o) => o.change, 'Projected change in jobs.'),
    changePercent: t.exposeFloat('changePercent', { nullable: true, description: 'Projected change, percent.' }),
    annualOpenings: jobCount(
      t,
      (o) => o.annualOpenings,
      'Openings a year on average over the period, from growth and from workers leaving.',
    ),
    period: t.exposeString('period', { description: 'The projection period, e.g. 2023-2033.' }),
    ...nullableColumns(t, 'String', {
      socCode: 'The SOC 2018 code BLS projects (29-2072, or a broad group such as 13-1020).',
      typicalEducation: 'Typical education needed for entry (BLS category, e.g. Postsecondary nondegree award).',
      workExperience:
        'Work experience in a related occupation needed for entry (None, Less than 5 years, 5 years or more).',
      onTheJobTraining: 'Typical on-the-job training needed to attain competency (BLS category).',
    }),
    citations: t.loadableList({
      type: CitationRef,
      description: 'The published rows the figures come from (one citation per row).',
      load: loadCitationsOf,
      loaderOptions: { cacheKeyFn: citedFactsKey },
      resolve: (o) => ({ relationIds: [], observationIds: o.observationIds }),
    }),
  }),
});

const IndustryEmploymentRef = builder.objectRef<IndustryEmployment>('IndustryEmployment').implement({
  description:
    "An industry (NAICS sector) that employs an occupation, with the occupation's employment and median wage in it.",
  fields: (t) => ({
    industry: t.field({ type: EmployerRef, resolve: (i) => i.industry }),
    employment: jobCount(
      t,
      (i) => i.employment,
      'Jobs of the occupation in this industry; null where the estimate is not published.',
    ),
    ...nullableColumns(t, 'Float', {
      medianAnnualWage: 'Median annual wage of the occupation in this industry (USD).',
    }),
    period: t.exposeString('period', { nullable: true, description: 'The estimates’ period, e.g. May 2024.' }),
    citations: t.loadableList({
      type: CitationRef,
      description: 'The published rows that say so.',
      load: loadCitationsOf,
      loaderOptions: { cacheKeyFn: citedFactsKey },
      resolve: (i) => ({ relationIds: [i.relationId], observationIds: i.observationIds }),
    }),
  }),
});

/** Outlooks of many occupations or specializations in one statement. */
export async function outlooksOf(ids: string[], ctx: Context) {
  const map = await loadOutlooks(ctx.loaders.batch, ids);
  return ids.map((id) => map.get(id) ?? null);
}

builder.objectFields(OccupationRef, (t) => ({
  outlook: t.loadable({
    type: OutlookRef,
    nullable: true,
    description: 'BLS Employment Projections: growth, openings and what entry takes; null where BLS projects none.',
    load: outlooksOf,
    resolve: (o) => o.id,
  }),
  industries: t.loadableList({
    type: IndustryEmploymentRef,
    description: 'Industries (NAICS sectors) that employ the occupation, most jobs first.',
    load: async (ids: string[], ctx) => {
      const map = await loadIndustries(ctx.db, ids);
      return ids.map((id) => {
        const list = map.get(id) ?? [];
        for (const row of list) {
          // the industry's entity and details came with the rows: later fields need no statement of their own
          ctx.loaders.entity.prime(row.industry.id, row.industry);
          ctx.loaders
            .details('employer')
            .prime(row.industry.id, { employerType: row.employerType, naicsCode: row.naicsCode });
        }
        return list;
      });
    },
    resolve: (o) => o.id,
  }),
}));

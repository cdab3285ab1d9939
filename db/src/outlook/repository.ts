import { sql } from 'kysely';
import { type Reader, selectRows } from '../batch.ts';
import type { Executor } from '../connect.ts';
import { groupBy } from '../group.ts';
import type { CitationRow, EntityRow } from '../tables.ts';

/**
 * The labour-market view of an occupation: its BLS Employment Projections outlook and the industries that
 * employ it (OEWS by NAICS sector). Each reads a page of occupations in one statement.
 */

const OUTLOOK_METRICS = [
  'employment',
  'projected_employment',
  'projected_job_openings_change',
  'projected_growth',
  'annual_openings',
  'typical_entry_education',
  'related_work_experience',
  'on_the_job_training',
] as const;

export interface Outlook {
  entityId: string;
  /** The projection period, e.g. 2023-2033. */
  period: string;
  /** The SOC code BLS projects; its figures apply to every O*NET-SOC occupation under it. */
  socCode: string | null;
  employment: number | null;
  projectedEmployment: number | null;
  change: number | null;
  changePercent: number | null;
  annualOpenings: number | null;
  typicalEducation: string | null;
  workExperience: string | null;
  onTheJobTraining: string | null;
  observationIds: string[];
}

interface OutlookRow {
  id: string;
  entity_id: string;
  metric: (typeof OUTLOOK_METRICS)[number];
  value: number;
  period: string;
  category: string | null;
  soc_code: string | null;
}

/**
 * The outlook of each entity from the newest Employment Projections release that covers it: for every
 * metric, the figure with the latest period. Entities without projections are absent from the map.
 */
export async function loadOutlooks(reader: Reader, ids: readonly string[]): Promise<Map<string, Outlook>> {
  const map = new Map<string, Outlook>();
  if (ids.length === 0) return map;
  const query = sql<OutlookRow>`
    select distinct on (o.entity_id, o.metric)
      o.id, o.entity_id, o.metric, o.value, o.period, o.attributes->>'category' as category,
      o.attributes->>'socCode' as soc_code
    from observation o
    join source s on s.id = o.source_id
    where o.entity_id in (${sql.join(ids)})
      and o.metric in (${sql.join(OUTLOOK_METRICS)})
      and o.status = 'published'
      and s.key like 'bls-ep:%'
    order by o.entity_id, o.metric, o.period_end desc nulls last, s.published_at desc nulls last`;
  const rows = await selectRows(reader, query, (row) => row as unknown as OutlookRow);
  for (const [entityId, figures] of groupBy(rows, (r) => r.entity_id)) {
    const by = new Map(figures.map((f) => [f.metric, f]));
    const value = (metric: OutlookRow['metric']) => by.get(metric)?.value ?? null;
    map.set(entityId, {
      entityId,
      period: by.get('projected_growth')?.period ?? by.get('projected_employment')?.period ?? figures[0].period,
      socCode: by.get('projected_growth')?.soc_code ?? figures[0].soc_code,
      employment: value('employment'),
      projectedEmployment: value('projected_employment'),
      change: value('projected_job_openings_change'),
      changePercent: value('projected_growth'),
      annualOpenings: value('annual_openings'),
      typicalEducation: by.get('typical_entry_education')?.category ?? null,
      workExperience: by.get('related_work_experience')?.category ?? null,
      onTheJobTraining: by.get('on_the_job_training')?.category ?? null,
      observationIds: figures.map((f) => f.id),
    });
  }
  return map;
}

export interface IndustryEmployment {
  occupationId: string;
  industry: EntityRow;
  naicsCode: string;
  employerType: string;
  relationId: string;
  employment: number | null;
  medianAnnualWage: number | null;
  period: string | null;
  observationIds: string[];
}

interface IndustryRow extends EntityRow {
  occupation_id: string;
  relation_id: string;
  naics_code: string;
  employer_type: string;
  employment_id: string | null;
  employment: number | null;
  employment_period: string | null;
  wage_id: string | null;
  wage: number | null;
  wage_period: string | null;
}

/**
 * The industries (employers of type industry, with a NAICS code) each occupation is employed by, with the
 * occupation's employment and median wage in each (the newest figures), largest employer first.
 */
export async function loadIndustries(db: Executor, ids: readonly string[]): Promise<Map<string, IndustryEmployment[]>> {
  if (ids.length === 0) return new Map();
  const figure = (metric: string) => sql`
    select f.id, f.value, f.period from observation f
    where f.entity_id = r.from_id and f.metric = ${metric} and f.status = 'published'
      and f.attributes->>'naicsCode' = m.naics_code
    order by f.period_end desc nulls last limit 1`;
  const { rows } = await sql<IndustryRow>`
    select e.*, r.from_id as occupation_id, r.id as relation_id, m.naics_code, m.employer_type,
      n.id as employment_id, n.value as employment, n.period as employment_period,
      w.id as wage_id, w.value as wage, w.period as wage_period
    from relation r
    join entity e on e.id = r.to_id and e.status = 'published'
    join employer m on m.entity_id = r.to_id and m.employer_type = 'industry' and m.naics_code is not null
    left join lateral (${figure('industry_employment')}) n on true
    left join lateral (${figure('industry_median_annual_wage')}) w on true
    where r.predicate = 'employed_by' and r.status = 'published' and r.from_id in (${sql.join(ids)})
    order by r.from_id, n.value desc nulls last, e.name`.execute(db);
  const map = new Map<string, IndustryEmployment[]>();
  for (const row of rows) {
    const { occupation_id, relation_id, naics_code, employer_type, employment_id, employment, employment_period } = row;
    const { wage_id, wage, wage_period, ...rest } = row;
    const industry: EntityRow = {
      id: rest.id,
      kind: rest.kind,
      name: rest.name,
      status: rest.status,
      version: rest.version,
      created_at: rest.created_at,
      updated_at: rest.updated_at,
      superseded_by: rest.superseded_by,
    };
    const list = map.get(occupation_id) ?? [];
    list.push({
      occupationId: occupation_id,
      industry,
      naicsCode: naics_code,
      employerType: employer_type,
      relationId: relation_id,
      employment,
      medianAnnualWage: wage,
      period: employment_period ?? wage_period,
      observationIds: [employment_id, wage_id].filter((id): id is string => id !== null),
    });
    map.set(occupation_id, list);
  }
  return map;
}

/**
 * The citations of several facts at once (relations and observations), in one statement, keeping one
 * citation per source, locator and quote: the figures of one published row all cite that row.
 */
export async function loadDistinctCitations(
  db: Executor,
  facts: { relationIds: readonly string[]; observationIds: readonly string[] },
): Promise<CitationRow[]> {
  if (facts.relationIds.length === 0 && facts.observationIds.length === 0) return [];
  const none = ['00000000-0000-0000-0000-000000000000'];
  const rows = await db
    .selectFrom('citation')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('relation_id', 'in', facts.relationIds.length ? facts.relationIds : none),
        eb('observation_id', 'in', facts.observationIds.length ? facts.observationIds : none),
      ]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows;
}

/** One citation per source, locator and quote. */
export function distinctCitations(rows: readonly CitationRow[]): CitationRow[] {
  const seen = new Set<string>();
  return rows.filter((c) => {
    const key = `${c.source_id}|${c.locator ?? ''}|${c.quote ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

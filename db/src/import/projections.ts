import { ImportFileError, type Row, SOC } from './read.ts';
import { socTargets } from './soc-targets.ts';
import { type DesiredObservation, type ImportContext, syncObservations } from './sync.ts';
import { sheetLocator, streamCheckedSheet } from './xlsx.ts';

/**
 * BLS Employment Projections 2023-33, occupation.xlsx Table 1.2: for every occupation of the National
 * Employment Matrix (SOC 2018 codes) its employment in 2023 and 2033, the change, the openings a year, and
 * the education, related work experience and on-the-job training BLS assigns it.
 */
export const PROJECTIONS_FILE = 'occupation.xlsx';
export const PROJECTIONS_SHEET = 'Table 1.2';
const TITLE = '2023 National Employment Matrix title';
const CODE = '2023 National Employment Matrix code';
const COLUMNS = [
  TITLE,
  CODE,
  'Occupation type',
  'Employment, 2023',
  'Employment, 2033',
  'Employment distribution, percent, 2023',
  'Employment distribution, percent, 2033',
  'Employment change, numeric, 2023–33',
  'Employment change, percent, 2023–33',
  'Percent self employed, 2023',
  'Occupational openings, 2023–33 annual average',
  'Median annual wage, dollars, 2023[1]',
  'Typical education needed for entry',
  'Work experience in a related occupation',
  'Typical on-the-job training needed to attain competency in the occupation',
  'Related Occupational Outlook Handbook (OOH) content',
] as const;

/** The columns the importer reads; the default start ships only these (see db/scripts). */
export const PROJECTION_COLUMNS_USED = [
  TITLE,
  CODE,
  'Occupation type',
  'Employment, 2023',
  'Employment, 2033',
  'Employment change, numeric, 2023–33',
  'Employment change, percent, 2023–33',
  'Occupational openings, 2023–33 annual average',
  'Typical education needed for entry',
  'Work experience in a related occupation',
  'Typical on-the-job training needed to attain competency in the occupation',
] as const;

/** BLS's categories, lowest first; an observation's value is the category's rank. */
const EDUCATION_CATEGORIES = [
  'No formal educational credential',
  'High school diploma or equivalent',
  'Some college, no degree',
  'Postsecondary nondegree award',
  "Associate's degree",
  "Bachelor's degree",
  "Master's degree",
  'Doctoral or professional degree',
] as const;
const EXPERIENCE_CATEGORIES = ['None', 'Less than 5 years', '5 years or more'] as const;
const TRAINING_CATEGORIES = [
  'None',
  'Short-term on-the-job training',
  'Moderate-term on-the-job training',
  'Long-term on-the-job training',
  'Apprenticeship',
  'Internship/residency',
] as const;

const PROJECTION_PERIOD = { label: '2023-2033', start: '2023-01-01', end: '2033-12-31' };
const BASE_YEAR = { label: '2023', start: '2023-01-01', end: '2023-12-31' };
const TARGET_YEAR = { label: '2033', start: '2033-01-01', end: '2033-12-31' };

/** Figures in thousands of jobs, and the metric, unit and period each becomes. */
const FIGURES = [
  { column: 'Employment, 2023', metric: 'employment', unit: 'jobs', period: BASE_YEAR },
  { column: 'Employment, 2033', metric: 'projected_employment', unit: 'jobs', period: TARGET_YEAR },
  {
    column: 'Employment change, numeric, 2023–33',
    metric: 'projected_job_openings_change',
    unit: 'jobs',
    period: PROJECTION_PERIOD,
  },
  {
    column: 'Occupational openings, 2023–33 annual average',
    metric: 'annual_openings',
    unit: 'jobs/year',
    period: PROJECTION_PERIOD,
  },
] as const;

const CATEGORIES = [
  {
    column: 'Typical education needed for entry',
    metric: 'typical_entry_education',
    values: EDUCATION_CATEGORIES,
  },
  {
    column: 'Work experience in a related occupation',
    metric: 'related_work_experience',
    values: EXPERIENCE_CATEGORIES,
  },
  {
    column: 'Typical on-the-job training needed to attain competency in the occupation',
    metric: 'on_the_job_training',
    values: TRAINING_CATEGORIES,
  },
] as const;

/** BLS writes an em dash where it publishes no figure. */
const UNAVAILABLE = '—';

interface Projection {
  socCode: string;
  title: string;
  line: number;
  quote: string;
  figures: Array<{ metric: string; unit: string; value: number; period: typeof PROJECTION_PERIOD }>;
}

export async function readProjections(path: string) {
  const sheet = { sheet: PROJECTIONS_SHEET, headerRow: 2, columns: COLUMNS };
  const { file, check, rows } = await streamCheckedSheet(path, sheet);
  const projections: Projection[] = [];
  const seen = new Set<string>();
  let source: Row | undefined;
  for (const row of rows) {
    const code = row.values[CODE];
    // the notes below the table: footnotes, then the source line that ends it
    if (!code) {
      if (!/^(Footnotes:|\[\d+\]|Note:|Source:)/.test(row.values[TITLE])) check.fail(row, `${CODE} is empty`);
      if (row.values[TITLE].startsWith('Source:')) source = row;
      continue;
    }
    if (source) check.fail(row, 'an occupation below the source line');
    if (code === '00-0000') continue;
    check.match(row, CODE, SOC, 'a SOC code like 29-2072');
    const type = check.oneOf(row, 'Occupation type', ['Summary', 'Line item'] as const);
    if (type === 'Summary') continue;
    if (seen.has(code)) check.fail(row, `${code} is listed twice`);
    seen.add(code);
    const figures: Projection['figures'] = [];
    for (const figure of FIGURES) {
      const value = check.number(row, figure.column);
      figures.push({
        metric: figure.metric,
        unit: figure.unit,
        value: Math.round(value! * 1000),
        period: figure.period,
      });
    }
    figures.push({
      metric: 'projected_growth',
      unit: 'percent',
      value: check.number(row, 'Employment change, percent, 2023–33')!,
      period: PROJECTION_PERIOD,
    });
    const categories: Projection['figures'] = [];
    for (const category of CATEGORIES) {
      const text = check.text(row, category.column);
      if (text === UNAVAILABLE) continue;
      check.oneOf(row, category.column, category.values);
      categories.push({
        metric: category.metric,
        unit: 'rank',
        value: (category.values as readonly string[]).indexOf(text) + 1,
        period: BASE_YEAR,
      });
    }
    projections.push({
      socCode: code,
      title: check.text(row, TITLE),
      line: row.line,
      quote: PROJECTION_COLUMNS_USED.map((c) => row.values[c]).join(' | '),
      figures: [...figures, ...categories],
    });
  }
  if (!source) {
    throw new ImportFileError(
      file,
      (rows.at(-1)?.line ?? 2) + 1,
      `sheet ${PROJECTIONS_SHEET} ends without its source line: it looks truncated`,
    );
  }
  if (projections.length === 0) throw new ImportFileError(file, 3, `sheet ${PROJECTIONS_SHEET} has no occupations`);
  return { file, projections };
}

/** The category a rank stands for, for the metrics whose value is a rank. */
function categoryOf(metric: string, rank: number): string | null {
  const category = CATEGORIES.find((c) => c.metric === metric);
  return (category?.values as readonly string[] | undefined)?.[rank - 1] ?? null;
}

/** Every O*NET-SOC occupation under a projected code gets its figures. */
export async function importProjections(ctx: ImportContext, data: Awaited<ReturnType<typeof readProjections>>) {
  const targets = await socTargets(
    ctx.db,
    data.projections.map((p) => p.socCode),
  );
  const desired: DesiredObservation[] = [];
  let unmatched = 0;
  for (const projection of data.projections) {
    const { ids, match } = targets.reach(projection.socCode);
    if (ids.length === 0) unmatched++;
    for (const entityId of ids) {
      for (const figure of projection.figures) {
        const category = categoryOf(figure.metric, figure.value);
        desired.push({
          entityId,
          metric: figure.metric,
          value: figure.value,
          unit: figure.unit,
          period: figure.period.label,
          periodStart: figure.period.start,
          periodEnd: figure.period.end,
          geography: 'US',
          attributes: {
            socCode: projection.socCode,
            socTitle: projection.title,
            ...(match === 'broad' ? { match } : {}),
            ...(category ? { category } : {}),
          },
          locator: sheetLocator(data.file, PROJECTIONS_SHEET, projection.line),
          quote: projection.quote,
        });
      }
    }
  }
  ctx.counts['projected occupations without an O*NET match'] = {
    created: 0,
    updated: 0,
    retired: 0,
    unchanged: unmatched,
  };
  await syncObservations(ctx, 'projection observations', desired);
}

import { basename } from 'node:path';
import type { Db } from '../connect.ts';
import { RowChecker, readDelimited, SOC } from './read.ts';
import { type DesiredObservation, type ImportContext, syncObservations } from './sync.ts';

/** The columns of every OEWS estimates file (national, by sector, by state), as published. */
export const OEWS_COLUMNS = [
  'AREA',
  'AREA_TITLE',
  'AREA_TYPE',
  'PRIM_STATE',
  'NAICS',
  'NAICS_TITLE',
  'I_GROUP',
  'OWN_CODE',
  'OCC_CODE',
  'OCC_TITLE',
  'O_GROUP',
  'TOT_EMP',
  'EMP_PRSE',
  'JOBS_1000',
  'LOC_QUOTIENT',
  'PCT_TOTAL',
  'PCT_RPT',
  'H_MEAN',
  'A_MEAN',
  'MEAN_PRSE',
  'H_PCT10',
  'H_PCT25',
  'H_MEDIAN',
  'H_PCT75',
  'H_PCT90',
  'A_PCT10',
  'A_PCT25',
  'A_MEDIAN',
  'A_PCT75',
  'A_PCT90',
  'ANNUAL',
  'HOURLY',
] as const;

type OewsColumn = (typeof OEWS_COLUMNS)[number];
type MetricColumn = [column: OewsColumn, metric: string, unit: string];
/** The wage figures OEWS publishes per year (A_) and per hour (H_). */
const WAGES = [
  ['A', 'annual', 'USD/year'],
  ['H', 'hourly', 'USD/hour'],
] as const;

/** OEWS columns and the metrics they become: employment, the mean and median wages, then the percentiles. */
const METRIC_COLUMNS: MetricColumn[] = [
  ['TOT_EMP', 'employment', 'jobs'],
  ...WAGES.flatMap(([per, name, unit]): MetricColumn[] => [
    [`${per}_MEAN`, `mean_${name}_wage`, unit],
    [`${per}_MEDIAN`, `median_${name}_wage`, unit],
  ]),
  ...WAGES.flatMap(([per, name, unit]) =>
    [10, 25, 75, 90].map((p): MetricColumn => [`${per}_PCT${p}` as OewsColumn, `${name}_wage_p${p}`, unit]),
  ),
];

// OEWS writes these where it publishes no figure: * and ** (not available), # (above the top wage
// it publishes), ~ (under 0.005 percent).
const SUPPRESSED = new Set(['*', '**', '#', '~']);

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The estimates' reference month from the published file name (national_M2024_dl -> May 2024). */
export function oewsPeriod(path: string) {
  const year = /M(\d{4})/.exec(basename(path))?.[1];
  if (!year) throw new Error(`cannot tell the year of ${basename(path)}: expected a name like national_M2024_dl.csv`);
  return { label: `${MONTHS[4]} ${year}`, start: `${year}-05-01`, end: `${year}-05-31`, year };
}

/** Where and when an OEWS national estimate holds, as an observation states it. */
export function nationalEstimate(period: ReturnType<typeof oewsPeriod>) {
  return { period: period.label, periodStart: period.start, periodEnd: period.end, geography: 'US' };
}

/** National cross-industry estimates: detailed occupations only, each figure with its line. */
export function readOews(path: string) {
  const file = basename(path).replace(/\.gz$/, '');
  const check = new RowChecker(file);
  const rows = readDelimited(path, { delimiter: ',', columns: OEWS_COLUMNS });
  const figures: Array<{
    socCode: string;
    title: string;
    line: number;
    quote: string;
    values: Record<string, number>;
    suppressed: string[];
  }> = [];
  for (const row of rows) {
    const area = check.text(row, 'AREA');
    if (area !== '99') check.fail(row, `AREA ${area} is not the national estimate (99)`);
    const group = check.oneOf(row, 'O_GROUP', ['total', 'major', 'minor', 'broad', 'detailed'] as const);
    if (group !== 'detailed') continue;
    const socCode = check.match(row, 'OCC_CODE', SOC, 'a SOC code like 29-2072');
    const values: Record<string, number> = {};
    const suppressed: string[] = [];
    for (const [column, metric] of METRIC_COLUMNS) {
      const raw = check.text(row, column, { optional: true }).replace(/,/g, '');
      if (raw === '' || SUPPRESSED.has(raw)) {
        suppressed.push(metric);
        continue;
      }
      const value = Number(raw);
      if (!Number.isFinite(value) || value < 0) check.fail(row, `${column} "${raw}" is not a figure`);
      values[metric] = value;
    }
    figures.push({
      socCode,
      title: check.text(row, 'OCC_TITLE'),
      line: row.line,
      quote: Object.values(row.values).join(','),
      values,
      suppressed,
    });
  }
  return { file, figures };
}

/** Observations for every occupation with the SOC code (29-2072 -> 29-2072.00 and any more detailed code). */
export async function importOews(ctx: ImportContext, path: string, data: ReturnType<typeof readOews>) {
  const period = oewsPeriod(path);
  const occupations = await occupationsBySoc(ctx.db);
  const desired: DesiredObservation[] = [];
  let unmatched = 0;
  for (const figure of data.figures) {
    const targets = occupations.get(figure.socCode) ?? [];
    if (targets.length === 0) unmatched++;
    for (const entityId of targets) {
      for (const [, metric, unit] of METRIC_COLUMNS) {
        const value = figure.values[metric];
        if (value === undefined) continue;
        desired.push({
          entityId,
          metric,
          value,
          unit,
          ...nationalEstimate(period),
          attributes: { socCode: figure.socCode, socTitle: figure.title, estimate: 'national cross-industry' },
          locator: `${data.file}, line ${figure.line}`,
          quote: figure.quote,
        });
      }
    }
  }
  ctx.counts['OEWS occupations without an O*NET match'] = { created: 0, updated: 0, retired: 0, unchanged: unmatched };
  await syncObservations(ctx, 'OEWS observations', desired);
}

async function occupationsBySoc(db: Db) {
  const rows = await db
    .selectFrom('occupation as o')
    .innerJoin('entity as e', 'e.id', 'o.entity_id')
    .select(['o.entity_id', 'o.soc_code'])
    .where('o.soc_code', 'is not', null)
    .where('e.status', '<>', 'retired')
    .execute();
  const map = new Map<string, string[]>();
  for (const row of rows) {
    const list = map.get(row.soc_code!) ?? [];
    list.push(row.entity_id);
    map.set(row.soc_code!, list);
  }
  return map;
}

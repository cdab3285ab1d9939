import type { Db } from '../connect.ts';
import { NAICS_NAMESPACE } from './naics.ts';
import { nationalEstimate, OEWS_COLUMNS, oewsPeriod } from './oews.ts';
import { ImportFileError, SOC } from './read.ts';
import { socTargets } from './soc-targets.ts';
import {
  type DesiredEntity,
  type DesiredObservation,
  type DesiredRelation,
  type ImportContext,
  syncEntities,
  syncObservations,
  syncRelations,
} from './sync.ts';
import { sheetLocator, streamCheckedSheet } from './xlsx.ts';

/**
 * OEWS national industry-specific estimates by NAICS sector (natsector_M2024_dl.xlsx): which sectors employ
 * each occupation, how many and at what median wage. Each occupation gets an `employed_by` link to every
 * sector with a row for it, and the sector's figures as observations told apart by their NAICS code.
 */
export const SECTORS_FILE = 'natsector_M2024_dl.xlsx';
export const SECTORS_SHEET = 'Natsector_M2024_dl';
/** The columns the importer reads; the default start ships only these (see db/scripts). */
export const SECTOR_COLUMNS_USED = [
  'AREA',
  'NAICS',
  'NAICS_TITLE',
  'I_GROUP',
  'OCC_CODE',
  'OCC_TITLE',
  'O_GROUP',
  'TOT_EMP',
  'A_MEDIAN',
] as const;
const SECTOR = /^(\d{2}|\d{2}-\d{2})$/;
/** OEWS codes that are not NAICS sectors (99: federal, state and local government, an OEWS designation). */
const OEWS_INDUSTRY_NAMESPACE = 'oews-industry';
// * and ** mark an estimate OEWS does not publish; # a wage above the top of its range.
const SUPPRESSED = new Set(['*', '**', '#']);

const SECTOR_METRICS = {
  employment: { metric: 'industry_employment', unit: 'jobs', column: 'TOT_EMP' },
  medianWage: { metric: 'industry_median_annual_wage', unit: 'USD/year', column: 'A_MEDIAN' },
} as const;

interface SectorEstimate {
  naicsCode: string;
  naicsTitle: string;
  socCode: string;
  socTitle: string;
  line: number;
  quote: string;
  employment: number | null;
  medianWage: number | null;
}

export async function readSectorEstimates(path: string) {
  const sheet = { sheet: SECTORS_SHEET, headerRow: 1, columns: OEWS_COLUMNS };
  const { file, check, rows } = await streamCheckedSheet(path, sheet);
  const estimates: SectorEstimate[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const area = check.text(row, 'AREA');
    if (area !== '99') check.fail(row, `AREA ${area} is not the national estimate (99)`);
    check.oneOf(row, 'I_GROUP', ['sector'] as const);
    const naicsCode = check.match(row, 'NAICS', SECTOR, 'a NAICS sector like 62 or 31-33');
    const group = check.oneOf(row, 'O_GROUP', ['total', 'major', 'minor', 'broad', 'detailed'] as const);
    if (group !== 'detailed') continue;
    const socCode = check.match(row, 'OCC_CODE', SOC, 'a SOC code like 29-2072');
    const key = `${naicsCode}|${socCode}`;
    if (seen.has(key)) check.fail(row, `${socCode} in sector ${naicsCode} is listed twice`);
    seen.add(key);
    const figure = (column: string) => {
      const raw = check.text(row, column).replace(/,/g, '');
      if (SUPPRESSED.has(raw)) return null;
      const value = Number(raw);
      if (!Number.isFinite(value) || value < 0) check.fail(row, `${column} "${raw}" is not a figure`);
      return value;
    };
    const employment = figure('TOT_EMP');
    const medianWage = figure('A_MEDIAN');
    const naicsTitle = check.text(row, 'NAICS_TITLE');
    const socTitle = check.text(row, 'OCC_TITLE');
    estimates.push({
      naicsCode,
      naicsTitle,
      socCode,
      socTitle,
      line: row.line,
      quote: SECTOR_COLUMNS_USED.map((c) => `${c} ${row.values[c]}`).join('; '),
      employment,
      medianWage,
    });
  }
  if (estimates.length === 0) throw new ImportFileError(file, 2, `sheet ${SECTORS_SHEET} has no detailed occupations`);
  return { file, estimates };
}

/**
 * The sector employers the estimates name: NAICS sectors must have been imported (their titles come from the
 * Census code list); a code that is not a NAICS sector (OEWS's 99) becomes an industry of its own.
 * Refuses, before anything is written, when the NAICS sectors are missing.
 */
export async function checkSectorsImported(db: Db, data: Awaited<ReturnType<typeof readSectorEstimates>>) {
  const codes = new Set(data.estimates.map((e) => e.naicsCode));
  const known = await db
    .selectFrom('external_key')
    .select('key')
    .where('namespace', '=', NAICS_NAMESPACE)
    .where('key', 'in', [...codes])
    .execute();
  if (known.length === 0) {
    throw new ImportFileError(data.file, 0, 'names NAICS sectors that are not imported yet: import naics first');
  }
}

export async function importSectorEstimates(
  ctx: ImportContext,
  path: string,
  data: Awaited<ReturnType<typeof readSectorEstimates>>,
) {
  const period = oewsPeriod(path);
  const sectorIds = new Map(
    (
      await ctx.db
        .selectFrom('external_key')
        .select(['key', 'entity_id'])
        .where('namespace', '=', NAICS_NAMESPACE)
        .execute()
    ).map((r) => [r.key, r.entity_id]),
  );
  // industries OEWS names that NAICS does not
  const others = new Map<string, DesiredEntity>();
  for (const e of data.estimates) {
    if (sectorIds.has(e.naicsCode) || others.has(e.naicsCode)) continue;
    others.set(e.naicsCode, {
      key: e.naicsCode,
      kind: 'employer',
      name: e.naicsTitle,
      details: { employerType: 'industry', naicsCode: e.naicsCode },
      locator: sheetLocator(data.file, SECTORS_SHEET, e.line),
      quote: `NAICS ${e.naicsCode}; NAICS_TITLE ${e.naicsTitle}`,
    });
  }
  for (const [key, id] of await syncEntities(ctx, OEWS_INDUSTRY_NAMESPACE, [...others.values()], {
    retireMissing: true,
  }))
    sectorIds.set(key, id);

  const targets = await socTargets(
    ctx.db,
    data.estimates.map((e) => e.socCode),
  );
  const relations: DesiredRelation[] = [];
  const observations: DesiredObservation[] = [];
  const reached = new Set<string>();
  let unmatched = 0;
  for (const e of data.estimates) {
    const { ids, match } = targets.reach(e.socCode);
    if (ids.length === 0) unmatched++;
    const locator = sheetLocator(data.file, SECTORS_SHEET, e.line);
    const attributes = { naicsCode: e.naicsCode, socCode: e.socCode, ...(match === 'broad' ? { match } : {}) };
    for (const entityId of ids) {
      reached.add(entityId);
      relations.push({ fromId: entityId, toId: sectorIds.get(e.naicsCode)!, attributes, locator, quote: e.quote });
      for (const [field, { metric, unit }] of Object.entries(SECTOR_METRICS)) {
        const value = e[field as keyof typeof SECTOR_METRICS];
        if (value === null) continue;
        observations.push({
          entityId,
          metric,
          value,
          unit,
          ...nationalEstimate(period),
          attributes,
          locator,
          quote: e.quote,
        });
      }
    }
  }
  ctx.counts['sector rows without an O*NET match'] = { created: 0, updated: 0, retired: 0, unchanged: unmatched };
  const occupationIds = (
    await ctx.db.selectFrom('occupation').select('entity_id').where('onet_soc_code', 'is not', null).execute()
  ).map((r) => r.entity_id);
  await syncRelations(ctx, 'employed_by', { from: 'occupation', to: 'employer' }, relations, {
    fromIds: [...new Set([...occupationIds, ...reached])],
  });
  await syncObservations(ctx, 'sector observations', observations);
}

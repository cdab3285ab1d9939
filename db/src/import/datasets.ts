import { existsSync } from 'node:fs';
import type { Db } from '../connect.ts';
import { deriveLadders } from '../ladders/derive.ts';
import { importEsco, readEsco } from './esco.ts';
import { importEscoRelease, readEscoRelease } from './esco-skills.ts';
import { importOews, oewsPeriod, readOews } from './oews.ts';
import { importOnetRelease, onetRelease, readOnetRelease } from './onet.ts';
import { locate } from './read.ts';
import { type ImportSummary, runImport } from './run.ts';
import type { ImportContext } from './sync.ts';

/** Imports one O*NET release folder. Every file is read and checked before anything is written. */
export async function importOnet(
  db: Db,
  dir: string,
  onProgress?: ImportContext['onProgress'],
): Promise<ImportSummary> {
  const { version, published } = onetRelease(dir);
  const release = readOnetRelease(dir);
  return runImport(
    db,
    {
      dataset: 'onet',
      family: 'onet:',
      onProgress,
      source: {
        key: `onet:${version}`,
        title: `O*NET ${version} Database`,
        url: 'https://www.onetcenter.org/database.html',
        publisher: 'U.S. Department of Labor, Employment and Training Administration (USDOL/ETA); CC BY 4.0',
        publishedAt: published,
        kind: 'dataset_release',
      },
    },
    (ctx) => importOnetRelease(ctx, release),
  );
}

/** Imports the OEWS national estimates file (national_M2024_dl.csv, or .csv.gz). */
export async function importOewsFile(db: Db, path: string, onProgress?: ImportContext['onProgress']) {
  const period = oewsPeriod(path);
  const data = readOews(path);
  return runImport(
    db,
    {
      dataset: 'oews',
      family: 'oews:',
      onProgress,
      source: {
        key: `oews:${period.year}-05`,
        title: `Occupational Employment and Wage Statistics, ${period.label} national estimates`,
        url: 'https://www.bls.gov/oes/',
        publisher: 'U.S. Bureau of Labor Statistics',
        publishedAt: null,
        kind: 'dataset_release',
      },
    },
    (ctx) => importOews(ctx, path, data),
  );
}

/** Imports ESCO's occupations (occupations_en.csv and ISCOGroups_en.csv) and proposes links to O*NET. */
export async function importEscoFolder(db: Db, dir: string, onProgress?: ImportContext['onProgress']) {
  const data = readEsco(dir);
  return runImport(
    db,
    {
      dataset: 'esco',
      family: 'esco:',
      onProgress,
      source: {
        key: 'esco:1.0',
        title: 'ESCO classification, occupations (English), v1.0',
        url: 'https://esco.ec.europa.eu/',
        publisher: ESCO_PUBLISHER,
        publishedAt: null,
        kind: 'dataset_release',
      },
    },
    (ctx) => importEsco(ctx, data),
  );
}

/** The ESCO source every ESCO release's import shares its facts under. */
const ESCO_PUBLISHER = 'European Commission. This service uses the ESCO classification of the European Commission.';

/**
 * Imports ESCO 1.1.1 from its two published zip archives (classification-en-csv.zip, relations-csv.zip):
 * occupations, skills and knowledge with their hierarchy, and occupations' essential and optional skills.
 */
export async function importEscoSkills(db: Db, dir: string, onProgress?: ImportContext['onProgress']) {
  const release = readEscoRelease(dir);
  return runImport(
    db,
    {
      dataset: 'esco_1_1_1',
      family: 'esco:',
      onProgress,
      source: {
        key: 'esco:1.1.1',
        title: 'ESCO classification v1.1.1 (English), CSV export: classification and relations',
        url: 'https://esco.ec.europa.eu/en/use-esco/download',
        publisher: ESCO_PUBLISHER,
        publishedAt: '2022-09-13',
        kind: 'dataset_release',
      },
    },
    (ctx) => importEscoRelease(ctx, release),
  );
}

/** Whether an import of this release has finished. */
async function imported(db: Db, sourceKey: string) {
  const row = await db
    .selectFrom('import_run as r')
    .innerJoin('source as s', 's.id', 'r.source_id')
    .select('r.id')
    .where('s.key', '=', sourceKey)
    .where('r.status', '=', 'finished')
    .executeTakeFirst();
  return !!row;
}

/**
 * Everything a data folder laid out like the reference data holds: `onet/` (and `onet_27_0/` first, as the
 * earlier release, when present), then `bls_oews/`, `esco/` and `esco_1_1_1/`; then the career ladders are derived again
 * from what the releases now say.
 */
export async function importAll(db: Db, dataDir: string, onProgress?: ImportContext['onProgress']) {
  const summaries: ImportSummary[] = [];
  for (const dir of ['onet_27_0', 'onet']) {
    if (existsSync(`${dataDir}/${dir}`)) summaries.push(await importOnet(db, `${dataDir}/${dir}`, onProgress));
  }
  if (existsSync(`${dataDir}/bls_oews`)) {
    summaries.push(await importOewsFile(db, locate(`${dataDir}/bls_oews`, 'national_M2024_dl.csv'), onProgress));
  }
  const escoSkills = existsSync(`${dataDir}/esco_1_1_1`);
  // ESCO 1.0 is the earlier release: once 1.1.1 is in, importing 1.0 again would only undo its updates
  if (existsSync(`${dataDir}/esco`) && !(escoSkills && (await imported(db, 'esco:1.1.1')))) {
    summaries.push(await importEscoFolder(db, `${dataDir}/esco`, onProgress));
  }
  if (escoSkills) summaries.push(await importEscoSkills(db, `${dataDir}/esco_1_1_1`, onProgress));
  if (summaries.length > 0) await deriveLadders(db);
  return summaries;
}

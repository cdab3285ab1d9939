import { existsSync } from 'node:fs';
import type { Db } from '../connect.ts';
import { deriveLadders } from '../ladders/derive.ts';
import { importSocRelease, readSocRelease } from './bls-soc/index.ts';
import { importEsco, readEsco } from './esco.ts';
import { importLaborMarket } from './labor-market.ts';
import { importCipRelease, readCipRelease } from './nces-cip.ts';
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
        publisher: 'European Commission. This service uses the ESCO classification of the European Commission.',
        publishedAt: null,
        kind: 'dataset_release',
      },
    },
    (ctx) => importEsco(ctx, data),
  );
}

/**
 * Imports the 2018 SOC from a folder of the BLS workbooks (soc_structure_2018.xlsx, soc_2018_definitions.xlsx,
 * soc_2010_to_2018_crosswalk.xlsx, soc_2018_direct_match_title_file.xlsx): codes, crosswalk, specializations
 * of O*NET-SOC occupations and direct match titles.
 */
export async function importSocFolder(db: Db, dir: string, onProgress?: ImportContext['onProgress']) {
  const release = await readSocRelease(dir);
  return runImport(
    db,
    {
      dataset: 'bls_soc',
      family: 'bls-soc:',
      onProgress,
      source: {
        key: 'bls-soc:2018',
        title:
          '2018 Standard Occupational Classification: structure, definitions, 2010 to 2018 crosswalk and direct match titles',
        url: 'https://www.bls.gov/soc/2018/',
        publisher: 'U.S. Bureau of Labor Statistics, for OMB and the SOC Policy Committee',
        publishedAt: '2017-11-01',
        kind: 'dataset_release',
      },
    },
    (ctx) => importSocRelease(ctx, release),
  );
}

/** Imports CIP 2020 programs and their CIP 2020 -> SOC 2018 crosswalk from a folder (CIPCode2020.csv, the xlsx). */
export async function importCipFolder(db: Db, dir: string, onProgress?: ImportContext['onProgress']) {
  const release = await readCipRelease(dir);
  return runImport(
    db,
    {
      dataset: 'nces_cip',
      family: 'nces-cip:',
      onProgress,
      source: {
        key: 'nces-cip:2020',
        title: 'Classification of Instructional Programs 2020 and the CIP 2020 to SOC 2018 crosswalk',
        url: 'https://nces.ed.gov/ipeds/cipcode/',
        publisher: 'U.S. Department of Education, National Center for Education Statistics (NCES), with BLS',
        publishedAt: null,
        kind: 'dataset_release',
      },
    },
    (ctx) => importCipRelease(ctx, release),
  );
}

/**
 * Everything a data folder laid out like the reference data holds: `onet/` (and `onet_27_0/` first, as the
 * earlier release, when present), then `bls_oews/`, `bls_soc/`, `nces_cip/` and `esco/`; then the career ladders are derived again
 * earlier release, when present), then `bls_oews/`, `esco/`, `naics/`, `bls_ep/` and `nj_licenses/`; then the career ladders are derived again
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
  if (existsSync(`${dataDir}/bls_soc`)) summaries.push(await importSocFolder(db, `${dataDir}/bls_soc`, onProgress));
  if (existsSync(`${dataDir}/nces_cip`)) summaries.push(await importCipFolder(db, `${dataDir}/nces_cip`, onProgress));
  if (existsSync(`${dataDir}/esco`)) summaries.push(await importEscoFolder(db, `${dataDir}/esco`, onProgress));
  summaries.push(...(await importLaborMarket(db, dataDir, onProgress)));
  if (summaries.length > 0) await deriveLadders(db);
  return summaries;
}

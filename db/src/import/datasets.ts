import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '../connect.ts';
import { deriveLadders } from '../ladders/derive.ts';
import { SOC_CROSSWALK_FILE } from './bls-soc/crosswalk.ts';
import { importSocRelease, readSocRelease } from './bls-soc/index.ts';
import { SOC_STRUCTURE_FILE } from './bls-soc/structure.ts';
import { importEsco, readEsco } from './esco.ts';
import { importEscoRelease, readEscoRelease } from './esco-skills.ts';
import { importLaborMarket } from './labor-market.ts';
import { importCipRelease, readCipRelease } from './nces-cip.ts';
import { importNestaLinks, NESTA_FILE, proposeIscoLinks, readCrosswalks } from './nesta.ts';
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

/** Where the crosswalk files are in a data folder; the ISCO-08 crosswalk's CSV conversion is vendored. */
export function crosswalkPaths(dataDir: string) {
  const vendored = fileURLToPath(new URL('../../data/bls_soc', import.meta.url));
  const isco =
    existsSync(`${dataDir}/bls_soc/isco_soc_crosswalk.csv`) ||
    existsSync(`${dataDir}/bls_soc/isco_soc_crosswalk.csv.gz`)
      ? `${dataDir}/bls_soc`
      : vendored;
  return {
    nesta: locate(`${dataDir}/nesta_esco_onet`, NESTA_FILE),
    isco: locate(isco, 'isco_soc_crosswalk.csv'),
    soc: locate(`${dataDir}/bls_soc`, SOC_CROSSWALK_FILE),
  };
}

/**
 * Links ESCO occupations to O*NET: Nesta's reviewed crosswalk as published close_match relations (source
 * `nesta:2020-11`), then, for the ESCO occupations it does not cover, drafts from the BLS ISCO-08 -> SOC 2010
 * crosswalk (source `bls-isco-soc:2015-06`). All three files are read and checked before anything is written.
 */
export async function importEscoOnetCrosswalk(db: Db, dataDir: string, onProgress?: ImportContext['onProgress']) {
  const files = await readCrosswalks(crosswalkPaths(dataDir));
  let linked: Awaited<ReturnType<typeof importNestaLinks>> | undefined;
  const nesta = await runImport(
    db,
    {
      dataset: 'nesta_esco_onet',
      family: 'nesta:',
      onProgress,
      source: {
        key: 'nesta:2020-11',
        title: 'Mapping Career Causeways: ESCO-O*NET occupation crosswalk (Nov 2020)',
        url: 'https://github.com/nestauk/mapping-career-causeways',
        publisher:
          'Nesta (Kanders K., Djumalieva J., Sleeman C. and Orlik J., Mapping Career Causeways: Supporting workers at risk, 2020); MIT licence',
        publishedAt: '2020-11-23',
        kind: 'dataset_release',
      },
    },
    async (ctx) => {
      linked = await importNestaLinks(ctx, files);
    },
  );
  const isco = await runImport(
    db,
    {
      dataset: 'isco_soc',
      family: 'bls-isco-soc:',
      onProgress,
      source: {
        key: 'bls-isco-soc:2015-06',
        title: 'ISCO-08 to 2010 SOC crosswalk (August 2012, updated June 2015)',
        url: 'https://www.bls.gov/soc/soccrosswalks.htm',
        publisher: 'U.S. Bureau of Labor Statistics, for the Standard Occupational Classification Policy Committee',
        publishedAt: '2015-06-01',
        kind: 'dataset_release',
      },
    },
    (ctx) => proposeIscoLinks(ctx, files, linked!),
  );
  return [nesta, isco];
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
 * earlier release, when present), then `bls_oews/`, `bls_soc/`, `nces_cip/`, `esco/`, `esco_1_1_1/` and
 * `nesta_esco_onet/` (with the crosswalks in `bls_soc/`), `naics/`, `bls_ep/` and `nj_licenses/`; then the
 * career ladders are derived again from what the releases now say.
 */
export async function importAll(db: Db, dataDir: string, onProgress?: ImportContext['onProgress']) {
  const summaries = await importReleases(db, dataDir, onProgress);
  if (summaries.length > 0) await deriveLadders(db);
  return summaries;
}

/** The releases of a data folder, as {@link importAll} imports them, without deriving the ladders again. */
export async function importReleases(db: Db, dataDir: string, onProgress?: ImportContext['onProgress']) {
  const summaries: ImportSummary[] = [];
  for (const dir of ['onet_27_0', 'onet']) {
    if (existsSync(`${dataDir}/${dir}`)) summaries.push(await importOnet(db, `${dataDir}/${dir}`, onProgress));
  }
  if (existsSync(`${dataDir}/bls_oews`)) {
    summaries.push(await importOewsFile(db, locate(`${dataDir}/bls_oews`, 'national_M2024_dl.csv'), onProgress));
  }
  // a bls_soc/ folder may hold only the crosswalks the ESCO links need
  if (['', '.gz'].some((gz) => existsSync(`${dataDir}/bls_soc/${SOC_STRUCTURE_FILE}${gz}`)))
    summaries.push(await importSocFolder(db, `${dataDir}/bls_soc`, onProgress));
  if (existsSync(`${dataDir}/nces_cip`)) summaries.push(await importCipFolder(db, `${dataDir}/nces_cip`, onProgress));
  const escoSkills = existsSync(`${dataDir}/esco_1_1_1`);
  // ESCO 1.0 is the earlier release: once 1.1.1 is in, importing 1.0 again would only undo its updates
  if (existsSync(`${dataDir}/esco`) && !(escoSkills && (await imported(db, 'esco:1.1.1')))) {
    summaries.push(await importEscoFolder(db, `${dataDir}/esco`, onProgress));
  }
  if (escoSkills) summaries.push(await importEscoSkills(db, `${dataDir}/esco_1_1_1`, onProgress));
  if (existsSync(`${dataDir}/nesta_esco_onet`))
    summaries.push(...(await importEscoOnetCrosswalk(db, dataDir, onProgress)));
  summaries.push(...(await importLaborMarket(db, dataDir, onProgress)));
  return summaries;
}

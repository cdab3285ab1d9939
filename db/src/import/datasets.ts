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
import { oewsNationalRelease, onetDatabaseRelease, RELEASES } from './releases.ts';
import { type ImportSummary, importRelease } from './run.ts';
import type { ImportContext } from './sync.ts';

/** Imports one O*NET release folder. Every file is read and checked before anything is written. */
export async function importOnet(
  db: Db,
  dir: string,
  onProgress?: ImportContext['onProgress'],
): Promise<ImportSummary> {
  const { version, published } = onetRelease(dir);
  const release = readOnetRelease(dir);
  return importRelease(db, onetDatabaseRelease(version, published), onProgress, (ctx) =>
    importOnetRelease(ctx, release),
  );
}

/** Imports the OEWS national estimates file (national_M2024_dl.csv, or .csv.gz). */
export async function importOewsFile(db: Db, path: string, onProgress?: ImportContext['onProgress']) {
  const period = oewsPeriod(path);
  const data = readOews(path);
  return importRelease(db, oewsNationalRelease(period), onProgress, (ctx) => importOews(ctx, path, data));
}

/** Imports ESCO's occupations (occupations_en.csv and ISCOGroups_en.csv) and proposes links to O*NET. */
export async function importEscoFolder(db: Db, dir: string, onProgress?: ImportContext['onProgress']) {
  const data = readEsco(dir);
  return importRelease(db, RELEASES.esco, onProgress, (ctx) => importEsco(ctx, data));
}

/**
 * Imports ESCO 1.1.1 from its two published zip archives (classification-en-csv.zip, relations-csv.zip):
 * occupations, skills and knowledge with their hierarchy, and occupations' essential and optional skills.
 */
export async function importEscoSkills(db: Db, dir: string, onProgress?: ImportContext['onProgress']) {
  const release = readEscoRelease(dir);
  return importRelease(db, RELEASES.esco_1_1_1, onProgress, (ctx) => importEscoRelease(ctx, release));
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
  const nesta = await importRelease(db, RELEASES.nesta_esco_onet, onProgress, async (ctx) => {
    linked = await importNestaLinks(ctx, files);
  });
  const isco = await importRelease(db, RELEASES.isco_soc, onProgress, (ctx) => proposeIscoLinks(ctx, files, linked!));
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
  return importRelease(db, RELEASES.bls_soc, onProgress, (ctx) => importSocRelease(ctx, release));
}

/** Imports CIP 2020 programs and their CIP 2020 -> SOC 2018 crosswalk from a folder (CIPCode2020.csv, the xlsx). */
export async function importCipFolder(db: Db, dir: string, onProgress?: ImportContext['onProgress']) {
  const release = await readCipRelease(dir);
  return importRelease(db, RELEASES.nces_cip, onProgress, (ctx) => importCipRelease(ctx, release));
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

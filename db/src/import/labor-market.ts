import { existsSync } from 'node:fs';
import type { Db } from '../connect.ts';
import { importNaics, NAICS_FILE, readNaics } from './naics.ts';
import { importNjLicenses, readNjLicenses } from './nj-licenses.ts';
import { oewsPeriod } from './oews.ts';
import { checkSectorsImported, importSectorEstimates, readSectorEstimates, SECTORS_FILE } from './oews-sectors.ts';
import { importProjections, PROJECTIONS_FILE, readProjections } from './projections.ts';
import { oewsSectorsRelease, RELEASES } from './releases.ts';
import { type ImportSummary, importRelease } from './run.ts';
import type { ImportContext } from './sync.ts';

/**
 * The labour-market datasets: industries (NAICS 2022), BLS Employment Projections with the OEWS estimates by
 * industry sector, and New Jersey's state licences. Each reads and checks its files whole before it writes.
 */

type Progress = ImportContext['onProgress'];

/** Imports the NAICS 2022 sectors from the Census code list (2-6 digit_2022_Codes.xlsx). */
export async function importNaicsFile(db: Db, path: string, onProgress?: Progress): Promise<ImportSummary> {
  const data = await readNaics(path);
  return importRelease(db, RELEASES.naics, onProgress, (ctx) => importNaics(ctx, data));
}

/**
 * Imports a BLS Employment Projections folder: occupation.xlsx (the 2023-33 projections) and, when present,
 * natsector_M2024_dl.xlsx (OEWS employment and wages by NAICS sector, which needs the NAICS sectors).
 * Both files are read and checked before either is written.
 */
export async function importBlsEp(db: Db, dir: string, onProgress?: Progress): Promise<ImportSummary[]> {
  const projections = await readProjections(`${dir}/${PROJECTIONS_FILE}`);
  const sectorsPath = `${dir}/${SECTORS_FILE}`;
  const sectors = existsSync(sectorsPath) ? await readSectorEstimates(sectorsPath) : null;
  if (sectors) await checkSectorsImported(db, sectors);
  const summaries = [
    await importRelease(db, RELEASES.bls_ep, onProgress, (ctx) => importProjections(ctx, projections)),
  ];
  if (sectors) {
    const period = oewsPeriod(sectorsPath);
    summaries.push(
      await importRelease(db, oewsSectorsRelease(period), onProgress, (ctx) =>
        importSectorEstimates(ctx, sectorsPath, sectors),
      ),
    );
  }
  return summaries;
}

/** Imports New Jersey's licences and industry credentials (TBLLICENSE_ and TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv). */
export async function importNjLicensesFolder(db: Db, dir: string, onProgress?: Progress): Promise<ImportSummary> {
  const data = readNjLicenses(dir);
  return importRelease(db, RELEASES.nj_licenses, onProgress, (ctx) => importNjLicenses(ctx, data));
}

/** What a data folder laid out like the reference data holds of these: naics/, bls_ep/, nj_licenses/. */
export async function importLaborMarket(db: Db, dataDir: string, onProgress?: Progress) {
  const summaries: ImportSummary[] = [];
  if (existsSync(`${dataDir}/naics/${NAICS_FILE}`)) {
    summaries.push(await importNaicsFile(db, `${dataDir}/naics/${NAICS_FILE}`, onProgress));
  }
  if (existsSync(`${dataDir}/bls_ep/${PROJECTIONS_FILE}`)) {
    summaries.push(...(await importBlsEp(db, `${dataDir}/bls_ep`, onProgress)));
  }
  if (existsSync(`${dataDir}/nj_licenses`)) {
    summaries.push(await importNjLicensesFolder(db, `${dataDir}/nj_licenses`, onProgress));
  }
  return summaries;
}

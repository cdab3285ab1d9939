import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { databaseOptionsFromEnv } from '../config.ts';
import { type Db, openDatabase } from '../connect.ts';
import { ensureLadders } from '../ladders/derive.ts';
import { migrateToLatest } from '../migrate.ts';
import { reportRefusal } from '../refusal.ts';
import { analyzeGraph } from '../statistics.ts';
import {
  importAll,
  importCipFolder,
  importEscoFolder,
  importEscoOnetCrosswalk,
  importEscoSkills,
  importOewsFile,
  importOnet,
  importSocFolder,
} from './datasets.ts';
import { importBlsEp, importNaicsFile, importNjLicensesFolder } from './labor-market.ts';
import { ImportFileError } from './read.ts';
import { type ImportSummary, totals } from './run.ts';
import type { ImportContext } from './sync.ts';

const USAGE = `usage: pnpm data:import <onet DIR | oews FILE | esco DIR | esco_1_1_1 DIR | nesta_esco_onet DATA_DIR |
                    naics FILE | bls_ep DIR | nj_licenses DIR | bls_soc DIR | nces_cip DIR | all DATA_DIR>
  onet DIR         an O*NET release folder (text files, optionally .gz), e.g. ../shared/data/onet
  oews FILE        OEWS national estimates, e.g. ../shared/data/bls_oews/national_M2024_dl.csv
  esco DIR         ESCO's CSV export (occupations_en.csv, ISCOGroups_en.csv), e.g. ../shared/data/esco
  esco_1_1_1 DIR   ESCO 1.1.1's zips (classification-en-csv.zip, relations-csv.zip), e.g. ../shared/data/esco_1_1_1
  nesta_esco_onet DATA_DIR
                   ESCO -> O*NET links: DATA_DIR/nesta_esco_onet/esco_onet_crosswalk_Nov2020.csv with the SOC
                   2010 -> 2018 crosswalk in DATA_DIR/bls_soc/ (the ISCO-08 crosswalk's CSV is shipped)
  naics FILE       the Census NAICS 2022 code list, e.g. "../shared/data/naics/2-6 digit_2022_Codes.xlsx"
  bls_ep DIR       BLS Employment Projections (occupation.xlsx) and OEWS by sector (natsector_M2024_dl.xlsx),
                   e.g. ../shared/data/bls_ep; the sectors need naics imported first
  nj_licenses DIR  New Jersey's licence and industry credential tables, e.g. ../shared/data/nj_licenses
  bls_soc DIR      the 2018 SOC workbooks (structure, definitions, 2010 crosswalk, direct match titles),
                   e.g. ../shared/data/bls_soc; specializations and titles need O*NET imported first
  nces_cip DIR     CIP 2020 (CIPCode2020.csv) and its SOC crosswalk (CIP2020_SOC2018_Crosswalk.xlsx),
                   e.g. ../shared/data/nces_cip; the links need O*NET imported first
  all DATA_DIR     a folder laid out like the reference data (onet_27_0/, onet/, bls_oews/, bls_soc/, nces_cip/,
                   esco/, esco_1_1_1/, nesta_esco_onet/, naics/, ...)
Writes to DATABASE_URL when set, else to the PGlite database in KG_DATA_DIR (default ./.data).`;

type Command = (db: Db, path: string, onProgress: ImportContext['onProgress']) => Promise<ImportSummary[]>;

const COMMANDS: Record<string, Command> = {
  onet: async (db, path, onProgress) => [await importOnet(db, path, onProgress)],
  oews: async (db, path, onProgress) => [await importOewsFile(db, path, onProgress)],
  esco: async (db, path, onProgress) => [await importEscoFolder(db, path, onProgress)],
  esco_1_1_1: async (db, path, onProgress) => [await importEscoSkills(db, path, onProgress)],
  nesta_esco_onet: importEscoOnetCrosswalk,
  naics: async (db, path, onProgress) => [await importNaicsFile(db, path, onProgress)],
  bls_ep: importBlsEp,
  nj_licenses: async (db, path, onProgress) => [await importNjLicensesFolder(db, path, onProgress)],
  bls_soc: async (db, path, onProgress) => [await importSocFolder(db, path, onProgress)],
  nces_cip: async (db, path, onProgress) => [await importCipFolder(db, path, onProgress)],
  all: importAll,
};

async function main() {
  const [command, target] = process.argv.slice(2);
  if (!command || !target || !Object.hasOwn(COMMANDS, command)) {
    console.error(USAGE);
    process.exit(2);
  }
  const database = await openDatabase({ ...databaseOptionsFromEnv(), logger: console });
  const bars = new cliProgress.MultiBar(
    { format: '{step} |{bar}| {value}/{total}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 },
    cliProgress.Presets.shades_classic,
  );
  const active = new Map<string, cliProgress.SingleBar>();
  const onProgress = (step: string, done: number, total: number) => {
    let bar = active.get(step);
    if (!bar) {
      bar = bars.create(total, 0, { step: step.padEnd(36) });
      active.set(step, bar);
    }
    bar.update(done);
  };
  try {
    await migrateToLatest(database.db);
    // pnpm runs scripts from the root; relative paths mean where the command was typed
    const path = resolve(process.env.INIT_CWD ?? process.cwd(), target);
    const summaries = await COMMANDS[command](database.db, path, onProgress);
    bars.stop();
    for (const summary of summaries) printSummary(summary);
    // fresh planner statistics for what was written (embedded PGlite has no autovacuum to collect them)
    await analyzeGraph(database.db);
    // what the release says about related occupations, wages and education changes the career ladders
    const ladders = await ensureLadders(database.db);
    if (ladders) {
      console.log(
        `\ncareer ladders: ${ladders.created} created, ${ladders.updated} updated, ${ladders.retired} retired, ${ladders.unchanged} unchanged`,
      );
    }
  } catch (error) {
    bars.stop();
    reportRefusal(error, ImportFileError);
  } finally {
    await database.close();
  }
}

function printSummary(summary: ImportSummary) {
  const sum = totals(summary.counts);
  console.log(
    `\n${summary.source}: ${sum.created} created, ${sum.updated} updated, ${sum.retired} retired, ${sum.unchanged} unchanged (${summary.seconds.toFixed(1)} s)`,
  );
  const rows = Object.entries(summary.counts).map(([step, c]) => ({ step, ...c }));
  console.table(rows);
  for (const note of summary.notes) console.log(`left out: ${note}`);
}

await main();

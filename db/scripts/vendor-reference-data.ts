/**
 * Copies, gzip-compressed, the reference files the default start imports into db/data/:
 *   npx tsx db/scripts/vendor-reference-data.ts ../shared/data
 * Text files are the published ones, unmodified; workbooks keep only the cells the importers read, at their
 * published rows and columns; ESCO's zips keep only the members the importer reads (each byte for byte),
 * recompressed. The ISCO-08 crosswalk's CSV is made by db/scripts/convert-isco-soc-crosswalk.ts.
 * db/data/ATTRIBUTION.md carries their licences.
 */
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { unzipSync, zipSync } from 'fflate';
import { SOC_CROSSWALK_FILE } from '../src/import/bls-soc/crosswalk.ts';
import { SOC_DEFINITIONS_FILE, SOC_STRUCTURE_FILE } from '../src/import/bls-soc/structure.ts';
import { SOC_TITLES_FILE } from '../src/import/bls-soc/titles.ts';
import { NAICS_FILE } from '../src/import/naics.ts';
import { CIP_CODES_FILE, CIP_CROSSWALK_FILE, CIP_CROSSWALK_SHEET } from '../src/import/nces-cip.ts';
import { INDUSTRY_CREDENTIAL_FILE, LICENSE_FILE } from '../src/import/nj-licenses.ts';
import { SECTOR_COLUMNS_USED, SECTORS_FILE, SECTORS_SHEET } from '../src/import/oews-sectors.ts';
import { PROJECTION_COLUMNS_USED, PROJECTIONS_FILE, PROJECTIONS_SHEET } from '../src/import/projections.ts';
import { reduceWorkbook } from './reduce-workbook.ts';

const ONET_FILES = [
  'Read Me.txt',
  'Occupation Data.txt',
  'Alternate Titles.txt',
  'Sample of Reported Titles.txt',
  'Task Statements.txt',
  'Skills.txt',
  'Knowledge.txt',
  'Education, Training, and Experience.txt',
  'Education, Training, and Experience Categories.txt',
  'Job Zones.txt',
  'Related Occupations.txt',
  'Technology Skills.txt',
  'Content Model Reference.txt',
];

/** The ESCO 1.1.1 members the importer reads (db/src/import/esco-skills.ts). */
const ESCO_MEMBERS = {
  'classification-en-csv.zip': ['occupations_en.csv', 'ISCOGroups_en.csv', 'skills_en.csv', 'skillGroups_en.csv'],
  'relations-csv.zip': ['occupationSkillRelations.csv', 'broaderRelationsSkillPillar.csv'],
};

const source = process.argv[2];
if (!source) {
  console.error('usage: npx tsx db/scripts/vendor-reference-data.ts <reference data folder>');
  process.exit(2);
}
const target = new URL('../data/', import.meta.url).pathname;
const copy = (from: string, to: string) => {
  const bytes = gzipSync(readFileSync(from), { level: 9 });
  writeFileSync(to, bytes);
  console.log(`${to} (${(bytes.length / 1024).toFixed(0)} KiB)`);
};
mkdirSync(`${target}/onet`, { recursive: true });
for (const name of ONET_FILES) copy(`${source}/onet/${name}`, `${target}/onet/${name}.gz`);
mkdirSync(`${target}/bls_oews`, { recursive: true });
copy(`${source}/bls_oews/national_M2024_dl.csv`, `${target}/bls_oews/national_M2024_dl.csv.gz`);

// Workbooks: only the sheet, rows and columns the importers read, each cell at its published row and column.
mkdirSync(`${target}/naics`, { recursive: true });
const naics = `${source}/naics/${NAICS_FILE}`;
await reduceWorkbook(naics, `${target}/naics/${NAICS_FILE}`, {
  sheet: 'tbl_2022_title_description_coun',
  headerRow: 1,
  columns: ['Seq. No.', '2022 NAICS US   Code', '2022 NAICS US Title'],
  keep: (row) => /^(\d{2}|\d{2}-\d{2})$/.test(String(row['2022 NAICS US   Code'] ?? '')),
});
mkdirSync(`${target}/bls_ep`, { recursive: true });
await reduceWorkbook(`${source}/bls_ep/${PROJECTIONS_FILE}`, `${target}/bls_ep/${PROJECTIONS_FILE}`, {
  sheet: PROJECTIONS_SHEET,
  headerRow: 2,
  columns: PROJECTION_COLUMNS_USED,
});
await reduceWorkbook(`${source}/bls_ep/${SECTORS_FILE}`, `${target}/bls_ep/${SECTORS_FILE}`, {
  sheet: SECTORS_SHEET,
  headerRow: 1,
  columns: SECTOR_COLUMNS_USED,
  keep: (row) => row.O_GROUP === 'detailed',
});
mkdirSync(`${target}/nj_licenses`, { recursive: true });
for (const name of [LICENSE_FILE, INDUSTRY_CREDENTIAL_FILE])
  copy(`${source}/nj_licenses/${name}`, `${target}/nj_licenses/${name}.gz`);
// The SOC workbooks are one sheet each, already compressed (xlsx is a zip): copied as published.
mkdirSync(`${target}/bls_soc`, { recursive: true });
for (const name of [SOC_STRUCTURE_FILE, SOC_DEFINITIONS_FILE, SOC_CROSSWALK_FILE, SOC_TITLES_FILE])
  copyFileSync(`${source}/bls_soc/${name}`, `${target}/bls_soc/${name}`);
mkdirSync(`${target}/nces_cip`, { recursive: true });
copy(`${source}/nces_cip/${CIP_CODES_FILE}`, `${target}/nces_cip/${CIP_CODES_FILE}.gz`);
await reduceWorkbook(`${source}/nces_cip/${CIP_CROSSWALK_FILE}`, `${target}/nces_cip/${CIP_CROSSWALK_FILE}`, {
  sheet: CIP_CROSSWALK_SHEET,
  headerRow: 1,
  columns: ['CIP2020Code', 'CIP2020Title', 'SOC2018Code', 'SOC2018Title'],
});
for (const name of [
  `naics/${NAICS_FILE}`,
  `bls_ep/${PROJECTIONS_FILE}`,
  `bls_ep/${SECTORS_FILE}`,
  `nces_cip/${CIP_CROSSWALK_FILE}`,
  ...[SOC_STRUCTURE_FILE, SOC_DEFINITIONS_FILE, SOC_CROSSWALK_FILE, SOC_TITLES_FILE].map((n) => `bls_soc/${n}`),
]) {
  console.log(`${target}/${name} (${(statSync(`${target}/${name}`).size / 1024).toFixed(0)} KiB)`);
}

mkdirSync(`${target}/esco_1_1_1`, { recursive: true });
for (const [archive, members] of Object.entries(ESCO_MEMBERS)) {
  const wanted = new Set(members);
  const files = unzipSync(readFileSync(`${source}/esco_1_1_1/${archive}`), { filter: (f) => wanted.has(f.name) });
  const bytes = zipSync(files, { level: 9 });
  writeFileSync(`${target}/esco_1_1_1/${archive}`, bytes);
  console.log(`${target}/esco_1_1_1/${archive} (${(bytes.length / 1024).toFixed(0)} KiB)`);
}
mkdirSync(`${target}/nesta_esco_onet`, { recursive: true });
copy(
  `${source}/nesta_esco_onet/esco_onet_crosswalk_Nov2020.csv`,
  `${target}/nesta_esco_onet/esco_onet_crosswalk_Nov2020.csv.gz`,
);

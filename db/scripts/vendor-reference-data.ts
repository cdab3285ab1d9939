/**
 * Copies, gzip-compressed, the reference files the default start imports into db/data/:
 *   npx tsx db/scripts/vendor-reference-data.ts ../shared/data
 * The files are the published ones, unmodified; db/data/ATTRIBUTION.md carries their licences. ESCO's zips
 * keep only the members the importer reads (each member byte for byte), recompressed.
 * The ISCO-08 crosswalk's CSV is made by db/scripts/convert-isco-soc-crosswalk.ts.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { unzipSync, zipSync } from 'fflate';

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
mkdirSync(`${target}/bls_soc`, { recursive: true });
// an xlsx workbook is a zip already
copyFileSync(`${source}/bls_soc/soc_2010_to_2018_crosswalk.xlsx`, `${target}/bls_soc/soc_2010_to_2018_crosswalk.xlsx`);

/**
 * Copies, gzip-compressed, the reference files the default start imports into db/data/:
 *   npx tsx db/scripts/vendor-reference-data.ts ../shared/data
 * The files are the published ones, unmodified; db/data/ATTRIBUTION.md carries their licences.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

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

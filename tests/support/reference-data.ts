import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The reference data folder beside the repository (../shared/data); KG_REFERENCE_DATA overrides. */
export const REFERENCE_DATA =
  process.env.KG_REFERENCE_DATA ?? new URL('../../../shared/data/', import.meta.url).pathname;

/** Data rows of a published tab-separated file, split plainly (independent of the importer's parser). */
export function tsvRows(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.length > 0)
    .map((line) => line.split('\t'));
}

/** Files whose rows are not per occupation: copied whole. */
const SHARED_FILES = new Set([
  'Read Me.txt',
  'Content Model Reference.txt',
  'Education, Training, and Experience Categories.txt',
  'Job Zone Reference.txt',
  'Scales Reference.txt',
]);

/**
 * Some files of the O*NET 29.3 release cut down to the rows of the given occupations, in the published format
 * (header kept), with the release's Read Me. Returns the folder.
 */
export function onetFilesOf(codes: ReadonlySet<string>, files: readonly string[], prefix = 'onet-subset-'): string {
  const from = join(REFERENCE_DATA, 'onet');
  const dir = mkdtempSync(join(tmpdir(), prefix));
  copyFileSync(join(from, 'Read Me.txt'), join(dir, 'Read Me.txt'));
  for (const file of files) {
    const [header, ...rows] = readFileSync(join(from, file), 'utf8').split(/\r?\n/);
    const kept = rows.filter((row) => codes.has(row.split('\t')[0]));
    writeFileSync(join(dir, file), `${[header, ...kept].join('\n')}\n`);
  }
  return dir;
}

/**
 * A small O*NET release in the published format: the rows of the given occupations from every file of
 * a release folder (related occupations only among them). Returns the folder.
 */
export function onetSlice(release: string, codes: readonly string[], into?: string): string {
  const from = join(REFERENCE_DATA, release);
  const dir = into ?? mkdtempSync(join(tmpdir(), `onet-${release}-`));
  mkdirSync(dir, { recursive: true });
  const wanted = new Set(codes);
  for (const name of readdirSync(from)) {
    if (!name.endsWith('.txt')) continue;
    if (SHARED_FILES.has(name)) {
      copyFileSync(join(from, name), join(dir, name));
      continue;
    }
    const [header, ...lines] = readFileSync(join(from, name), 'utf8').split('\n');
    const columns = header.split('\t');
    const code = columns.indexOf('O*NET-SOC Code');
    if (code < 0) continue;
    const related = columns.indexOf('Related O*NET-SOC Code');
    const kept = lines.filter((line) => {
      const cells = line.split('\t');
      return line.length > 0 && wanted.has(cells[code]) && (related < 0 || wanted.has(cells[related]));
    });
    writeFileSync(join(dir, name), `${[header, ...kept].join('\n')}\n`);
  }
  return dir;
}

export const hasReferenceData = () => existsSync(join(REFERENCE_DATA, 'onet', 'Occupation Data.txt'));

import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ImportFileError, locate, type Row, RowChecker, readDelimited } from '../read.ts';

/** An estimate's columns, as every rated O*NET file has them. */
const ESTIMATE = ['Data Value', 'N', 'Standard Error', 'Lower CI Bound', 'Upper CI Bound', 'Recommend Suppress'];
const ELEMENT = ['Element ID', 'Element Name', 'Scale ID'];
const RATING = [
  'O*NET-SOC Code',
  'Title',
  ...ELEMENT,
  'Scale Name',
  ...ESTIMATE,
  'Not Relevant',
  'Date',
  'Domain Source',
];

/**
 * The O*NET database, as published (tab-separated text, one header row). Releases from 27.0 on are read;
 * 29.3 added a Title column to most files, and writes empty cells where 27.0 wrote n/a.
 */
const FILES = {
  occupations: { name: 'Occupation Data.txt', headers: [['O*NET-SOC Code', 'Title', 'Description']] },
  jobZones: {
    name: 'Job Zones.txt',
    headers: [
      ['O*NET-SOC Code', 'Title', 'Job Zone', 'Date', 'Domain Source'],
      ['O*NET-SOC Code', 'Job Zone', 'Date', 'Domain Source'],
    ],
  },
  alternateTitles: {
    name: 'Alternate Titles.txt',
    headers: [
      ['O*NET-SOC Code', 'Title', 'Alternate Title', 'Short Title', 'Source(s)'],
      ['O*NET-SOC Code', 'Alternate Title', 'Short Title', 'Source(s)'],
    ],
  },
  reportedTitles: {
    name: 'Sample of Reported Titles.txt',
    headers: [
      ['O*NET-SOC Code', 'Title', 'Reported Job Title', 'Shown in My Next Move'],
      ['O*NET-SOC Code', 'Reported Job Title', 'Shown in My Next Move'],
    ],
  },
  tasks: {
    name: 'Task Statements.txt',
    headers: [
      ['O*NET-SOC Code', 'Title', 'Task ID', 'Task', 'Task Type', 'Incumbents Responding', 'Date', 'Domain Source'],
      ['O*NET-SOC Code', 'Task ID', 'Task', 'Task Type', 'Incumbents Responding', 'Date', 'Domain Source'],
    ],
  },
  skills: { name: 'Skills.txt', headers: [RATING] },
  knowledge: { name: 'Knowledge.txt', headers: [RATING] },
  education: {
    name: 'Education, Training, and Experience.txt',
    headers: [
      ['O*NET-SOC Code', 'Title', ...ELEMENT, 'Scale Name', 'Category', ...ESTIMATE, 'Date', 'Domain Source'],
      ['O*NET-SOC Code', ...ELEMENT, 'Category', ...ESTIMATE, 'Date', 'Domain Source'],
    ],
  },
  educationCategories: {
    name: 'Education, Training, and Experience Categories.txt',
    headers: [
      [...ELEMENT, 'Scale Name', 'Category', 'Category Description'],
      [...ELEMENT, 'Category', 'Category Description'],
    ],
  },
  related: {
    name: 'Related Occupations.txt',
    headers: [
      ['O*NET-SOC Code', 'Title', 'Related O*NET-SOC Code', 'Related Title', 'Relatedness Tier', 'Index'],
      ['O*NET-SOC Code', 'Related O*NET-SOC Code', 'Relatedness Tier', 'Index'],
    ],
  },
  technology: {
    name: 'Technology Skills.txt',
    headers: [
      ['O*NET-SOC Code', 'Title', 'Example', 'Commodity Code', 'Commodity Title', 'Hot Technology', 'In Demand'],
      ['O*NET-SOC Code', 'Example', 'Commodity Code', 'Commodity Title', 'Hot Technology'],
    ],
  },
  contentModel: { name: 'Content Model Reference.txt', headers: [['Element ID', 'Element Name', 'Description']] },
} as const;

type FileKey = keyof typeof FILES;
/** Files an O*NET import needs; the others are read when present. */
const REQUIRED: FileKey[] = ['occupations', 'alternateTitles'];

export interface OnetFile {
  name: string;
  rows: Row[];
  check: RowChecker;
}

/** The files of a release folder, by what they hold; an optional file the folder lacks is undefined. */
export type OnetFiles = Record<FileKey, OnetFile | undefined>;

export function readOnetFiles(dir: string): OnetFiles {
  return Object.fromEntries((Object.keys(FILES) as FileKey[]).map((key) => [key, readOnet(dir, key)])) as OnetFiles;
}

/** Reads a file with whichever published header it has. */
function readOnet(dir: string, key: FileKey): OnetFile | undefined {
  const spec = FILES[key];
  let path: string;
  try {
    path = locate(dir, spec.name);
  } catch (error) {
    if (REQUIRED.includes(key)) throw error;
    return undefined;
  }
  let lastError: unknown;
  for (const columns of spec.headers) {
    try {
      return {
        name: spec.name,
        rows: readDelimited(path, { delimiter: '\t', columns }),
        check: new RowChecker(spec.name),
      };
    } catch (error) {
      lastError = error;
      // only a header mismatch is worth trying the other release's header for
      if (!(error instanceof ImportFileError && error.line === 1 && error.reason.startsWith('unexpected header')))
        throw error;
    }
  }
  throw lastError;
}

/** The release named in the folder's "Read Me.txt" ("O*NET 29.3 Database"). */
export function onetRelease(dir: string): { version: string; published: string | null } {
  for (const name of ['Read Me.txt', 'Read Me.txt.gz']) {
    const path = `${dir}/${name}`;
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    const text = (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    const version = /O\*NET ([\d.]+) Database/.exec(text)?.[1];
    const month =
      /(January|February|March|April|May|June|July|August|September|October|November|December) (\d{4}) Release/.exec(
        text,
      );
    if (version) {
      const published = month
        ? `${month[2]}-${String(new Date(`${month[1]} 1, 2000`).getMonth() + 1).padStart(2, '0')}-01`
        : null;
      return { version, published };
    }
  }
  throw new ImportFileError('Read Me.txt', 0, 'no "O*NET <version> Database" line found: which release is this?');
}

const quoteOf = (row: Row) => Object.values(row.values).join('\t');
export const cite = (file: OnetFile, row: Row) => ({ locator: `${file.name}, line ${row.line}`, quote: quoteOf(row) });
export type Citing = ReturnType<typeof cite>;
export const titleKey = (title: string) => title.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/** A row that links an occupation to another entity of the release (by that entity's key), as the file states it. */
export interface OnetLink {
  code: string;
  target: string;
  attributes: Record<string, unknown>;
  citing: Citing;
}

import { parseCsv } from './csv.ts';

/**
 * Citations of dataset rows: the importers cite a row by "<file>, line <n>" and quote the row as it is (tab- or
 * comma-separated). Read with the file's header, the row becomes the columns it states, as the source names them.
 */

const ONET_RATING = [
  'O*NET-SOC Code',
  'Title',
  'Element ID',
  'Element Name',
  'Scale ID',
  'Scale Name',
  'Data Value',
  'N',
  'Standard Error',
  'Lower CI Bound',
  'Upper CI Bound',
  'Recommend Suppress',
  'Not Relevant',
  'Date',
  'Domain Source',
];

/** Headers of the files the importers cite, by file name; a file changed its columns between releases. */
const HEADERS: { [file: string]: string[][] } = {
  'Occupation Data.txt': [['O*NET-SOC Code', 'Title', 'Description']],
  'Job Zones.txt': [
    ['O*NET-SOC Code', 'Title', 'Job Zone', 'Date', 'Domain Source'],
    ['O*NET-SOC Code', 'Job Zone', 'Date', 'Domain Source'],
  ],
  'Alternate Titles.txt': [
    ['O*NET-SOC Code', 'Title', 'Alternate Title', 'Short Title', 'Source(s)'],
    ['O*NET-SOC Code', 'Alternate Title', 'Short Title', 'Source(s)'],
  ],
  'Sample of Reported Titles.txt': [
    ['O*NET-SOC Code', 'Title', 'Reported Job Title', 'Shown in My Next Move'],
    ['O*NET-SOC Code', 'Reported Job Title', 'Shown in My Next Move'],
  ],
  'Task Statements.txt': [
    ['O*NET-SOC Code', 'Title', 'Task ID', 'Task', 'Task Type', 'Incumbents Responding', 'Date', 'Domain Source'],
    ['O*NET-SOC Code', 'Task ID', 'Task', 'Task Type', 'Incumbents Responding', 'Date', 'Domain Source'],
  ],
  'Skills.txt': [ONET_RATING, ONET_RATING.filter((c) => c !== 'Title')],
  'Knowledge.txt': [ONET_RATING, ONET_RATING.filter((c) => c !== 'Title')],
  'Education, Training, and Experience.txt': [
    [...ONET_RATING.slice(0, 6), 'Category', ...ONET_RATING.slice(6, 12), 'Date', 'Domain Source'],
  ],
  'Related Occupations.txt': [
    ['O*NET-SOC Code', 'Title', 'Related O*NET-SOC Code', 'Related Title', 'Relatedness Tier', 'Index'],
  ],
  'Technology Skills.txt': [
    ['O*NET-SOC Code', 'Title', 'Example', 'Commodity Code', 'Commodity Title', 'Hot Technology', 'In Demand'],
    ['O*NET-SOC Code', 'Example', 'Commodity Code', 'Commodity Title', 'Hot Technology'],
  ],
  'national_M2024_dl.csv': [
    'AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,NAICS,NAICS_TITLE,I_GROUP,OWN_CODE,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,JOBS_1000,LOC_QUOTIENT,PCT_TOTAL,PCT_RPT,H_MEAN,A_MEAN,MEAN_PRSE,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,ANNUAL,HOURLY'.split(
      ',',
    ),
  ],
};

/** The OEWS columns by the names its documentation gives them. */
const COLUMN_NAMES: { [column: string]: string } = {
  AREA_TITLE: 'Area',
  NAICS_TITLE: 'Industry',
  OCC_CODE: 'SOC code',
  OCC_TITLE: 'Occupation',
  TOT_EMP: 'Employment',
  H_MEAN: 'Mean hourly wage',
  A_MEAN: 'Mean annual wage',
  H_MEDIAN: 'Median hourly wage',
  A_MEDIAN: 'Median annual wage',
  A_PCT10: 'Annual wage, 10th percentile',
  A_PCT25: 'Annual wage, 25th percentile',
  A_PCT75: 'Annual wage, 75th percentile',
  A_PCT90: 'Annual wage, 90th percentile',
};

/** Columns that only say how a row was coded; the raw row keeps them. */
const HIDDEN = new Set(['AREA', 'AREA_TYPE', 'PRIM_STATE', 'NAICS', 'I_GROUP', 'OWN_CODE', 'O_GROUP', 'Domain Source']);

export interface DatasetRow {
  file: string;
  line: number;
  /** The columns the row states, named as the source names them; empty when the file's header is unknown. */
  columns: Array<{ name: string; value: string }>;
  raw: string;
}

const splitCsv = (line: string): string[] => parseCsv(line)[0] ?? [''];

/** A citation of a dataset row read as its columns, or null when the citation quotes a text. */
export function readDatasetRow(
  quote: string | null | undefined,
  locator: string | null | undefined,
): DatasetRow | null {
  const where = /^(.+?), (?:record at )?line (\d+)$/.exec(locator ?? '');
  if (!where || !quote) return null;
  const [, file, line] = where;
  const values = file.endsWith('.csv') ? splitCsv(quote) : quote.split('\t');
  const header = HEADERS[file]?.find((h) => h.length === values.length);
  const columns = header
    ? header
        .map((name, i) => ({ name: COLUMN_NAMES[name] ?? name, value: values[i]?.trim() ?? '', column: name }))
        .filter((c) => c.value !== '' && !HIDDEN.has(c.column))
        .map(({ name, value }) => ({ name, value }))
    : [];
  return { file, line: Number(line), columns, raw: quote };
}

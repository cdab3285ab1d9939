import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';

/** A file that cannot be imported: which file, which line, and why. Nothing was written. */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}, line ${line}: ${reason}`);
    this.name = 'ImportFileError';
  }
}

export interface Row {
  /** 1-based line of the record in its file (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

export interface ReadOptions {
  delimiter: '\t' | ',';
  /** The header the published file has, exactly; other columns or another order are refused. */
  columns: readonly string[];
  /**
   * Some publishers end the last record without a line break; a cut-short file then shows as a record
   * with fields missing or a bad last value, which the importer's checks refuse.
   */
  lastLineBreakOptional?: boolean;
}

/**
 * Finds a data file by its published name, also accepting a gzip-compressed copy (`name.gz`), which is
 * how the default start ships them.
 */
export function locate(dir: string, name: string): string {
  for (const candidate of [`${dir}/${name}`, `${dir}/${name}.gz`]) if (existsSync(candidate)) return candidate;
  throw new ImportFileError(name, 0, `not found in ${dir}`);
}

/**
 * Reads a published delimited file whole and checks its shape before anything is written: the exact
 * header, the same number of fields on every line, and a final line ending (a file cut short ends
 * mid-record).
 */
export function readDelimited(path: string, options: ReadOptions): Row[] {
  const { file, text } = readPublishedText(path);
  return parseDelimited(file, text, options);
}

/** The text of a published file (or of its gzip-compressed copy), with the name errors give it. */
export function readPublishedText(path: string): { file: string; text: string } {
  const file = basename(path).replace(/\.gz$/, '');
  try {
    const bytes = readFileSync(path);
    return { file, text: (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8') };
  } catch (error) {
    throw new ImportFileError(file, 0, `cannot be read: ${(error as Error).message}`);
  }
}

/** Checks and parses the text of a published delimited file, as {@link readDelimited} does. */
export function parseDelimited(file: string, text: string, options: ReadOptions): Row[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0) throw new ImportFileError(file, 1, 'the file is empty');
  if (!text.endsWith('\n') && !options.lastLineBreakOptional) {
    const lines = text.split('\n').length;
    throw new ImportFileError(file, lines, 'the file does not end with a line break: it looks truncated');
  }
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter: options.delimiter,
      quote: '"',
      relax_quotes: true,
      relax_column_count: true,
      info: true,
      skip_empty_lines: false,
      bom: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new ImportFileError(file, e.lines ?? 0, e.message.replace(/^Invalid Record Length: /, ''));
  }
  const [header, ...body] = records;
  const expected = options.columns.join(' | ');
  if (!header || header.record.map((c) => c.trim()).join(' | ') !== expected) {
    throw new ImportFileError(file, 1, `unexpected header; expected: ${expected}`);
  }
  return body.map(({ record, info }) => {
    if (record.length !== options.columns.length) {
      throw new ImportFileError(file, info.lines, `expected ${options.columns.length} fields, found ${record.length}`);
    }
    return {
      line: info.lines,
      values: Object.fromEntries(options.columns.map((c, i) => [c, record[i]])),
    };
  });
}

/**
 * The members of a published zip archive (ESCO ships its CSV files zipped), as text, read whole. A damaged
 * or cut-short archive, or one without the wanted members, is refused by name.
 */
export function readZip(path: string, members: readonly string[]): Map<string, string> {
  const file = basename(path);
  let entries: Record<string, Uint8Array>;
  try {
    const wanted = new Set(members);
    entries = unzipSync(readFileSync(path), { filter: (entry) => wanted.has(entry.name) });
  } catch (error) {
    throw new ImportFileError(file, 0, `is not a readable zip archive: ${(error as Error).message}`);
  }
  const texts = new Map<string, string>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const member of members) {
    const bytes = entries[member] ?? null;
    if (!bytes) throw new ImportFileError(`${file}: ${member}`, 0, 'is not in the archive');
    try {
      texts.set(member, decoder.decode(bytes));
    } catch {
      throw new ImportFileError(`${file}: ${member}`, 0, 'is not UTF-8 text');
    }
  }
  return texts;
}

/** Field checks that name the file and line of the first bad value. */
export class RowChecker {
  constructor(readonly file: string) {}

  fail(row: Row, reason: string): never {
    throw new ImportFileError(this.file, row.line, reason);
  }

  text(row: Row, column: string, { optional = false } = {}): string {
    const value = (row.values[column] ?? '').trim();
    if (!value && !optional) this.fail(row, `${column} is empty`);
    return value;
  }

  match(row: Row, column: string, pattern: RegExp, what: string): string {
    const value = this.text(row, column);
    if (!pattern.test(value)) this.fail(row, `${column} "${value}" is not ${what}`);
    return value;
  }

  number(row: Row, column: string, { optional = false } = {}): number | null {
    const value = this.text(row, column, { optional });
    if (value === '' || (optional && value.toLowerCase() === 'n/a')) return null;
    const number = Number(value);
    if (!Number.isFinite(number)) this.fail(row, `${column} "${value}" is not a number`);
    return number;
  }

  oneOf<T extends string>(row: Row, column: string, values: readonly T[], { optional = false } = {}): T | null {
    const value = this.text(row, column, { optional });
    if (value === '' && optional) return null;
    if (!values.includes(value as T)) this.fail(row, `${column} "${value}" is not one of ${values.join(', ')}`);
    return value as T;
  }
}

export const ONET_SOC = /^\d{2}-\d{4}\.\d{2}$/;
export const SOC = /^\d{2}-\d{4}$/;

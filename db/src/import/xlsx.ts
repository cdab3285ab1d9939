import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createGunzip, gunzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { ImportFileError, type Row, RowChecker } from './read.ts';

export interface SheetOptions {
  /** The worksheet's published name. */
  sheet: string;
  /** 1-based sheet row that holds the column names (BLS workbooks put a title block above it). */
  headerRow: number;
  /**
   * The published header, exactly, from the first used column on; other names or another order are refused.
   * An empty name stands for a column the publisher left without a header (the titles of the SOC structure).
   */
  columns: readonly string[];
}

/**
 * Reads one worksheet of a published workbook (`.xlsx`, or `.xlsx.gz`) and checks its shape before anything
 * is written: the workbook opens (a truncated or damaged file does not), the sheet exists, and the header row
 * holds exactly the published column names. Every later non-empty row becomes a {@link Row} whose `line` is
 * its sheet row number, so errors and citations point at the row a reader sees in a spreadsheet program.
 * Cells are read as text: numbers as written, rich text joined, formulas by their cached result.
 */
export async function readSheet(path: string, options: SheetOptions): Promise<Row[]> {
  const file = basename(path).replace(/\.gz$/, '');
  const workbook = new ExcelJS.Workbook();
  try {
    const bytes = readFileSync(path);
    const buffer = path.endsWith('.gz') ? gunzipSync(bytes) : bytes;
    // exceljs types its load() argument as its own Buffer alias; a Node Buffer is what it reads.
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    throw new ImportFileError(
      file,
      0,
      `is not a readable xlsx workbook (damaged or truncated?): ${(error as Error).message}`,
    );
  }
  const sheet = workbook.getWorksheet(options.sheet);
  if (!sheet) {
    const names = workbook.worksheets.map((s) => s.name).join(', ');
    throw new ImportFileError(file, 0, `has no sheet "${options.sheet}" (sheets: ${names})`);
  }
  const header = sheetRow(sheet, options.headerRow);
  const first = header.findIndex((v) => v !== '');
  const found = first < 0 ? [] : header.slice(first);
  while (found.length > 0 && found[found.length - 1] === '') found.pop();
  while (found.length < options.columns.length) found.push('');
  const expected = options.columns.map((c) => c || '(no header)').join(' | ');
  if (found.map((c) => c || '(no header)').join(' | ') !== expected) {
    throw new ImportFileError(
      file,
      options.headerRow,
      `unexpected header in sheet "${options.sheet}"; expected: ${expected}`,
    );
  }
  const rows: Row[] = [];
  for (let line = options.headerRow + 1; line <= sheet.rowCount; line++) {
    const cells = sheetRow(sheet, line);
    if (cells.every((v) => v === '')) continue;
    const beyond = cells.slice(first + options.columns.length).findIndex((v) => v !== '');
    if (beyond >= 0 || cells.slice(0, first).some((v) => v !== '')) {
      throw new ImportFileError(file, line, `has a value outside the ${options.columns.length} published columns`);
    }
    rows.push({
      line,
      values: Object.fromEntries(options.columns.map((c, i) => [c || `column ${i + 1}`, cells[first + i] ?? ''])),
    });
  }
  return rows;
}

/** The text of every cell of one sheet row, from column A (index 0). */
function sheetRow(sheet: ExcelJS.Worksheet, line: number): string[] {
  const row = sheet.getRow(line);
  const cells: string[] = [];
  for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column).value).trim());
  return cells;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return cellText((value as ExcelJS.CellFormulaValue).result ?? null);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

/**
 * {@link readSheet} for large workbooks (the OEWS by-sector estimates are 3 MB): the same checks and rows,
 * read as a stream, one sheet row at a time, instead of holding the whole workbook.
 */
export async function streamSheet(path: string, options: SheetOptions): Promise<Row[]> {
  const file = basename(path).replace(/\.gz$/, '');
  if (!existsSync(path)) throw new ImportFileError(file, 0, `not found: ${path}`);
  const input = path.endsWith('.gz') ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const rows: Row[] = [];
  const sheets: string[] = [];
  let first = -1;
  let headed = false;
  try {
    for await (const worksheet of reader) {
      // the streaming reader names its worksheets without declaring the property
      const name = (worksheet as unknown as { name: string }).name;
      sheets.push(name);
      for await (const row of worksheet) {
        if (name !== options.sheet || row.number < options.headerRow) continue;
        const cells = (row.values as ExcelJS.CellValue[]).slice(1).map((v) => cellText(v ?? null).trim());
        if (row.number === options.headerRow) {
          first = cells.findIndex((v) => v !== '');
          const found = first < 0 ? [] : cells.slice(first);
          while (found.length > 0 && found[found.length - 1] === '') found.pop();
          if (found.join(' | ') !== options.columns.join(' | ')) {
            throw new ImportFileError(
              file,
              row.number,
              `unexpected header in sheet "${options.sheet}"; expected: ${options.columns.join(' | ')}`,
            );
          }
          headed = true;
          continue;
        }
        if (!headed) throw new ImportFileError(file, options.headerRow, `sheet "${options.sheet}" has no header row`);
        if (cells.every((v) => v === '')) continue;
        if (
          cells.slice(first + options.columns.length).some((v) => v !== '') ||
          cells.slice(0, first).some((v) => v !== '')
        ) {
          throw new ImportFileError(
            file,
            row.number,
            `has a value outside the ${options.columns.length} published columns`,
          );
        }
        rows.push({
          line: row.number,
          values: Object.fromEntries(options.columns.map((c, i) => [c, cells[first + i] ?? ''])),
        });
      }
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(
      file,
      0,
      `is not a readable xlsx workbook (damaged or truncated?): ${(error as Error).message}`,
    );
  }
  if (!sheets.includes(options.sheet)) {
    throw new ImportFileError(file, 0, `has no sheet "${options.sheet}" (sheets: ${sheets.join(', ')})`);
  }
  if (!headed) throw new ImportFileError(file, options.headerRow, `sheet "${options.sheet}" has no header row`);
  return rows;
}

/** Where a sheet row is, for citations: the published file, its sheet and the row a spreadsheet shows. */
/** {@link streamSheet}, with the workbook's name and the checks that give it in their errors. */
export async function streamCheckedSheet(path: string, options: SheetOptions) {
  const file = basename(path);
  return { file, check: new RowChecker(file), rows: await streamSheet(path, options) };
}

/** {@link readSheet}, with the checks that name the file (as its release publishes it) in their errors. */
export async function readCheckedSheet(path: string, options: SheetOptions, file: string) {
  return { check: new RowChecker(file), rows: await readSheet(path, options) };
}

export const sheetLocator = (file: string, sheet: string, line: number) => `${file}, sheet ${sheet}, row ${line}`;

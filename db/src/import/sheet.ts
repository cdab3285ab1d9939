import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import { ImportFileError, type Row } from './read.ts';

export interface SheetSpec {
  /** The worksheet's name as published. */
  sheet: string;
  /** The 1-based row holding the column names (BLS tables put a title above them). */
  headerRow: number;
  /** The header as published, exactly: other names or another order are refused. */
  columns: readonly string[];
}

/** A row of a worksheet; `line` is its row number in the sheet, as Excel shows it. */
export type SheetRow = Row;

/** The text a cell shows: rich text joined, a hyperlink's text, a formula's result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
  }
  return '';
}

/**
 * Reads one worksheet of a published workbook, streaming (the OEWS by-sector workbook is 3 MB), and checks
 * its header before anything is written. Rows above the header are skipped; empty rows are left out.
 */
export async function readSheet(path: string, spec: SheetSpec): Promise<SheetRow[]> {
  const file = basename(path);
  if (!existsSync(path)) throw new ImportFileError(file, 0, `not found in ${path.slice(0, -file.length - 1)}`);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const rows: SheetRow[] = [];
  let found = false;
  let header: string[] | null = null;
  try {
    for await (const worksheet of reader) {
      // the streaming reader names its worksheets but does not declare the property
      const name = (worksheet as unknown as { name?: string }).name;
      if (name !== spec.sheet) {
        // the rows of other sheets must still be consumed for the stream to move on
        for await (const _ of worksheet) void _;
        continue;
      }
      found = true;
      for await (const row of worksheet) {
        const cells = (row.values as ExcelJS.CellValue[]).slice(1).map((v) => cellText(v).trim());
        if (row.number < spec.headerRow) continue;
        if (row.number === spec.headerRow) {
          header = cells;
          const expected = spec.columns.join(' | ');
          if (spec.columns.some((c, i) => (cells[i] ?? '').replace(/\s+/g, ' ') !== c)) {
            throw new ImportFileError(file, row.number, `unexpected header in sheet ${spec.sheet}; expected: ${expected}`);
          }
          continue;
        }
        if (!header) throw new ImportFileError(file, row.number, `sheet ${spec.sheet} has no header in row ${spec.headerRow}`);
        if (cells.every((c) => c === '')) continue;
        if (cells.length > spec.columns.length && cells.slice(spec.columns.length).some((c) => c !== '')) {
          throw new ImportFileError(file, row.number, `expected ${spec.columns.length} columns, found ${cells.length}`);
        }
        rows.push({ line: row.number, values: Object.fromEntries(spec.columns.map((c, i) => [c, cells[i] ?? ''])) });
      }
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(file, 0, `cannot be read as a workbook: ${(error as Error).message}`);
  }
  if (!found) throw new ImportFileError(file, 0, `has no sheet named ${spec.sheet}`);
  if (!header) throw new ImportFileError(file, spec.headerRow, `sheet ${spec.sheet} has no header row`);
  return rows;
}

/** Where a sheet row is, for citations: the published file, sheet and row. */
export const sheetLocator = (file: string, sheet: string, row: number) => `${file}, sheet ${sheet}, row ${row}`;

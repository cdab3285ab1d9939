import ExcelJS from 'exceljs';

export interface Reduction {
  sheet: string;
  headerRow: number;
  /** Names of the header's columns whose cells are kept; the header row itself is kept whole. */
  columns: readonly string[];
  /** Whether a data row is kept, given its cells by column name. */
  keep?: (row: Record<string, ExcelJS.CellValue>) => boolean;
}

/**
 * Writes a copy of one sheet of a published workbook holding only the cells an importer reads: the rows above
 * and at the header whole, then the kept rows' cells in the kept columns, each at its published row and column,
 * so that the importer reads the copy exactly as it reads the original and cites the same rows.
 */
export async function reduceWorkbook(from: string, to: string, reduction: Reduction) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(from, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const output = new ExcelJS.Workbook();
  const sheet = output.addWorksheet(reduction.sheet);
  let header: string[] = [];
  let kept = 0;
  for await (const worksheet of reader) {
    const name = (worksheet as unknown as { name: string }).name;
    for await (const row of worksheet) {
      if (name !== reduction.sheet) continue;
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      if (row.number <= reduction.headerRow) {
        values.forEach((v, i) => {
          sheet.getCell(row.number, i + 1).value = v;
        });
        if (row.number === reduction.headerRow) header = values.map((v) => String(plain(v) ?? ''));
        continue;
      }
      const byName = Object.fromEntries(header.map((h, i) => [h, values[i] ?? null]));
      if (reduction.keep && !reduction.keep(byName)) continue;
      for (const column of reduction.columns) {
        const index = header.indexOf(column);
        if (index < 0) throw new Error(`${from}: no column ${column}`);
        if (values[index] != null) sheet.getCell(row.number, index + 1).value = plain(values[index]);
      }
      kept++;
    }
  }
  await output.xlsx.writeFile(to);
  return kept;
}

/** Rich text and hyperlinks as the text they show. */
function plain(value: ExcelJS.CellValue): ExcelJS.CellValue {
  if (value != null && typeof value === 'object' && 'richText' in value)
    return value.richText.map((p) => p.text).join('');
  if (value != null && typeof value === 'object' && 'text' in value) return String(value.text);
  return value ?? null;
}

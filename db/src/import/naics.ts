import { ImportFileError } from './read.ts';
import { type DesiredEntity, type ImportContext, syncEntities } from './sync.ts';
import { sheetLocator, streamCheckedSheet } from './xlsx.ts';

export const NAICS_FILE = '2-6 digit_2022_Codes.xlsx';
const SHEET = 'tbl_2022_title_description_coun';
const COLUMNS = ['Seq. No.', '2022 NAICS US   Code', '2022 NAICS US Title'] as const;
/** NAICS codes are 2 to 6 digits; a few sectors span several 2-digit codes and are published as ranges. */
const CODE = /^(\d{2}-\d{2}|\d{2,6})$/;
export const NAICS_NAMESPACE = 'naics';

interface NaicsSector {
  code: string;
  title: string;
  line: number;
  quote: string;
}

/** The NAICS 2022 sectors (2-digit codes and the ranges 31-33, 44-45, 48-49) of the Census code list. */
export async function readNaics(path: string) {
  const { file, check, rows } = await streamCheckedSheet(path, { sheet: SHEET, headerRow: 1, columns: COLUMNS });
  if (rows.length === 0) throw new ImportFileError(file, 2, `sheet ${SHEET} has no codes`);
  const sectors: NaicsSector[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    check.number(row, 'Seq. No.');
    const code = check.match(row, '2022 NAICS US   Code', CODE, 'a NAICS code like 62 or 31-33');
    const title = check.text(row, '2022 NAICS US Title');
    if (seen.has(code)) check.fail(row, `NAICS code ${code} is listed twice`);
    seen.add(code);
    if (code.length === 2 || code.includes('-')) {
      sectors.push({ code, title, line: row.line, quote: `${code} ${title}` });
    }
  }
  return { file, sectors };
}

/** Sectors as employers of type industry, keyed by their code. */
export async function importNaics(ctx: ImportContext, data: Awaited<ReturnType<typeof readNaics>>) {
  const desired: DesiredEntity[] = data.sectors.map((s) => ({
    key: s.code,
    kind: 'employer',
    name: s.title,
    details: { employerType: 'industry', naicsCode: s.code },
    locator: sheetLocator(data.file, SHEET, s.line),
    quote: s.quote,
  }));
  await syncEntities(ctx, NAICS_NAMESPACE, desired, { retireMissing: true });
}

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSocCrosswalk, SOC_CROSSWALK_FILE, successorsOf } from '@kg/db/import/bls-soc/crosswalk';
import { ImportFileError } from '@kg/db/import/read';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DATA } from './support/reference-data.ts';

const CROSSWALK = join(REFERENCE_DATA, 'bls_soc', SOC_CROSSWALK_FILE);

/** A copy of the crosswalk with one cell changed, written by exceljs as a spreadsheet program would. */
async function withCell(address: string, value: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(CROSSWALK);
  const sheet = workbook.getWorksheet('Sorted by 2010');
  if (!sheet) throw new Error('the crosswalk has no sheet "Sorted by 2010"');
  sheet.getCell(address).value = value;
  const path = join(mkdtempSync(join(tmpdir(), 'soc-crosswalk-')), SOC_CROSSWALK_FILE);
  await workbook.xlsx.writeFile(path);
  return path;
}

describe('the SOC 2010 -> 2018 crosswalk reader', () => {
  it('reads every pair with its titles and sheet row', async () => {
    const pairs = await readSocCrosswalk(CROSSWALK);
    expect(pairs).toHaveLength(900);
    expect(pairs[0]).toEqual({
      soc2010: '11-1011',
      title2010: 'Chief Executives',
      soc2018: '11-1011',
      title2018: 'Chief Executives',
      split: false,
      merged: false,
      row: 10,
    });
    const records = pairs.filter((p) => p.soc2010 === '29-2071');
    expect(records.map((p) => [p.soc2018, p.title2018, p.row, p.split])).toEqual([
      ['29-2072', 'Medical Records Specialists', 396, true],
      ['29-9021', 'Health Information Technologists and Medical Registrars', 397, true],
    ]);
    expect(records[1].merged).toBe(true);
    const successors = successorsOf(pairs);
    expect(successors.size).toBe(840);
    expect(successors.get('29-2071')).toEqual(['29-2072', '29-9021']);
    // Every split 2010 code is marked split by BLS, and only those.
    for (const pair of pairs) expect(pair.split).toBe((successors.get(pair.soc2010)?.length ?? 0) > 1);
  });

  it('refuses a bad code, a wrong header or a truncated workbook with file, row and reason', async () => {
    const badCode = await withCell('A396', '29-20X1');
    await expect(readSocCrosswalk(badCode)).rejects.toThrow(
      /^soc_2010_to_2018_crosswalk\.xlsx, line 396: 2010 SOC Code "29-20X1" is not a SOC code/,
    );
    const badHeader = await withCell('C9', '2018 Code');
    await expect(readSocCrosswalk(badHeader)).rejects.toThrow(
      /^soc_2010_to_2018_crosswalk\.xlsx, line 9: unexpected header/,
    );
    const bytes = readFileSync(CROSSWALK);
    const truncated = join(mkdtempSync(join(tmpdir(), 'soc-crosswalk-')), SOC_CROSSWALK_FILE);
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 2000));
    const error = await readSocCrosswalk(truncated).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(/^soc_2010_to_2018_crosswalk\.xlsx, line 0: is not a readable xlsx/);
  });
});

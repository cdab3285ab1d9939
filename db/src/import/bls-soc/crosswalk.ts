import { SOC } from '../read.ts';
import { readCheckedSheet } from '../xlsx.ts';

/** The published file name of the BLS SOC 2010 -> 2018 crosswalk. */
export const SOC_CROSSWALK_FILE = 'soc_2010_to_2018_crosswalk.xlsx';

/**
 * One row of the BLS SOC 2010 -> 2018 crosswalk: a 2010 code and a 2018 code it maps to. A 2010 code on
 * several rows was split; a 2018 code on several rows was formed by merging 2010 codes; the same code with
 * another title was renamed. BLS marks those titles with `(#)` (2010 code split) and `(##)` (2018 code that
 * takes in more than one 2010 code); the titles here are without the marks, which are kept as flags.
 */
export interface SocCrosswalkPair {
  soc2010: string;
  title2010: string;
  soc2018: string;
  title2018: string;
  /** The 2010 title carries BLS's `(#)`: the 2010 code went to more than one 2018 code. */
  split: boolean;
  /** The 2018 title carries BLS's `(##)`: the 2018 code took in more than one 2010 code (or part of one). */
  merged: boolean;
  /** Sheet row in `Sorted by 2010` (1-based, as a spreadsheet shows it), for citations. */
  row: number;
}

const COLUMNS = ['2010 SOC Code', '2010 SOC Title', '2018 SOC Code', '2018 SOC Title'] as const;

/**
 * Reads `soc_2010_to_2018_crosswalk.xlsx` (sheet `Sorted by 2010`, header on row 9) whole and checks every
 * row: both codes are SOC codes (`##-####`), both titles are present. A bad row is refused with the file,
 * its row and the reason ({@link ImportFileError}). Returns the pairs in file order (900 in the Nov 2017
 * release), so `29-2071` yields two pairs, to `29-2072` and `29-9021`.
 */
export async function readSocCrosswalk(path: string): Promise<SocCrosswalkPair[]> {
  const { rows, check } = await readCheckedSheet(
    path,
    { sheet: 'Sorted by 2010', headerRow: 9, columns: COLUMNS },
    SOC_CROSSWALK_FILE,
  );
  return rows.map((row) => {
    const title2010 = check.text(row, '2010 SOC Title');
    const title2018 = check.text(row, '2018 SOC Title');
    return {
      soc2010: check.match(row, '2010 SOC Code', SOC, 'a SOC code'),
      title2010: withoutMark(title2010),
      soc2018: check.match(row, '2018 SOC Code', SOC, 'a SOC code'),
      title2018: withoutMark(title2018),
      split: /\(#\)\s*$/.test(title2010),
      merged: /\(##\)\s*$/.test(title2018),
      row: row.line,
    };
  });
}

/** The 2018 codes each 2010 code became, from the pairs (one code for an unchanged or renamed occupation). */
export function successorsOf(pairs: readonly SocCrosswalkPair[]): Map<string, string[]> {
  const successors = new Map<string, string[]>();
  for (const pair of pairs) {
    const list = successors.get(pair.soc2010) ?? [];
    if (!list.includes(pair.soc2018)) list.push(pair.soc2018);
    successors.set(pair.soc2010, list);
  }
  return successors;
}

function withoutMark(title: string): string {
  return title.replace(/\s*\(#{1,2}\)\s*$/, '');
}

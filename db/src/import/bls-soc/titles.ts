import { SOC } from '../read.ts';
import { readCheckedSheet } from '../xlsx.ts';

export const SOC_TITLES_FILE = 'soc_2018_direct_match_title_file.xlsx';

/** A title BLS codes directly to one 2018 SOC detailed occupation. */
export interface DirectMatchTitle {
  socCode: string;
  socTitle: string;
  title: string;
  /** BLS marks some titles as illustrative examples (shown in the SOC manual). */
  illustrative: boolean;
  row: number;
}

const COLUMNS = ['2018 SOC Code', '2018 SOC Title', '2018 SOC Direct Match Title', 'Illustrative Example'] as const;

/** Reads the Direct Match Title File (`Sorted by SOC`, header on row 8) and checks every row. */
export async function readDirectMatchTitles(path: string): Promise<DirectMatchTitle[]> {
  const { rows, check } = await readCheckedSheet(
    path,
    { sheet: 'Sorted by SOC', headerRow: 8, columns: COLUMNS },
    SOC_TITLES_FILE,
  );
  return rows.map((row) => ({
    socCode: check.match(row, '2018 SOC Code', SOC, 'a SOC code'),
    socTitle: check.text(row, '2018 SOC Title'),
    title: check.text(row, '2018 SOC Direct Match Title'),
    illustrative: check.oneOf(row, 'Illustrative Example', ['x', 'X'] as const, { optional: true }) !== null,
    row: row.line,
  }));
}

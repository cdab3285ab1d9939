import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importOewsFile, importOnet } from '@kg/db/import/datasets';
import { ImportFileError } from '@kg/db/import/read';
import { expect, it } from 'vitest';
import { describeEachDatabase } from './support/databases.ts';
import { REFERENCE_DATA } from './support/reference-data.ts';

const ONET = join(REFERENCE_DATA, 'onet');
const OEWS = join(REFERENCE_DATA, 'bls_oews', 'national_M2024_dl.csv');

describeEachDatabase('refusing bad data files', (use) => {
  it('refuses a malformed or truncated file with its name, line and reason, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onet-bad-'));
    for (const name of ['Read Me.txt', 'Occupation Data.txt', 'Job Zones.txt'])
      copyFileSync(join(ONET, name), join(dir, name));
    const titles = readFileSync(join(ONET, 'Alternate Titles.txt'), 'utf8');
    const cases: Array<[string, () => void, RegExp]> = [
      [
        'truncated',
        () => writeFileSync(join(dir, 'Alternate Titles.txt'), titles.slice(0, titles.length - 25)),
        /^Alternate Titles\.txt, line \d+: .*truncated/,
      ],
      [
        'bad code',
        () =>
          writeFileSync(join(dir, 'Alternate Titles.txt'), titles.replace('\n11-1011.00\tChief', '\n11-1011\tChief')),
        /^Alternate Titles\.txt, line 2: O\*NET-SOC Code "11-1011" is not an O\*NET-SOC code/,
      ],
      [
        'missing field',
        () =>
          writeFileSync(
            join(dir, 'Alternate Titles.txt'),
            titles.replace('\tAgency Owner\t\t10\n', '\tAgency Owner\t10\n'),
          ),
        /^Alternate Titles\.txt, line 3: expected 5 fields, found 4/,
      ],
      [
        'wrong header',
        () => writeFileSync(join(dir, 'Alternate Titles.txt'), titles.replace('Alternate Title\t', 'Other Title\t')),
        /^Alternate Titles\.txt, line 1: unexpected header/,
      ],
      [
        'unknown occupation',
        () =>
          writeFileSync(
            join(dir, 'Alternate Titles.txt'),
            titles.replace('\n11-1011.00\tChief', '\n99-9999.00\tChief'),
          ),
        /^Alternate Titles\.txt, line 2: 99-9999\.00 is not in Occupation Data\.txt/,
      ],
    ];
    const before = await use().fingerprint();
    for (const [, corrupt, message] of cases) {
      corrupt();
      const error = await importOnet(use().handle.db, dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportFileError);
      expect((error as Error).message).toMatch(message);
    }
    expect(await use().fingerprint()).toEqual(before);
    const badOews = join(dir, 'national_M2024_dl.csv');
    writeFileSync(badOews, readFileSync(OEWS, 'utf8').replace(',29-2072,', ',29-20X2,'));
    const error = await importOewsFile(use().handle.db, badOews).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^national_M2024_dl\.csv, line \d+: OCC_CODE "29-20X2" is not a SOC code/);
    expect(await use().fingerprint()).toEqual(before);
  });
});

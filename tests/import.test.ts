import { importEscoFolder, importOewsFile, importOnet } from '@kg/db/import/datasets';
import { totals } from '@kg/db/import/run';
import { expect, it } from 'vitest';
import { describeEachDatabase } from './support/databases.ts';
import { declareImportChecks, healthSlice, importOnce, OEWS } from './support/import-checks.ts';

/**
 * O*NET 29.3, OEWS May 2024 and ESCO 1.0 on every database, from a slice of the releases (their health
 * occupations, in the published format) and OEWS whole. The whole releases are imported once in the suite, on
 * the server: tests/import-full.test.ts.
 */
describeEachDatabase('importing O*NET 29.3, OEWS May 2024 and ESCO 1.0, health occupations', (use) => {
  const imported = importOnce(use, healthSlice);
  declareImportChecks(use, imported);

  it('changes nothing when imported again', async () => {
    const { onet: ONET, esco: ESCO } = imported.releases;
    const before = await use().fingerprint();
    const onet = await importOnet(use().handle.db, ONET);
    const oews = await importOewsFile(use().handle.db, OEWS);
    const esco = await importEscoFolder(use().handle.db, ESCO);
    const after = await use().fingerprint();
    delete before.import_run;
    delete after.import_run;
    expect(after).toEqual(before);
    expect(totals(onet.counts)).toMatchObject({ created: 0, updated: 0, retired: 0 });
    expect(totals(oews.counts)).toMatchObject({ created: 0, updated: 0, retired: 0 });
    expect(totals(esco.counts)).toMatchObject({ created: 0, updated: 0, retired: 0 });
  });
});

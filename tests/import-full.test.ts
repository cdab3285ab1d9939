import { describeOnDatabase } from './support/databases.ts';
import { declareImportChecks, importOnce, wholeReleases } from './support/import-checks.ts';

/**
 * The suite's one import of whole releases: all of O*NET 29.3, OEWS May 2024 and ESCO 1.0, on the Postgres
 * server (PGlite takes several times as long), checked against the files like the slices of tests/import.test.ts.
 * Importing again changes nothing: the slices show that on both databases, so it is not repeated at full size.
 */
describeOnDatabase('postgres', 'importing the whole of O*NET 29.3, OEWS May 2024 and ESCO 1.0', (use) => {
  declareImportChecks(use, importOnce(use, wholeReleases));
});

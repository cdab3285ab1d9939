import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const require = createRequire(new URL('../api/package.json', import.meta.url));
const ROOT = new URL('..', import.meta.url).pathname;

/**
 * The longest files, longest first (as measured on a 2-core machine). Two workers take files in order, each the
 * next when it is free: started last, a long file would leave the other worker idle while it finishes. Vitest
 * orders by the last run's durations only when it has them, and a clean clone has none (it then puts larger
 * files first, which is no guide here).
 */
const LONGEST_FIRST = [
  'tests/import-full.test.ts',
  'tests/readme.test.ts',
  'tests/curation.test.ts',
  'tests/properties.test.ts',
  'tests/exchange.test.ts',
  'tests/import.test.ts',
  'tests/hardening.test.ts',
  'tests/import-releases.test.ts',
  'tests/title-coding.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const rank = (file: TestSpecification) => {
      const at = LONGEST_FIRST.indexOf(relative(ROOT, file.moduleId));
      return at < 0 ? LONGEST_FIRST.length : at;
    };
    // a stable sort: the other files keep vitest's own order
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  // One copy of graphql: Pothos and Yoga load its CommonJS build, so the tests must too
  // (graphql refuses types built by another copy of itself).
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    root: ROOT,
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Each file opens its own databases (one PGlite, one schema on the server); two cores run two files.
    fileParallelism: true,
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});

import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(new URL('../api/package.json', import.meta.url));

export default defineConfig({
  // One copy of graphql: Pothos and Yoga load its CommonJS build, so the tests must too
  // (graphql refuses types built by another copy of itself).
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Each file opens its own databases (one PGlite, one schema on the server); two cores run two files.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});

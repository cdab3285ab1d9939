import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { openDatabase } from '@kg/db/connect';
import { ensureReferenceData } from '@kg/db/import/bootstrap';
import { ensureLadders } from '@kg/db/ladders/derive';
import { migrateToLatest } from '@kg/db/migrate';
import { seedGraph } from '@kg/db/seed/graph';
import { loadSeedGraph } from '@kg/db/seed/load';
import { createApp } from './app.ts';

const port = Number(process.env.PORT ?? 4000);
// pnpm runs the start script inside api/; relative paths mean where the user typed the command (INIT_CWD)
const dataDir = resolve(process.env.INIT_CWD ?? process.cwd(), process.env.KG_DATA_DIR ?? '.data');

const bootStarted = performance.now();
const database = process.env.DATABASE_URL
  ? await openDatabase({ url: process.env.DATABASE_URL })
  : await openDatabase({ dataDir: `${dataDir}/pglite` });
await migrateToLatest(database.db);
const seeded = await loadSeedGraph(database.db, seedGraph);
if (seeded.loaded) {
  console.log(
    `seed graph loaded: ${seeded.sources} sources, ${seeded.entities} entities, ${seeded.relations} relations, ${seeded.observations} observations`,
  );
}
// The real occupational graph (O*NET 29.3, OEWS May 2024) ships with the product; the first start imports it.
if (process.env.KG_IMPORT_REFERENCE_DATA !== '0') {
  const started = performance.now();
  let lastReport = 0;
  const summaries = await ensureReferenceData(database.db, (step, done, total) => {
    if (performance.now() - lastReport > 5000 || done === total) {
      lastReport = performance.now();
      console.log(`importing reference data: ${step} ${done}/${total}`);
    }
  });
  if (summaries) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`reference data imported in ${seconds} s: ${summaries.map((s) => s.source).join(', ')}`);
  }
}

// Career ladders are derived from the seed and the reference data; a start after any change derives them again.
const ladders = await ensureLadders(database.db);
if (ladders && ladders.created + ladders.updated + ladders.retired > 0) {
  console.log(
    `career ladders: ${ladders.created} steps derived, ${ladders.updated} updated, ${ladders.retired} retired`,
  );
}

const server = createServer(createApp({ database, logErrors: true }));
server.listen(port, () => {
  console.log(`ready in ${((performance.now() - bootStarted) / 1000).toFixed(1)} s`);
  const where = process.env.DATABASE_URL ? 'Postgres at DATABASE_URL' : `PGlite in ${dataDir}`;
  console.log(
    `GraphQL (GraphiQL) at http://localhost:${port}/graphql, admin at http://localhost:${port}/admin (${where})`,
  );
});

async function shutdown() {
  server.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

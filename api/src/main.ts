import { createServer } from 'node:http';
import { openDatabase } from '@kg/db/connect';
import { migrateToLatest } from '@kg/db/migrate';
import { seedGraph } from '@kg/db/seed/graph';
import { loadSeedGraph } from '@kg/db/seed/load';
import { createApp } from './app.ts';

const port = Number(process.env.PORT ?? 4000);
const dataDir = process.env.KG_DATA_DIR ?? './.data';

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

const server = createServer(createApp({ database, logErrors: true }));
server.listen(port, () => {
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

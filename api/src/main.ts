import { resolve } from 'node:path';
import { countAccounts, ensureAdmin } from '@kg/db/account/repository';
import { openDatabase } from '@kg/db/connect';
import { ensureReferenceData } from '@kg/db/import/bootstrap';
import { ensureLadders } from '@kg/db/ladders/derive';
import { migrateToLatest } from '@kg/db/migrate';
import { seedGraph } from '@kg/db/seed/graph';
import { loadSeedGraph } from '@kg/db/seed/load';
import { configFromEnv } from './config.ts';
import { createLogger } from './logging.ts';
import { startServer } from './server.ts';

const port = Number(process.env.PORT ?? 4000);
// pnpm runs the start script inside api/; relative paths mean where the user typed the command (INIT_CWD)
const dataDir = resolve(process.env.INIT_CWD ?? process.cwd(), process.env.KG_DATA_DIR ?? '.data');

const config = configFromEnv();
const logger = createLogger();
const bootStarted = performance.now();
const database = process.env.DATABASE_URL
  ? await openDatabase({
      url: process.env.DATABASE_URL,
      poolSize: Number(process.env.KG_POOL_SIZE ?? 10),
      statementTimeoutMs: config.statementTimeoutMs,
      preparedStatements: process.env.KG_PREPARED_STATEMENTS !== '0',
    })
  : await openDatabase({ dataDir: `${dataDir}/pglite` });
await migrateToLatest(database.db);
const seeded = await loadSeedGraph(database.db, seedGraph);
if (seeded.loaded) {
  logger.info(
    `seed graph loaded: ${seeded.sources} sources, ${seeded.entities} entities, ${seeded.relations} relations, ${seeded.observations} observations`,
  );
}
// The first admin comes from the environment; further accounts are made in the console or with createUser.
if (process.env.KG_ADMIN_EMAIL && process.env.KG_ADMIN_PASSWORD) {
  const admin = await ensureAdmin(database.db, process.env.KG_ADMIN_EMAIL, process.env.KG_ADMIN_PASSWORD);
  if (admin) console.log(`admin account created for ${admin.email}`);
} else if ((await countAccounts(database.db)) === 0) {
  console.log(
    'no accounts yet: set KG_ADMIN_EMAIL and KG_ADMIN_PASSWORD to create the first admin (reads work without one)',
  );
}
// The real occupational graph (O*NET 29.3, OEWS May 2024) ships with the product; the first start imports it.
if (process.env.KG_IMPORT_REFERENCE_DATA !== '0') {
  const started = performance.now();
  let lastReport = 0;
  const summaries = await ensureReferenceData(database.db, (step, done, total) => {
    if (performance.now() - lastReport > 5000 || done === total) {
      lastReport = performance.now();
      logger.info(`importing reference data: ${step} ${done}/${total}`);
    }
  });
  if (summaries) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    logger.info(`reference data imported in ${seconds} s: ${summaries.map((s) => s.source).join(', ')}`);
  }
}

// Career ladders are derived from the seed and the reference data; a start after any change derives them again.
const ladders = await ensureLadders(database.db);
if (ladders && ladders.created + ladders.updated + ladders.retired > 0) {
  logger.info(
    `career ladders: ${ladders.created} steps derived, ${ladders.updated} updated, ${ladders.retired} retired`,
  );
}

// anonymous queries can read a streaming replica; writes and signed-in reads stay on the primary
const readDatabase = process.env.KG_READ_DATABASE_URL
  ? await openDatabase({
      url: process.env.KG_READ_DATABASE_URL,
      poolSize: Number(process.env.KG_POOL_SIZE ?? 10),
      statementTimeoutMs: config.statementTimeoutMs,
      preparedStatements: process.env.KG_PREPARED_STATEMENTS !== '0',
    })
  : undefined;
const running = await startServer({ database, readDatabase, config, logger, port });
logger.info(`ready in ${((performance.now() - bootStarted) / 1000).toFixed(1)} s`);
const where = process.env.DATABASE_URL ? 'Postgres at DATABASE_URL' : `PGlite in ${dataDir}`;
logger.info(
  `GraphQL (GraphiQL) at http://localhost:${port}/graphql, admin at http://localhost:${port}/admin (${where})`,
);

// SIGTERM (orchestrators) and SIGINT (Ctrl-C): finish what is in flight, then exit; a second signal exits at once.
let signals = 0;
async function shutdown(signal: string) {
  if (++signals > 1) process.exit(1);
  logger.info({ signal }, 'stopping: draining requests in flight');
  await running.shutdown();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

import { openDatabase } from '@kg/db/connect';
import { bootstrap } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logging.ts';
import { startServer, stopOnSignals } from './server.ts';

const started = performance.now();
const config = loadConfig();
const logger = createLogger(config.log);
const database = await openDatabase({ ...config.database, logger });
const { importStatus, importInBackground } = await bootstrap(database, config, logger);
// anonymous queries can read a streaming replica; writes and signed-in reads stay on the primary
const readDatabase = config.readDatabase ? await openDatabase({ ...config.readDatabase, logger }) : undefined;
const running = await startServer({
  database,
  readDatabase,
  config: config.api,
  logger,
  port: config.port,
  importStatus,
});
stopOnSignals(running, logger);

const where = config.database.url ? 'Postgres at DATABASE_URL' : `PGlite in ${config.dataDir}`;
logger.info(`listening in ${((performance.now() - started) / 1000).toFixed(1)} s (${where})`);
logger.info(
  `GraphQL (GraphiQL) at http://localhost:${config.port}/graphql, admin at http://localhost:${config.port}/admin`,
);
void importInBackground();

import { countAccounts, ensureAdmin } from '@kg/db/account/repository';
import type { DatabaseHandle } from '@kg/db/connect';
import { ensureReferenceData, ensureStatistics } from '@kg/db/import/bootstrap';
import { ensureLadders } from '@kg/db/ladders/derive';
import { migrateToLatest } from '@kg/db/migrate';
import { seedGraph } from '@kg/db/seed/graph';
import { loadSeedGraph } from '@kg/db/seed/load';
import cliProgress from 'cli-progress';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { ImportProgress } from './import-status.ts';

export interface Bootstrapped {
  /** Where the background import stands. */
  importStatus: ImportProgress;
  /**
   * Imports the reference data and derives the career ladders; call it once the server listens. Settles when
   * done and never rejects (a failure is logged and shown in the status; the next start resumes).
   */
  importInBackground(): Promise<void>;
}

/**
 * Makes the database ready to serve: migrate, seed, first admin. What takes minutes (importing the reference
 * data shipped in db/data, then deriving the career ladders) is left to `importInBackground`, to run while the
 * API already serves the seed graph.
 */
export async function bootstrap(database: DatabaseHandle, config: Config, logger: Logger): Promise<Bootstrapped> {
  await migrateToLatest(database.db);
  const seeded = await loadSeedGraph(database.db, seedGraph);
  if (seeded.loaded) {
    logger.info(
      `seed graph loaded: ${seeded.sources} sources, ${seeded.entities} entities, ${seeded.relations} relations, ${seeded.observations} observations`,
    );
  }
  // The first admin comes from the environment; further accounts are made in the console or with createUser.
  if (config.admin) {
    const admin = await ensureAdmin(database.db, config.admin.email, config.admin.password);
    if (admin) logger.info(`admin account created for ${admin.email}`);
  } else if ((await countAccounts(database.db)) === 0) {
    logger.info(
      'no accounts yet: set KG_ADMIN_EMAIL and KG_ADMIN_PASSWORD to create the first admin (reads work without one)',
    );
  }
  const importStatus = new ImportProgress(config.importReferenceData ? 'pending' : 'skipped');
  return { importStatus, importInBackground: () => importThenDerive(database, config, logger, importStatus) };
}

async function importThenDerive(database: DatabaseHandle, config: Config, logger: Logger, status: ImportProgress) {
  try {
    if (config.importReferenceData) await importReferenceData(database, config, logger, status);
    if (await ensureStatistics(database.db)) logger.info('planner statistics collected');
    // Career ladders are derived from the seed and the reference data; a start after any change derives them again.
    const ladders = await ensureLadders(database.db);
    if (ladders && ladders.created + ladders.updated + ladders.retired > 0) {
      logger.info(
        `career ladders: ${ladders.created} steps derived, ${ladders.updated} updated, ${ladders.retired} retired`,
      );
    }
  } catch (error) {
    if (status.status.state === 'running')
      status.finish('failed', error instanceof Error ? error.message : String(error));
    logger.error({ err: error }, 'the reference data import stopped; the next start resumes it');
  }
}

/** The real occupational graph (O*NET 29.3, OEWS May 2024) ships with the product; the first start imports it. */
async function importReferenceData(database: DatabaseHandle, config: Config, logger: Logger, status: ImportProgress) {
  status.start();
  const report = progressReporter(config, logger);
  const started = performance.now();
  let summaries: Awaited<ReturnType<typeof ensureReferenceData>>;
  try {
    summaries = await ensureReferenceData(database.db, (step, done, total) => {
      status.progress(step, done, total);
      report.update(step, done, total);
    });
  } finally {
    report.stop();
  }
  if (!summaries) {
    status.finish('skipped');
    return;
  }
  status.finish('finished');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  logger.info(`reference data imported in ${seconds} s: ${summaries.map((s) => s.source).join(', ')}`);
}

/** A progress bar on a terminal; elsewhere (or with JSON logs) a log line every few seconds and per step. */
function progressReporter(config: Config, logger: Logger) {
  if (config.log.format === 'pretty' && process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'importing reference data {step} |{bar}| {value}/{total}', hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    let current = '';
    return {
      update(step: string, done: number, total: number) {
        if (step !== current) {
          if (current) bar.stop();
          current = step;
          bar.start(total, done, { step: step.padEnd(32) });
        } else bar.update(done);
      },
      stop: () => bar.stop(),
    };
  }
  let lastLine = 0;
  let current = '';
  return {
    update(step: string, done: number, total: number) {
      if (step !== current || performance.now() - lastLine > 5000 || done === total) {
        current = step;
        lastLine = performance.now();
        logger.info(`importing reference data: ${step} ${done}/${total}`);
      }
    },
    stop() {},
  };
}

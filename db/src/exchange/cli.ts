import { resolve } from 'node:path';
import { databaseOptionsFromEnv } from '../config.ts';
import { openDatabase } from '../connect.ts';
import { migrateToLatest } from '../migrate.ts';
import { reportRefusal } from '../refusal.ts';
import { exportGraph } from './export.ts';
import { RestoreError, restoreGraph } from './restore.ts';

const USAGE = `usage: pnpm data:export DIR [--gzip]    writes a backup of the whole graph to DIR
       pnpm data:restore DIR            restores a backup into an empty database
Works on DATABASE_URL when set, else on the PGlite database in KG_DATA_DIR (default ./.data).`;

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const target = rest.find((a) => !a.startsWith('--'));
  if (!target || (command !== 'export' && command !== 'restore')) {
    console.error(USAGE);
    process.exit(2);
  }
  // pnpm runs scripts from the root; relative paths mean where the command was typed
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const dir = resolve(cwd, target);
  const database = await openDatabase({ ...databaseOptionsFromEnv(), logger: console });
  let last = 0;
  const progress = (table: string, rows: number) => {
    if (performance.now() - last > 2000) {
      last = performance.now();
      console.log(`${table}: ${rows} rows`);
    }
  };
  try {
    if (command === 'export') {
      const started = performance.now();
      await migrateToLatest(database.db);
      const manifest = await exportGraph(database.db, dir, { gzip: rest.includes('--gzip'), onProgress: progress });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.table(
        Object.fromEntries(Object.entries(manifest.tables).map(([t, e]) => [t, { rows: e.rows, file: e.file }])),
      );
      console.log(`exported to ${dir} in ${seconds} s`);
    } else {
      const summary = await restoreGraph(database.db, dir, { onProgress: progress });
      console.table(Object.fromEntries(Object.entries(summary.rows).map(([t, rows]) => [t, { rows }])));
      console.log(`restored from ${dir} in ${summary.seconds.toFixed(1)} s; counts and checksums match the export`);
    }
  } catch (error) {
    reportRefusal(error, RestoreError);
  } finally {
    await database.close();
  }
}

await main();

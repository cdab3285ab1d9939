/**
 * ESCO import benchmark: the cost of importing ESCO 1.1.1 (skills, hierarchy, 123,788 occupation-skill relations)
 * and the ESCO -> O*NET crosswalks, against importing O*NET 29.3 (the baseline) in the same run, into one fresh
 * database; then each again (a re-import that must change nothing), and the database size.
 *
 *   npx tsx bench/esco-import.ts [--db pglite|postgres] [--data-dir .bench/esco-import] [--url URL]
 *
 * Data: the files shipped in db/data (what the default start imports). PGlite: a fresh data directory
 * (--data-dir, removed first). Postgres: a fresh schema `esco_bench` in the database at --url (default
 * $DATABASE_URL), dropped at the end. Times are wall clock, in process; the load average is printed because a
 * shared machine changes them.
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '../db/src/connect.ts';
import { VENDORED_DATA_DIR } from '../db/src/import/bootstrap.ts';
import { importEscoOnetCrosswalk, importEscoSkills, importOnet } from '../db/src/import/datasets.ts';
import { type ImportSummary, totals } from '../db/src/import/run.ts';
import { migrateToLatest } from '../db/src/migrate.ts';
import { benchArgs, databaseOptions } from './cli.ts';

const { values: args } = benchArgs(import.meta.url, {
  options: {
    ...databaseOptions('.bench/esco-import'),
  },
});
const SCHEMA = 'esco_bench';

async function open(): Promise<DatabaseHandle> {
  if (args.db === 'postgres') {
    if (!args.url) throw new Error('--db postgres needs --url or DATABASE_URL');
    const handle = await openDatabase({ url: args.url, schema: SCHEMA });
    await sql
      .raw(`drop schema if exists ${SCHEMA} cascade; drop schema if exists ${SCHEMA}_asof cascade`)
      .execute(handle.db);
    await migrateToLatest(handle.db, { schema: SCHEMA });
    return handle;
  }
  rmSync(args['data-dir'], { recursive: true, force: true });
  const handle = await openDatabase({ dataDir: args['data-dir'] });
  await migrateToLatest(handle.db);
  return handle;
}

async function timed(label: string, work: () => Promise<ImportSummary | ImportSummary[]>) {
  const started = performance.now();
  const summaries = [await work()].flat();
  const seconds = (performance.now() - started) / 1000;
  const sum = summaries
    .map((s) => totals(s.counts))
    .reduce((a, b) => ({
      created: a.created + b.created,
      updated: a.updated + b.updated,
      retired: a.retired + b.retired,
      unchanged: a.unchanged + b.unchanged,
    }));
  console.log(
    `${label.padEnd(34)} ${seconds.toFixed(1).padStart(7)} s  created ${sum.created}, updated ${sum.updated}, retired ${sum.retired}, unchanged ${sum.unchanged}  (load ${loadavg()[0].toFixed(1)})`,
  );
  return seconds;
}

async function main() {
  const handle = await open();
  const { db } = handle;
  const data = VENDORED_DATA_DIR;
  console.log(
    `database: ${args.db}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const onet = await timed('O*NET 29.3 (baseline)', () => importOnet(db, `${data}/onet`));
  const esco = await timed('ESCO 1.1.1', () => importEscoSkills(db, `${data}/esco_1_1_1`));
  const links = await timed('Nesta + ISCO-08 crosswalks', () => importEscoOnetCrosswalk(db, data));
  const escoAgain = await timed('ESCO 1.1.1 again (no change)', () => importEscoSkills(db, `${data}/esco_1_1_1`));
  const linksAgain = await timed('crosswalks again (no change)', () => importEscoOnetCrosswalk(db, data));
  // on a server, the bench's schema only (the database may hold others)
  const { rows } =
    args.db === 'postgres'
      ? await sql<{ bytes: string }>`
          select coalesce(sum(pg_total_relation_size(c.oid)), 0)::text as bytes from pg_class c
          join pg_namespace n on n.oid = c.relnamespace where n.nspname in (${SCHEMA}, ${`${SCHEMA}_asof`}) and c.relkind in ('r', 'm')`.execute(
          db,
        )
      : await sql<{ bytes: string }>`select pg_database_size(current_database())::text as bytes`.execute(db);
  console.log(
    `\nratios to the O*NET import: ESCO ${(esco / onet).toFixed(2)}, crosswalks ${(links / onet).toFixed(3)},`,
  );
  console.log(`  ESCO again ${(escoAgain / onet).toFixed(2)}, crosswalks again ${(linksAgain / onet).toFixed(3)}`);
  console.log(
    `${args.db === 'postgres' ? `schema ${SCHEMA}` : 'database'} size: ${(Number(rows[0].bytes) / 2 ** 20).toFixed(0)} MiB`,
  );
  if (args.db === 'postgres')
    await sql.raw(`drop schema ${SCHEMA} cascade; drop schema if exists ${SCHEMA}_asof cascade`).execute(db);
  await handle.close();
}

await main();

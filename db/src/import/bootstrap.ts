import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from '../connect.ts';
import { deriveLadders } from '../ladders/derive.ts';
import { analyzeGraph } from '../statistics.ts';
import { importReleases } from './datasets.ts';
import { asFirstLoad, finishFirstLoad } from './first-load.ts';
import type { ImportSummary } from './run.ts';
import type { ImportContext } from './sync.ts';

/**
 * The reference data shipped with the product (O*NET 29.3, OEWS May 2024 national and by sector, NAICS 2022,
 * BLS Employment Projections 2023-33, New Jersey licences, the 2018 SOC, CIP 2020 with its SOC crosswalk, ESCO
 * 1.1.1 and the ESCO -> O*NET crosswalks), compressed.
 */
export const VENDORED_DATA_DIR = fileURLToPath(new URL('../../data', import.meta.url));

/** The releases the vendored folder holds; a start imports them until each has a finished run. */
const VENDORED_SOURCES = [
  'onet:29.3',
  'oews:2024-05',
  'naics:2022',
  'bls-ep:2023-33',
  'oews-sectors:2024-05',
  'nj-licenses:2021-03',
  'bls-soc:2018',
  'nces-cip:2020',
  'esco:1.1.1',
  'nesta:2020-11',
  'bls-isco-soc:2015-06',
];

/**
 * Imports the vendored reference data unless a finished import of every release is already recorded.
 * A start that was stopped mid-import simply imports again: the importers write only what is missing.
 */
export async function ensureReferenceData(
  db: Db,
  onProgress?: ImportContext['onProgress'],
): Promise<ImportSummary[] | null> {
  const finished = await db
    .selectFrom('import_run as r')
    .innerJoin('source as s', 's.id', 'r.source_id')
    .select('s.key')
    .where('r.status', '=', 'finished')
    .where('s.key', 'in', VENDORED_SOURCES)
    .execute();
  const done = new Set(finished.map((f) => f.key));
  if (VENDORED_SOURCES.every((key) => done.has(key))) {
    // a first load stopped after its last release still has its search tables and indexes to finish
    await finishFirstLoad(db, onProgress);
    return null;
  }
  const summaries = await asFirstLoad(db, () => importReleases(db, VENDORED_DATA_DIR, onProgress), onProgress);
  // statistics once, for the ladders' queries and every read after
  await analyzeGraph(db);
  await deriveLadders(db);
  // A bulk import leaves a large write-ahead log behind; a checkpoint lets Postgres recycle it. On a server
  // this needs the pg_checkpoint role, and the server checkpoints on its own anyway.
  await sql`checkpoint`.execute(db).catch(() => undefined);
  return summaries;
}

/**
 * Collects planner statistics when the graph has none. Without them the planner guesses, and a search can
 * take seconds instead of milliseconds. A server's autovacuum keeps them; embedded PGlite has no autovacuum,
 * so an import (and a start that finds none) collects them.
 */
export async function ensureStatistics(db: Db): Promise<boolean> {
  const { rows } = await sql<{ analyzed: boolean }>`
    select exists (
      select 1 from pg_statistic s join pg_class c on c.oid = s.starelid
      where c.relname = 'label' and c.relnamespace = to_regnamespace(current_schema())
    ) as analyzed`.execute(db);
  if (rows[0]?.analyzed) return false;
  await analyzeGraph(db);
  return true;
}

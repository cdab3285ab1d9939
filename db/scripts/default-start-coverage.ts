/**
 * Runs the default start (migrate, seed, import the vendored reference data) and reports how many O*NET-SOC
 * occupations have an outlook and industries, and the New Jersey licences and links:
 *   npx tsx db/scripts/default-start-coverage.ts .bench/pglite        (or DATABASE_URL=... for a server)
 */
import { sql } from 'kysely';
import { openDatabase } from '../src/connect.ts';
import { ensureReferenceData } from '../src/import/bootstrap.ts';
import { totals } from '../src/import/run.ts';
import { migrateToLatest } from '../src/migrate.ts';
import { seedGraph } from '../src/seed/graph.ts';
import { loadSeedGraph } from '../src/seed/load.ts';

const url = process.env.DATABASE_URL;
const database = url
  ? await openDatabase({ url })
  : await openDatabase({ dataDir: process.argv[2] ?? '.bench/pglite' });
const t = performance.now();
await migrateToLatest(database.db);
await loadSeedGraph(database.db, seedGraph);
const summaries = await ensureReferenceData(database.db);
for (const s of summaries ?? []) console.log(s.source, JSON.stringify(totals(s.counts)), `${s.seconds.toFixed(1)} s`);
console.log('start seconds', ((performance.now() - t) / 1000).toFixed(1));
const { rows } = await sql`
  with occ as (select entity_id from occupation where onet_soc_code is not null)
  select (select count(*) from occ)::int as occupations,
    (select count(distinct o.entity_id) from observation o join source s on s.id = o.source_id
       where s.key = 'bls-ep:2023-33' and o.metric = 'projected_growth' and o.entity_id in (select entity_id from occ))::int as with_outlook,
    (select count(distinct r.from_id) from relation r join employer m on m.entity_id = r.to_id
       where r.predicate = 'employed_by' and m.employer_type = 'industry' and r.from_id in (select entity_id from occ))::int as with_industries,
    (select count(*) from occ where entity_id in (select o.entity_id from observation o join source s on s.id = o.source_id
       where s.key = 'bls-ep:2023-33' and o.metric = 'projected_growth')
      and entity_id in (select r.from_id from relation r join employer m on m.entity_id = r.to_id
       where r.predicate = 'employed_by' and m.employer_type = 'industry'))::int as with_both,
    (select count(*) from credential where jurisdiction = 'New Jersey')::int as nj_licenses,
    (select count(*) from external_key where namespace = 'nj-industry-credential')::int as nj_industry_credentials,
    (select count(*) from relation r join citation c on c.relation_id = r.id join source s on s.id = c.source_id
       where s.key = 'nj-licenses:2021-03')::int as nj_links,
    (select count(*) from employer where employer_type = 'industry')::int as industries,
    (select count(*) from relation r join citation c on c.relation_id = r.id join source s on s.id = c.source_id
       where s.key = 'oews-sectors:2024-05')::int as sector_links`.execute(database.db);
console.log(rows[0]);
await database.close();

/**
 * One measurement of bench/history.ts, in a process of its own: with the code of the checkout at --code, a fresh
 * database (PGlite in --data-dir, or the schema --schema at --url), the seed graph and then O*NET (timed), the
 * size of the database and of its history, and reads of the occupation page and of a search, now and as of a
 * moment before a few edits. Prints one line of JSON.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';

const { values: args } = parseArgs({
  options: {
    code: { type: 'string' },
    db: { type: 'string', default: 'pglite' },
    url: { type: 'string' },
    schema: { type: 'string', default: 'history_bench' },
    'data-dir': { type: 'string' },
    onet: { type: 'string' },
    runs: { type: 'string', default: '15' },
  },
});
if (!args.code || !args.onet) throw new Error('measure.ts needs --code and --onet');
const code = args.code;
const load = (path: string) => import(join(code, path));

const { openDatabase } = await load('db/src/connect.ts');
const { migrateToLatest } = await load('db/src/migrate.ts');
const { seedGraph } = await load('db/src/seed/graph.ts');
const { loadSeedGraph } = await load('db/src/seed/load.ts');
const { importOnet } = await load('db/src/import/datasets.ts');
const { updateEntity } = await load('db/src/entity/repository.ts');
const { createGraphQLServer } = await load('api/src/yoga.ts');

const postgres = args.db === 'postgres';
if (!postgres) rmSync(args['data-dir'] ?? '', { recursive: true, force: true });
const handle = postgres
  ? await openDatabase({ url: args.url, schema: args.schema })
  : await openDatabase({ dataDir: args['data-dir'] });
const { db } = handle;
const dropSchema = () =>
  sql
    .raw(`drop schema if exists "${args.schema}" cascade; drop schema if exists "${args.schema}_asof" cascade`)
    .execute(db);
if (postgres) await dropSchema();
await migrateToLatest(db, { schema: postgres ? args.schema : undefined });
await loadSeedGraph(db, seedGraph);

const started = performance.now();
await importOnet(db, args.onet);
const importSeconds = (performance.now() - started) / 1000;
await sql`analyze`.execute(db);

/** Bytes of the schema's tables with their indexes and TOAST, and of what holds history in them. */
async function sizes() {
  const { rows } = await sql<{ name: string; bytes: string; rows: string; sys_n: boolean }>`
    select c.relname as name, pg_total_relation_size(c.oid)::text as bytes, c.reltuples::bigint::text as rows,
      exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'sys_n' and not a.attisdropped)
        as sys_n
    from pg_class c where c.relnamespace = to_regnamespace(current_schema()) and c.relkind = 'r'`.execute(db);
  const { rows: indexes } = await sql<{ bytes: string }>`
    select coalesce(sum(pg_relation_size(i.indexrelid)), 0)::text as bytes from pg_index i
    join pg_class c on c.oid = i.indexrelid
    where c.relnamespace = to_regnamespace(current_schema()) and c.relname like '%\\_sys\\_n\\_idx'
      and c.relname not like '%\\_history\\_%'`.execute(db);
  let total = 0;
  let history = Number(indexes[0].bytes);
  for (const row of rows) {
    const bytes = Number(row.bytes);
    total += bytes;
    if (row.name === 'change_log' || row.name === 'change_set' || row.name.endsWith('_history')) history += bytes;
    // the change id each live row carries
    else if (row.sys_n) history += 8 * Math.max(0, Number(row.rows));
  }
  return { totalBytes: total, historyBytes: history, historyShare: history / total };
}
const size = await sizes();

// a moment after the import, then edits a past read must not see
const yoga = createGraphQLServer({ database: handle, graphiql: false });
const graphql = async (query: string, variables: Record<string, unknown>) => {
  const response = await yoga.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the answers are walked by hand, as GraphQL JSON
  return (await response.json()) as { data?: any; errors?: Array<{ message: string }> };
};
const MRT = `{ occupation(socCode: "29-2072.00") { id version labels { id text type version } } }`;
const occupation = (await graphql(MRT, {})).data.occupation;
await new Promise((resolve) => setTimeout(resolve, 50));
const before = new Date().toISOString();
await new Promise((resolve) => setTimeout(resolve, 50));
const entityId = Buffer.from(occupation.id, 'base64').toString().split(':')[1];
await updateEntity(
  db,
  { actor: 'bench' },
  { id: entityId, expectedVersion: occupation.version, name: 'Health Records Technician' },
);

const PAGE = `query($asOf: DateTime) {
  occupation(socCode: "29-2072.00", asOf: $asOf) {
    id name socCode description jobZone
    alternateTitles { id name }
    skills { importance level skill { id name } }
    credentials { id name abbreviation issuers { id name } }
    wages { metric value unit period citations { source { title } } }
  }
}`;
const SEARCH = `query($asOf: DateTime) {
  search(query: "medical records technician", kinds: [OCCUPATION], first: 10, asOf: $asOf) {
    edges { score node { id name } }
  }
}`;

/** Median wall time of a query over `runs` runs after three to warm up, or the error it answers. */
async function timeQuery(query: string, asOf: string | null) {
  const runs = Number(args.runs);
  const times: number[] = [];
  let answer: unknown;
  for (let i = 0; i < runs + 3; i++) {
    const t = performance.now();
    const result = await graphql(query, { asOf });
    const ms = performance.now() - t;
    if (result.errors) return { error: result.errors[0].message };
    answer = result.data;
    if (i >= 3) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], answer };
}

const page = { present: await timeQuery(PAGE, null), past: await timeQuery(PAGE, before) };
const search = { present: await timeQuery(SEARCH, null), past: await timeQuery(SEARCH, before) };
const name = (r: { answer?: unknown }) =>
  (r.answer as { occupation?: { name?: string } } | undefined)?.occupation?.name ?? null;
console.log(
  JSON.stringify({
    importSeconds,
    ...size,
    page: {
      presentMs: page.present.ms,
      pastMs: page.past.ms,
      error: page.past.error,
      pastName: name(page.past),
      presentName: name(page.present),
    },
    search: { presentMs: search.present.ms, pastMs: search.past.ms, error: search.past.error },
  }),
);
if (postgres) await dropSchema();
await handle.close();

/**
 * API throughput benchmark: our GraphQL API against PostGraphile 5 (amber preset) serving the same Postgres
 * database, on the same three queries, at a constant number of connections, in one run.
 *
 *   pnpm bench:api [--url URL] [--connections 10] [--duration 10] [--warmup 3] [--pool 10]
 *
 * --url defaults to $BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/kg_full_api: a database with
 * the full graph (seed, O*NET 29.3, OEWS). PostGraphile is installed at run time into .bench/postgraphile
 * (git-ignored, with npm), together with a Node 22 binary from npm when this Node is older (PostGraphile 5
 * needs 22). Each server is a child process with a pool of --pool connections; the load generator
 * (autocannon) runs in this process. Targets:
 * - ours: the API as deployed, response cache off (every request reaches the database),
 * - ours+cache: the same with the anonymous-read response cache on (KG_RESPONSE_CACHE_TTL_MS=30000),
 * - postgraphile: the baseline.
 * Requests rotate through 50 occupations (a, c) and 50 pages (b). Latency percentiles are computed from every
 * response time. SQL statements per request: ours from its statement counter (kg_sql_statements_total in
 * /metrics), PostGraphile's by counting pg Client.query calls in its process (bench/api/postgraphile-server.mjs).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../db/src/connect.ts';
import { type BenchQuery, benchQueries } from './api/queries.ts';
import { benchArgs } from './cli.ts';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const PGL_DIR = resolve(ROOT, '.bench/postgraphile');
const PGL_VERSION = '5.1.5';
const NODE22_VERSION = '22.23.3';

const { values: args } = benchArgs(import.meta.url, {
  options: {
    url: {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kg_full_api',
    },
    connections: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    pool: { type: 'string', default: '10' },
  },
});
const connections = Number(args.connections);
const duration = Number(args.duration);
const warmup = Number(args.warmup);

type Target = 'ours' | 'ours+cache' | 'postgraphile';

interface Measured {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  statementsPerRequest: number;
  errors: number;
  bytes: number;
}

/** Installs PostGraphile (and Node 22 if needed) outside the repository's packages; returns the node to run it. */
function ensurePostGraphile(): string {
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  const nodePackage = `node-${process.platform}-${process.arch}`;
  mkdirSync(PGL_DIR, { recursive: true });
  const dependencies: Record<string, string> = { postgraphile: PGL_VERSION };
  if (nodeMajor < 22) dependencies[nodePackage] = NODE22_VERSION;
  if (!existsSync(resolve(PGL_DIR, 'node_modules/postgraphile/package.json'))) {
    console.log(`installing PostGraphile ${PGL_VERSION} into ${PGL_DIR} ...`);
    writeFileSync(
      resolve(PGL_DIR, 'package.json'),
      JSON.stringify({ name: 'kg-bench-postgraphile', private: true, type: 'module', dependencies }, null, 2),
    );
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: PGL_DIR, stdio: 'inherit' });
  }
  copyFileSync(resolve(ROOT, 'bench/api/postgraphile-server.mjs'), resolve(PGL_DIR, 'server.mjs'));
  return nodeMajor < 22 ? resolve(PGL_DIR, `node_modules/${nodePackage}/bin/node`) : process.execPath;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

interface Server {
  target: Target;
  url: string;
  statements(): Promise<number>;
  stop(): Promise<void>;
}

async function startOurs(target: Target): Promise<Server> {
  const port = await freePort();
  const child = spawn(resolve(ROOT, 'node_modules/.bin/tsx'), ['api/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: args.url,
      PORT: String(port),
      KG_POOL_SIZE: args.pool,
      KG_IMPORT_REFERENCE_DATA: '0',
      KG_RESPONSE_CACHE_TTL_MS: target === 'ours+cache' ? '30000' : '0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/ready`, child);
  return {
    target,
    url: `${url}/graphql`,
    async statements() {
      const text = await (await fetch(`${url}/metrics`)).text();
      return Number(/^kg_sql_statements_total (\d+)/m.exec(text)?.[1]);
    },
    stop: () => stopChild(child),
  };
}

async function startPostGraphile(node: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(node, ['server.mjs'], {
    cwd: PGL_DIR,
    env: { ...process.env, DATABASE_URL: args.url, PORT: String(port), POOL_SIZE: args.pool, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/__statements`, child);
  return {
    target: 'postgraphile',
    url: `${url}/graphql`,
    async statements() {
      return ((await (await fetch(`${url}/__statements`)).json()) as { statements: number }).statements;
    },
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

const body = (query: BenchQuery, target: Target, i: number) =>
  JSON.stringify({
    query: target === 'postgraphile' ? query.postgraphile : query.ours,
    variables: query.variables(i, target === 'postgraphile' ? 'postgraphile' : 'ours'),
  });

/** One request outside the load, to be sure both servers answer the query without errors and alike. */
async function check(server: Server, query: BenchQuery): Promise<number> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body(query, server.target, 0),
  });
  const text = await response.text();
  const parsed = JSON.parse(text) as { errors?: unknown[] };
  if (!response.ok || parsed.errors) throw new Error(`${server.target} ${query.name}: ${text.slice(0, 500)}`);
  return text.length;
}

async function load(server: Server, query: BenchQuery, seconds: number): Promise<Measured> {
  let i = 0;
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(
      {
        url: server.url,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            setupRequest: (request) => ({ ...request, body: body(query, server.target, i++) }),
          },
        ],
      },
      (error, result) => (error ? fail(error) : done(result)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? Number.NaN;
  return {
    rps: times.length / seconds,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    statementsPerRequest: 0,
    errors: result.errors + result.timeouts + result.non2xx,
    bytes: 0,
  };
}

async function measure(server: Server, query: BenchQuery): Promise<Measured> {
  const bytes = await check(server, query);
  await load(server, query, warmup);
  const before = await server.statements();
  const measured = await load(server, query, duration);
  const after = await server.statements();
  const requests = measured.rps * duration;
  return { ...measured, bytes, statementsPerRequest: (after - before) / requests };
}

async function main() {
  const node = ensurePostGraphile();
  const database = await openDatabase({ url: args.url, poolSize: 1 });
  // occupations with skill ratings, spread across the SOC range
  const rows = await database.db
    .selectFrom('occupation as o')
    .select('o.onet_soc_code as code')
    .where('o.onet_soc_code', 'is not', null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('relation as r')
          .select('r.id')
          .whereRef('r.from_id', '=', 'o.entity_id')
          .where('r.predicate', '=', 'requires_skill'),
      ),
    )
    .orderBy('o.onet_soc_code')
    .execute();
  await database.close();
  if (rows.length < 50) throw new Error(`${args.url} does not hold the full graph (${rows.length} rated occupations)`);
  const step = Math.floor(rows.length / 50);
  const codes = Array.from({ length: 50 }, (_, k) => rows[k * step].code as string);
  const queries = benchQueries(codes);

  console.log(
    `database ${args.url.replace(/\/\/[^@]*@/, '//')}; ${connections} connections, ${duration} s per run after ${warmup} s warm-up, pool ${args.pool}`,
  );
  const results = new Map<string, Map<Target, Measured>>(queries.map((q) => [q.name, new Map()]));
  // All three run at once; one is under load at a time (an idle server costs next to nothing), and the
  // targets take turns query by query, so that a change in the machine's load affects them alike.
  const servers = [await startPostGraphile(node), await startOurs('ours'), await startOurs('ours+cache')];
  try {
    for (const query of queries) {
      for (const server of servers) {
        const m = await measure(server, query);
        results.get(query.name)?.set(server.target, m);
        console.log(
          `  ${server.target.padEnd(13)} ${query.name}: ${m.rps.toFixed(0)} req/s, p95 ${m.p95.toFixed(1)} ms, ${m.statementsPerRequest.toFixed(2)} statements/request${m.errors ? `, ${m.errors} errors` : ''}`,
        );
      }
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }

  console.log('');
  const header = `${'query'.padEnd(56)} ${'target'.padEnd(13)} ${'req/s'.padStart(7)} ${'p50'.padStart(5)} ${'p95'.padStart(5)} ${'p99'.padStart(5)} ${'SQL/req'.padStart(8)} ${'bytes'.padStart(7)} ${'errors'.padStart(6)}`;
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const query of queries) {
    for (const [target, m] of results.get(query.name) ?? []) {
      console.log(
        `${query.name.padEnd(56)} ${target.padEnd(13)} ${m.rps.toFixed(0).padStart(7)} ${m.p50.toFixed(1).padStart(5)} ${m.p95.toFixed(1).padStart(5)} ${m.p99.toFixed(1).padStart(5)} ${m.statementsPerRequest.toFixed(2).padStart(8)} ${String(m.bytes).padStart(7)} ${String(m.errors).padStart(6)}`,
      );
    }
  }
  console.log('\nratios against PostGraphile (throughput: higher is better; p95: lower is better)');
  for (const query of queries) {
    const base = results.get(query.name)?.get('postgraphile');
    if (!base) continue;
    for (const target of ['ours', 'ours+cache'] as const) {
      const m = results.get(query.name)?.get(target);
      if (!m) continue;
      console.log(
        `  ${query.name.padEnd(56)} ${target.padEnd(11)} throughput x${(m.rps / base.rps).toFixed(2)}, p95 ${m.p95.toFixed(1)} vs ${base.p95.toFixed(1)} ms (x${(m.p95 / base.p95).toFixed(2)})`,
      );
    }
  }
  console.log('latencies in ms; SQL/req = SQL statements per request; bytes = size of one response');
}

await main();

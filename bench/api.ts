/**
 * API throughput benchmark: our GraphQL API against PostGraphile 5 (amber preset) serving the same Postgres
 * database, on the same five queries (bench/api/queries.ts), at a constant number of connections, in one run.
 *
 *   pnpm bench:api [--url URL] [--connections 10] [--duration 10] [--warmup 3] [--pool 10] [--baseline REV]
 *                  [--no-cache] [--queries a,c] [--rounds 1]
 *
 * --url defaults to $BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/kg_full_api: a database with
 * the full graph (seed, O*NET 29.3, OEWS). PostGraphile is installed at run time into .bench/postgraphile
 * (git-ignored, with npm), together with a Node 22 binary from npm when this Node is older (PostGraphile 5
 * needs 22). Each server is a child process with a pool of --pool connections; the load generator
 * (autocannon) runs in this process. Targets:
 * - ours: the API as deployed, response cache off (every request reaches the database),
 * - ours+cache: the same with the anonymous-read response cache on (KG_RESPONSE_CACHE_TTL_MS=30000),
 * - postgraphile: the baseline,
 * - before (with --baseline REV): our API at another revision, cache off, checked out beside this one,
 * - floor (with --floor, query a only): a Node HTTP server with no GraphQL that answers (a) with one prepared
 *   statement (bench/api/floor-server.mjs): what HTTP, JSON and one round trip to Postgres cost on this machine.
 * --same-node runs our servers on the Node that runs PostGraphile (22; by default they run on this one).
 * --no-cache leaves out ours+cache; --queries measures only the queries with those letters; --rounds N measures
 * each query N times in turn on every target (warm-up before the first) and reports each figure's median, so
 * that a change in the machine's load during a run weighs on every target alike.
 * Requests rotate through 50 occupations (a, c) and 50 pages (b). Latency percentiles are computed from every
 * response time. SQL statements per request: ours from its statement counter (kg_sql_statements_total in
 * /metrics), PostGraphile's by counting pg Client.query calls in its process (bench/api/postgraphile-server.mjs).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openDatabase } from '../db/src/connect.ts';
import { freePort } from '../tests/support/throwaway-postgres.ts';
import { benchQueriesFor, loadOptions } from './api/inputs.ts';
import type { BenchQuery } from './api/queries.ts';
import { checkOutBaseline } from './baseline.ts';
import { benchArgs } from './cli.ts';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const PGL_DIR = resolve(ROOT, '.bench/postgraphile');
const PGL_VERSION = '5.1.5';
const NODE22_VERSION = '22.23.3';

const { values: args } = benchArgs(import.meta.url, {
  options: {
    ...loadOptions,
    warmup: { type: 'string', default: '3' },
    baseline: { type: 'string' },
    'no-cache': { type: 'boolean', default: false },
    floor: { type: 'boolean', default: false },
    'same-node': { type: 'boolean', default: false },
    queries: { type: 'string' },
    rounds: { type: 'string', default: '1' },
  },
});
const connections = Number(args.connections);
const duration = Number(args.duration);
const warmup = Number(args.warmup);

type Target = 'ours' | 'ours+cache' | 'before' | 'postgraphile' | 'floor';

interface Measured {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  statementsPerRequest: number;
  /** Server CPU milliseconds per request. */
  cpuMsPerRequest: number;
  /** CPU milliseconds per request of the Postgres backends serving the server's pool. */
  dbCpuMsPerRequest: number;
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
  /** CPU seconds the server's processes have used so far (user + system, the process and its children). */
  cpuSeconds(): number;
  /** The application_name its database connections carry, to find their Postgres backends. */
  applicationName: string;
  stop(): Promise<void>;
}

/**
 * CPU time of a process and its descendants, from /proc. Throughput on a shared machine depends on what else
 * runs; CPU time per request does not, so the table gives both.
 */
function processTreeCpuSeconds(pid: number | undefined, children = true): number {
  if (pid === undefined) return Number.NaN;
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  const visit = (p: number) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
      if (!children) return;
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const child of children ? children.split(' ') : []) visit(Number(child));
      }
    } catch {
      // a process that ended between two reads
    }
  };
  visit(pid);
  return total;
}

/** The Node flags a checkout runs its API with (api/node-flags.json; none before that file existed). */
const nodeFlagsOf = (code: string): string[] => {
  const file = resolve(code, 'api/node-flags.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[]) : [];
};

/** The Node our servers run on: this one, or with --same-node PostGraphile's (set in main). */
let ourNode = process.execPath;

/** Our API from the checkout at `code` (this one, or the baseline's). */
async function startOurs(target: Target, code = ROOT): Promise<Server> {
  const port = await freePort();
  const applicationName = `kg_bench_${target.replace('+', '_')}`;
  const child = spawn(ourNode, [...nodeFlagsOf(code), '--import', 'tsx', 'api/src/main.ts'], {
    cwd: code,
    env: {
      ...process.env,
      DATABASE_URL: withApplicationName(args.url, applicationName),
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
    cpuSeconds: () => processTreeCpuSeconds(child.pid),
    applicationName,
    stop: () => stopChild(child),
  };
}

/**
 * A server of our own making or PostGraphile, run by `node` from `script`, that counts its statements at
 * `/__statements`.
 */
async function startCounted(
  target: 'postgraphile' | 'floor',
  node: string,
  script: string,
  env: Record<string, string>,
): Promise<Server> {
  const port = await freePort();
  const applicationName = `kg_bench_${target}`;
  const child = spawn(node, [script], {
    cwd: target === 'postgraphile' ? PGL_DIR : ROOT,
    env: {
      ...process.env,
      ...env,
      DATABASE_URL: withApplicationName(args.url, applicationName),
      PORT: String(port),
      POOL_SIZE: args.pool,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/__statements`, child);
  return {
    target,
    url: `${url}/graphql`,
    async statements() {
      return ((await (await fetch(`${url}/__statements`)).json()) as { statements: number }).statements;
    },
    cpuSeconds: () => processTreeCpuSeconds(child.pid),
    applicationName,
    stop: () => stopChild(child),
  };
}

const startPostGraphile = (node: string) =>
  startCounted('postgraphile', node, 'server.mjs', { NODE_ENV: 'production' });

/** The floor for query (a): HTTP, JSON and one statement, no GraphQL (bench/api/floor-server.mjs). */
const startFloor = () => startCounted('floor', ourNode, resolve(ROOT, 'bench/api/floor-server.mjs'), {});

const withApplicationName = (url: string, name: string) => {
  const parsed = new URL(url);
  parsed.searchParams.set('application_name', name);
  return parsed.toString();
};

/**
 * CPU seconds the Postgres backends of a server's connections have used so far (Postgres on this machine: its
 * backends are processes that /proc shows, found through pg_stat_activity by application_name).
 */
async function databaseCpuSeconds(server: Server): Promise<number> {
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity
    where application_name = ${server.applicationName}`.execute(monitor.db);
  return rows.reduce((sum, { pid }) => sum + processTreeCpuSeconds(pid, false), 0);
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

async function ask(server: Server, query: BenchQuery, i: number) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body(query, server.target, i),
  });
  const text = await response.text();
  const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
  if (!response.ok || parsed.errors) throw new Error(`${server.target} ${query.name}: ${text.slice(0, 500)}`);
  return { text, data: parsed.data };
}

/** One request outside the load, to be sure the server answers the query without errors. */
async function check(server: Server, query: BenchQuery): Promise<number> {
  return (await ask(server, query, 0)).text.length;
}

/** Both servers state the same facts for the first requests of a query (where the query says what they are). */
async function checkSameFacts(ours: Server, postgraphile: Server, query: BenchQuery): Promise<string> {
  if (!query.facts) return 'not compared (the servers rank the answers differently)';
  for (let i = 0; i < 5; i++) {
    const mine = query.facts((await ask(ours, query, i)).data, 'ours');
    const theirs = query.facts((await ask(postgraphile, query, i)).data, 'postgraphile');
    const missing = theirs.filter((f) => !mine.includes(f));
    const extra = mine.filter((f) => !theirs.includes(f));
    if (missing.length || extra.length || mine.length !== theirs.length) {
      throw new Error(
        `${query.name}, request ${i}: the servers disagree (ours lacks ${JSON.stringify(missing.slice(0, 5))}, ` +
          `has more ${JSON.stringify(extra.slice(0, 5))})`,
      );
    }
  }
  return 'same facts (5 requests)';
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
    cpuMsPerRequest: 0,
    dbCpuMsPerRequest: 0,
    errors: result.errors + result.timeouts + result.non2xx,
    bytes: 0,
  };
}

/** Each figure's median over the rounds (with an even count, the upper middle). */
function median(measured: Measured[]): Measured {
  const mid = (pick: (m: Measured) => number) => {
    const values = measured.map(pick).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)];
  };
  return {
    rps: mid((m) => m.rps),
    p50: mid((m) => m.p50),
    p95: mid((m) => m.p95),
    p99: mid((m) => m.p99),
    statementsPerRequest: mid((m) => m.statementsPerRequest),
    cpuMsPerRequest: mid((m) => m.cpuMsPerRequest),
    dbCpuMsPerRequest: mid((m) => m.dbCpuMsPerRequest),
    errors: measured.reduce((sum, m) => sum + m.errors, 0),
    bytes: measured[0].bytes,
  };
}

async function measure(server: Server, query: BenchQuery, warmupSeconds: number): Promise<Measured> {
  const bytes = await check(server, query);
  if (warmupSeconds > 0) await load(server, query, warmupSeconds);
  const before = await server.statements();
  const cpuBefore = server.cpuSeconds();
  const dbCpuBefore = await databaseCpuSeconds(server);
  const measured = await load(server, query, duration);
  const cpuAfter = server.cpuSeconds();
  const dbCpuAfter = await databaseCpuSeconds(server);
  const after = await server.statements();
  const requests = measured.rps * duration;
  return {
    ...measured,
    bytes,
    statementsPerRequest: (after - before) / requests,
    cpuMsPerRequest: ((cpuAfter - cpuBefore) * 1000) / requests,
    dbCpuMsPerRequest: ((dbCpuAfter - dbCpuBefore) * 1000) / requests,
  };
}

/** A connection of the benchmark's own, to find the servers' backends. */
const monitor = await openDatabase({ url: args.url, poolSize: 1 });

async function main() {
  const node = ensurePostGraphile();
  if (args['same-node']) ourNode = node;
  const letters = args.queries?.split(',');
  const queries = (await benchQueriesFor(args.url)).filter(
    (q) => !letters || letters.some((letter) => q.name.startsWith(`${letter})`)),
  );
  const baseline = args.baseline ? checkOutBaseline(args.baseline) : undefined;

  console.log(
    `database ${args.url.replace(/\/\/[^@]*@/, '//')}; ${connections} connections, ${duration} s per run after ${warmup} s warm-up, pool ${args.pool}; ours on Node ${ourNode === process.execPath ? process.version : "22 (PostGraphile's)"}`,
  );
  const results = new Map<string, Map<Target, Measured>>(queries.map((q) => [q.name, new Map()]));
  // All three run at once; one is under load at a time (an idle server costs next to nothing), and the
  // targets take turns query by query, so that a change in the machine's load affects them alike.
  const servers: Server[] = [];
  const agreement = new Map<string, string>();
  try {
    servers.push(await startPostGraphile(node), await startOurs('ours'));
    // the baseline runs on the same database: it must know the migrations this checkout has applied
    if (baseline) servers.push(await startOurs('before', baseline.dir));
    if (!args['no-cache']) servers.push(await startOurs('ours+cache'));
    if (args.floor) servers.push(await startFloor());
    for (const query of queries) {
      agreement.set(query.name, await checkSameFacts(servers[1], servers[0], query));
      console.log(`  ${query.name}: ${agreement.get(query.name)}`);
      const rounds = new Map<Target, Measured[]>();
      for (let round = 0; round < Number(args.rounds); round++) {
        for (const server of servers) {
          // the floor answers query (a) only
          if (server.target === 'floor' && !query.name.startsWith('a)')) continue;
          const m = await measure(server, query, round === 0 ? warmup : 0);
          rounds.set(server.target, [...(rounds.get(server.target) ?? []), m]);
          console.log(
            `  ${server.target.padEnd(13)} ${query.name}: ${m.rps.toFixed(0)} req/s, p95 ${m.p95.toFixed(1)} ms, ${m.cpuMsPerRequest.toFixed(2)} CPU ms/request (database ${m.dbCpuMsPerRequest.toFixed(2)}), ${m.statementsPerRequest.toFixed(2)} statements/request${m.errors ? `, ${m.errors} errors` : ''}`,
          );
        }
      }
      for (const [target, measured] of rounds) results.get(query.name)?.set(target, median(measured));
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await monitor.close();
    baseline?.remove();
  }

  console.log('');
  const header = `${'query'.padEnd(56)} ${'target'.padEnd(13)} ${'req/s'.padStart(7)} ${'p50'.padStart(5)} ${'p95'.padStart(5)} ${'p99'.padStart(5)} ${'CPU ms'.padStart(7)} ${'DB CPU'.padStart(7)} ${'SQL/req'.padStart(8)} ${'bytes'.padStart(7)} ${'errors'.padStart(6)}`;
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const query of queries) {
    for (const [target, m] of results.get(query.name) ?? []) {
      console.log(
        `${query.name.slice(0, 56).padEnd(56)} ${target.padEnd(13)} ${m.rps.toFixed(0).padStart(7)} ${m.p50.toFixed(1).padStart(5)} ${m.p95.toFixed(1).padStart(5)} ${m.p99.toFixed(1).padStart(5)} ${m.cpuMsPerRequest.toFixed(2).padStart(7)} ${m.dbCpuMsPerRequest.toFixed(2).padStart(7)} ${m.statementsPerRequest.toFixed(2).padStart(8)} ${String(m.bytes).padStart(7)} ${String(m.errors).padStart(6)}`,
      );
    }
  }
  console.log('\nratios against PostGraphile (throughput: higher is better; p95: lower is better)');
  for (const query of queries) {
    const base = results.get(query.name)?.get('postgraphile');
    if (!base) continue;
    for (const target of ['ours', 'before', 'ours+cache', 'floor'] as const) {
      const m = results.get(query.name)?.get(target);
      if (!m) continue;
      console.log(
        `  ${query.name.slice(0, 56).padEnd(56)} ${target.padEnd(11)} throughput x${(m.rps / base.rps).toFixed(2)}, p95 ${m.p95.toFixed(1)} vs ${base.p95.toFixed(1)} ms (x${(m.p95 / base.p95).toFixed(2)}), CPU per request x${(m.cpuMsPerRequest / base.cpuMsPerRequest).toFixed(2)}, database CPU x${(m.dbCpuMsPerRequest / base.dbCpuMsPerRequest).toFixed(2)}`,
      );
    }
  }
  if (baseline) {
    console.log(`\nratios against the code at ${args.baseline} (before)`);
    for (const query of queries) {
      const before = results.get(query.name)?.get('before');
      const m = results.get(query.name)?.get('ours');
      if (!before || !m) continue;
      console.log(
        `  ${query.name.slice(0, 56).padEnd(56)} throughput x${(m.rps / before.rps).toFixed(2)}, p95 ${m.p95.toFixed(1)} vs ${before.p95.toFixed(1)} ms, CPU per request x${(m.cpuMsPerRequest / before.cpuMsPerRequest).toFixed(2)}`,
      );
    }
  }
  console.log(
    'latencies in ms; CPU ms = server CPU time per request (process and children); DB CPU = CPU time per request of its Postgres backends; SQL/req = SQL statements per request; bytes = size of one response',
  );
  console.log(
    'e) PostGraphile: a trigram match over labels (bench_search_entities), without typo, abbreviation or title ranking',
  );
}

await main();

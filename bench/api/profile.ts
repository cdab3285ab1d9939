/**
 * Where our server's CPU time goes on one benchmark query: starts the API (response cache off) under
 * `node --cpu-prof`, loads it with autocannon, stops it and prints the functions with the most self time and the
 * packages they belong to.
 *
 *   npx tsx bench/api/profile.ts --query c [--url URL] [--connections 10] [--duration 10] [--pool 10] [--top 30]
 *
 * --query is the letter of a query of bench/api/queries.ts (a to e); --url as for bench/api.ts. The profile is
 * kept in .bench/profiles (open it in Chrome DevTools for the call tree).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { API_NODE_FLAGS } from '../../api/src/node-flags.ts';
import { freePort } from '../../tests/support/throwaway-postgres.ts';
import { benchArgs } from '../cli.ts';
import { benchQueriesFor, loadOptions } from './inputs.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const { values: args } = benchArgs(import.meta.url, {
  options: {
    ...loadOptions,
    query: { type: 'string', default: 'a' },
    top: { type: 'string', default: '30' },
  },
});

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Self time by function and by package (node_modules/<package>, our code by folder, node internals), of the
 * samples taken from `skipMs` after the profile started on (the server's start and warm-up left out).
 */
export function summarize(profile: Profile, top: number, skipMs: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= skipMs * 1000) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, micros] of self) {
    const { functionName, url, lineNumber } = byId.get(id)?.callFrame ?? { functionName: '?', url: '', lineNumber: 0 };
    total += micros;
    if (functionName === '(idle)') idle += micros;
    const file = url.replace(/^file:\/\//, '');
    const pkg = file.includes('node_modules/')
      ? (/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? 'node_modules')
      : file.startsWith(ROOT)
        ? file
            .slice(ROOT.length + 1)
            .split('/')
            .slice(0, 3)
            .join('/')
        : file
          ? 'node:internal'
          : functionName;
    const where = file ? `${file.replace(/^.*node_modules\//, '').replace(`${ROOT}/`, '')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`;
    functions.set(key, (functions.get(key) ?? 0) + micros);
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
  }
  const busy = total - idle;
  const table = (map: Map<string, number>) =>
    [...map]
      .filter(([k]) => !k.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `  ${((100 * v) / busy).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  return { busyMs: busy / 1000, functions: table(functions), packages: table(packages) };
}

/** CPU seconds (user + system) a process has used, from /proc (USER_HZ 100). */
function cpuSeconds(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function main() {
  const queries = await benchQueriesFor(args.url);
  const query = queries.find((q) => q.name.startsWith(`${args.query})`));
  if (!query) throw new Error(`no query ${args.query}: ${queries.map((q) => q.name).join('; ')}`);
  const dir = resolve(ROOT, '.bench/profiles', args.query);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const spawned = performance.now();
  const flags = [...API_NODE_FLAGS, '--cpu-prof', '--cpu-prof-dir', dir, '--import', 'tsx', 'api/src/main.ts'];
  const child = spawn(process.execPath, flags, {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: args.url,
      PORT: String(port),
      KG_POOL_SIZE: args.pool,
      KG_IMPORT_REFERENCE_DATA: '0',
      KG_RESPONSE_CACHE_TTL_MS: '0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/ready`)).ok) break;
    } catch {}
    if (i > 480) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
  let i = 0;
  const body = () => JSON.stringify({ query: query.ours, variables: query.variables(i++, 'ours') });
  const check = await (
    await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body() })
  ).json();
  if (check.errors) throw new Error(JSON.stringify(check.errors).slice(0, 500));
  // warm-up (JIT, prepared statements, caches), then the measured load
  await autocannon({
    url: `${base}/graphql`,
    connections: Number(args.connections),
    duration: 3,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: body() }),
      },
    ],
  });
  const loadStartMs = performance.now() - spawned;
  const cpuBefore = cpuSeconds(child.pid);
  const result = await autocannon({
    url: `${base}/graphql`,
    connections: Number(args.connections),
    duration: Number(args.duration),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: body() }),
      },
    ],
  });
  const cpuMs = (cpuSeconds(child.pid) - cpuBefore) * 1000;
  await new Promise<void>((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
  // the main thread's profile (workers write their own, numbered after it)
  const file = readdirSync(dir).find((f) => f.endsWith('.0.001.cpuprofile'));
  if (!file) throw new Error(`no profile in ${dir}`);
  const profile = JSON.parse(readFileSync(resolve(dir, file), 'utf8')) as Profile;
  const summary = summarize(profile, Number(args.top), loadStartMs);
  const requests = result.requests.total;
  console.log(
    `${query.name}: ${requests} requests, ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms; ` +
      `CPU ${(cpuMs / requests).toFixed(2)} ms/request; profiled busy time ${summary.busyMs.toFixed(0)} ms ` +
      `(${resolve(dir, file).replace(`${ROOT}/`, '')})`,
  );
  console.log(`self time by package (share of busy time):\n${summary.packages}`);
  console.log(`self time by function:\n${summary.functions}`);
}

await main();

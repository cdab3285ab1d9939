import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { maskError } from '@kg/api/errors';
import { type RunningServer, startServer } from '@kg/api/server';
import { type DatabaseHandle, openDatabase } from '@kg/db/connect';
import { migrateToLatest } from '@kg/db/migrate';
import { seedGraph } from '@kg/db/seed/graph';
import { loadSeedGraph } from '@kg/db/seed/load';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccounts, tokenFor } from './support/accounts.ts';
import { onetSlice, REFERENCE_DATA, tsvRows } from './support/reference-data.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from './support/throwaway-postgres.ts';

const ROOT = new URL('..', import.meta.url).pathname;

/**
 * Faults on a Postgres server of the test's own (a temporary cluster on a spare port): the database stops
 * and comes back under load, and the API is stopped while a request is in flight.
 */

const HEADERS = { 'content-type': 'application/json', 'x-graphql-csrf': '1' };
const CREATE = `mutation ($input: CreateEntityInput!) { createEntity(input: $input) { entity { id name } } }`;
const READ = `{ occupation(socCode: "29-2072") { name socCode alternateTitles { name } } }`;

/** The admin token writes are sent with (reads go anonymously). */
let adminToken = '';
/** Every write cites a source: the seed's first. */
let citations: Array<{ sourceId: string; quote: string }> = [];

async function post(url: string, query: string, variables?: Record<string, unknown>) {
  const isWrite = query.trimStart().startsWith('mutation');
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: isWrite ? { ...HEADERS, authorization: `Bearer ${adminToken}` } : HEADERS,
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function status(url: string) {
  return (await fetch(url)).status;
}

async function openServerDatabase(cluster: ThrowawayPostgres) {
  return openDatabase({ url: cluster.url(), poolSize: 8, connectTimeoutMs: 1000, statementTimeoutMs: 5000 });
}

describe('faults [throwaway postgres]', () => {
  let cluster: ThrowawayPostgres;
  let database: DatabaseHandle;
  let api: RunningServer;

  beforeAll(async () => {
    cluster = await startThrowawayPostgres();
    database = await openServerDatabase(cluster);
    await migrateToLatest(database.db);
    await loadSeedGraph(database.db, seedGraph);
    await createTestAccounts(database);
    adminToken = await tokenFor(database, 'admin');
    api = await startServer({ database, host: '127.0.0.1' });
    const sources = await post(api.url, '{ sources(first: 1) { edges { node { id } } } }');
    citations = [{ sourceId: sources.data.sources.edges[0].node.id, quote: 'written by the faults test' }];
  });

  afterAll(async () => {
    await api?.shutdown();
    cluster?.destroy();
  });

  it('fails fast while the database is down, says it is not ready, resumes by itself, loses nothing acknowledged', async () => {
    interface Outcome {
      kind: 'read' | 'write';
      name?: string;
      ok: boolean;
      code?: string;
      ms: number;
      phase: 'before' | 'down' | 'after';
    }
    const outcomes: Outcome[] = [];
    let phase: Outcome['phase'] = 'before';
    let running = true;
    const worker = async (w: number) => {
      for (let i = 0; running; i++) {
        const started = performance.now();
        const at = phase;
        if (i % 2 === 0) {
          const result = await post(api.url, READ);
          const ok = !result.errors && result.data?.occupation?.socCode === '29-2072';
          outcomes.push({
            kind: 'read',
            ok,
            code: result.errors?.[0]?.extensions?.code,
            ms: performance.now() - started,
            phase: at,
          });
        } else {
          const name = `fault test skill ${w}-${i}`;
          const result = await post(api.url, CREATE, {
            input: {
              kind: 'SKILL',
              name,
              details: { category: 'skill', description: `written by worker ${w}` },
              labels: [{ text: `${name} alias`, type: 'ALTERNATE' }],
              citations,
            },
          });
          const ok = !result.errors && result.data?.createEntity?.entity?.name === name;
          outcomes.push({
            kind: 'write',
            name,
            ok,
            code: result.errors?.[0]?.extensions?.code,
            ms: performance.now() - started,
            phase: at,
          });
        }
        // a client that backs off a little after a failure, as a real one would
        if (outcomes.at(-1)?.ok === false) await sleep(50);
      }
    };
    const workers = [0, 1, 2, 3].map(worker);

    await sleep(1000);
    cluster.stop('immediate');
    phase = 'down';
    await sleep(1500);
    // liveness says the process is fine; readiness says it cannot serve
    expect(await status(`${api.url}/health`)).toBe(200);
    expect(await status(`${api.url}/ready`)).toBe(503);
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toMatch(/kg_graphql_errors_total\{code="DATABASE_UNAVAILABLE"\} [1-9]/);

    cluster.start();
    const restarted = performance.now();
    while ((await status(`${api.url}/ready`)) !== 200) {
      expect(performance.now() - restarted).toBeLessThan(15_000);
      await sleep(100);
    }
    phase = 'after';
    await sleep(1000);
    running = false;
    await Promise.all(workers);

    const down = outcomes.filter((o) => o.phase === 'down');
    const after = outcomes.filter((o) => o.phase === 'after');
    expect(outcomes.filter((o) => o.phase === 'before' && o.ok).length).toBeGreaterThan(4);
    // every request during the outage failed with the outage's code, and quickly
    expect(down.length).toBeGreaterThan(4);
    const summary = JSON.stringify(down.map(({ kind, ok, code, ms }) => ({ kind, ok, code, ms: Math.round(ms) })));
    expect(new Set(down.filter((o) => !o.ok).map((o) => o.code)), summary).toEqual(new Set(['DATABASE_UNAVAILABLE']));
    // fast: waiting for a connection gives up after 1 s (generous margin for a loaded machine)
    expect(Math.max(...down.map((o) => o.ms)), summary).toBeLessThan(5000);
    // service resumed without a restart of the API
    expect(after.filter((o) => o.ok && o.kind === 'read').length).toBeGreaterThan(0);
    expect(after.filter((o) => o.ok && o.kind === 'write').length).toBeGreaterThan(0);

    // every acknowledged write is there, complete
    const { rows } = await sql<{ name: string; details: number; labels: number; changes: number }>`
      select e.name,
        (select count(*)::int from skill s where s.entity_id = e.id) as details,
        (select count(*)::int from label l where l.entity_id = e.id and l.type = 'alternate') as labels,
        (select count(*)::int from change_log c where c.fact_type = 'entity' and c.fact_id = e.id and c.op = 'create') as changes
      from entity e where e.name like 'fault test skill %'`.execute(database.db);
    const stored = new Map(rows.map((r) => [r.name, r]));
    const acknowledged = outcomes.filter((o) => o.kind === 'write' && o.ok).map((o) => o.name as string);
    for (const name of acknowledged) expect(stored.has(name), name).toBe(true);
    // nothing is half-written: whatever exists (acknowledged or cut off after its commit) has its details,
    // its label and its change-log entry
    for (const row of rows)
      expect({ ...row, name: row.name }).toEqual({ name: row.name, details: 1, labels: 1, changes: 1 });
    const failed = outcomes.filter((o) => o.kind === 'write' && !o.ok).map((o) => o.name as string);
    expect(failed.length).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThanOrEqual(acknowledged.length);
    expect(rows.length).toBeLessThanOrEqual(acknowledged.length + failed.length);
  });

  it('cancels a statement that runs past statement_timeout, set on every connection', async () => {
    const strict = await openDatabase({ url: cluster.url(), poolSize: 2, statementTimeoutMs: 200 });
    try {
      const started = performance.now();
      const error = await sql`select pg_sleep(5)`.execute(strict.db).catch((e: unknown) => e);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(maskError(error, '').extensions.code).toBe('TIMEOUT');
    } finally {
      await strict.close();
    }
  });

  it('drains requests in flight when stopped, refuses new ones, then closes the pool', async () => {
    const second = await openServerDatabase(cluster);
    const stopping = await startServer({ database: second, host: '127.0.0.1', config: { shutdownGraceMs: 10_000 } });
    const { data } = await post(stopping.url, `{ occupation(socCode: "29-2072") { id version } }`);
    const { id, version } = data.occupation;

    // another session holds the row, so the update below waits inside its transaction
    const blocker = new pg.Client({ connectionString: cluster.url() });
    await blocker.connect();
    await blocker.query('begin');
    const { rows } = await blocker.query(
      `select e.id from entity e join occupation o on o.entity_id = e.id where o.soc_code = '29-2072' for update`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const update = post(
      stopping.url,
      `mutation ($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { name version } } }`,
      { input: { id, expectedVersion: version, name: 'Medical Records Specialist', citations } },
    );
    // wait until the update is blocked on the lock
    for (let waited = 0; ; waited += 50) {
      const { rows: waiting } = await blocker.query(
        `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = 'kg'`,
      );
      if (waiting[0].n > 0) break;
      expect(waited).toBeLessThan(5000);
      await sleep(50);
    }

    const shutdown = stopping.shutdown();
    await sleep(200);
    // no new connections once stopping
    await expect(fetch(`${stopping.url}/health`)).rejects.toThrow();
    expect(second.poolStats().total).toBeGreaterThan(0);

    await blocker.query('commit');
    await blocker.end();
    const result = await update;
    expect(result.errors).toBeUndefined();
    expect(result.data.updateEntity.entity).toEqual({ name: 'Medical Records Specialist', version: version + 1 });
    await shutdown;
    expect(second.poolStats().total).toBe(0);
    const { rows: after } = await sql<{ name: string }>`select name from entity where id = ${rows[0].id}`.execute(
      database.db,
    );
    expect(after[0].name).toBe('Medical Records Specialist');
  });

  it('finishes an import killed part way (SIGKILL) when it is run again: the same as one never stopped', async () => {
    const codes = tsvRows(join(REFERENCE_DATA, 'onet', 'Occupation Data.txt'))
      .map((row) => row[0])
      .slice(0, 80);
    const release = onetSlice('onet', codes);
    const admin = new pg.Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    await admin.query('create database kg_killed');
    await admin.query('create database kg_clean');
    await admin.end();
    const importInto = (database: string) =>
      spawn(process.execPath, ['--import', 'tsx', 'db/src/import/cli.ts', 'onet', release], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: cluster.url(database) },
        stdio: 'ignore',
      });
    const exited = (child: ChildProcess) =>
      new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal })),
      );

    const killed = await openDatabase({ url: cluster.url('kg_killed'), poolSize: 2 });
    const clean = await openDatabase({ url: cluster.url('kg_clean'), poolSize: 2 });
    try {
      const first = importInto('kg_killed');
      const firstExit = exited(first);
      // kill it once some batches of relations are committed
      for (let waited = 0; ; waited += 25) {
        const rows = await sql<{ n: number }>`select count(*)::int as n from relation`
          .execute(killed.db)
          .then((r) => r.rows[0].n)
          .catch(() => 0);
        if (rows > 0) break;
        expect(waited).toBeLessThan(90_000);
        await sleep(25);
      }
      first.kill('SIGKILL');
      expect(await firstExit).toEqual({ code: null, signal: 'SIGKILL' });
      const partial = await tableCounts(killed);

      const [again, once] = await Promise.all([exited(importInto('kg_killed')), exited(importInto('kg_clean'))]);
      expect(again).toEqual({ code: 0, signal: null });
      expect(once).toEqual({ code: 0, signal: null });
      const resumed = await tableCounts(killed);
      expect(resumed).not.toEqual(partial);
      expect(resumed).toEqual(await tableCounts(clean));
    } finally {
      await killed.close();
      await clean.close();
    }
  }, 180_000);
});

/** Rows per data table, and the names of all entities (ids differ between databases; names must not). */
async function tableCounts(database: DatabaseHandle) {
  const { rows } = await sql<Record<string, number | string>>`
    select
      (select count(*)::int from entity) as entity,
      (select count(*)::int from external_key) as external_key,
      (select count(*)::int from label) as label,
      (select count(*)::int from relation) as relation,
      (select count(*)::int from observation) as observation,
      (select count(*)::int from citation) as citation,
      (select md5(string_agg(kind || ':' || name, '|' order by kind, name)) from entity) as names`.execute(database.db);
  return rows[0];
}

import { type ChildProcess, spawn } from 'node:child_process';
import { type RunningServer, startServer } from '@kg/api/server';
import { loadTrustedDocuments } from '@kg/api/trusted-documents';
import { type DatabaseHandle, openDatabase } from '@kg/db/connect';
import { migrateToLatest } from '@kg/db/migrate';
import { seedGraph } from '@kg/db/seed/graph';
import { loadSeedGraph } from '@kg/db/seed/load';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccounts, tokenFor } from './support/accounts.ts';
import { freePort, startThrowawayPostgres, type ThrowawayPostgres } from './support/throwaway-postgres.ts';

/**
 * Past one machine: API processes that share one Postgres keep their response caches honest about each
 * other's writes, trusted documents can be cached by a CDN, and anonymous reads can go to a streaming replica.
 */

const ROOT = new URL('..', import.meta.url).pathname;
const HEADERS = { 'content-type': 'application/json', 'x-graphql-csrf': '1' };
const READ = `{ occupation(socCode: "29-2072") { id name version } }`;
const RENAME = `mutation ($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { name version } } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(url: string, query: string, variables?: Record<string, unknown>, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: token ? { ...HEADERS, authorization: `Bearer ${token}` } : HEADERS,
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

async function statements(url: string, metric = 'kg_sql_statements_total') {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(new RegExp(`^${metric} (\\d+)`, 'm').exec(text)?.[1]);
}

/**
 * Renames Medical Records Technician through `url` as the admin, citing the seed's first source. The version it
 * sends is read as the admin too: an anonymous read may come from a replica that has not replayed the last write.
 */
async function rename(url: string, token: string, name: string) {
  const { data } = await post(url, READ, undefined, token);
  const occupation = data.occupation;
  const { data: sources } = await post(url, '{ sources(first: 1) { edges { node { id } } } }');
  const result = await post(
    url,
    RENAME,
    {
      input: {
        id: occupation.id,
        expectedVersion: occupation.version,
        name,
        citations: [{ sourceId: sources.sources.edges[0].node.id, quote: name, locator: 'replicas test' }],
      },
    },
    token,
  );
  expect(result.errors).toBeUndefined();
  return result.data.updateEntity.entity;
}

/** The API as deployed (api/src/main.ts), in a process of its own, with the response cache on. */
async function startApiProcess(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(`${ROOT}node_modules/.bin/tsx`, ['api/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      KG_IMPORT_REFERENCE_DATA: '0',
      KG_RESPONSE_CACHE_TTL_MS: '30000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); Date.now() - started < 60_000; await sleep(200)) {
    if (child.exitCode !== null) throw new Error(`the API process exited with ${child.exitCode}`);
    if ((await fetch(`${url}/ready`).catch(() => null))?.status === 200) return { url, child };
  }
  child.kill('SIGKILL');
  throw new Error('the API process did not get ready within 60 s');
}

async function stopApiProcess(api?: { child: ChildProcess }) {
  if (!api || api.child.exitCode !== null) return;
  const exited = new Promise((resolve) => api.child.once('exit', resolve));
  api.child.kill('SIGTERM');
  await exited;
}

async function openSeeded(url: string) {
  const database = await openDatabase({ url, poolSize: 4 });
  await migrateToLatest(database.db);
  await loadSeedGraph(database.db, seedGraph);
  await createTestAccounts(database);
  return database;
}

describe('replicas [throwaway postgres]', () => {
  let primary: ThrowawayPostgres;
  let database: DatabaseHandle;
  let adminToken = '';

  beforeAll(async () => {
    primary = await startThrowawayPostgres();
    database = await openSeeded(primary.url());
    adminToken = await tokenFor(database, 'admin');
  });

  afterAll(async () => {
    await database?.close();
    primary?.destroy();
  });

  describe('two API processes on one Postgres', () => {
    let a: { url: string; child: ChildProcess } | undefined;
    let b: { url: string; child: ChildProcess } | undefined;

    beforeAll(async () => {
      [a, b] = await Promise.all([startApiProcess(primary.url()), startApiProcess(primary.url())]);
    });
    afterAll(async () => {
      await Promise.all([stopApiProcess(a), stopApiProcess(b)]);
    });

    it("a write through one is in the other's next anonymous read within 1 s, though that read was cached", async () => {
      const before = (await post(b!.url, READ)).data.occupation.name;
      // the same read again is answered from B's cache: no statement reaches the database for it. B's change
      // watch polls the feed every 250 ms, and a poll may fall between two counts: one of three tries is clean.
      const extra: number[] = [];
      for (let i = 0; i < 3 && !extra.includes(0); i++) {
        const counted = await statements(b!.url);
        expect((await post(b!.url, READ)).data.occupation.name).toBe(before);
        extra.push((await statements(b!.url)) - counted);
      }
      expect(extra).toContain(0);

      const renamed = await rename(a!.url, adminToken, 'Medical Records Technician (renamed through A)');
      const written = performance.now();
      let seen = '';
      while (performance.now() - written < 1000) {
        seen = (await post(b!.url, READ)).data.occupation.name;
        if (seen === renamed.name) break;
        await sleep(25);
      }
      expect(seen).toBe(renamed.name);
      expect(performance.now() - written).toBeLessThan(1000);
      await rename(a!.url, adminToken, before);
    });

    it('answers trusted documents asked for by GET with an ETag and Cache-Control, and 304 while they hold', async () => {
      const [page] = [...loadTrustedDocuments().values()].filter((d) => d.file === 'occupation-page.graphql');
      const url = `${b!.url}/graphql?documentId=${page.id}&variables=${encodeURIComponent('{"socCode":"29-2072"}')}`;
      const first = await fetch(url);
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^".+"$/);
      expect((await first.json()).data.occupation.onetSocCode).toBe('29-2072.00');

      const again = await fetch(url, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');

      // a signed-in caller's answer is private: no shared cache may keep it
      const signedIn = await fetch(url, { headers: { authorization: `Bearer ${adminToken}` } });
      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get('cache-control')).toBe('private, no-store');

      // after a write the entity tag no longer holds
      await rename(a!.url, adminToken, 'Medical Records Technician (ETag)');
      await sleep(400);
      const changed = await fetch(url, { headers: { 'if-none-match': etag } });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
      await rename(a!.url, adminToken, 'Medical Records Technician');

      const unknown = await fetch(`${b!.url}/graphql?documentId=sha256:${'0'.repeat(64)}`);
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).errors[0].extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('a streaming replica', () => {
    let replica: ThrowawayPostgres;
    let replicaDatabase: DatabaseHandle;
    let api: RunningServer;

    beforeAll(async () => {
      replica = await primary.startReplica();
      replicaDatabase = await openDatabase({ url: replica.url(), poolSize: 4 });
      const primaryHandle = await openDatabase({ url: primary.url(), poolSize: 8 });
      api = await startServer({
        database: primaryHandle,
        readDatabase: replicaDatabase,
        host: '127.0.0.1',
        config: { responseCacheTtlMs: 0 },
      });
    });
    afterAll(async () => {
      await api?.shutdown();
      replica?.destroy();
    });

    it('serves anonymous reads while the primary takes writes; signed-in callers read their own writes', async () => {
      const { rows } = await sql<{ in_recovery: boolean }>`select pg_is_in_recovery() as in_recovery`.execute(
        replicaDatabase.db,
      );
      expect(rows[0].in_recovery).toBe(true);
      const replicaBefore = await statements(api.url, 'kg_sql_replica_statements_total');
      const primaryBefore = await statements(api.url);

      let running = true;
      const reads: Array<boolean> = [];
      const reader = async () => {
        while (running) {
          const result = await post(api.url, READ);
          reads.push(!result.errors && result.data.occupation.name.length > 0);
        }
      };
      const readers = [reader(), reader(), reader()];
      let last = '';
      try {
        for (let i = 0; i < 5; i++) {
          last = (await rename(api.url, adminToken, `Medical Records Technician ${i}`)).name;
          // the writer reads its own write at once: signed-in reads go to the primary
          const own = await post(api.url, READ, undefined, adminToken);
          expect(own.data.occupation.name).toBe(last);
        }
      } finally {
        running = false;
        await Promise.all(readers);
      }

      expect(reads.length).toBeGreaterThan(10);
      expect(reads.every(Boolean)).toBe(true);
      expect(await statements(api.url, 'kg_sql_replica_statements_total')).toBeGreaterThan(
        replicaBefore + reads.length,
      );
      expect(await statements(api.url)).toBeGreaterThan(primaryBefore);

      // the replica replays the writes: an anonymous read shows the last one soon after
      let seen = '';
      for (const started = Date.now(); Date.now() - started < 5000 && seen !== last; await sleep(50)) {
        seen = (await post(api.url, READ)).data.occupation.name;
      }
      expect(seen).toBe(last);
      // a write sent to the replica itself is refused by Postgres: the API never sends it one
      await expect(sql`create table replica_write_probe (id int)`.execute(replicaDatabase.db)).rejects.toThrow(
        /read-only/,
      );
    });
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '@kg/api/app';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './support/databases.ts';

/**
 * A statement that runs for seconds must not stop the service: PGlite cannot interrupt one, so it runs in a
 * thread of its own and the HTTP thread keeps answering /health, /ready and the request deadline.
 */
describeEachDatabase('the service answers while a long statement runs', (use) => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer(createApp({ database: use().handle, config: { requestTimeoutMs: 1_000 } }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  const timed = async (path: string, init?: RequestInit) => {
    const started = performance.now();
    const response = await fetch(`${url}${path}`, init);
    const body = await response.json();
    return { status: response.status, body, ms: performance.now() - started };
  };

  it('answers /health and /ready at once, and TIMEOUT at the deadline, during a 5 s statement', async () => {
    const sleeping = sql`select pg_sleep(5)`.execute(use().handle.db);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const health = await timed('/health');
    expect(health.status).toBe(200);
    // well before the statement ends (a database on the HTTP thread would answer after it, at 5 s)
    expect(health.ms).toBeLessThan(1_500);
    const ready = await timed('/ready');
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect(ready.ms).toBeLessThan(1_500);

    const query = await timed('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ occupation(socCode: "29-2072") { name } }' }),
    });
    if (use().name === 'pglite') {
      // the one connection is busy: the client is told so at the deadline instead of waiting seconds
      expect(query.body.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
      expect(query.ms).toBeLessThan(3_000);
    } else {
      // a server has other connections
      expect(query.body.data.occupation.name).toBe('Medical Records Technician');
    }
    expect((await timed('/health')).ms).toBeLessThan(1_500);
    await sleeping;
    const after = await timed('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ occupation(socCode: "29-2072") { name } }' }),
    });
    expect(after.body.data.occupation.name).toBe('Medical Records Technician');
  });
});

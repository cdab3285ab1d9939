import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createApp } from '@kg/api/app';
import { maskError } from '@kg/api/errors';
import { createLogger } from '@kg/api/logging';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { tokenFor } from './support/accounts.ts';
import { describeEachDatabase } from './support/databases.ts';
import { errorCodes, graphqlClient } from './support/graphql.ts';

const HEADERS = { 'content-type': 'application/json', 'x-graphql-csrf': '1' };
const OCCUPATION = `{ occupation(socCode: "29-2072") { id name version } }`;
const UPDATE = `mutation ($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { name version } } }`;

/** A debug logger whose lines land in `lines`. */
function loggerInto(lines: string[]) {
  return createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    }),
  });
}

describeEachDatabase('abuse limits, response cache, health and observability', (use) => {
  let graphql: ReturnType<typeof graphqlClient>;
  let server: Server;
  let url: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    graphql = graphqlClient(use().handle, { as: 'anonymous' });
    const logger = loggerInto(logLines);
    server = createServer(createApp({ database: use().handle, logger, config: { maxBodyBytes: 5_000 } }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  beforeEach(async () => {
    await use().reset();
  });

  it('refuses pages larger than the maximum', async () => {
    const result = await graphql(`{ occupations(first: 251) { edges { node { id } } } }`);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].message).toMatch(/between 0 and 250/);
    expect(result.statements).toBe(0);
  });

  it('refuses too many aliases, tokens or directives before any SQL runs', async () => {
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: predicates { name }`).join(' ')} }`;
    const tokens = `{ ${Array.from({ length: 2100 }, () => '__typename').join(' ')} }`;
    const directives = `{ __typename ${Array.from({ length: 21 }, () => '@include(if: true)').join(' ')} }`;
    for (const query of [aliases, tokens, directives]) {
      const result = await graphql(query);
      expect(errorCodes(result), query.slice(0, 40)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(result.statements).toBe(0);
    }
    // within the limits the same shapes run
    const fine = await graphql(`{ ${Array.from({ length: 30 }, (_, i) => `a${i}: predicates { name }`).join(' ')} }`);
    expect(fine.errors).toBeUndefined();
  });

  it('answers introspection only when it is enabled', async () => {
    const query = `{ __schema { queryType { name } } }`;
    expect((await graphql(query)).data.__schema.queryType.name).toBe('Query');
    const closed = await graphqlClient(use().handle, { as: 'anonymous', config: { introspection: false } })(query);
    expect(errorCodes(closed).length).toBeGreaterThan(0);
    expect(new Set(errorCodes(closed))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    expect(closed.errors?.[0].message).toMatch(/introspection/i);
  });

  it('masks unexpected errors: no stack, no SQL', () => {
    const masked = maskError(new Error('syntax error at or near "selec" in select * from entity'), '', false);
    expect(masked.message).toBe('Internal error');
    expect(masked.extensions).toEqual({ code: 'INTERNAL' });
    expect(JSON.stringify(masked.toJSON())).not.toMatch(/select|stack|entity/i);
    const down = maskError(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      '',
    );
    expect(down.extensions.code).toBe('DATABASE_UNAVAILABLE');
    expect(down.message).not.toMatch(/5432|ECONNREFUSED/);
    expect(maskError(Object.assign(new Error('canceling statement'), { code: '57014' }), '').extensions.code).toBe(
      'TIMEOUT',
    );
  });

  it('caches anonymous reads, and a write makes the next read see the new value', async () => {
    const { handle } = use();
    const cached = createServer(createApp({ database: handle, config: { responseCacheTtlMs: 60_000 } }));
    await new Promise<void>((resolve) => cached.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(cached.address() as AddressInfo).port}/graphql`;
    const call = async (query: string, variables?: unknown, headers: Record<string, string> = {}) => {
      const before = handle.statements.total;
      const response = await fetch(base, {
        method: 'POST',
        headers: { ...HEADERS, ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: any; errors?: unknown[] };
      return { ...body, statements: handle.statements.total - before };
    };
    try {
      const first = await call(OCCUPATION);
      expect(first.statements).toBeGreaterThan(0);
      const second = await call(OCCUPATION);
      expect(second.data).toEqual(first.data);
      expect(second.statements).toBe(0);
      // a request that carries credentials is never answered from the cache
      const admin = { authorization: `Bearer ${await tokenFor(handle, 'admin')}` };
      const signedIn = await call(OCCUPATION, undefined, admin);
      expect(signedIn.statements).toBeGreaterThan(0);
      // a refused request is not kept
      const bad = `{ occupation(socCode: "nonsense") { id } }`;
      expect((await call(bad)).errors).toBeDefined();
      expect((await call(bad)).statements).toBeGreaterThanOrEqual(0);

      const { id, version } = first.data.occupation;
      const sources = await call('{ sources(first: 1) { edges { node { id } } } }');
      const citations = [{ sourceId: sources.data.sources.edges[0].node.id, quote: 'Health Records Technician' }];
      const write = await call(
        UPDATE,
        { input: { id, expectedVersion: version, name: 'Health Records Technician', citations } },
        admin,
      );
      expect(write.errors).toBeUndefined();
      const after = await call(OCCUPATION);
      expect(after.statements).toBeGreaterThan(0);
      expect(after.data.occupation).toMatchObject({ name: 'Health Records Technician', version: version + 1 });
      expect((await call(OCCUPATION)).statements).toBe(0);
    } finally {
      await new Promise((resolve) => cached.close(resolve));
    }
  });

  it('answers a query that outlives the deadline with TIMEOUT', async () => {
    const { db } = use().handle;
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // a transaction that holds what the query needs: the table lock on a server, the one connection on PGlite
    let holding!: () => void;
    const locked = new Promise<void>((resolve) => {
      holding = resolve;
    });
    const holder = db.transaction().execute(async (trx) => {
      if (use().name === 'postgres') await sql`lock table entity in access exclusive mode`.execute(trx);
      holding();
      await held;
    });
    // on a busy machine the lock can take a while: the query must start only once it is held
    await locked;
    try {
      const started = performance.now();
      const result = await graphqlClient(use().handle, { as: 'anonymous', config: { requestTimeoutMs: 300 } })(
        OCCUPATION,
      );
      expect(errorCodes(result)).toEqual(['TIMEOUT']);
      expect(performance.now() - started).toBeLessThan(3000);
    } finally {
      release();
      await holder;
    }
  });

  it('limits the request body, refuses GET without the CSRF header, and logs requests without secrets', async () => {
    const big = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(6_000) } }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');

    const get = await fetch(`${url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(403);
    expect(((await get.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    const allowed = await fetch(`${url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: HEADERS });
    expect(((await allowed.json()) as any).data.__typename).toBe('Query');

    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { ...HEADERS, authorization: 'Bearer secret-token-123', 'x-request-id': 'req-limits-1' },
      body: JSON.stringify({ query: `query ($password: String) { __typename }`, variables: { password: 'hunter2' } }),
    });
    expect(response.headers.get('x-request-id')).toBe('req-limits-1');
    await response.text();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const line = logLines.map((l) => JSON.parse(l)).find((l) => l.reqId === 'req-limits-1');
    expect(line).toMatchObject({ msg: 'request', status: 200, req: { method: 'POST' } });
    expect(line.req.headers.authorization).toBe('[redacted]');
    expect(logLines.join('\n')).not.toMatch(/secret-token-123|hunter2/);
  });

  it("logs an internal error with its request's id, interpreted and compiled alike", async () => {
    const lines: string[] = [];
    const logger = loggerInto(lines);
    // every statement fails before it reaches the database: an error no resolver expects
    const failing = {
      transformQuery: () => {
        throw new Error('no statement may run');
      },
      transformResult: async ({ result }: { result: unknown }) => result as never,
    };
    const database = { ...use().handle, db: use().handle.db.withPlugin(failing) };
    const broken = createServer(createApp({ database, logger, logErrors: true }));
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    try {
      const at = `http://127.0.0.1:${(broken.address() as AddressInfo).port}/graphql`;
      // the same document twice: the second run is compiled (api/src/compiled-queries.ts)
      for (const id of ['req-internal-1', 'req-internal-2']) {
        const response = await fetch(at, {
          method: 'POST',
          headers: { ...HEADERS, 'x-request-id': id },
          body: JSON.stringify({ query: OCCUPATION }),
        });
        expect(errorCodes((await response.json()) as never)).toEqual(['INTERNAL']);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      const internal = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'internal error');
      expect(internal.map((l) => l.reqId)).toEqual(['req-internal-1', 'req-internal-2']);
      expect(internal[0].err.message).toBe('no statement may run');
    } finally {
      await new Promise<void>((resolve) => broken.close(() => resolve()));
    }
  });

  it('says it is alive and ready, and counts requests, errors and pool figures', async () => {
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${url}/ready`)).json()).toEqual({ status: 'ready' });
    await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify({ query: `{ occupation(socCode: "nonsense") { id } }` }),
    });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/kg_graphql_errors_total\{code="BAD_USER_INPUT"\} [1-9]/);
    expect(metrics).toMatch(/kg_graphql_operations_total\{type="query",outcome="error"\} [1-9]/);
    expect(metrics).toMatch(/kg_http_request_duration_seconds_count\{route="\/graphql",status="200"\} [1-9]/);
    expect(metrics).toMatch(/kg_db_pool_connections [0-9]/);
    expect(metrics).toMatch(/kg_sql_statements_total [1-9]/);
  });
});

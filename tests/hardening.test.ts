import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '@kg/api/app';
import { issueToken } from '@kg/api/auth';
import { createGraphQLServer } from '@kg/api/yoga';
import { FREE_CLIENT_FAILURES, FREE_LOGIN_FAILURES, findAccountByEmail } from '@kg/db/account/repository';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_ACCOUNTS, tokenFor } from './support/accounts.ts';
import { describeEachDatabase, type TestDatabase } from './support/databases.ts';
import { errorCodes, graphqlClient, readStreamUntil } from './support/graphql.ts';

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const ME = '{ me { email } }';
const UPDATE_USER = `mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { version } } }`;
const UPDATE_ENTITY = `mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { name version } draft { id } } }`;

/** The nested query of the audit: 20 occupations, three levels of related occupations (160,000 objects). */
const RELATED_CUBED = `query($first: Int!) { occupations(first: $first) { edges { node { name
  relatedOccupations { name relatedOccupations { name relatedOccupations { name } } } } } } }`;

/** The README's example queries: they must keep passing the cost check. */
const README_QUERIES = [
  `{
    occupation(socCode: "29-2072") {
      name socCode onetSocCode
      alternateTitles { name citations { quote source { title } } }
      specializations { name }
      courses { name }
      credentials { name abbreviation issuers { name abbreviation } accreditors { abbreviation } }
      employers { name }
      wages { metric value unit period citations { quote source { title publishedAt } } }
      relatedOccupations { name wages { metric value period } }
    }
  }`,
  `{
    resolveTitle(title: "medical recrods tech", first: 3) { occupation { name onetSocCode } score matchedTitle reason }
    search(query: "coding", kinds: [SPECIALIZATION, CREDENTIAL], first: 10) {
      totalCount
      edges { cursor score matchedText node { kind name } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  `query($id: ID!) {
    node(id: $id) {
      ... on Entity {
        kind name version labels { text type }
        relations(predicates: ["issued_by"], direction: BOTH, first: 20) {
          totalCount edges { node { predicate direction other { kind name } attributes citations { quote } } }
        }
        observations(metrics: ["median_annual_wage"]) { value unit period citations { quote } }
      }
    }
  }`,
];

async function listen(app: ReturnType<typeof createApp>) {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** A source to cite, and a quote from it. */
async function citation(db: TestDatabase) {
  const { data } = await graphqlClient(db.handle)('{ sources(first: 1) { edges { node { id } } } }');
  return [{ sourceId: data.sources.edges[0].node.id as string, quote: 'As the source says.' }];
}

describeEachDatabase('hardening', (use) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = use();
    await db.reset();
  });

  describe('cost that counts page sizes', () => {
    it('refuses the cube of related occupations before any SQL, and says by how much', async () => {
      const anonymous = graphqlClient(db.handle, { as: 'anonymous' });
      const complexities: number[] = [];
      for (const first of [20, 250]) {
        const result = await anonymous(RELATED_CUBED, { first });
        expect(errorCodes(result)).toEqual(['QUERY_TOO_COMPLEX']);
        expect(result.statements).toBe(0);
        const { complexity, limit } = (result.errors ?? [])[0].extensions as { complexity: number; limit: number };
        expect(result.errors?.[0].message).toBe(
          `Query is too complex: its complexity is ${complexity}, the limit is ${limit}`,
        );
        expect(complexity).toBeGreaterThan(limit);
        complexities.push(complexity);
      }
      // the estimate grows with the page size
      expect(complexities[1]).toBeGreaterThan(complexities[0] * 10);
    });

    it("passes the README's example queries", async () => {
      const anonymous = graphqlClient(db.handle, { as: 'anonymous' });
      const { data } = await anonymous(
        '{ search(query: "AHIMA", kinds: [ISSUING_BODY], first: 1) { edges { node { id } } } }',
      );
      for (const query of README_QUERIES) {
        const result = await anonymous(query, { id: data.search.edges[0].node.id });
        expect(result.errors).toBeUndefined();
      }
    });
  });

  describe('nodes', () => {
    it('takes at most 100 IDs, refusing more before any SQL, and answers an unknown one with a null', async () => {
      const anonymous = graphqlClient(db.handle, { as: 'anonymous' });
      const { data } = await anonymous('{ entities(first: 100) { edges { node { id } } } }');
      const ids: string[] = data.entities.edges.map((e: { node: { id: string } }) => e.node.id);
      expect(ids).toHaveLength(100);
      const query = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';
      const hundred = await anonymous(query, { ids });
      expect(hundred.errors).toBeUndefined();
      expect(hundred.data.nodes.map((n: { id: string }) => n.id)).toEqual(ids);

      const tooMany = await anonymous(query, { ids: [...ids, ids[0]] });
      expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
      expect(tooMany.errors?.[0].message).toBe('nodes takes at most 100 IDs');
      expect(tooMany.statements).toBe(0);

      const unknown = Buffer.from('Occupation:00000000-0000-4000-8000-000000000000').toString('base64');
      const mixed = await anonymous(query, { ids: [ids[0], unknown] });
      expect(mixed.data.nodes[0].id).toBe(ids[0]);
      expect(mixed.data.nodes[1]).toBeNull();
      expect(mixed.errors?.[0]).toMatchObject({ path: ['nodes', 1], extensions: { code: 'NOT_FOUND' } });
    });
  });

  describe('login and tokens', () => {
    it(`checks only ${FREE_LOGIN_FAILURES} of 40 concurrent wrong passwords for one address`, async () => {
      const anonymous = graphqlClient(db.handle, { as: 'anonymous' });
      const { reviewer } = TEST_ACCOUNTS;
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => anonymous(LOGIN, { email: reviewer.email, password: `wrong-${i}-x9!` })),
      );
      const reasons = results.map((r) => r.errors?.[0].extensions?.reason ?? 'CHECKED');
      expect(reasons.filter((r) => r === 'CHECKED')).toHaveLength(FREE_LOGIN_FAILURES);
      expect(reasons.filter((r) => r === 'THROTTLED')).toHaveLength(40 - FREE_LOGIN_FAILURES);
      const { rows } = await sql<{ failures: number }>`
        select failures from login_throttle where email = ${reviewer.email}`.execute(db.handle.db);
      expect(rows).toEqual([{ failures: FREE_LOGIN_FAILURES }]);
    });

    it('throttles a guessing client, never the owner logging in from another', async () => {
      // behind a trusted proxy, the client is the address the proxy saw (the last X-Forwarded-For hop)
      const client = graphqlClient(db.handle, { as: 'anonymous', config: { trustProxy: true } });
      const { curator } = TEST_ACCOUNTS;
      const from = (ip: string) => ({ 'x-forwarded-for': `198.51.100.1, ${ip}` });
      for (let i = 0; i <= FREE_LOGIN_FAILURES; i++) {
        await client(LOGIN, { email: curator.email, password: `guess-${i}-q7#` }, from('203.0.113.7'));
      }
      const blocked = await client(LOGIN, { email: curator.email, password: curator.password }, from('203.0.113.7'));
      expect(blocked.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'THROTTLED' });
      const owner = await client(LOGIN, { email: curator.email, password: curator.password }, from('192.0.2.44'));
      expect(owner.errors).toBeUndefined();
      expect(owner.data.login.token).toBeTruthy();
    });

    it(`holds back a client after ${FREE_CLIENT_FAILURES} failures across addresses, not the others`, async () => {
      const client = graphqlClient(db.handle, { as: 'anonymous', config: { trustProxy: true } });
      const { viewer } = TEST_ACCOUNTS;
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      // one wrong guess for each of many addresses stays under every per-address limit
      for (let i = 0; i < FREE_CLIENT_FAILURES; i++) {
        const guess = await client(
          LOGIN,
          { email: `person${i}@kg.test`, password: `guess-${i}-q7#` },
          from('203.0.113.9'),
        );
        expect(guess.errors?.[0].extensions?.reason).toBeUndefined();
      }
      const blocked = await client(LOGIN, { email: viewer.email, password: viewer.password }, from('203.0.113.9'));
      expect(blocked.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'THROTTLED' });
      const other = await client(LOGIN, { email: viewer.email, password: viewer.password }, from('192.0.2.45'));
      expect(other.errors).toBeUndefined();
      expect(other.data.login.token).toBeTruthy();
    });

    it('refuses weak and common passwords for new accounts and password changes, changing nothing', async () => {
      const admin = graphqlClient(db.handle);
      const before = await db.fingerprint();
      const target = await findAccountByEmail(db.handle.db, TEST_ACCOUNTS.viewer.email);
      for (const password of ['password123456', 'qwertyuiop12', 'aaaaaaaaaaaa', 'Password1234', 'trustno1trustno1']) {
        const created = await admin(
          `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }`,
          { input: { email: 'new.person@kg.test', password, role: 'VIEWER' } },
        );
        expect(errorCodes(created)).toEqual(['BAD_USER_INPUT']);
        expect(created.errors?.[0].extensions).toMatchObject({ field: 'password', reason: 'WEAK_PASSWORD' });
        const changed = await admin(UPDATE_USER, {
          input: { id: Buffer.from(`User:${target?.id}`).toString('base64'), expectedVersion: 1, password },
        });
        expect(errorCodes(changed)).toEqual(['BAD_USER_INPUT']);
      }
      // the account's own address is among the words a guesser tries first
      const ownAddress = await admin(UPDATE_USER, {
        input: {
          id: Buffer.from(`User:${target?.id}`).toString('base64'),
          expectedVersion: 1,
          password: 'viewer@kg.test',
        },
      });
      expect(ownAddress.errors?.[0].extensions).toMatchObject({ reason: 'WEAK_PASSWORD' });
      expect(await db.fingerprint()).toEqual(before);
    });

    it('a password change or a disable revokes the tokens issued before it', async () => {
      const admin = graphqlClient(db.handle);
      const account = await findAccountByEmail(db.handle.db, TEST_ACCOUNTS.viewer.email);
      const { password_hash: _, ...viewer } = account!;
      const userId = Buffer.from(`User:${viewer.id}`).toString('base64');
      const yoga = createGraphQLServer({ database: db.handle, graphiql: false });
      const meWith = async (token: string) => {
        const response = await yoga.fetch('http://test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: ME }),
        });
        return (await response.json()) as { data?: { me: { email: string } }; errors?: unknown[] };
      };
      const old = await issueToken(db.handle.db, viewer);
      expect((await meWith(old)).data?.me.email).toBe(viewer.email);
      const changed = await admin(UPDATE_USER, {
        input: { id: userId, expectedVersion: 1, password: 'a completely new passphrase 42' },
      });
      expect(changed.errors).toBeUndefined();
      expect(JSON.stringify((await meWith(old)).errors)).toContain('UNAUTHENTICATED');
      // a login right after the change gets a token that works
      const anonymous = graphqlClient(db.handle, { as: 'anonymous' });
      const login = await anonymous(LOGIN, { email: viewer.email, password: 'a completely new passphrase 42' });
      const fresh = login.data.login.token as string;
      expect((await meWith(fresh)).data?.me.email).toBe(viewer.email);
      // disabling and enabling again leaves the tokens of before the disable revoked
      await admin(UPDATE_USER, { input: { id: userId, expectedVersion: 2, disabled: true } });
      await admin(UPDATE_USER, { input: { id: userId, expectedVersion: 3, disabled: false } });
      expect(JSON.stringify((await meWith(fresh)).errors)).toContain('UNAUTHENTICATED');
    });
  });

  describe('subscriptions', () => {
    const subscribe = (
      yoga: ReturnType<typeof createGraphQLServer>,
      token: string | null,
      signal: AbortSignal,
      client = '198.51.100.20',
    ) =>
      yoga.fetch('http://test/graphql', {
        method: 'POST',
        signal,
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          'x-forwarded-for': client,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query: 'subscription { changes { factType op } }' }),
      });
    const firstChunk = async (response: Response) => {
      const reader = response.body!.getReader();
      return { text: await readStreamUntil(reader, 'data:', 5000), reader };
    };

    it('checks the role when a stream starts, not at its first event', async () => {
      const yoga = createGraphQLServer({ database: db.handle, graphiql: false, config: { trustProxy: true } });
      const controller = new AbortController();
      const started = Date.now();
      const { text } = await firstChunk(await subscribe(yoga, null, controller.signal));
      controller.abort();
      // nothing was changed meanwhile: the refusal comes at once, without waiting for an event
      expect(text).toContain('UNAUTHENTICATED');
      expect(Date.now() - started).toBeLessThan(3000);
    });

    it('stops polling when the client goes away, and holds a client to a few open streams', async () => {
      const yoga = createGraphQLServer({
        database: db.handle,
        graphiql: false,
        config: { trustProxy: true, maxStreamsPerClient: 2 },
      });
      const token = await tokenFor(db.handle, 'viewer');
      const controllers = [new AbortController(), new AbortController(), new AbortController()];
      const first = await subscribe(yoga, token, controllers[0].signal);
      const second = await subscribe(yoga, token, controllers[1].signal);
      const third = await firstChunk(await subscribe(yoga, token, controllers[2].signal));
      expect(third.text).toContain('TOO_MANY_REQUESTS');
      // another client is not held back by this one's streams
      const other = new AbortController();
      const elsewhere = await subscribe(yoga, token, other.signal, '198.51.100.99');
      expect(elsewhere.status).toBe(200);
      other.abort();
      await first.body?.cancel().catch(() => undefined);
      await second.body?.cancel().catch(() => undefined);
      for (const c of controllers) c.abort();
      await new Promise((resolve) => setTimeout(resolve, 600));
      const before = db.handle.statements.total;
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(db.handle.statements.total - before).toBe(0);
      // the closed streams no longer count
      const again = new AbortController();
      const reopened = await subscribe(yoga, token, again.signal);
      const reader = reopened.body!.getReader();
      const read = await Promise.race([
        reader.read().then(({ value }) => new TextDecoder().decode(value)),
        new Promise<string>((resolve) => setTimeout(() => resolve(''), 500)),
      ]);
      expect(read).not.toContain('TOO_MANY_REQUESTS');
      again.abort();
    });
  });

  describe('every fact cited, for every role', () => {
    it('refuses an uncited edit by an admin or a reviewer, and takes a cited one', async () => {
      const citations = await citation(db);
      const { data } = await graphqlClient(db.handle)('{ occupation(socCode: "29-2072") { id version } }');
      const before = await db.fingerprint();
      for (const who of ['admin', 'reviewer'] as const) {
        const writer = graphqlClient(db.handle, { as: who });
        const uncited = await writer(UPDATE_ENTITY, {
          input: { id: data.occupation.id, expectedVersion: data.occupation.version, name: 'Uncited Technician' },
        });
        expect(errorCodes(uncited)).toEqual(['BAD_USER_INPUT']);
        expect(uncited.errors?.[0].extensions?.field).toBe('citations');
        const relation = await writer(
          `mutation($input: CreateRelationInput!) { createRelation(input: $input) { relation { id } } }`,
          { input: { predicate: 'related_to', fromId: data.occupation.id, toId: data.occupation.id } },
        );
        expect(errorCodes(relation)).not.toEqual([]);
      }
      expect(await db.fingerprint()).toEqual(before);
      const cited = await graphqlClient(db.handle)(UPDATE_ENTITY, {
        input: {
          id: data.occupation.id,
          expectedVersion: data.occupation.version,
          name: 'Cited Technician',
          citations,
        },
      });
      expect(cited.errors).toBeUndefined();
      expect(cited.data.updateEntity.entity.name).toBe('Cited Technician');
    });

    it("sends a curator's new or changed source to review, and publishes it when a reviewer does", async () => {
      const curator = graphqlClient(db.handle, { as: 'curator' });
      const before = await db.fingerprint();
      const created = await curator(
        `mutation($input: CreateSourceInput!) { createSource(input: $input) { source { id } draft { id factType } } }`,
        { input: { key: 'test:curator-source', title: 'A Curated Page', kind: 'web_page' } },
      );
      expect(created.errors).toBeUndefined();
      expect(created.data.createSource.source).toBeNull();
      expect(created.data.createSource.draft.factType).toBe('source');
      const after = await db.fingerprint();
      // only the review queue changed
      expect({ ...after, draft: before.draft }).toEqual(before);
      const { data } = await graphqlClient(db.handle)('{ sources(first: 1) { edges { node { id title version } } } }');
      const existing = data.sources.edges[0].node;
      const updated = await curator(
        `mutation($input: UpdateSourceInput!) { updateSource(input: $input) { source { title } draft { id } } }`,
        { input: { id: existing.id, expectedVersion: existing.version, title: 'Retitled by a curator' } },
      );
      expect(updated.data.updateSource.source.title).toBe(existing.title);
      const reviewer = graphqlClient(db.handle, { as: 'reviewer' });
      const PUBLISH = `mutation($id: ID!) { publishDraft(input: { id: $id }) { draft { status resultFactId } } }`;
      const published = await reviewer(PUBLISH, { id: created.data.createSource.draft.id });
      expect(published.errors).toBeUndefined();
      await reviewer(PUBLISH, { id: updated.data.updateSource.draft.id });
      const sources = await reviewer(
        `{ sources(first: 250, titleContains: "Curat") { edges { node { key title } } } }`,
      );
      expect(sources.data.sources.edges.map((e: any) => e.node.title).sort()).toEqual([
        'A Curated Page',
        'Retitled by a curator',
      ]);
    });
  });

  describe('HTTP', () => {
    let cached: { server: Server; url: string };
    beforeAll(async () => {
      cached = await listen(
        createApp({
          database: use().handle,
          config: { responseCacheTtlMs: 60_000, corsOrigins: ['https://console.example'] },
        }),
      );
    });
    afterAll(async () => {
      if (cached) await close(cached.server);
    });
    const QUERY = JSON.stringify({ query: '{ occupation(socCode: "29-2072") { name } }' });

    it('answers from the cache only what the CSRF check lets through, and names the header to send', async () => {
      const json = await fetch(cached.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: QUERY,
      });
      expect(json.status).toBe(200);
      const again = await fetch(cached.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: QUERY,
      });
      expect(again.status).toBe(200);
      const plain = await fetch(cached.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: QUERY });
      expect(plain.status).toBe(403);
      const body = (await plain.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(body.errors[0].message).toContain('x-graphql-csrf');
    });

    it('serves public reads to any origin, credentials to configured origins only', async () => {
      const read = (origin: string) =>
        fetch(cached.url, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: QUERY });
      for (let i = 0; i < 2; i++) {
        // the second read of each origin comes from the cache, with the same headers
        const elsewhere = await read('https://apps.example');
        expect(elsewhere.headers.get('access-control-allow-origin')).toBeTruthy();
        expect(elsewhere.headers.get('access-control-allow-credentials')).toBeNull();
        const console = await read('https://console.example');
        expect(console.headers.get('access-control-allow-origin')).toBe('https://console.example');
        expect(console.headers.get('access-control-allow-credentials')).toBe('true');
      }
      const preflight = (origin: string) =>
        fetch(cached.url, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization',
          },
        });
      expect((await preflight('https://apps.example')).headers.get('access-control-allow-headers')).not.toContain(
        'authorization',
      );
      expect((await preflight('https://console.example')).headers.get('access-control-allow-headers')).toContain(
        'authorization',
      );
    });

    it('gives no field suggestions when introspection is off', async () => {
      const typo = '{ occupation(socCode: "29-2072") { nam } search(query: "x", kinds: [SKIL]) { totalCount } }';
      const open = await graphqlClient(db.handle, { as: 'anonymous' })(typo);
      expect(JSON.stringify(open.errors)).toContain('Did you mean');
      const closed = await graphqlClient(db.handle, { as: 'anonymous', config: { introspection: false } })(typo);
      expect(closed.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(closed.errors)).not.toContain('Did you mean');
      const variables = await graphqlClient(db.handle, { as: 'anonymous', config: { introspection: false } })(
        'query($k: [EntityKind!]) { search(query: "x", kinds: $k) { totalCount } }',
        { k: ['SKIL'] },
      );
      expect(JSON.stringify(variables.errors)).not.toContain('Did you mean');
    });
  });
});

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '@kg/api/app';
import { runDirectQuery } from '@kg/api/direct-queries';
import { createGraphQLServer, EXAMPLE_QUERY } from '@kg/api/yoga';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { benchQueries } from '../bench/api/queries.ts';
import { tokenFor } from './support/accounts.ts';
import { describeEachDatabase } from './support/databases.ts';

// Plain JSON queries skip Yoga's Fetch adapter (api/src/direct-queries.ts). The same request sent with an Origin
// header goes through Yoga whole: both must give the same status and the same answer (as JSON: Yoga may put
// `data` before `errors`), answers and errors alike.
describeEachDatabase('queries on the direct path', (use) => {
  let url: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const server = createServer(createApp({ database: use().handle }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  const post = async (body: string, headers: Record<string, string>) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: response.status, body: await response.json() };
  };

  it('answers queries, errors and refusals as Yoga does', async () => {
    const viewer = `Bearer ${await tokenFor(use().handle, 'viewer')}`;
    const bench = benchQueries(['29-2072.00', '31-9094.00'], ['medical coder', 'hog tender']);
    const cases: Array<{ body: unknown; headers?: Record<string, string> }> = [
      ...bench.map((q) => ({ body: { query: q.ours, variables: q.variables(1, 'ours') } })),
      { body: { query: EXAMPLE_QUERY } },
      { body: { query: EXAMPLE_QUERY }, headers: { authorization: viewer } },
      // a query's own errors: an unknown code, a field a viewer may not read, a wrong variable, an over-long text
      { body: { query: '{ occupation(socCode: "00-0000") { name } }' } },
      { body: { query: '{ changes(first: 2) { edges { node { id } } } }' } },
      { body: { query: 'query Q($n: Int!) { occupations(first: $n) { totalCount } }', variables: { n: 'x' } } },
      { body: { query: `{ search(query: "${'x'.repeat(5000)}") { edges { node { id } } } }` } },
      // what only Yoga answers: a bad token, a document that does not validate, a mutation, unknown parameters
      { body: { query: EXAMPLE_QUERY }, headers: { authorization: 'Bearer nonsense' } },
      { body: { query: '{ occupation(socCode: "29-2072") { nope } }' } },
      { body: { query: '{ occupation(socCode: ' } },
      { body: { query: 'mutation { logout { ok } }' } },
      { body: { query: EXAMPLE_QUERY, nonsense: 1 } },
      { body: [{ query: EXAMPLE_QUERY }] },
    ];
    const direct = async () =>
      Number(
        /^kg_graphql_direct_answers_total (\d+)/m.exec(
          await (await fetch(url.replace('/graphql', '/metrics'))).text(),
        )?.[1],
      );
    const before = await direct();
    for (const { body, headers = {} } of cases) {
      const text = JSON.stringify(body);
      // first through Yoga, so that both runs below are compiled (a variable's coercion error is worded
      // differently by graphql-js and graphql-jit)
      await post(text, { ...headers, origin: 'http://elsewhere.test' });
      const answered = await post(text, headers);
      const viaYoga = await post(text, { ...headers, origin: 'http://elsewhere.test' });
      expect({ case: text.slice(0, 80), ...answered }).toEqual({ case: text.slice(0, 80), ...viaYoga });
    }
    // every case but the six only Yoga answers took the direct path; the same requests with an Origin did not
    expect((await direct()) - before).toBe(cases.length - 6);
  });

  it('runs plain queries itself and leaves the rest to Yoga', async () => {
    const yoga = createGraphQLServer({ database: use().handle, graphiql: false });
    const run = (body: unknown, headers: Record<string, string> = {}) =>
      runDirectQuery(
        yoga,
        { url: '/graphql', headers: { 'content-type': 'application/json', ...headers } } as IncomingMessage,
        {} as ServerResponse,
        JSON.stringify(body),
      );
    const answer = await run({ query: '{ occupation(socCode: "29-2072") { name } }' });
    expect(answer).toEqual({ status: 200, text: '{"data":{"occupation":{"name":"Medical Records Technician"}}}' });
    expect((await run({ query: '{ occupation(socCode: "00-0000") { name } }' }))?.status).toBe(200);
    expect(await run({ query: 'mutation { logout { ok } }' })).toBeUndefined();
    expect(await run({ query: '{ nope }' })).toBeUndefined();
    expect(await run({ query: '{ occupation(socCode: "29-2072") { name } }' }, { authorization: 'x' })).toBeUndefined();
  });
});

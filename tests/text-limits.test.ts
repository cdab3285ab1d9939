import { TEXT_LIMITS } from '@kg/api/input-limits';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from './support/databases.ts';
import { errorCodes, graphqlClient } from './support/graphql.ts';

const long = (n: number) => 'nurse '.repeat(Math.ceil(n / 6)).slice(0, n);

describeEachDatabase('every free-text argument has a length limit', (use) => {
  let anonymous: ReturnType<typeof graphqlClient>;
  let admin: ReturnType<typeof graphqlClient>;

  beforeAll(() => {
    anonymous = graphqlClient(use().handle, { as: 'anonymous' });
    admin = graphqlClient(use().handle, { as: 'admin' });
  });

  beforeEach(async () => {
    await use().reset();
  });

  it('refuses over-long search terms before any SQL runs, naming the argument and its limit', async () => {
    const shapes = [
      {
        query: 'query ($q: String) { entities(nameContains: $q, first: 5) { totalCount } }',
        at: 'Query.entities(nameContains)',
      },
      { query: 'query ($q: String!) { search(query: $q) { totalCount } }', at: 'Query.search(query)' },
      { query: 'query ($q: String!) { resolveTitle(title: $q) { score } }', at: 'Query.resolveTitle(title)' },
      { query: 'query ($q: String) { sources(titleContains: $q) { totalCount } }', at: 'Query.sources(titleContains)' },
    ];
    for (const { query, at } of shapes) {
      const max = TEXT_LIMITS.coordinates[at];
      for (const length of [max + 1, 3_000, 90_000]) {
        const result = await anonymous(query, { q: long(length) });
        expect(errorCodes(result), `${at} ${length}`).toEqual(['BAD_USER_INPUT']);
        expect(result.errors?.[0].extensions).toMatchObject({ argument: at, maxLength: max });
        expect(result.errors?.[0].message).toBe(`${at} is longer than ${max} characters (${length})`);
        expect(result.statements).toBe(0);
      }
    }
    // the same term written into the document, not a variable, is refused just the same
    const inline = await anonymous(`{ entities(nameContains: "${long(3_000)}") { totalCount } }`);
    expect(errorCodes(inline)).toEqual(['BAD_USER_INPUT']);
    // at the limit the shapes run
    const atLimit = await anonymous('query ($q: String) { entities(nameContains: $q, first: 5) { totalCount } }', {
      q: long(200),
    });
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data.entities.totalCount).toBe(0);
  });

  it('refuses over-long IDs, cursors and codes in reads', async () => {
    for (const [query, variables] of [
      ['query ($id: ID!) { node(id: $id) { id } }', { id: 'x'.repeat(201) }],
      ['query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['a', 'x'.repeat(201)] }],
      ['query ($a: String) { occupations(first: 1, after: $a) { totalCount } }', { a: 'c'.repeat(201) }],
      ['query ($s: String) { occupation(socCode: $s) { id } }', { s: '2'.repeat(51) }],
    ] as const) {
      const result = await anonymous(query, variables);
      expect(errorCodes(result), query).toEqual(['BAD_USER_INPUT']);
      expect(result.statements).toBe(0);
    }
  });

  it('refuses an over-long text or JSON value in a write, and changes nothing', async () => {
    const before = await use().fingerprint();
    const CREATE = `mutation ($input: CreateEntityInput!) { createEntity(input: $input) { entity { id } } }`;
    const tooLongName = await admin(CREATE, { input: { kind: 'SKILL', name: long(10_001) } });
    expect(errorCodes(tooLongName)).toEqual(['BAD_USER_INPUT']);
    expect(tooLongName.errors?.[0].extensions).toMatchObject({ argument: 'CreateEntityInput.name', maxLength: 10_000 });
    const tooLongDetails = await admin(CREATE, {
      input: { kind: 'SKILL', name: 'Charting', details: { description: long(20_001) } },
    });
    expect(errorCodes(tooLongDetails)).toEqual(['BAD_USER_INPUT']);
    expect(tooLongDetails.errors?.[0].extensions).toMatchObject({ argument: 'CreateEntityInput.details' });
    const login = await anonymous(`mutation ($p: String!) { login(email: "admin@kg.test", password: $p) { token } }`, {
      p: 'p'.repeat(1_001),
    });
    expect(errorCodes(login)).toEqual(['BAD_USER_INPUT']);
    expect(login.statements).toBe(0);
    expect(await use().fingerprint()).toEqual(before);
  });
});

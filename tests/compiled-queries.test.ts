import { compiledSize, MAX_COMPILED_FIELDS } from '@kg/api/compiled-queries';
import { schema } from '@kg/api/schema';
import { parse } from 'graphql';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './support/databases.ts';
import { errorCodes, graphqlClient } from './support/graphql.ts';

// A query document runs interpreted the first time and compiled (graphql-jit) from the second time on
// (api/src/compiled-queries.ts): every answer and error below is asked for three times and must not change.
const THRICE = [0, 1, 2];

/** A walk through the generic interface `hops` deep: each hop multiplies graphql-jit's code by Entity's types. */
const walk = (hops: number) => {
  let nested = '{ name }';
  for (let i = 0; i < hops; i++) nested = `{ relations(first: 3) { edges { node { other ${nested} } } } }`;
  return `{ occupation(socCode: "29-2072") ${nested} }`;
};

describeEachDatabase('compiled queries', (use) => {
  let anonymous: ReturnType<typeof graphqlClient>;
  beforeAll(() => {
    anonymous = graphqlClient(use().handle, { as: 'anonymous' });
  });

  it('answer a repeated query the same, interpreted and then compiled, with variables and fragments', async () => {
    const query = `query Page($code: String!) {
      occupation(socCode: $code) { ...Head alternateTitles { name } wages { metric value period } }
    }
    fragment Head on Occupation { id name socCode createdAt }`;
    const answers = [];
    for (const _ of THRICE) answers.push(await anonymous(query, { code: '29-2072' }));
    expect(answers[0].errors).toBeUndefined();
    expect(answers[0].data.occupation).toMatchObject({ name: 'Medical Records Technician', socCode: '29-2072' });
    expect(answers[0].data.occupation.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    for (const answer of answers.slice(1)) expect(answer.data).toEqual(answers[0].data);
    const other = await anonymous(query, { code: '31-9094' });
    expect(other.data.occupation.socCode).toBe('31-9094');
  });

  it('keep error codes, scope auth and the complexity limit', async () => {
    for (const _ of THRICE) {
      const badPredicate = await anonymous(
        '{ occupation(socCode: "29-2072") { relations(predicates: ["likes"]) { totalCount } } }',
      );
      expect(errorCodes(badPredicate)).toEqual(['BAD_USER_INPUT']);
      expect(badPredicate.errors?.[0].path).toEqual(['occupation', 'relations']);
      const missingVariable = await anonymous('query($code: String!) { occupation(socCode: $code) { id } }', {});
      expect(missingVariable.errors?.length).toBe(1);
      expect(missingVariable.data).toBeUndefined();
      const signedIn = await anonymous('{ users { email } }');
      expect(errorCodes(signedIn)).toEqual(['UNAUTHENTICATED']);
      const tooMuch = await anonymous(
        '{ occupations(first: 100) { edges { node { relations(first: 100) { edges { node { other { relations(first: 100) { totalCount } } } } } } } } }',
      );
      expect(errorCodes(tooMuch)).toEqual(['QUERY_TOO_COMPLEX']);
    }
  });

  it('leave a document that would compile too large to the interpreter, which answers it as before', async () => {
    expect(compiledSize(schema, parse(walk(2)))).toBeLessThan(MAX_COMPILED_FIELDS);
    expect(compiledSize(schema, parse(walk(3)))).toBeGreaterThan(MAX_COMPILED_FIELDS);
    // three hops would take graphql-jit seconds and a great deal of memory to compile; it runs interpreted
    const started = performance.now();
    for (const _ of THRICE) {
      const answer = await anonymous(walk(3));
      expect(answer.errors).toBeUndefined();
      expect(answer.data.occupation.relations.edges.length).toBeGreaterThan(0);
    }
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

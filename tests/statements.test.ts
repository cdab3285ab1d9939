import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXAMPLE_QUERY } from '@kg/api/yoga';
import { createEntity } from '@kg/db/entity/repository';
import { importNaicsFile } from '@kg/db/import/labor-market';
import { createRelation } from '@kg/db/relation/repository';
import { VocabularyIndex } from '@kg/db/search/vocabulary-index';
import { Kind, parse, type SelectionSetNode } from 'graphql';
import { beforeAll, expect, it } from 'vitest';
import { benchQueries } from '../bench/api/queries.ts';
import { describeEachDatabase } from './support/databases.ts';
import { graphqlClient } from './support/graphql.ts';

const EXTRA_OCCUPATIONS = 200;

/** The levels of a query: how deep its selections nest (fragments count where they are spread inline). */
function levelsOf(query: string): number {
  const depth = (set: SelectionSetNode | undefined): number =>
    Math.max(
      0,
      ...(set?.selections ?? []).map((s) =>
        s.kind === Kind.FIELD
          ? s.selectionSet
            ? 1 + depth(s.selectionSet)
            : 0
          : s.kind === Kind.INLINE_FRAGMENT
            ? depth(s.selectionSet)
            : 0,
      ),
    );
  const operation = parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return depth(operation?.selectionSet);
}

/** Adds occupations that each ask for two of twenty credentials, issued by five bodies. */
async function growGraph(db: Parameters<typeof createEntity>[0]) {
  const context = { actor: 'test' };
  await db.transaction().execute(async (trx) => {
    const bodies = [];
    for (let i = 0; i < 5; i++) {
      bodies.push(await createEntity(trx, context, { kind: 'issuing_body', name: `Test Board ${i}` }));
    }
    const credentials = [];
    for (let i = 0; i < 20; i++) {
      const credential = await createEntity(trx, context, {
        kind: 'credential',
        name: `Test Certification ${i}`,
        details: { credentialType: 'certification' },
      });
      await createRelation(trx, context, { predicate: 'issued_by', fromId: credential.id, toId: bodies[i % 5].id });
      credentials.push(credential);
    }
    for (let i = 0; i < EXTRA_OCCUPATIONS; i++) {
      const occupation = await createEntity(trx, context, { kind: 'occupation', name: `Test Occupation ${i}` });
      for (const credential of [credentials[i % 20], credentials[(i + 7) % 20]]) {
        await createRelation(trx, context, {
          predicate: 'requires_credential',
          fromId: occupation.id,
          toId: credential.id,
        });
      }
    }
  });
}

describeEachDatabase('SQL statements per request', (use) => {
  let graphql: ReturnType<typeof graphqlClient>;
  beforeAll(async () => {
    await use().reset();
    await growGraph(use().handle.db);
    // the NAICS sectors, which the README's title coding example names
    await importNaicsFile(
      use().handle.db,
      fileURLToPath(new URL('../db/data/naics/2-6 digit_2022_Codes.xlsx', import.meta.url)),
    );
    // these queries are about batching, not cost: 200 parents with wide nested pages cost more than a public
    // client may ask for (tests/hardening-cost.test.ts), so this client's limit is raised
    graphql = graphqlClient(use().handle, { as: 'anonymous', config: { maxComplexity: 100_000_000 } });
    // title coding reads a copy of the vocabulary tables in the background after they change (here: the first
    // title); what is counted below is each request's own statements
    await graphql('{ resolveTitle(title: "nurse", first: 1) { occupation { id } } }');
    await VocabularyIndex.of(use().handle.db)?.settled();
  });

  it('costs the same statements for 2 occupations as for 200 through the typed fields, three levels deep', async () => {
    const query = `query($first: Int!) {
      occupations(first: $first) { totalCount edges { node {
        name socCode
        credentials { name abbreviation issuers { name abbreviation credentials { name credentialType } } }
      } } }
    }`;
    const small = await graphql(query, { first: 2 });
    const large = await graphql(query, { first: 200 });
    expect(small.errors ?? large.errors).toBeUndefined();
    expect(small.data.occupations.edges).toHaveLength(2);
    expect(large.data.occupations.edges).toHaveLength(200);
    const nested = large.data.occupations.edges.flatMap((e: any) =>
      e.node.credentials.flatMap((c: any) => c.issuers.flatMap((b: any) => b.credentials)),
    );
    expect(nested.length).toBeGreaterThan(400);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(10);
  });

  it('costs the same statements for 2 as for 200 through the generic Entity interface', async () => {
    const query = `query($first: Int!) {
      occupations(first: $first) { edges { node {
        relations(predicates: ["requires_credential"], first: 10) { totalCount edges { node { predicate citations { quote } other {
          name labels { text }
          relations(predicates: ["issued_by"], direction: OUT) { edges { node { other {
            name relations(predicates: ["issued_by"], direction: IN, first: 50) { edges { node { other { name } } } }
          } } } }
        } } } }
      } } }
    }`;
    const small = await graphql(query, { first: 2 });
    const large = await graphql(query, { first: 200 });
    expect(JSON.stringify(small.errors ?? large.errors)).toBeUndefined();
    expect(large.data.occupations.edges).toHaveLength(200);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(10);
  });

  it("costs one statement per level for the benchmark queries, the occupation page and GraphiQL's example", async () => {
    const [one, titles, skills] = benchQueries(['29-2072.00']);
    // levels: the occupation; the occupations, then their titles; the occupation, its skills, their occupations
    for (const [query, levels] of [
      [one, 1],
      [titles, 2],
      [skills, 3],
    ] as const) {
      const result = await graphql(query.ours, query.variables(0, 'ours'));
      expect(result.errors, query.name).toBeUndefined();
      expect(result.statements, query.name).toBeLessThanOrEqual(levels);
    }
    // Four levels (occupation; its facts; their citations, issuers; the citations' sources): the reads of a
    // level, whichever loaders make them (relations, wages, labels, citations), go as one statement, and the
    // citations bring the sources they cite along, so that the last level costs none.
    const page = readFileSync(new URL('../schema/documents/occupation-page.graphql', import.meta.url), 'utf8');
    const result = await graphql(page, { socCode: '29-2072' });
    expect(result.errors).toBeUndefined();
    expect(result.data.occupation.alternateTitles.length).toBeGreaterThan(10);
    expect(result.statements).toBe(levelsOf(page) - 1);
    expect(result.data.occupation.wages[0].citations[0].source.title).toMatch(/\w/);
    const example = await graphql(EXAMPLE_QUERY);
    expect(example.errors).toBeUndefined();
    expect(example.statements).toBeLessThanOrEqual(levelsOf(EXAMPLE_QUERY));
  });

  it("costs at most one statement per level for the README's example queries", async () => {
    const { data } = await graphql('{ occupation(socCode: "29-2072") { id } }');
    // the career path example goes from one occupation to another occupation the ladder reaches
    const paths = await graphql(
      'query($from: ID!) { careerPaths(from: $from, maxSteps: 3) { steps { to { __typename id } } } }',
      { from: data.occupation.id },
    );
    const target = paths.data.careerPaths
      .map((p: any) => p.steps.at(-1).to)
      .find((to: any) => to.__typename === 'Occupation')?.id;
    expect(target).toBeTruthy();
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)]
      .map((m) => m[1])
      .filter((q) => !q.trimStart().startsWith('mutation'));
    expect(examples.length).toBeGreaterThanOrEqual(7);
    expect(examples.some((q) => q.includes('resolveTitle'))).toBe(true);
    expect(examples.some((q) => q.includes('careerPaths'))).toBe(true);
    for (const example of examples) {
      const result = await graphql(example, { id: data.occupation.id, from: data.occupation.id, to: target });
      expect(result.errors, example.slice(0, 80)).toBeUndefined();
      expect(result.statements, example.slice(0, 80)).toBeLessThanOrEqual(levelsOf(example));
    }
  });
});

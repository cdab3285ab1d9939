import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './support/databases.ts';
import { errorCodes, graphqlClient } from './support/graphql.ts';

const citationFields = 'citations { quote locator source { title publisher } }';

describeEachDatabase('reading the graph', (use) => {
  let graphql: ReturnType<typeof graphqlClient>;
  beforeAll(() => {
    graphql = graphqlClient(use().handle, { as: 'anonymous' });
  });

  it('returns the medical records technician with every kind of fact and its citations in one request', async () => {
    const result = await graphql(`{
      occupation(socCode: "29-2072") {
        id name socCode onetSocCode ${citationFields}
        labels { text type }
        alternateTitles { name ${citationFields} }
        specializations { name ${citationFields} }
        courses { name ${citationFields} }
        credentials { name abbreviation credentialType issuers { name abbreviation ${citationFields} } ${citationFields} }
        employers { name ${citationFields} }
        wages { metric value unit period ${citationFields} }
        observations { metric value unit period }
        relatedOccupations { name wages { metric value period } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const o = result.data.occupation;
    expect(o).toMatchObject({ name: 'Medical Records Technician', socCode: '29-2072', onetSocCode: '29-2072.00' });
    const titles = o.alternateTitles.map((t: { name: string }) => t.name);
    expect(titles).toEqual(expect.arrayContaining(['Health Information Technician', 'Medical Records Specialist']));
    expect(o.specializations.map((s: { name: string }) => s.name).sort()).toEqual([
      'Cancer Registration',
      'Medical Coding',
    ]);
    expect(o.courses.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['Medical terminology', 'Anatomy and physiology']),
    );
    const rhit = o.credentials.find((c: { abbreviation: string }) => c.abbreviation === 'RHIT');
    expect(rhit.issuers.map((b: { abbreviation: string }) => b.abbreviation)).toEqual(['AHIMA']);
    expect(o.employers.length).toBeGreaterThanOrEqual(4);
    // the sources disagree on wages across years; every figure is kept with its period
    const medians = o.wages
      .filter((w: { metric: string }) => w.metric === 'median_annual_wage')
      .map((w: { value: number; period: string }) => [w.value, w.period]);
    expect(medians).toEqual(
      expect.arrayContaining([
        [34160, '2012'],
        [30610, 'May 2008'],
      ]),
    );
    expect(o.wages).toContainEqual(
      expect.objectContaining({ metric: 'mean_annual_wage', value: 42820, period: 'May 2017' }),
    );
    expect(o.observations).toContainEqual(
      expect.objectContaining({ metric: 'projected_growth', value: 13, period: '2016-2026' }),
    );
    const everyFact = [
      o,
      ...o.alternateTitles,
      ...o.specializations,
      ...o.courses,
      ...o.credentials,
      ...o.credentials.flatMap((c: { issuers: unknown[] }) => c.issuers),
      ...o.employers,
      ...o.wages,
    ];
    for (const fact of everyFact) {
      expect(fact.citations.length, JSON.stringify(fact).slice(0, 120)).toBeGreaterThan(0);
      for (const c of fact.citations) expect(c.quote.length).toBeGreaterThan(0);
    }
    const manager = o.relatedOccupations.find((r: { name: string }) => /manager/i.test(r.name));
    expect(manager.wages).toContainEqual(expect.objectContaining({ value: 111680 }));
  });

  it('finds an occupation by O*NET-SOC code, SOC code and ID, and any object through node', async () => {
    const byCode = await graphql('{ occupation(socCode: "29-2072.00") { id name } }');
    const { id } = byCode.data.occupation;
    const byId = await graphql(
      'query($id: ID!) { occupation(id: $id) { name } node(id: $id) { id ... on Entity { kind name } } }',
      {
        id,
      },
    );
    expect(byId.data).toEqual({
      occupation: { name: 'Medical Records Technician' },
      node: { id, kind: 'OCCUPATION', name: 'Medical Records Technician' },
    });
    const missing = await graphql('{ occupation(socCode: "99-9999") { id } }');
    expect(missing.data.occupation).toBeNull();
    const malformed = await graphql('{ occupation(socCode: "nursing") { id } }');
    expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
  });

  it('walks the graph through the generic Entity interface, with cursor pagination', async () => {
    const first = await graphql(`{
      occupation(socCode: "29-2072") {
        relations(first: 5) { totalCount edges { cursor node { predicate direction other { kind name } } } pageInfo { hasNextPage endCursor } }
      }
    }`);
    const page1 = first.data.occupation.relations;
    expect(page1.edges).toHaveLength(5);
    expect(page1.totalCount).toBeGreaterThan(50);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const next = await graphql(
      `query($after: String) { occupation(socCode: "29-2072") { relations(first: 5, after: $after) { edges { cursor node { predicate other { name } } } } } }`,
      { after: page1.pageInfo.endCursor },
    );
    const page2 = next.data.occupation.relations.edges;
    expect(page2).toHaveLength(5);
    const seen = new Set(page1.edges.map((e: { cursor: string }) => e.cursor));
    for (const edge of page2) expect(seen.has(edge.cursor)).toBe(false);

    const issuers = await graphql(`{
      occupation(socCode: "29-2072") { relations(predicates: ["has_title"], direction: OUT, first: 100) { totalCount edges { node { other { name } } } } }
    }`);
    expect(issuers.data.occupation.relations.totalCount).toBeGreaterThanOrEqual(8);
    const inward = await graphql(`{
      search(query: "AHIMA", kinds: [ISSUING_BODY], first: 1) { edges { node { relations(direction: IN, predicates: ["issued_by"]) { edges { node { direction other { name } } } } } } }
    }`);
    const edges = inward.data.search.edges[0].node.relations.edges;
    expect(edges[0].node.direction).toBe('IN');
    expect(edges.map((e: { node: { other: { name: string } } }) => e.node.other.name).join()).toMatch(
      /Registered Health Information Technician/,
    );
  });

  it('searches labels by trigram and full text, with kinds, score and the matched text', async () => {
    const result = await graphql(`{
      search(query: "health information technicians", first: 5) { totalCount edges { score matchedText node { kind name } } }
    }`);
    expect(result.errors).toBeUndefined();
    const top = result.data.search.edges[0];
    expect(top.matchedText.toLowerCase()).toContain('health information technician');
    expect(top.score).toBeGreaterThan(0.5);
    const typo = await graphql('{ search(query: "medical terminolgy", kinds: [COURSE]) { edges { node { name } } } }');
    expect(typo.data.search.edges[0].node.name).toBe('Medical terminology');
    const filtered = await graphql('{ search(query: "coding", kinds: [SPECIALIZATION]) { edges { node { kind } } } }');
    expect(filtered.data.search.edges.length).toBeGreaterThan(0);
    for (const e of filtered.data.search.edges) expect(e.node.kind).toBe('SPECIALIZATION');
    const empty = await graphql('{ search(query: "   ") { totalCount } }');
    expect(errorCodes(empty)).toEqual(['BAD_USER_INPUT']);
    const tooMany = await graphql('{ search(query: "coding", first: 1000) { totalCount } }');
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
  });

  it('resolves job titles as people type them to occupations, saying which title matched and why', async () => {
    const result = await graphql(`{
      exact: resolveTitle(title: "Medical Records Technician") { occupation { name } score matchedTitle reason }
      alternate: resolveTitle(title: "health information specialist") { occupation { name } matchedTitle reason }
      typo: resolveTitle(title: "medical recrods techician", first: 3) { occupation { name } score }
      transcriber: resolveTitle(title: "medical transcriber") { occupation { name } matchedTitle }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.exact[0]).toMatchObject({ occupation: { name: 'Medical Records Technician' }, score: 1 });
    expect(result.data.exact[0].reason).toMatch(/exact/);
    expect(result.data.alternate[0].occupation.name).toBe('Medical Records Technician');
    expect(result.data.typo[0].occupation.name).toBe('Medical Records Technician');
    expect(result.data.transcriber[0].occupation.name).toBe('Medical Transcriptionist');
  });

  it('answers a clear error for unknown arguments', async () => {
    const unknownPredicate = await graphql(
      '{ occupation(socCode: "29-2072") { relations(predicates: ["likes"]) { totalCount } } }',
    );
    expect(errorCodes(unknownPredicate)).toEqual(['BAD_USER_INPUT']);
    const badCursor = await graphql('{ occupations(after: "nonsense") { totalCount } }');
    expect(errorCodes(badCursor)).toEqual(['BAD_USER_INPUT']);
    const unknownNode = await graphql('{ node(id: "T2NjdXBhdGlvbjpub3BlCg==") { id } }');
    expect(unknownNode.data?.node ?? null).toBeNull();
  });

  it('refuses queries that are too deep or too large before running them', async () => {
    let nested = '{ name }';
    for (let i = 0; i < 8; i++) nested = `{ relations { edges { node { other ${nested} } } } }`;
    const before = use().handle.statements.total;
    const deep = await graphql(`{ occupation(socCode: "29-2072") ${nested} }`);
    expect(errorCodes(deep)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(use().handle.statements.total).toBe(before);
    const wide = await graphql(`{ ${Array.from({ length: 600 }, (_, i) => `a${i}: predicates { name }`).join(' ')} }`);
    expect(errorCodes(wide)).toEqual(['QUERY_TOO_COMPLEX']);
  });
});

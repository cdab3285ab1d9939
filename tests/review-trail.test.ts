import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from './support/databases.ts';
import { graphqlClient } from './support/graphql.ts';

/**
 * What the console's review pages read: a draft names the fact it changes and the sources it cites by the API's
 * IDs, publishing adds no citation the fact already has, and occupations list in SOC order.
 */

const OCCUPATION = `{
  occupation(socCode: "29-2072") { id version name citations { id quote locator source { id } } }
  sources(first: 1) { edges { node { id title } } }
}`;

const RENAME = `mutation Rename($input: UpdateEntityInput!) { updateEntity(input: $input) { draft { id } } }`;

const DRAFT = `query Draft($id: ID!) {
  node(id: $id) {
    ... on Draft {
      status
      fact { __typename id ... on Entity { name } }
      evidence { quote locator source { id title } }
    }
  }
}`;

describeEachDatabase('the review trail', (use) => {
  beforeEach(async () => {
    await use().reset();
  });

  it('names the draft’s fact and sources, and publishing adds no repeated citation', async () => {
    const admin = graphqlClient(use().handle);
    const curator = graphqlClient(use().handle, { as: 'curator' });
    const reviewer = graphqlClient(use().handle, { as: 'reviewer' });
    const { data } = await admin(OCCUPATION);
    const occupation = data.occupation;
    const source = data.sources.edges[0].node;
    // cite a quote the occupation already has, and the same new quote twice
    const existing = occupation.citations.find((c: { source: { id: string } }) => c.source.id === source.id);
    const repeated = existing
      ? { sourceId: source.id, quote: existing.quote, locator: existing.locator }
      : { sourceId: source.id, quote: 'A quote already cited.' };
    if (!existing) {
      const cited = await admin(
        'mutation($input: CreateCitationInput!) { createCitation(input: $input) { citation { id } } }',
        { input: { factId: occupation.id, ...repeated } },
      );
      expect(cited.errors).toBeUndefined();
    }
    const before = (await admin(OCCUPATION)).data.occupation.citations.length;
    const fresh = { sourceId: source.id, quote: 'Health information technicians organize data.' };
    const proposed = await curator(RENAME, {
      input: {
        id: occupation.id,
        expectedVersion: occupation.version,
        name: 'Medical Records Technician (HIT)',
        citations: [repeated, fresh, fresh],
      },
    });
    expect(proposed.errors).toBeUndefined();
    const draftId = proposed.data.updateEntity.draft.id;

    const pending = await reviewer(DRAFT, { id: draftId });
    expect(pending.errors).toBeUndefined();
    expect(pending.data.node.fact).toEqual({
      __typename: 'Occupation',
      id: occupation.id,
      name: 'Medical Records Technician',
    });
    expect(pending.data.node.evidence).toHaveLength(3);
    expect(pending.data.node.evidence[1]).toMatchObject({ quote: fresh.quote, source: { id: source.id } });

    const published = await reviewer(
      'mutation($id: ID!) { publishDraft(input: { id: $id }) { draft { status fact { ... on Entity { name } } } } }',
      { id: draftId },
    );
    expect(published.errors).toBeUndefined();
    expect(published.data.publishDraft.draft).toEqual({
      status: 'PUBLISHED',
      fact: { name: 'Medical Records Technician (HIT)' },
    });
    const after = (await admin(OCCUPATION)).data.occupation.citations;
    expect(after).toHaveLength(before + 1);
    expect(after.filter((c: { quote: string }) => c.quote === fresh.quote)).toHaveLength(1);
  });

  it('lists occupations by SOC code', async () => {
    const admin = graphqlClient(use().handle);
    const { data, errors } = await admin(`{
      entities(kind: OCCUPATION, orderBy: SOC_CODE, first: 50) { edges { node { details } } }
    }`);
    expect(errors).toBeUndefined();
    const codes = data.entities.edges.map(
      (e: { node: { details: { onetSocCode: string } } }) => e.node.details.onetSocCode,
    );
    expect(codes.length).toBeGreaterThan(1);
    expect(codes).toEqual([...codes].sort());
  });
});

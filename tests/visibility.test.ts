import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestAccount } from './support/accounts.ts';
import { describeEachDatabase, type TestDatabase } from './support/databases.ts';
import { errorCodes, graphqlClient } from './support/graphql.ts';

/** The error codes of reading a node by ID. */
const nodeErrors = async (graphql: ReturnType<typeof graphqlClient>, id: string) =>
  errorCodes(await graphql('query($id: ID!) { node(id: $id) { id } }', { id }));

// Facts in draft (made directly by an admin or an importer, or a draft's own rows) are for curators: anonymous
// clients and viewers must not reach them on any read path (api/src/visibility.ts).

const DRAFT_NAME = 'Quietly Proposed Occupation';
const DRAFT_TITLE = 'Medical Recordz Draftsmith';
const DRAFT_METRIC_VALUE = 123456;
const DRAFT_BODY = 'Provisional Accreditation Board';
const ACCREDITORS = `query($id: ID!) { node(id: $id) { ... on Credential { accreditors { name } accreditor { name } } } }`;

interface Fixture {
  occupationId: string;
  draftEntityId: string;
  draftEntityRawId: string;
  draftRelationId: string;
  deletedDraftId: string;
  /** A time when the deleted draft existed. */
  whileDeletedDraftLived: string;
  draftId: string;
  userId: string;
  /** Before any of the drafts was made. */
  startedAt: string;
  credentialId: string;
  /** The credential's accreditors before a draft body and a draft accreditation were added. */
  accreditors: unknown;
}

const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1];
const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

async function makeDrafts(db: TestDatabase): Promise<Fixture> {
  const startedAt = new Date().toISOString();
  await tick();
  const admin = graphqlClient(db.handle);
  const { data } = await admin(`{
    occupation(socCode: "29-2072") { id }
    sources(first: 1) { edges { node { id } } }
    entities(kind: SKILL, first: 1) { edges { node { id } } }
    me { id }
  }`);
  const citations = [{ sourceId: data.sources.edges[0].node.id, quote: 'As the source says.' }];
  const occupationId = data.occupation.id;
  const created = await admin(
    `mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id } } }`,
    { input: { kind: 'OCCUPATION', name: DRAFT_NAME, status: 'DRAFT', citations } },
  );
  const draftEntityId = created.data.createEntity.entity.id;
  const relation = await admin(
    `mutation($input: CreateRelationInput!) { createRelation(input: $input) { relation { id } } }`,
    {
      input: {
        predicate: 'requires_skill',
        fromId: occupationId,
        toId: data.entities.edges[0].node.id,
        status: 'DRAFT',
        attributes: { importance: 5 },
        citations,
      },
    },
  );
  // a draft label and a draft observation on a published occupation, as an importer writes them
  const label = await admin(`mutation($input: CreateLabelInput!) { createLabel(input: $input) { label { id } } }`, {
    input: { entityId: occupationId, text: DRAFT_TITLE, type: 'ALTERNATE', citations },
  });
  const observation = await admin(
    `mutation($input: CreateObservationInput!) { createObservation(input: $input) { observation { id } } }`,
    {
      input: {
        entityId: occupationId,
        metric: 'median_annual_wage',
        value: DRAFT_METRIC_VALUE,
        unit: 'USD/year',
        period: '2031',
        citations,
      },
    },
  );
  expect(JSON.stringify(label.errors ?? observation.errors ?? relation.errors ?? created.errors)).toBeUndefined();
  await sql`update label set status = 'draft' where id = ${rawId(label.data.createLabel.label.id)}`.execute(
    db.handle.db,
  );
  await sql`update observation set status = 'draft' where id = ${rawId(observation.data.createObservation.observation.id)}`.execute(
    db.handle.db,
  );
  // a draft body accrediting a credential, and a draft accreditation by a published body
  const rhit = await admin('{ search(query: "RHIT", kinds: [CREDENTIAL], first: 1) { edges { node { id } } } }');
  const credentialId = rhit.data.search.edges[0].node.id;
  const accreditors = (await admin(ACCREDITORS, { id: credentialId })).data.node;
  const body = await admin(`mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id } } }`, {
    input: { kind: 'ISSUING_BODY', name: DRAFT_BODY, status: 'DRAFT', details: { bodyType: 'accreditor' }, citations },
  });
  const published = await admin(
    '{ search(query: "AHIMA", kinds: [ISSUING_BODY], first: 1) { edges { node { id } } } }',
  );
  for (const [toId, status] of [
    [body.data.createEntity.entity.id, 'PUBLISHED'],
    [published.data.search.edges[0].node.id, 'DRAFT'],
  ]) {
    const accreditation = await admin(
      `mutation($input: CreateRelationInput!) { createRelation(input: $input) { relation { id } } }`,
      { input: { predicate: 'accredited_by', fromId: credentialId, toId, status, citations } },
    );
    expect(accreditation.errors).toBeUndefined();
  }
  expect((await admin(ACCREDITORS, { id: credentialId })).data.node).toEqual(accreditors);
  // a draft that existed for a while and was then deleted
  const doomed = await admin(
    `mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id version } } }`,
    { input: { kind: 'SKILL', name: 'Ephemeral Draft Skill', status: 'DRAFT', citations } },
  );
  await tick();
  const whileDeletedDraftLived = new Date().toISOString();
  await tick();
  const { id: deletedDraftId, version } = doomed.data.createEntity.entity;
  const deleted = await admin(`mutation($input: DeleteInput!) { deleteEntity(input: $input) { deletedId } }`, {
    input: { id: deletedDraftId, expectedVersion: version },
  });
  expect(deleted.errors).toBeUndefined();
  // a curator's pending draft
  const curator = graphqlClient(db.handle, { as: 'curator' });
  const proposal = await curator(
    `mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { draft { id } } }`,
    { input: { id: occupationId, expectedVersion: 1, name: 'Medical Records Technologist', citations } },
  );
  return {
    occupationId,
    draftEntityId,
    draftEntityRawId: rawId(draftEntityId),
    draftRelationId: relation.data.createRelation.relation.id,
    deletedDraftId,
    whileDeletedDraftLived,
    draftId: proposal.data.updateEntity.draft.id,
    userId: data.me.id,
    startedAt,
    credentialId,
    accreditors,
  };
}

describeEachDatabase('drafts stay private', (use) => {
  let fixture: Fixture;
  beforeAll(async () => {
    await use().reset();
    fixture = await makeDrafts(use());
  });

  const readers: Array<TestAccount | 'anonymous'> = ['anonymous', 'viewer'];

  for (const reader of readers) {
    describe(`as ${reader}`, () => {
      const client = () => graphqlClient(use().handle, { as: reader });

      it('search, the title index and entity lists never show a draft', async () => {
        const graphql = client();
        const result = await graphql(
          `query($q: String!, $t: String!) {
            byName: search(query: $q, first: 10) { totalCount edges { node { name status } } }
            byTitle: search(query: $t, first: 10) { edges { matchedText node { name } } }
            resolveTitle(title: $t, first: 5) { matchedTitle occupation { name } }
            entities(nameContains: $t, first: 10) { totalCount }
            occupations(first: 250) { edges { node { name } } }
          }`,
          { q: DRAFT_NAME, t: DRAFT_TITLE },
        );
        expect(result.errors).toBeUndefined();
        const names = result.data.byName.edges.map((e: any) => e.node.name);
        expect(names).not.toContain(DRAFT_NAME);
        expect(result.data.byName.edges.every((e: any) => e.node.status !== 'DRAFT')).toBe(true);
        expect(result.data.byTitle.edges.map((e: any) => e.matchedText)).not.toContain(DRAFT_TITLE);
        expect(result.data.resolveTitle.map((m: any) => m.matchedTitle)).not.toContain(DRAFT_TITLE);
        expect(result.data.entities.totalCount).toBe(0);
        expect(result.data.occupations.edges.map((e: any) => e.node.name)).not.toContain(DRAFT_NAME);
      });

      it('node, nodes, typed fields and relations hide draft facts', async () => {
        const graphql = client();
        expect(await nodeErrors(graphql, fixture.draftRelationId)).toEqual(['NOT_FOUND']);
        expect(await nodeErrors(graphql, fixture.draftEntityId)).toEqual(['NOT_FOUND']);
        const read = await graphql(
          `query($id: ID!) { occupation(id: $id) {
            labels { text status } wages { value status } observations { value status } skills { importance }
            relations(predicates: ["requires_skill"], first: 250) { totalCount edges { node { id status } } }
            published: relations(predicates: ["requires_skill"], statuses: [PUBLISHED, RETIRED], first: 250) { totalCount }
          } }`,
          { id: fixture.occupationId },
        );
        expect(read.errors).toBeUndefined();
        const occupation = read.data.occupation;
        expect(occupation.labels.map((l: any) => l.text)).not.toContain(DRAFT_TITLE);
        expect(occupation.wages.map((w: any) => w.value)).not.toContain(DRAFT_METRIC_VALUE);
        expect(occupation.observations.every((o: any) => o.status !== 'DRAFT')).toBe(true);
        expect(occupation.relations.edges.map((e: any) => e.node.id)).not.toContain(fixture.draftRelationId);
        const asksForDrafts = await graphql(
          `query($id: ID!) { occupation(id: $id) { relations(statuses: [DRAFT]) { totalCount } } }`,
          { id: fixture.occupationId },
        );
        expect(errorCodes(asksForDrafts)).toEqual([reader === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN']);
        const lists = await graphql(`{
          relations(first: 250) { edges { node { id status } } }
          observations(first: 250) { edges { node { value status } } }
        }`);
        expect(lists.data.relations.edges.map((e: any) => e.node.id)).not.toContain(fixture.draftRelationId);
        expect(lists.data.observations.edges.map((e: any) => e.node.value)).not.toContain(DRAFT_METRIC_VALUE);
        // accreditors, direct or through a program, are published bodies by published relations
        const accreditors = await graphql(ACCREDITORS, { id: fixture.credentialId });
        expect(accreditors.data.node).toEqual(fixture.accreditors);
        expect(JSON.stringify(accreditors.data)).not.toContain(DRAFT_BODY);
      });

      it('as-of reads do not bring back a draft that was later deleted', async () => {
        const graphql = client();
        const past = await graphql(
          `query($id: ID!, $at: DateTime!) {
            node(id: $id, asOf: $at) { id }
          }`,
          { id: fixture.deletedDraftId, at: fixture.whileDeletedDraftLived },
        );
        expect(errorCodes(past)).toEqual(['NOT_FOUND']);
        const search = await graphql(
          `query($at: DateTime!) { search(query: "Ephemeral Draft Skill", first: 5, asOf: $at) { edges { node { name } } } }`,
          { at: fixture.whileDeletedDraftLived },
        );
        expect(search.errors).toBeUndefined();
        expect(search.data.search.edges.map((e: any) => e.node.name)).not.toContain('Ephemeral Draft Skill');
      });

      it('drafts and other accounts are NOT_FOUND, not INTERNAL', async () => {
        const graphql = client();
        expect(await nodeErrors(graphql, fixture.draftId)).toEqual(['NOT_FOUND']);
        expect(await nodeErrors(graphql, fixture.userId)).toEqual(['NOT_FOUND']);
      });
    });
  }

  it('a viewer reads no draft rows in history or the change feed', async () => {
    const viewer = graphqlClient(use().handle, { as: 'viewer' });
    const curator = graphqlClient(use().handle, { as: 'curator' });
    const HISTORY = `query($id: ID!) { history(factId: $id) { totalCount edges { node { op after } } } }`;
    expect((await viewer(HISTORY, { id: fixture.draftEntityId })).data.history.totalCount).toBe(0);
    expect((await curator(HISTORY, { id: fixture.draftEntityId })).data.history.totalCount).toBe(1);
    const FEED = `query($since: DateTime!) { changes(since: $since, first: 1000) { edges { node { factId after before } } } }`;
    const since = { since: fixture.startedAt };
    const seen = (await viewer(FEED, since)).data.changes.edges.map((e: any) => e.node);
    expect(seen.length).toBeGreaterThan(0);
    const hidden = [fixture.draftEntityRawId, rawId(fixture.draftRelationId), rawId(fixture.deletedDraftId)];
    expect(seen.filter((c: any) => hidden.includes(c.factId))).toEqual([]);
    expect(JSON.stringify(seen)).not.toContain(DRAFT_NAME);
    const all = (await curator(FEED, since)).data.changes.edges.map((e: any) => e.node.factId);
    expect(all).toEqual(expect.arrayContaining(hidden));
  });

  it('curators read drafts where they work on them', async () => {
    const curator = graphqlClient(use().handle, { as: 'curator' });
    const result = await curator(
      `query($q: String!, $rel: ID!, $draft: ID!) {
        search(query: $q, first: 5) { edges { node { name status } } }
        relation: node(id: $rel) { id }
        draft: node(id: $draft) { id }
      }`,
      { q: DRAFT_NAME, rel: fixture.draftRelationId, draft: fixture.draftId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.search.edges[0].node).toEqual({ name: DRAFT_NAME, status: 'DRAFT' });
    expect(result.data.relation.id).toBe(fixture.draftRelationId);
    expect(result.data.draft.id).toBe(fixture.draftId);
  });

  it('nodes answers item by item: a bad ID is a null with its own error and path', async () => {
    const anonymous = graphqlClient(use().handle, { as: 'anonymous' });
    const result = await anonymous(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: [fixture.occupationId, 'not-an-id', fixture.draftRelationId, Buffer.from('Nope:1').toString('base64')],
    });
    expect(result.data.nodes).toEqual([{ id: fixture.occupationId }, null, null, null]);
    expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['nodes', 1], 'NOT_FOUND'],
      [['nodes', 2], 'NOT_FOUND'],
      [['nodes', 3], 'NOT_FOUND'],
    ]);
  });

  it('search(first: 0) reports the same totalCount as a page of one', async () => {
    const anonymous = graphqlClient(use().handle, { as: 'anonymous' });
    const result = await anonymous(`{
      none: search(query: "medical", first: 0) { totalCount edges { cursor } }
      one: search(query: "medical", first: 1) { totalCount }
    }`);
    expect(result.data.none.edges).toEqual([]);
    expect(result.data.one.totalCount).toBeGreaterThan(1);
    expect(result.data.none.totalCount).toBe(result.data.one.totalCount);
  });
});

import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { TEST_ACCOUNTS, type TestAccount } from './support/accounts.ts';
import { describeEachDatabase, type TestDatabase } from './support/databases.ts';
import { errorCodes, graphqlClient } from './support/graphql.ts';

type Client = ReturnType<typeof graphqlClient>;
type Who = TestAccount | 'anonymous';

const SEED = `{
  occupation(socCode: "29-2072") {
    id version
    labels { id text type version }
    relations(first: 20, direction: OUT) { edges { node { id predicate version other { id kind version } } } }
    observations { id version }
    citations { id version }
  }
  occupations(first: 5) { edges { node { id name } } }
  sources(first: 1) { edges { node { id } } }
}`;

/** IDs from the seed graph that every case below writes to. */
async function seedIds(graphql: Client) {
  const { data, errors } = await graphql(SEED);
  expect(errors).toBeUndefined();
  const o = data.occupation;
  const alternates = o.labels.filter((l: { type: string }) => l.type === 'ALTERNATE');
  const relations = o.relations.edges.map((e: { node: unknown }) => e.node);
  const specialization = relations.find((r: { predicate: string }) => r.predicate === 'has_specialization');
  const other = data.occupations.edges
    .map((e: { node: { id: string } }) => e.node)
    .find((n: { id: string }) => n.id !== o.id);
  return {
    occupation: o,
    alternates,
    relations,
    specialization: specialization.other,
    otherOccupation: other,
    sourceId: data.sources.edges[0].node.id as string,
  };
}

type Ids = Awaited<ReturnType<typeof seedIds>>;

const cite = (ids: Ids) => [{ sourceId: ids.sourceId, quote: 'As the source says.' }];

/** Every write of the API, with a valid input built from the seed. */
const MUTATIONS: Record<
  string,
  {
    document: string;
    input: (ids: Ids) => Record<string, unknown>;
    fact?: boolean;
    prepare?: (admin: Client, ids: Ids) => Promise<void>;
  }
> = {
  createEntity: {
    document: 'mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id } draft { id } } }',
    input: (ids) => ({ kind: 'SKILL', name: 'Release-of-information processing', citations: cite(ids) }),
  },
  updateEntity: {
    document: 'mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { id } draft { id } } }',
    input: (ids) => ({
      id: ids.occupation.id,
      expectedVersion: ids.occupation.version,
      name: 'Health Information Technician',
      citations: cite(ids),
    }),
  },
  deleteEntity: {
    document: 'mutation($input: DeleteInput!) { deleteEntity(input: $input) { deletedId draft { id } } }',
    input: (ids) => ({ id: ids.specialization.id, expectedVersion: ids.specialization.version, retire: true }),
  },
  createLabel: {
    document: 'mutation($input: CreateLabelInput!) { createLabel(input: $input) { label { id } draft { id } } }',
    input: (ids) => ({
      entityId: ids.occupation.id,
      text: 'Records clerk (health)',
      type: 'ALTERNATE',
      citations: cite(ids),
    }),
  },
  updateLabel: {
    document: 'mutation($input: UpdateLabelInput!) { updateLabel(input: $input) { label { id } draft { id } } }',
    input: (ids) => ({
      id: ids.alternates[0].id,
      expectedVersion: ids.alternates[0].version,
      text: 'Health records tech',
      citations: cite(ids),
    }),
  },
  deleteLabel: {
    document: 'mutation($input: DeleteInput!) { deleteLabel(input: $input) { deletedId draft { id } } }',
    input: (ids) => ({ id: ids.alternates[1].id, expectedVersion: ids.alternates[1].version }),
  },
  createRelation: {
    document:
      'mutation($input: CreateRelationInput!) { createRelation(input: $input) { relation { id } draft { id } } }',
    input: (ids) => ({
      predicate: 'close_match',
      fromId: ids.occupation.id,
      toId: ids.otherOccupation.id,
      citations: cite(ids),
    }),
  },
  updateRelation: {
    document:
      'mutation($input: UpdateRelationInput!) { updateRelation(input: $input) { relation { id } draft { id } } }',
    input: (ids) => ({
      id: ids.relations[0].id,
      expectedVersion: ids.relations[0].version,
      attributes: { note: 'checked' },
      citations: cite(ids),
    }),
  },
  deleteRelation: {
    document: 'mutation($input: DeleteInput!) { deleteRelation(input: $input) { deletedId draft { id } } }',
    input: (ids) => ({ id: ids.relations[1].id, expectedVersion: ids.relations[1].version }),
  },
  createObservation: {
    document:
      'mutation($input: CreateObservationInput!) { createObservation(input: $input) { observation { id } draft { id } } }',
    input: (ids) => ({
      entityId: ids.occupation.id,
      metric: 'employment',
      value: 186400,
      period: '2031',
      citations: cite(ids),
    }),
  },
  updateObservation: {
    document:
      'mutation($input: UpdateObservationInput!) { updateObservation(input: $input) { observation { id } draft { id } } }',
    input: (ids) => ({
      id: ids.occupation.observations[0].id,
      expectedVersion: ids.occupation.observations[0].version,
      value: 12345,
      citations: cite(ids),
    }),
  },
  deleteObservation: {
    document: 'mutation($input: DeleteInput!) { deleteObservation(input: $input) { deletedId draft { id } } }',
    input: (ids) => ({
      id: ids.occupation.observations[1].id,
      expectedVersion: ids.occupation.observations[1].version,
    }),
  },
  createCitation: {
    document:
      'mutation($input: CreateCitationInput!) { createCitation(input: $input) { citation { id } draft { id } } }',
    input: (ids) => ({ factId: ids.occupation.id, sourceId: ids.sourceId, quote: 'Another quote.' }),
  },
  updateCitation: {
    document:
      'mutation($input: UpdateCitationInput!) { updateCitation(input: $input) { citation { id } draft { id } } }',
    input: (ids) => ({
      id: ids.occupation.citations[0].id,
      expectedVersion: ids.occupation.citations[0].version,
      locator: 'p. 2',
    }),
  },
  deleteCitation: {
    document: 'mutation($input: DeleteInput!) { deleteCitation(input: $input) { deletedId draft { id } } }',
    input: (ids) => ({ id: ids.occupation.citations[0].id, expectedVersion: ids.occupation.citations[0].version }),
  },
  revert: {
    // the occupation is renamed first (version 2), so that there is an earlier version to go back to
    prepare: async (admin, ids) => {
      await admin('mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { id } } }', {
        input: {
          id: ids.occupation.id,
          expectedVersion: ids.occupation.version,
          name: 'Records Technician',
          citations: cite(ids),
        },
      });
    },
    document: 'mutation($input: RevertInput!) { revert(input: $input) { factId version draft { id } } }',
    input: (ids) => ({
      factId: ids.occupation.id,
      toVersion: ids.occupation.version,
      expectedVersion: ids.occupation.version + 1,
      citations: cite(ids),
    }),
  },

  createSource: {
    document: 'mutation($input: CreateSourceInput!) { createSource(input: $input) { source { id } draft { id } } }',
    input: () => ({ key: 'matrix:source', title: 'A curator note', kind: 'curator_note' }),
  },
  createUser: {
    fact: false,
    document: 'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }',
    input: () => ({ email: 'someone@kg.test', password: 'long-enough-password', role: 'VIEWER' }),
  },
};

const ROLES: Who[] = ['anonymous', 'viewer', 'curator', 'reviewer', 'admin'];

/** What each role's call must do. */
function expected(who: Who, name: string): 'UNAUTHENTICATED' | 'FORBIDDEN' | 'draft' | 'applied' {
  if (who === 'anonymous') return 'UNAUTHENTICATED';
  if (who === 'viewer') return 'FORBIDDEN';
  if (name === 'createUser') return who === 'admin' ? 'applied' : 'FORBIDDEN';
  // a curator's new source is reviewed like a fact
  return who === 'curator' ? 'draft' : 'applied';
}

const withoutDrafts = (fingerprint: Record<string, string>) => {
  const { draft: _, ...rest } = fingerprint;
  return rest;
};

const payloadOf = (data: Record<string, any> | null | undefined) => (data ? Object.values(data)[0] : null);

describeEachDatabase('roles, drafts and review', (use) => {
  let db: TestDatabase;
  let admin: Client;
  beforeEach(async () => {
    db = use();
    await db.reset();
    admin = graphqlClient(db.handle);
  });

  for (const who of ROLES) {
    it(`${who}: every mutation does what the role allows, and a denied one changes nothing`, async () => {
      const client = graphqlClient(db.handle, { as: who });
      // each case starts from the seed (beforeEach reset it for the first): after a denied call nothing is to be
      // undone, after a curator's draft only the review queue, else the whole database
      let left: 'nothing' | 'drafts' | 'changes' = 'nothing';
      for (const [name, mutation] of Object.entries(MUTATIONS)) {
        if (left === 'changes') await db.reset();
        if (left === 'drafts') await db.resetDrafts();
        const ids = await seedIds(admin);
        await mutation.prepare?.(admin, ids);
        const before = await db.fingerprint();
        const result = await client(mutation.document, { input: mutation.input(ids) });
        const after = await db.fingerprint();
        const same = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(a) === JSON.stringify(b);
        left =
          mutation.prepare || !same(withoutDrafts(after), withoutDrafts(before))
            ? 'changes'
            : same(after, before)
              ? 'nothing'
              : 'drafts';
        const outcome = expected(who, name);
        const label = `${who} ${name}`;
        if (outcome === 'UNAUTHENTICATED' || outcome === 'FORBIDDEN') {
          expect(errorCodes(result), label).toEqual([outcome]);
          expect(after, label).toEqual(before);
        } else if (outcome === 'draft') {
          expect(result.errors, label).toBeUndefined();
          expect(payloadOf(result.data)?.draft?.id, label).toBeTruthy();
          // the published graph is untouched: only the review queue grew
          expect(withoutDrafts(after), label).toEqual(withoutDrafts(before));
          expect(after.draft, label).not.toEqual(before.draft);
        } else {
          expect(result.errors, label).toBeUndefined();
          if (mutation.fact !== false) expect(payloadOf(result.data)?.draft ?? null, label).toBeNull();
          expect(withoutDrafts(after), label).not.toEqual(withoutDrafts(before));
          expect(after.draft, label).toEqual(before.draft);
        }
      }
    });
  }

  it('only curators and up read drafts: the queue, a draft by ID and facts in draft', async () => {
    const ids = await seedIds(admin);
    const curator = graphqlClient(db.handle, { as: 'curator' });
    const proposed = await curator(MUTATIONS.updateEntity.document, { input: MUTATIONS.updateEntity.input(ids) });
    const draftId = proposed.data.updateEntity.draft.id;
    const draftRelation = await admin(MUTATIONS.createRelation.document, {
      input: { ...MUTATIONS.createRelation.input(ids), status: 'DRAFT' },
    });
    expect(draftRelation.errors).toBeUndefined();
    const draftEntity = await admin(MUTATIONS.createEntity.document, {
      input: { ...MUTATIONS.createEntity.input(ids), status: 'DRAFT' },
    });
    const draftEntityId = draftEntity.data.createEntity.entity.id;
    const queue = '{ drafts { totalCount edges { node { id operation author } } } }';
    const byId = 'query($id: ID!) { node(id: $id) { id } }';
    const draftEdges = `query($id: ID!) { node(id: $id) { ... on Entity { relations(statuses: [DRAFT]) { totalCount } } } }`;
    for (const who of ROLES) {
      const client = graphqlClient(db.handle, { as: who });
      const readsDrafts = who === 'curator' || who === 'reviewer' || who === 'admin';
      const denied = who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      const list = await client(queue);
      const one = await client(byId, { id: draftId });
      const edges = await client(draftEdges, { id: ids.occupation.id });
      const entity = await client(byId, { id: draftEntityId });
      const entities = await client('{ entities(kind: SKILL, nameContains: "Release-of-information") { totalCount } }');
      if (readsDrafts) {
        expect(list.data.drafts.edges[0].node).toMatchObject({
          id: draftId,
          operation: 'updateEntity',
          author: TEST_ACCOUNTS.curator.email,
        });
        expect(one.data.node.id).toBe(draftId);
        expect(edges.data.node.relations.totalCount).toBe(1);
        expect(entity.data.node.id).toBe(draftEntityId);
        expect(entities.data.entities.totalCount).toBe(1);
      } else {
        expect(errorCodes(list), who).toEqual([denied]);
        // to them a draft does not exist
        expect(errorCodes(one), who).toEqual(['NOT_FOUND']);
        expect(errorCodes(edges), who).toEqual([denied]);
        expect(entity.data.node, who).toBeNull();
        expect(entities.data.entities.totalCount, who).toBe(0);
      }
    }
  });

  it('a reviewer publishes a cited draft as its author, approved by the reviewer; others may not', async () => {
    const ids = await seedIds(admin);
    const curator = graphqlClient(db.handle, { as: 'curator' });
    const proposed = await curator(MUTATIONS.updateEntity.document, { input: MUTATIONS.updateEntity.input(ids) });
    const draftId = proposed.data.updateEntity.draft.id;
    const publish = 'mutation($input: ReviewDraftInput!) { publishDraft(input: $input) { draft { status reviewer } } }';
    const before = await db.fingerprint();
    for (const who of ['anonymous', 'viewer', 'curator', 'curator2'] as const) {
      const result = await graphqlClient(db.handle, { as: who })(publish, { input: { id: draftId } });
      expect(errorCodes(result), who).toEqual([who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN']);
    }
    expect(await db.fingerprint()).toEqual(before);

    const review = await graphqlClient(db.handle, { as: 'reviewer' })(
      `query($id: ID!) { node(id: $id) { ... on Draft { status stale diff { field before after } citations } } }`,
      { id: draftId },
    );
    expect(review.data.node).toMatchObject({
      status: 'PENDING',
      stale: false,
      diff: [{ field: 'name', before: 'Medical Records Technician', after: 'Health Information Technician' }],
    });
    expect(review.data.node.citations).toHaveLength(1);

    const published = await graphqlClient(db.handle, { as: 'reviewer' })(publish, {
      input: { id: draftId, reason: 'matches BLS' },
    });
    expect(published.errors).toBeUndefined();
    expect(published.data.publishDraft.draft).toEqual({ status: 'PUBLISHED', reviewer: TEST_ACCOUNTS.reviewer.email });
    const anonymous = graphqlClient(db.handle, { as: 'anonymous' });
    const read = await anonymous(`{ occupation(socCode: "29-2072") { name version citations { quote } } }`);
    expect(read.data.occupation.name).toBe('Health Information Technician');
    expect(read.data.occupation.version).toBe(ids.occupation.version + 1);
    expect(read.data.occupation.citations.map((c: { quote: string }) => c.quote)).toContain('As the source says.');
    const { rows } = await sql<{ actor: string; approved_by: string; draft_id: string }>`
      select actor, approved_by, draft_id from change_log where fact_type = 'entity' and op = 'update'`.execute(
      db.handle.db,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: TEST_ACCOUNTS.curator.email, approved_by: TEST_ACCOUNTS.reviewer.email });
    // a published draft cannot be published again
    const again = await graphqlClient(db.handle, { as: 'reviewer2' })(publish, { input: { id: draftId } });
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses to publish without a citation, a stale draft (CONFLICT), and rejects only with a reason', async () => {
    const ids = await seedIds(admin);
    const curator = graphqlClient(db.handle, { as: 'curator' });
    const reviewer = graphqlClient(db.handle, { as: 'reviewer' });
    const publish = 'mutation($input: ReviewDraftInput!) { publishDraft(input: $input) { draft { status } } }';
    const reject =
      'mutation($input: ReviewDraftInput!) { rejectDraft(input: $input) { draft { status reviewReason } } }';
    const uncited = await curator(MUTATIONS.updateEntity.document, {
      input: { ...MUTATIONS.updateEntity.input(ids), citations: undefined },
    });
    const uncitedId = uncited.data.updateEntity.draft.id;
    const before = await db.fingerprint();
    expect(errorCodes(await reviewer(publish, { input: { id: uncitedId } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await reviewer(reject, { input: { id: uncitedId } }))).toEqual(['BAD_USER_INPUT']);
    expect(await db.fingerprint()).toEqual(before);
    const rejected = await reviewer(reject, { input: { id: uncitedId, reason: 'no source' } });
    expect(rejected.data.rejectDraft.draft).toEqual({ status: 'REJECTED', reviewReason: 'no source' });

    // the fact changes after the draft was proposed: publishing it would overwrite that change
    const cited = await curator(MUTATIONS.updateEntity.document, { input: MUTATIONS.updateEntity.input(ids) });
    const citedId = cited.data.updateEntity.draft.id;
    const direct = await admin(
      'mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { version } } }',
      {
        input: {
          id: ids.occupation.id,
          expectedVersion: ids.occupation.version,
          details: { jobZone: 3 },
          citations: cite(ids),
        },
      },
    );
    expect(direct.errors).toBeUndefined();
    const stale = await reviewer(`query($id: ID!) { node(id: $id) { ... on Draft { stale status } } }`, {
      id: citedId,
    });
    expect(stale.data.node).toEqual({ stale: true, status: 'PENDING' });
    const beforeConflict = await db.fingerprint();
    const conflict = await reviewer(publish, { input: { id: citedId } });
    expect(errorCodes(conflict)).toEqual(['CONFLICT']);
    expect(await db.fingerprint()).toEqual(beforeConflict);
  });

  it('refuses a bad or stale curator change at once, keeping no draft', async () => {
    const ids = await seedIds(admin);
    const curator = graphqlClient(db.handle, { as: 'curator' });
    const before = await db.fingerprint();
    const stale = await curator(MUTATIONS.updateEntity.document, {
      input: { ...MUTATIONS.updateEntity.input(ids), expectedVersion: ids.occupation.version + 5 },
    });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    const forbiddenEdge = await curator(MUTATIONS.createRelation.document, {
      input: { ...MUTATIONS.createRelation.input(ids), predicate: 'issued_by' },
    });
    expect(errorCodes(forbiddenEdge)).toEqual(['BAD_USER_INPUT']);
    const duplicate = await curator(MUTATIONS.createEntity.document, {
      input: { kind: 'OCCUPATION', name: 'medical records technician', citations: cite(ids) },
    });
    expect(errorCodes(duplicate)).toEqual(['BAD_USER_INPUT']);
    expect(await db.fingerprint()).toEqual(before);
  });

  it('keeps labels clean: normalised text, no duplicates in a kind, no dangling facts when retiring', async () => {
    const ids = await seedIds(admin);
    const created = await admin(
      'mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id name } } }',
      { input: { kind: 'SKILL', name: '  Cafe\u0301\u200b   records\u0007 audit ', citations: cite(ids) } },
    );
    expect(created.data.createEntity.entity.name).toBe('Café records audit');
    const duplicate = await admin(
      'mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id } } }',
      { input: { kind: 'SKILL', name: 'CAFÉ RECORDS AUDIT' } },
    );
    expect(errorCodes(duplicate)).toEqual(['BAD_USER_INPUT']);
    expect(duplicate.errors?.[0].extensions?.duplicateOf).toBeTruthy();

    // deleting an entity that relations use is refused; retiring keeps it and retires its relations
    const spec = ids.specialization;
    const refused = await admin(MUTATIONS.deleteEntity.document, {
      input: { id: spec.id, expectedVersion: spec.version },
    });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    const successor = await admin(
      'mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id } } }',
      { input: { kind: 'SPECIALIZATION', name: 'Clinical coding', citations: cite(ids) } },
    );
    const successorId = successor.data.createEntity.entity.id;
    const retired = await admin(MUTATIONS.deleteEntity.document, {
      input: { id: spec.id, expectedVersion: spec.version, retire: true, supersededBy: successorId },
    });
    expect(retired.errors).toBeUndefined();
    const { rows } = await sql<{ status: string; superseded_by: string; live: number }>`
      select e.status, e.superseded_by,
        (select count(*)::int from relation r where (r.from_id = e.id or r.to_id = e.id) and r.status <> 'retired') as live
      from entity e where e.name = (select name from entity where status = 'retired' limit 1) and e.status = 'retired'`.execute(
      db.handle.db,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].live).toBe(0);
    expect(rows[0].superseded_by).toBeTruthy();
    const dangling = await sql<{ n: number }>`
      select count(*)::int as n from relation r
      where not exists (select 1 from entity e where e.id = r.from_id) or not exists (select 1 from entity e where e.id = r.to_id)`.execute(
      db.handle.db,
    );
    expect(dangling.rows[0].n).toBe(0);
  });
});

import { createGraphQLServer } from '@kg/api/yoga';
import { beforeEach, expect, it } from 'vitest';
import { TEST_ACCOUNTS, tokenFor } from './support/accounts.ts';
import { describeEachDatabase, type TestDatabase } from './support/databases.ts';
import { errorCodes, graphqlClient, readStreamUntil } from './support/graphql.ts';

const MRT = `{ occupation(socCode: "29-2072") { id name version labels { id text type version } } }`;
const UPDATE = `mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { name version } draft { id } } }`;
const HISTORY = `query($id: ID!) {
  history(factId: $id, first: 10) {
    totalCount
    edges { node { id at actor approvedBy op version reason diff { field before after } } }
  }
}`;
const FEED = `query($since: DateTime, $after: String, $first: Int) {
  changes(since: $since, after: $after, first: $first) {
    edges { cursor node { id factType factId op version actor after } }
    pageInfo { endCursor hasNextPage }
  }
}`;

const occupationRawId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1];

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describeEachDatabase('history, revert, time travel and the change feed', (use) => {
  let db: TestDatabase;
  // every write of a fact cites its source, an admin's too
  let citations: Array<{ sourceId: string; quote: string }>;
  beforeEach(async () => {
    db = use();
    await db.reset();
    const { data } = await graphqlClient(db.handle)('{ sources(first: 1) { edges { node { id } } } }');
    citations = [{ sourceId: data.sources.edges[0].node.id, quote: 'As the source says.' }];
  });

  it('shows who changed what and why, and reverts to an earlier version as a new logged change', async () => {
    const admin = graphqlClient(db.handle);
    const { occupation } = (await admin(MRT)).data;
    const renamed = await admin(UPDATE, {
      input: {
        id: occupation.id,
        expectedVersion: occupation.version,
        name: 'Health Records Technician',
        reason: 'BLS title',
        citations,
      },
    });
    expect(renamed.data.updateEntity.entity.version).toBe(occupation.version + 1);
    const history = await admin(HISTORY, { id: occupation.id });
    const [latest, created] = history.data.history.edges.map((e: { node: unknown }) => e.node);
    expect(history.data.history.totalCount).toBe(2);
    expect(latest).toMatchObject({
      actor: TEST_ACCOUNTS.admin.email,
      op: 'update',
      version: occupation.version + 1,
      reason: 'BLS title',
      diff: [{ field: 'name', before: 'Medical Records Technician', after: 'Health Records Technician' }],
    });
    expect(created).toMatchObject({ op: 'create', actor: 'seed', version: 1 });

    const revert = `mutation($input: RevertInput!) { revert(input: $input) { version draft { id } } }`;
    const stale = await admin(revert, {
      input: { factId: occupation.id, toVersion: 1, expectedVersion: 1, citations },
    });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    const missing = await admin(revert, {
      input: { factId: occupation.id, toVersion: 9, expectedVersion: 2, citations },
    });
    expect(errorCodes(missing)).toEqual(['BAD_USER_INPUT']);
    const reverted = await admin(revert, {
      input: { factId: occupation.id, toVersion: 1, expectedVersion: 2, citations },
    });
    expect(reverted.data.revert).toEqual({ version: 3, draft: null });
    const read = await graphqlClient(db.handle, { as: 'anonymous' })(MRT);
    expect(read.data.occupation).toMatchObject({ name: 'Medical Records Technician', version: 3 });
    const after = await admin(HISTORY, { id: occupation.id });
    expect(after.data.history.totalCount).toBe(3);
    expect(after.data.history.edges[0].node).toMatchObject({ op: 'update', version: 3, reason: 'revert to version 1' });
  });

  it('a curator reverts through review, citing the source; history says who approved it', async () => {
    const admin = graphqlClient(db.handle);
    const curator = graphqlClient(db.handle, { as: 'curator' });
    const reviewer = graphqlClient(db.handle, { as: 'reviewer' });
    const { occupation } = (await admin(MRT)).data;
    const sourceId = (await admin('{ sources(first: 1) { edges { node { id } } } }')).data.sources.edges[0].node.id;
    await admin(UPDATE, { input: { id: occupation.id, expectedVersion: 1, name: 'Records Technician', citations } });
    const revert = `mutation($input: RevertInput!) { revert(input: $input) { version draft { id diff { field before after } } } }`;
    const publish = 'mutation($input: ReviewDraftInput!) { publishDraft(input: $input) { draft { status } } }';
    // like every draft that changes a fact, a revert must bring a citation before it is published
    const uncited = await curator(revert, { input: { factId: occupation.id, toVersion: 1, expectedVersion: 2 } });
    expect(errorCodes(await reviewer(publish, { input: { id: uncited.data.revert.draft.id } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const proposed = await curator(revert, {
      input: {
        factId: occupation.id,
        toVersion: 1,
        expectedVersion: 2,
        citations: [{ sourceId, quote: 'Medical Records Technician' }],
      },
    });
    expect(proposed.data.revert.version).toBeNull();
    expect(proposed.data.revert.draft.diff).toEqual([
      { field: 'name', before: 'Records Technician', after: 'Medical Records Technician' },
    ]);
    const ok = await reviewer(publish, { input: { id: proposed.data.revert.draft.id } });
    expect(ok.errors).toBeUndefined();
    // the change event's factId is accepted by history as it is
    const history = await admin(HISTORY, { id: occupation.id });
    const rawId = (await admin(FEED, { first: 1 })).data.changes.edges[0].node.factId;
    expect(rawId).toMatch(/^[0-9a-f-]{36}$/);
    expect(history.data.history.edges[0].node).toMatchObject({
      actor: TEST_ACCOUNTS.curator.email,
      approvedBy: TEST_ACCOUNTS.reviewer.email,
      version: 3,
      reason: 'revert to version 1',
    });
    const byRawId = await admin(HISTORY, {
      id: history.data.history.edges[0].node.id && occupationRawId(occupation.id),
    });
    expect(byRawId.data.history.totalCount).toBe(3);
    // reverting to the version it is at changes nothing and is refused
    const noop = await admin(revert, { input: { factId: occupation.id, toVersion: 3, expectedVersion: 3, citations } });
    expect(errorCodes(noop)).toEqual(['BAD_USER_INPUT']);
  });

  it('reads the graph as it was: asOf before an edit returns the old value on node, occupation and search', async () => {
    const admin = graphqlClient(db.handle);
    const anonymous = graphqlClient(db.handle, { as: 'anonymous' });
    const { occupation } = (await admin(MRT)).data;
    const alternate = occupation.labels.find((l: { type: string }) => l.type === 'ALTERNATE');
    await tick();
    const before = new Date().toISOString();
    await tick();
    await admin(UPDATE, {
      input: {
        id: occupation.id,
        expectedVersion: 1,
        name: 'Patient Data Technician',
        details: { jobZone: 4 },
        citations,
      },
    });
    await admin(`mutation($input: DeleteInput!) { deleteLabel(input: $input) { deletedId } }`, {
      input: { id: alternate.id, expectedVersion: alternate.version },
    });
    const past = await anonymous(
      `query($at: DateTime!, $id: ID!) {
        occupation(socCode: "29-2072", asOf: $at) { name version jobZone labels { text } }
        node(id: $id, asOf: $at) { ... on Entity { name version } }
        search(query: "medical records technician", kinds: [OCCUPATION], first: 3, asOf: $at) { edges { node { name } } }
      }`,
      { at: before, id: occupation.id },
    );
    expect(past.errors).toBeUndefined();
    expect(past.data.occupation).toMatchObject({ name: 'Medical Records Technician', version: 1 });
    expect(past.data.occupation.jobZone).not.toBe(4);
    expect(past.data.occupation.labels.map((l: { text: string }) => l.text)).toContain(alternate.text);
    expect(past.data.node).toEqual({ name: 'Medical Records Technician', version: 1 });
    expect(past.data.search.edges[0].node.name).toBe('Medical Records Technician');
    const now = await anonymous(MRT);
    expect(now.data.occupation.name).toBe('Patient Data Technician');
    expect(now.data.occupation.labels.map((l: { text: string }) => l.text)).not.toContain(alternate.text);
    // before the entity existed there was nothing
    const ancient = await anonymous(`{ occupation(socCode: "29-2072", asOf: "2000-01-01T00:00:00Z") { name } }`);
    expect(ancient.data.occupation).toBeNull();
    const mixed = await anonymous(
      `query($at: DateTime!) { a: occupation(socCode: "29-2072", asOf: $at) { name } b: occupation(socCode: "29-2072", asOf: "2001-01-01T00:00:00Z") { name } }`,
      { at: before },
    );
    expect(errorCodes(mixed)).toEqual(['BAD_USER_INPUT']);
  });

  it('replays every change since a cursor, in order, without gaps or repeats, and needs an account', async () => {
    const admin = graphqlClient(db.handle);
    expect(errorCodes(await graphqlClient(db.handle, { as: 'anonymous' })(FEED, {}))).toEqual(['UNAUTHENTICATED']);
    const viewer = graphqlClient(db.handle, { as: 'viewer' });
    // the cursor of the current end of the feed
    let cursor: string | null = null;
    for (;;) {
      const page: any = await viewer(FEED, { after: cursor, first: 1000 });
      cursor = page.data.changes.pageInfo.endCursor;
      if (!page.data.changes.pageInfo.hasNextPage) break;
    }
    const { occupation } = (await admin(MRT)).data;
    const names = ['Records Technician A', 'Records Technician B', 'Records Technician C'];
    for (const [i, name] of names.entries()) {
      await admin(UPDATE, { input: { id: occupation.id, expectedVersion: i + 1, name, citations } });
    }
    const seen: Array<{ id: string; factType: string; version: number; after: { name?: string; text?: string } }> = [];
    let after = cursor;
    for (;;) {
      const page: any = await viewer(FEED, { after, first: 2 });
      expect(page.errors).toBeUndefined();
      seen.push(...page.data.changes.edges.map((e: { node: any }) => e.node));
      after = page.data.changes.pageInfo.endCursor;
      if (!page.data.changes.pageInfo.hasNextPage) break;
    }
    // each rename logs the entity and its preferred label
    const entityChanges = seen.filter((c) => c.factType === 'entity');
    expect(entityChanges.map((c) => c.after.name)).toEqual(names);
    expect(entityChanges.map((c) => c.version)).toEqual([2, 3, 4]);
    const ids = seen.map((c) => BigInt(c.id));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // polling at the end gives nothing new and keeps the place
    const end: any = await viewer(FEED, { after, first: 10 });
    expect(end.data.changes.edges).toEqual([]);
    expect(end.data.changes.pageInfo.endCursor).toBe(after);
    expect(errorCodes(await viewer(FEED, { after: 'garbage' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('streams new changes to a subscription over server-sent events', async () => {
    const yoga = createGraphQLServer({ database: db.handle, graphiql: false });
    const token = await tokenFor(db.handle, 'viewer');
    const controller = new AbortController();
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      signal: controller.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'subscription { changes { factType op version after } }' }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const admin = graphqlClient(db.handle);
    const { occupation } = (await admin(MRT)).data;
    const streamedUpdate = await admin(UPDATE, {
      input: { id: occupation.id, expectedVersion: 1, name: 'Streamed Technician', citations },
    });
    expect(streamedUpdate.errors).toBeUndefined();
    const text = await readStreamUntil(reader, 'Streamed Technician', 10_000);
    controller.abort();
    const events = text
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)));
    const entity = events.find((e) => e.data?.changes?.factType === 'entity');
    expect(entity?.data.changes).toMatchObject({ op: 'update', version: 2, after: { name: 'Streamed Technician' } });
  });
});

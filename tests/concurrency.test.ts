import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase, type TestDatabase } from './support/databases.ts';
import { errorCodes, graphqlClient } from './support/graphql.ts';

const WRITERS = 20;

/**
 * Many writers who all read the same version race to change one fact. On the Postgres server they really run
 * at once (a pool of connections); on PGlite they queue on its one connection. Either way exactly one wins.
 */
describeEachDatabase('concurrent writers', (use) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = use();
    await db.reset();
  });

  async function changesOf(factId: string) {
    const { rows } = await sql<{ op: string; version: number }>`
      select op, version from change_log where fact_id = ${factId} and op = 'update'`.execute(db.handle.db);
    return rows;
  }

  it(`${WRITERS} writers updating the same entity with the same version: one wins, the rest get CONFLICT`, async () => {
    const graphql = graphqlClient(db.handle);
    const { data } = await graphql(
      '{ occupation(socCode: "29-2072") { id version } sources(first: 1) { edges { node { id } } } }',
    );
    const { id, version } = data.occupation;
    const citations = [{ sourceId: data.sources.edges[0].node.id, quote: 'Medical Records Technician' }];
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        graphql('mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { name version } } }', {
          input: { id, expectedVersion: version, name: `Medical Records Technician ${i + 1}`, citations },
        }),
      ),
    );
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(results.flatMap(errorCodes).sort()).toEqual(Array(WRITERS - 1).fill('CONFLICT'));
    const stored = await graphql('{ occupation(socCode: "29-2072") { name version } }');
    expect(stored.data.occupation).toEqual(winners[0].data.updateEntity.entity);
    expect(stored.data.occupation.version).toBe(version + 1);
    expect(await changesOf(await rawId(id))).toEqual([{ op: 'update', version: version + 1 }]);
  });

  it(`${WRITERS} writers updating the same relation with the same version: one wins, the rest get CONFLICT`, async () => {
    const graphql = graphqlClient(db.handle);
    const { data } = await graphql(
      `{ occupation(socCode: "29-2072") { relations(first: 1, direction: OUT) { edges { node { id version } } } }
         sources(first: 1) { edges { node { id } } } }`,
    );
    const { id, version } = data.occupation.relations.edges[0].node;
    const citations = [{ sourceId: data.sources.edges[0].node.id, quote: 'A quote.' }];
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        graphql(
          'mutation($input: UpdateRelationInput!) { updateRelation(input: $input) { relation { version attributes } } }',
          {
            input: { id, expectedVersion: version, attributes: { writer: i + 1 }, citations },
          },
        ),
      ),
    );
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(results.flatMap(errorCodes).sort()).toEqual(Array(WRITERS - 1).fill('CONFLICT'));
    const relationId = await rawId(id);
    const { rows } = await sql<{ version: number; attributes: unknown }>`
      select version, attributes from relation where id = ${relationId}`.execute(db.handle.db);
    expect(rows[0]).toEqual({ version: version + 1, attributes: winners[0].data.updateRelation.relation.attributes });
    expect(await changesOf(relationId)).toEqual([{ op: 'update', version: version + 1 }]);
  });

  it('drafts proposed at once by several curators are all kept; publishing them in turn conflicts after the first', async () => {
    const admin = graphqlClient(db.handle);
    const curators = [graphqlClient(db.handle, { as: 'curator' }), graphqlClient(db.handle, { as: 'curator2' })];
    const { data } = await admin(
      '{ occupation(socCode: "29-2072") { id version } sources(first: 1) { edges { node { id } } } }',
    );
    const { id, version } = data.occupation;
    const citations = [{ sourceId: data.sources.edges[0].node.id, quote: 'A quote.' }];
    const proposals = await Promise.all(
      curators.map((curator, i) =>
        curator('mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { draft { id } } }', {
          input: { id, expectedVersion: version, name: `Proposed name ${i + 1}`, citations },
        }),
      ),
    );
    const draftIds = proposals.map((p) => p.data.updateEntity.draft.id);
    const reviewer = graphqlClient(db.handle, { as: 'reviewer' });
    const publish = 'mutation($input: ReviewDraftInput!) { publishDraft(input: $input) { draft { status } } }';
    const results = await Promise.all(draftIds.map((draftId) => reviewer(publish, { input: { id: draftId } })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.flatMap(errorCodes)).toEqual(['CONFLICT']);
    expect(await changesOf(await rawId(id))).toEqual([{ op: 'update', version: version + 1 }]);
  });

  /** The database ID inside a global ID. */
  async function rawId(globalId: string) {
    return Buffer.from(globalId, 'base64').toString().split(':').slice(1).join(':');
  }
});

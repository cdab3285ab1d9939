import { loadRelatedByKey, loadRelationPages } from '@kg/db/relation/repository';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './support/databases.ts';
import { graphqlClient } from './support/graphql.ts';

type Json = any;

/**
 * Relation pages that only name the other ends are read with fewer columns (RelationPageArgs.slim); the answer
 * must be the one the whole rows give, and such rows must not stand in for whole entities elsewhere in the request.
 */
describeEachDatabase('relation pages', (use) => {
  let graphql: ReturnType<typeof graphqlClient>;
  beforeAll(() => {
    graphql = graphqlClient(use().handle, { as: 'anonymous' });
  });

  const page = (fields: string) => `
    relations(predicates: ["has_title", "has_specialization"], direction: OUT, first: 5) {
      totalCount edges { cursor node { id predicate direction attributes ${fields} } }
    }`;

  it('read slim give the rows whole reading gives, with only the asked columns filled', async () => {
    const { db } = use().handle;
    const { rows } = await sql<{
      id: string;
    }>`select entity_id as id from occupation where onet_soc_code = '29-2072.00'`.execute(db);
    const args = {
      predicates: ['has_title', 'has_specialization'],
      direction: 'BOTH' as const,
      limit: 20,
      offset: 0,
      count: true,
    };
    const whole = (await loadRelationPages(db, [rows[0].id], args)).get(rows[0].id) ?? [];
    const slim =
      (await loadRelationPages(db, [rows[0].id], { ...args, slim: { attributes: true } })).get(rows[0].id) ?? [];
    expect(whole.length).toBeGreaterThan(1);
    expect(slim.every((row) => row.partial && row.created_at === null && row.other?.created_at === null)).toBe(true);
    const named = (row: (typeof whole)[number]) => ({
      id: row.id,
      predicate: row.predicate,
      from: row.from_id,
      to: row.to_id,
      direction: row.direction,
      attributes: row.attributes,
      total: row.total_count,
      other: [row.other?.id, row.other?.kind, row.other?.name],
    });
    expect(slim.map(named)).toEqual(whole.map(named));
    const bare = (await loadRelationPages(db, [rows[0].id], { ...args, slim: { attributes: false } })).get(rows[0].id);
    expect(bare?.every((row) => row.attributes === null)).toBe(true);
  });

  it('answer the same when they only name the other end as when they ask for more', async () => {
    const result = await graphql(`{
      occupation(socCode: "29-2072") {
        named: ${page('other { __typename id kind name }')}
        whole: ${page('status version other { __typename id kind name status createdAt updatedAt }')}
      }
    }`);
    expect(result.errors).toBeUndefined();
    const { named, whole } = result.data.occupation;
    expect(named.edges.length).toBeGreaterThan(1);
    expect(named.totalCount).toBe(whole.totalCount);
    const strip = (edge: Json) => ({
      cursor: edge.cursor,
      id: edge.node.id,
      predicate: edge.node.predicate,
      direction: edge.node.direction,
      attributes: edge.node.attributes,
      other: {
        __typename: edge.node.other.__typename,
        id: edge.node.other.id,
        kind: edge.node.other.kind,
        name: edge.node.other.name,
      },
    });
    expect(named.edges.map(strip)).toEqual(whole.edges.map(strip));
    for (const edge of whole.edges) {
      expect(edge.node).toMatchObject({ status: 'PUBLISHED', version: expect.any(Number) });
      expect(edge.node.other.status).toBe('PUBLISHED');
      expect(Date.parse(edge.node.other.updatedAt)).not.toBeNaN();
    }
  });

  it('leave whole entities to other fields of the same request', async () => {
    // the slim page comes first; the same entities asked for whole later in the request still get every column
    const result = await graphql(`{
      occupation(socCode: "29-2072") {
        ${page('other { id name relations(first: 1) { totalCount } }')}
        alternateTitles { id name status createdAt updatedAt version }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const { relations, alternateTitles } = result.data.occupation;
    const titleIds = new Set(alternateTitles.map((t: Json) => t.id));
    expect(relations.edges.some((e: Json) => titleIds.has(e.node.other.id))).toBe(true);
    for (const title of alternateTitles) {
      expect(title.status).toBe('PUBLISHED');
      expect(title.version).toBeGreaterThanOrEqual(1);
      expect(Date.parse(title.createdAt)).not.toBeNaN();
      expect(Date.parse(title.updatedAt)).not.toBeNaN();
    }
    for (const edge of relations.edges) expect(edge.node.other.relations.totalCount).toBeGreaterThanOrEqual(1);
  });

  it('read the other end whole through node when a page named it first', async () => {
    const named = await graphql(`{
      occupation(socCode: "29-2072") { ${page('other { id name }')} }
    }`);
    const other = named.data.occupation.relations.edges[0].node.other;
    const result = await graphql(
      `query ($id: ID!) {
        occupation(socCode: "29-2072") { ${page('other { id name }')} }
        node(id: $id) { ... on Entity { id name status createdAt } }
      }`,
      { id: other.id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.node).toMatchObject({ id: other.id, name: other.name, status: 'PUBLISHED' });
    expect(Date.parse(result.data.node.createdAt)).not.toBeNaN();
  });

  it('read typed fields slim when they only name the other end, and whole when asked for more', async () => {
    const { db } = use().handle;
    const { rows } = await sql<{
      id: string;
    }>`select entity_id as id from occupation where onet_soc_code = '29-2072.00'`.execute(db);
    const [slim, whole] = await loadRelatedByKey(db, [
      { id: rows[0].id, predicate: 'has_title', direction: 'OUT', slim: true },
      { id: rows[0].id, predicate: 'has_title', direction: 'OUT' },
    ]);
    expect(slim.length).toBeGreaterThan(1);
    expect(slim.map((r) => [r.entity.id, r.entity.kind, r.entity.name, r.relation.id, r.relation.attributes])).toEqual(
      whole.map((r) => [r.entity.id, r.entity.kind, r.entity.name, r.relation.id, r.relation.attributes]),
    );
    expect(slim.every((r) => r.partial)).toBe(true);
    // a slim entity has no status to give: reading it is a mistake that fails loudly
    expect(() => slim[0].entity.status).toThrow(/id, kind and name only/);
    expect(whole[0].entity.status).toBe('published');

    const result = await graphql(`{
      occupation(socCode: "29-2072") {
        named: alternateTitles { id name }
        dated: alternateTitles { id name status createdAt }
        skills { importance skill { id name } }
        credentialRequirements { required credential { name } relation { id status version } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const { named, dated, credentialRequirements } = result.data.occupation;
    expect(named).toEqual(dated.map(({ id, name }: Json) => ({ id, name })));
    for (const title of dated) {
      expect(title.status).toBe('PUBLISHED');
      expect(Date.parse(title.createdAt)).not.toBeNaN();
    }
    for (const requirement of credentialRequirements) expect(requirement.relation.status).toBe('PUBLISHED');
  });
});

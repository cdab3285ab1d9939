import type { GetManyReferenceParams } from 'react-admin';
import { roleAtLeast, storedIdentity } from '../auth-provider.ts';
import { factProvider, nodeReader } from '../common/fact-provider.ts';
import { CitationFields, EntityRefFields } from '../common/fragments.ts';
import { MAX_PAGE, pageOf, readWindow } from '../common/paging.ts';
import { changed, citationsOf, parseJson } from '../common/writes.ts';
import { ApiError, gql, type ResultOf, request, type VariablesOf } from '../graphql.ts';

/** Typed edges between entities: listed across the graph, or from one entity in both directions. */

export const RelationFields = gql(
  `fragment RelationFields on Relation {
    id predicate direction status version attributes
    from { ...EntityRefFields } to { ...EntityRefFields } other { ...EntityRefFields }
    citations { ...CitationFields }
  }`,
  [EntityRefFields, CitationFields],
);

type Relation = ResultOf<typeof RelationFields>;
type Status = NonNullable<VariablesOf<typeof Relations>['status']>;

const toRecord = (relation: Relation) => ({ ...relation, fromId: relation.from.id, toId: relation.to.id });

const reader = nodeReader(
  gql(`query RelationNodes($ids: [ID!]!) { nodes(ids: $ids) { id ...RelationFields } }`, [RelationFields]),
  (node) => ('predicate' in node ? toRecord(node) : undefined),
  'This relation no longer exists: it may have been deleted.',
);

const Relations = gql(
  `query Relations($predicate: String, $entityId: ID, $status: Status, $first: Int, $offset: Int) {
    relations(predicate: $predicate, entityId: $entityId, status: $status, first: $first, offset: $offset) {
      totalCount edges { node { ...RelationFields } }
    }
  }`,
  [RelationFields],
);

const EntityRelations = gql(
  `query EntityRelations($id: ID!, $predicates: [String!], $direction: Direction, $statuses: [Status!],
      $first: Int, $after: String) {
    node(id: $id) {
      id
      ... on Entity {
        relations(predicates: $predicates, direction: $direction, statuses: $statuses, first: $first, after: $after) {
          totalCount pageInfo { endCursor hasNextPage } edges { node { ...RelationFields } }
        }
      }
    }
  }`,
  [RelationFields],
);

/** The statuses the signed-in role may read: drafts are for curators and above (the API refuses the others). */
export function readableStatuses(): Status[] {
  return roleAtLeast(storedIdentity()?.role, 'CURATOR') ? ['PUBLISHED', 'DRAFT', 'RETIRED'] : ['PUBLISHED', 'RETIRED'];
}

/** Every relation of an entity seen from it (direction and `other`), walking the connection's cursors. */
async function relationsOfEntity(params: GetManyReferenceParams) {
  const { first, offset } = pageOf(params);
  const filter = params.filter ?? {};
  const rows: Relation[] = [];
  let after: string | null = null;
  let total = 0;
  // offsets are reached through opaque cursors: skip whole pages, then keep the rows of the window
  for (;;) {
    const variables: VariablesOf<typeof EntityRelations> = {
      id: String(params.id),
      predicates: filter.predicate ? [filter.predicate] : null,
      direction: filter.direction || 'BOTH',
      statuses: readableStatuses(),
      first: Math.max(1, Math.min(MAX_PAGE, offset + first - rows.length)),
      after,
    };
    const { node }: ResultOf<typeof EntityRelations> = await request(EntityRelations, variables, params.signal);
    if (!node || !('relations' in node)) throw new ApiError('This entity no longer exists.', 'NOT_FOUND');
    const connection = node.relations;
    total = connection.totalCount;
    rows.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage || rows.length >= offset + first) break;
    after = connection.pageInfo.endCursor ?? null;
  }
  return { data: rows.slice(offset, offset + first).map(toRecord), total };
}

export const relationsProvider = factProvider({
  reader,
  toRecord,
  async getList(params) {
    const filter = params.filter ?? {};
    const { data, total } = await readWindow(pageOf(params), async (first, offset) => {
      const { relations } = await request(
        Relations,
        {
          predicate: filter.predicate || null,
          entityId: filter.entityId || null,
          status: filter.status || null,
          first,
          offset,
        },
        params.signal,
      );
      return relations;
    });
    return { data: data.map(toRecord), total };
  },
  async getManyReference(params) {
    if (params.target !== 'entityId') throw new ApiError(`Relations cannot be listed by ${params.target}.`, 'CLIENT');
    return relationsOfEntity(params);
  },
  create: {
    input: (data) => ({
      predicate: String(data.predicate),
      fromId: String(data.fromId),
      toId: String(data.toId),
      attributes: parseJson(data.attributes, 'Attributes') ?? undefined,
      status: (data.status || undefined) as Status | undefined,
      citations: citationsOf(data),
    }),
    document: gql(
      `mutation CreateRelation($input: CreateRelationInput!) { saved: createRelation(input: $input) { fact: relation { ...RelationFields } draft { id } } }`,
      [RelationFields],
    ),
  },
  update: {
    changes: (data, previous) => ({
      citations: citationsOf(data),
      status: changed('status', data, previous) ? (data.status as Status) : undefined,
      attributes: parseJson(data.attributes, 'Attributes'),
    }),
    document: gql(
      `mutation UpdateRelation($input: UpdateRelationInput!) { saved: updateRelation(input: $input) { fact: relation { ...RelationFields } draft { id } } }`,
      [RelationFields],
    ),
  },
  remove: gql(
    `mutation DeleteRelation($input: DeleteInput!) { deleted: deleteRelation(input: $input) { draft { id } } }`,
  ),
});

import { factProvider, nodeReader } from '../common/fact-provider.ts';
import { CitationFields } from '../common/fragments.ts';
import { pageOf, readWindow, slice } from '../common/paging.ts';
import { changed, text, textOrNull } from '../common/writes.ts';
import { ApiError, gql, type ResultOf, request, type VariablesOf } from '../graphql.ts';

/** The sources' words behind each fact: listed by source, or as the citations of one fact. */

type Citation = ResultOf<typeof CitationFields>;

const toRecord = (c: Citation) => ({ ...c, sourceId: c.source.id });

const reader = nodeReader(
  gql(`query CitationNodes($ids: [ID!]!) { nodes(ids: $ids) { id ...CitationFields } }`, [CitationFields]),
  (node) => ('quote' in node ? toRecord(node) : undefined),
  'This citation no longer exists: it may have been deleted.',
);

const Citations = gql(
  `query Citations($sourceId: ID, $first: Int, $offset: Int) {
    citations(sourceId: $sourceId, first: $first, offset: $offset) { totalCount edges { node { ...CitationFields } } }
  }`,
  [CitationFields],
);

const CitationsOfFact = gql(
  `query CitationsOfFact($id: ID!) {
    node(id: $id) {
      id
      ... on Entity { citations { ...CitationFields } }
      ... on Label { citations { ...CitationFields } }
      ... on Relation { citations { ...CitationFields } }
      ... on Observation { citations { ...CitationFields } }
    }
  }`,
  [CitationFields],
);

const UpdateCitation = gql(
  `mutation UpdateCitation($input: UpdateCitationInput!) { saved: updateCitation(input: $input) { fact: citation { ...CitationFields } draft { id } } }`,
  [CitationFields],
);

type ReviewStatus = NonNullable<VariablesOf<typeof UpdateCitation>['input']['reviewStatus']>;

async function listBySource(sourceId: unknown, params: Parameters<typeof pageOf>[0] & { signal?: AbortSignal }) {
  const { data, total } = await readWindow(pageOf(params), async (first, offset) => {
    const { citations } = await request(
      Citations,
      { sourceId: sourceId ? String(sourceId) : null, first, offset },
      params.signal,
    );
    return citations;
  });
  return { data: data.map(toRecord), total };
}

export const citationsProvider = factProvider({
  reader,
  toRecord,
  getList: (params) => listBySource(params.filter?.sourceId, params),
  async getManyReference(params) {
    if (params.target === 'sourceId') return listBySource(params.id, params);
    if (params.target !== 'factId') throw new ApiError(`Citations cannot be listed by ${params.target}.`, 'CLIENT');
    const { node } = await request(CitationsOfFact, { id: String(params.id) }, params.signal);
    if (!node) throw new ApiError('This record no longer exists.', 'NOT_FOUND');
    return slice(('citations' in node ? node.citations : []).map(toRecord), params);
  },
  create: {
    input: (data) => ({
      factId: String(data.factId),
      sourceId: String(data.sourceId),
      quote: text(data.quote),
      locator: text(data.locator),
    }),
    document: gql(
      `mutation CreateCitation($input: CreateCitationInput!) { saved: createCitation(input: $input) { fact: citation { ...CitationFields } draft { id } } }`,
      [CitationFields],
    ),
  },
  update: {
    changes: (data, previous) => ({
      quote: changed('quote', data, previous) ? textOrNull(data.quote) : undefined,
      locator: changed('locator', data, previous) ? textOrNull(data.locator) : undefined,
      sourceId: changed('sourceId', data, previous) ? String(data.sourceId) : undefined,
      reviewStatus:
        changed('reviewStatus', data, previous) && data.reviewStatus
          ? (String(data.reviewStatus).toUpperCase() as ReviewStatus)
          : undefined,
    }),
    document: UpdateCitation,
  },
  remove: gql(
    `mutation DeleteCitation($input: DeleteInput!) { deleted: deleteCitation(input: $input) { draft { id } } }`,
  ),
});

import type { RaRecord } from 'react-admin';
import { SourceFields } from '../common/fragments.ts';
import { pageOf, readWindow } from '../common/paging.ts';
import { resourceProvider } from '../common/resource-provider.ts';
import { type FormValues, settle, text } from '../common/writes.ts';
import { ApiError, gql, request } from '../graphql.ts';

/** The documents and datasets facts are cited from. A curator's new source awaits review as a draft, like a fact. */

const Sources = gql(
  `query Sources($titleContains: String, $first: Int, $offset: Int) {
    sources(titleContains: $titleContains, first: $first, offset: $offset) {
      totalCount edges { node { ...SourceFields } }
    }
  }`,
  [SourceFields],
);

const SourceNodes = gql(`query SourceNodes($ids: [ID!]!) { nodes(ids: $ids) { id ...SourceFields } }`, [SourceFields]);

const CreateSource = gql(
  `mutation CreateSource($input: CreateSourceInput!) {
    createSource(input: $input) { source { ...SourceFields } draft { id } }
  }`,
  [SourceFields],
);

async function readSources(ids: readonly RaRecord['id'][], signal?: AbortSignal) {
  const { nodes } = await request(SourceNodes, { ids: ids.map(String) }, signal);
  return nodes.flatMap((node) => (node && 'title' in node && 'key' in node ? [node] : []));
}

export const sourcesProvider = resourceProvider({
  getList: (params) =>
    readWindow(pageOf(params), async (first, offset) => {
      const filter = params.filter ?? {};
      const { sources } = await request(
        Sources,
        { titleContains: text(filter.q ?? filter.title) ?? null, first, offset },
        params.signal,
      );
      return sources;
    }),
  async getOne({ id, signal }) {
    const [source] = await readSources([id], signal);
    if (!source) throw new ApiError('This source no longer exists.', 'NOT_FOUND');
    return source;
  },
  getMany: ({ ids, signal }) => readSources(ids, signal),
  async create({ data }: { data: FormValues }) {
    const input = {
      key: text(data.key) ?? '',
      title: text(data.title) ?? '',
      kind: text(data.kind) ?? '',
      url: text(data.url),
      publisher: text(data.publisher),
      publishedAt: text(data.publishedAt),
    };
    const { createSource } = await request(CreateSource, { input });
    return settle(createSource.source, createSource.draft, input);
  },
});

import { nodeReader } from '../common/fact-provider.ts';
import { SourceFields } from '../common/fragments.ts';
import { pageOf, readWindow } from '../common/paging.ts';
import { resourceProvider } from '../common/resource-provider.ts';
import { type FormValues, settle, text } from '../common/writes.ts';
import { gql, request } from '../graphql.ts';

/** The documents and datasets facts are cited from. A curator's new source awaits review as a draft, like a fact. */

const Sources = gql(
  `query Sources($titleContains: String, $first: Int, $offset: Int) {
    sources(titleContains: $titleContains, first: $first, offset: $offset) {
      totalCount edges { node { ...SourceFields } }
    }
  }`,
  [SourceFields],
);

const reader = nodeReader(
  gql(`query SourceNodes($ids: [ID!]!) { nodes(ids: $ids) { id ...SourceFields } }`, [SourceFields]),
  (node) => ('title' in node && 'key' in node ? node : undefined),
  'This source no longer exists.',
);

const CreateSource = gql(
  `mutation CreateSource($input: CreateSourceInput!) {
    createSource(input: $input) { source { ...SourceFields } draft { id } }
  }`,
  [SourceFields],
);

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
  getOne: ({ id, signal }) => reader.readOne(id, signal),
  getMany: ({ ids, signal }) => reader.readMany(ids, signal),
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

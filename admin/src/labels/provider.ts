import { factProvider, nodeReader } from '../common/fact-provider.ts';
import { EntityRefFields } from '../common/fragments.ts';
import { slice } from '../common/paging.ts';
import { changed, citationsOf, text, textOrNull } from '../common/writes.ts';
import { ApiError, gql, type ResultOf, request } from '../graphql.ts';

/** Names of entities: read through their entity, written one by one. */

export const LabelFields = gql(
  `fragment LabelFields on Label {
    id text type language status version entity { ...EntityRefFields } source { id title }
  }`,
  [EntityRefFields],
);

type Label = ResultOf<typeof LabelFields>;
type LabelType = Label['type'];

const toRecord = (label: Label) => ({ ...label, entityId: label.entity.id });

const reader = nodeReader(
  gql(`query LabelNodes($ids: [ID!]!) { nodes(ids: $ids) { id ...LabelFields } }`, [LabelFields]),
  (node) => ('text' in node ? toRecord(node) : undefined),
  'This name no longer exists: it may have been deleted.',
);

const LabelsOfEntity = gql(
  `query LabelsOfEntity($id: ID!) { node(id: $id) { id ... on Entity { labels { ...LabelFields } } } }`,
  [LabelFields],
);

export const labelsProvider = factProvider({
  reader,
  toRecord,
  async getManyReference(params) {
    if (params.target !== 'entityId') throw new ApiError(`Names cannot be listed by ${params.target}.`, 'CLIENT');
    const { node } = await request(LabelsOfEntity, { id: String(params.id) }, params.signal);
    if (!node || !('labels' in node)) throw new ApiError('This entity no longer exists.', 'NOT_FOUND');
    return slice(node.labels.map(toRecord), params);
  },
  create: {
    input: (data) => ({
      entityId: String(data.entityId),
      text: text(data.text) ?? '',
      type: data.type as LabelType,
      language: text(data.language),
      citations: citationsOf(data),
    }),
    document: gql(
      `mutation CreateLabel($input: CreateLabelInput!) { saved: createLabel(input: $input) { fact: label { ...LabelFields } draft { id } } }`,
      [LabelFields],
    ),
  },
  update: {
    changes: (data, previous) => ({
      citations: citationsOf(data),
      text: changed('text', data, previous) ? text(data.text) : undefined,
      type: changed('type', data, previous) ? (data.type as LabelType) : undefined,
      language: changed('language', data, previous) ? textOrNull(data.language) : undefined,
    }),
    document: gql(
      `mutation UpdateLabel($input: UpdateLabelInput!) { saved: updateLabel(input: $input) { fact: label { ...LabelFields } draft { id } } }`,
      [LabelFields],
    ),
  },
  remove: gql(`mutation DeleteLabel($input: DeleteInput!) { deleted: deleteLabel(input: $input) { draft { id } } }`),
});

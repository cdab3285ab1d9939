import type { RaRecord } from 'react-admin';
import { EntityRefFields } from '../common/fragments.ts';
import { slice } from '../common/paging.ts';
import { resourceProvider } from '../common/resource-provider.ts';
import {
  changed,
  citationsOf,
  expectedVersionOf,
  type FormValues,
  settle,
  text,
  textOrNull,
} from '../common/writes.ts';
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

const LabelsOfEntity = gql(
  `query LabelsOfEntity($id: ID!) { node(id: $id) { id ... on Entity { labels { ...LabelFields } } } }`,
  [LabelFields],
);

const LabelNodes = gql(`query LabelNodes($ids: [ID!]!) { nodes(ids: $ids) { id ...LabelFields } }`, [LabelFields]);

const CreateLabel = gql(
  `mutation CreateLabel($input: CreateLabelInput!) {
    createLabel(input: $input) { label { ...LabelFields } draft { id } }
  }`,
  [LabelFields],
);

const UpdateLabel = gql(
  `mutation UpdateLabel($input: UpdateLabelInput!) {
    updateLabel(input: $input) { label { ...LabelFields } draft { id } }
  }`,
  [LabelFields],
);

const DeleteLabel = gql(
  `mutation DeleteLabel($input: DeleteInput!) { deleteLabel(input: $input) { deletedId draft { id } } }`,
);

async function readLabels(ids: readonly RaRecord['id'][], signal?: AbortSignal) {
  const { nodes } = await request(LabelNodes, { ids: ids.map(String) }, signal);
  return nodes.flatMap((node) => (node && 'text' in node ? [toRecord(node)] : []));
}

async function readLabel(id: RaRecord['id'], signal?: AbortSignal) {
  const [label] = await readLabels([id], signal);
  if (!label) throw new ApiError('This name no longer exists: it may have been deleted.', 'NOT_FOUND');
  return label;
}

export const labelsProvider = resourceProvider({
  getOne: ({ id, signal }) => readLabel(id, signal),
  getMany: ({ ids, signal }) => readLabels(ids, signal),
  async getManyReference(params) {
    if (params.target !== 'entityId') throw new ApiError(`Names cannot be listed by ${params.target}.`, 'CLIENT');
    const { node } = await request(LabelsOfEntity, { id: String(params.id) }, params.signal);
    if (!node || !('labels' in node)) throw new ApiError('This entity no longer exists.', 'NOT_FOUND');
    const { data, total } = slice(node.labels.map(toRecord), params);
    return { data, total };
  },
  async create({ data }: { data: FormValues }) {
    const input = {
      entityId: String(data.entityId),
      text: text(data.text) ?? '',
      type: data.type as LabelType,
      language: text(data.language),
      citations: citationsOf(data),
    };
    const { createLabel } = await request(CreateLabel, { input });
    return settle(createLabel.label && toRecord(createLabel.label), createLabel.draft, input);
  },
  async update({ id, data, previousData }: { id: RaRecord['id']; data: FormValues; previousData: RaRecord }) {
    const input = {
      id: String(id),
      expectedVersion: expectedVersionOf(previousData),
      reason: text(data.reason),
      citations: citationsOf(data),
      text: changed('text', data, previousData) ? text(data.text) : undefined,
      type: changed('type', data, previousData) ? (data.type as LabelType) : undefined,
      language: changed('language', data, previousData) ? textOrNull(data.language) : undefined,
    };
    const { updateLabel } = await request(UpdateLabel, { input });
    return settle(updateLabel.label && toRecord(updateLabel.label), updateLabel.draft, input, previousData);
  },
  async delete({ id, previousData, meta }) {
    const previous = previousData ?? (await readLabel(id));
    const { deleteLabel } = await request(DeleteLabel, {
      input: { id: String(id), expectedVersion: expectedVersionOf(previous), reason: meta?.reason },
    });
    return deleteLabel.draft ? { ...previous, pendingDraft: deleteLabel.draft } : previous;
  },
});

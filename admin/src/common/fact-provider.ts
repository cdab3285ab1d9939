import type { TadaDocumentNode } from 'gql.tada';
import type { DataProvider, Identifier, RaRecord } from 'react-admin';
import { ApiError, request } from '../graphql.ts';
import { type ResourceMethods, resourceProvider } from './resource-provider.ts';
import { expectedVersionOf, type FormValues, type PendingDraft, settle, text } from './writes.ts';

/**
 * The reads and writes every fact resource shares (entities, names, relations, observations, citations): read by
 * ID through `nodes`, written by mutations that send the version read and answer the saved fact or the draft the
 * write became. The mutations alias their answer the same way for every fact:
 * `saved: createX(input: $input) { fact: x { ...XFields } draft { id } }` and
 * `deleted: deleteX(input: $input) { draft { id } }`.
 */

type NodesDocument<Node> = TadaDocumentNode<{ nodes: ReadonlyArray<Node | null> }, { ids: string[] }>;
type Written<Fact> = { saved: { fact: Fact | null; draft: PendingDraft | null } };
type Deleted = { deleted: { draft: PendingDraft | null } };
type DeleteInput = { id: string; expectedVersion: number; reason?: string | null };

/** What every update sends besides the changes: which fact, the version read, and why. */
type UpdateFrame = { id: string; expectedVersion: number; reason?: string | null };

export interface RecordReader<Row extends RaRecord> {
  readMany(ids: readonly Identifier[], signal?: AbortSignal): Promise<Row[]>;
  /** Refuses with NOT_FOUND (saying `missing`) when there is no such record. */
  readOne(id: Identifier, signal?: AbortSignal): Promise<Row>;
}

/**
 * Reads records by ID through a `nodes` query; `recordOf` makes the resource's record of a node, or gives
 * undefined for a node of another type (an ID of something else).
 */
export function nodeReader<Node, Row extends RaRecord>(
  nodes: NodesDocument<Node>,
  recordOf: (node: Node) => Row | undefined,
  missing: string,
): RecordReader<Row> {
  const readMany = async (ids: readonly Identifier[], signal?: AbortSignal) => {
    const result = await request(nodes, { ids: ids.map(String) }, signal);
    return result.nodes.flatMap((node) => {
      const row = node === null ? undefined : recordOf(node);
      return row ? [row] : [];
    });
  };
  return {
    readMany,
    async readOne(id, signal) {
      const [row] = await readMany([id], signal);
      if (!row) throw new ApiError(missing, 'NOT_FOUND');
      return row;
    },
  };
}

/** The data provider of a fact resource: its own lists, reads through `reader`, and the three writes. */
export function factProvider<
  Fact,
  Row extends RaRecord,
  CreateInput extends FormValues,
  UpdateInput extends UpdateFrame,
>({
  reader,
  toRecord,
  create,
  update,
  remove,
  ...lists
}: Pick<ResourceMethods, 'getList' | 'getManyReference'> & {
  reader: RecordReader<Row>;
  /** The record react-admin keeps of a saved fact. */
  toRecord: (fact: Fact) => Row;
  create: {
    document: TadaDocumentNode<Written<Fact>, { input: CreateInput }>;
    input: (data: FormValues) => CreateInput;
  };
  update: {
    document: TadaDocumentNode<Written<Fact>, { input: UpdateInput }>;
    /** The changes the form makes to the fact read; undefined when it changes nothing (then nothing is sent). */
    changes: (data: FormValues, previous: RaRecord) => Omit<UpdateInput, keyof UpdateFrame> | undefined;
  };
  remove: TadaDocumentNode<Deleted, { input: DeleteInput }>;
}): DataProvider {
  const keep = ({ saved }: Written<Fact>, sent: FormValues, previous?: RaRecord) =>
    settle(saved.fact && toRecord(saved.fact), saved.draft, sent, previous);
  return resourceProvider({
    ...lists,
    getOne: ({ id, signal }) => reader.readOne(id, signal),
    getMany: ({ ids, signal }) => reader.readMany(ids, signal),
    async create({ data }) {
      const input = create.input(data);
      return keep(await request(create.document, { input }), input);
    },
    async update({ id, data, previousData }) {
      const changes = update.changes(data, previousData);
      if (!changes) return previousData;
      const frame: UpdateFrame = {
        id: String(id),
        expectedVersion: expectedVersionOf(previousData),
        reason: text(data.reason),
      };
      // the frame and the changes make the whole input: the changes are the input without the frame's fields
      const input = { ...frame, ...changes } as UpdateInput;
      return keep(await request(update.document, { input }), input, previousData);
    },
    async delete({ id, previousData, meta }) {
      const previous = previousData ?? (await reader.readOne(id));
      const { deleted } = await request(remove, {
        input: { id: String(id), expectedVersion: expectedVersionOf(previous), reason: meta?.reason },
      });
      return deleted.draft ? { ...previous, pendingDraft: deleted.draft } : previous;
    },
  });
}

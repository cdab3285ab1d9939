import {
  type OperationInput,
  type OperationName,
  type OperationRow,
  type WriteOptions,
  type WriteOutcome,
  writeFact,
} from '@kg/db/draft/repository';
import { badInput } from '@kg/db/errors';
import { getRowsByIds } from '@kg/db/lookup';
import type { DraftRow } from '@kg/db/tables';
import type { InputFieldMap, InputShapeFromFields, ObjectParam, OutputType } from '@pothos/core';
import { builder, type Types } from '../builder.ts';
import type { Context } from '../context.ts';
import { parseGlobalId } from '../ids.ts';
import { type CitationArg, CitationInputRef, toCitationInputs } from './citation.ts';
import { DraftRef } from './draft.ts';

/**
 * One way to write a fact from a mutation: `writeAs` sends it through the review rules, `factPayload` answers the
 * fact as it now stands with the draft when one was made, `factMutation` declares a create or update,
 * `deleteMutation` is the delete every fact shares.
 */

/** Writes a fact as the viewer: applied at once for reviewers and admins, kept as a draft for curators. */
export function writeAs<N extends OperationName>(
  ctx: Context,
  operation: N,
  input: OperationInput<N>,
  options: WriteOptions = {},
): Promise<WriteOutcome<OperationRow<N>>> {
  // scope auth has checked the role before any resolver that writes runs
  return writeFact(ctx.db, { actor: ctx.viewer.actor, role: ctx.viewer.role ?? 'viewer' }, operation, input, options);
}

/** A write payload: its own fields and the `draft` every write payload has. */
export function payloadType<Shape extends { draft: DraftRow | null }>(
  name: string,
  fields: (t: PothosSchemaTypes.ObjectFieldBuilder<Types, Shape>) => FieldMap,
) {
  return builder.objectRef<Shape>(name).implement({
    fields: (t) => ({
      ...fields(t),
      draft: t.field({
        type: DraftRef,
        nullable: true,
        description: 'Set when the change awaits review (a curator wrote it); the fact itself is then unchanged.',
        resolve: (p) => p.draft,
      }),
    }),
  });
}

type FieldMap = Record<string, PothosSchemaTypes.FieldRef<Types>>;

/** What a fact's write answers: the fact (named for its type in the schema) and the draft when one was made. */
export interface FactPayload<Fact> {
  fact: Fact | null;
  draft: DraftRow | null;
}

/** How a payload reads its fact: after a write that was applied, from the row written; else as it stands. */
interface FactReads<Fact, Written> {
  written: (ctx: Context, row: Written, id: string) => Fact | Promise<Fact>;
  current: (ctx: Context, id: string) => Promise<Fact | null | undefined>;
}

/** A fact whose payload answers its own row: the row written, or the stored row. */
export const storedRow = <Row>(table: 'label' | 'observation' | 'citation' | 'source'): FactReads<Row, Row> => ({
  written: (_, row) => row,
  current: async (ctx, id) => (await getRowsByIds(ctx.db, table, [id]))[0] as Row | undefined,
});

/**
 * A fact's write payload (`LabelPayload { label draft }`, from the field name) and the function that builds it:
 * after a write that was applied, the fact written; after one kept as a draft, the fact as it still stands (null
 * when it is new).
 */
export function factPayload<Fact, Written>(
  field: string,
  type: OutputType<Types>,
  reads: FactReads<Fact, Written> & { description?: string },
) {
  const Ref = payloadType<FactPayload<Fact>>(`${upperFirst(field)}Payload`, (t) => ({
    [field]: t.field({ type, nullable: true, description: reads.description, resolve: (p) => p.fact as never }),
  }));
  const payload = async (
    ctx: Context,
    outcome: WriteOutcome<Written>,
    id: string | null,
  ): Promise<FactPayload<Fact>> => {
    if (outcome.applied) return { fact: await reads.written(ctx, outcome.row, outcome.id), draft: null };
    return { fact: id ? ((await reads.current(ctx, id)) ?? null) : null, draft: outcome.draft };
  };
  return { Ref, payload };
}

const upperFirst = (name: string) => `${name[0].toUpperCase()}${name.slice(1)}`;

/**
 * A create or update mutation of a fact, with its own input type (`createLabel` takes `CreateLabelInput`):
 * `write` maps the input onto the operation of the same name, which runs through the review rules; the payload
 * answers the fact as it now stands. An update's input names its fact by `id`.
 */
export function factMutation<N extends OperationName, Fields extends InputFieldMap, Fact>(
  name: N,
  options: {
    scope: 'curator';
    description?: string;
    payload: ReturnType<typeof factPayload<Fact, OperationRow<N>>>;
    input: (t: PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>) => Fields;
    write: (input: InputShapeFromFields<Fields>) => OperationInput<N>;
    /** What an update brings besides its values: why, and the sources of the new values. */
    change?: (input: InputShapeFromFields<Fields>) => WriteOptions;
  },
) {
  const Input = builder.inputType(`${upperFirst(name)}Input`, { fields: options.input });
  builder.mutationField(name, (t) =>
    t.field({
      type: options.payload.Ref,
      authScopes: { [options.scope]: true },
      description: options.description,
      args: { input: t.arg({ type: Input, required: true }) },
      resolve: async (_, args, ctx) => {
        // the arguments' type is too deep for TypeScript to follow through the generic fields
        const { input } = args as unknown as { input: InputShapeFromFields<Fields> };
        const outcome = await writeAs(ctx, name, options.write(input), options.change?.(input));
        return options.payload.payload(ctx, outcome, (input as { id?: { id: string } }).id?.id ?? null);
      },
    }),
  );
}

/** The descriptions of the version read and the reason, which the delete and revert inputs carry as well. */
export const VERSION_READ = 'The version you read; a newer one means CONFLICT.';
export const WHY = 'Why; kept in the change log.';

type UpdateName = Extract<OperationName, `update${string}`>;
type UpdateValues<N extends UpdateName> = Omit<OperationInput<N>, 'id' | 'expectedVersion'>;

/**
 * An update of a fact: its input names the fact (`id`, any of `node`) and the version read, then the values
 * that change, a reason, and, with `citations` (that field's description), the sources of the new values.
 * `write` maps only the values; an omitted one stays as it is.
 */
export function factUpdate<N extends UpdateName, Fields extends InputFieldMap, Fact>(
  name: N,
  options: {
    scope: 'curator';
    description?: string;
    payload: ReturnType<typeof factPayload<Fact, OperationRow<N>>>;
    node: ObjectParam<Types> | ObjectParam<Types>[];
    /** Describe the version and reason fields, as the entity's input does. */
    explained?: boolean;
    citations?: string;
    input: (t: PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>) => Fields;
    write: (values: InputShapeFromFields<Fields>) => UpdateValues<N>;
  },
) {
  type Given = { id: { id: string }; expectedVersion: number; reason?: string | null; citations?: CitationArg[] };
  factMutation<N, InputFieldMap, Fact>(name, {
    scope: options.scope,
    description: options.description,
    payload: options.payload,
    input: (t) => ({
      id: t.globalID({ required: true, for: options.node }),
      expectedVersion: t.int({ required: true, description: options.explained ? VERSION_READ : undefined }),
      ...options.input(t),
      reason: t.string({ required: false, description: options.explained ? WHY : undefined }),
      ...(options.citations && {
        citations: t.field({ type: [CitationInputRef], required: false, description: options.citations }),
      }),
    }),
    write: (input) => {
      const { id, expectedVersion, reason, citations, ...values } = input as Given;
      return { id: id.id, expectedVersion, ...options.write(values as InputShapeFromFields<Fields>) } as never;
    },
    change: (input) => {
      const { reason, citations } = input as Given;
      return { reason, citations: toCitationInputs(citations) };
    },
  });
}

/** An update's values with null taken as not given: the columns these name always hold a value. */
export const unsetIfNull = <T extends object>(values: T) =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value ?? undefined])) as {
    [K in keyof T]?: Exclude<T[K], null>;
  };

export const DeleteInput = builder.inputType('DeleteInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true, description: VERSION_READ }),
    reason: t.string({ required: false, description: WHY }),
    retire: t.boolean({
      required: false,
      description: 'Entities only: keep it as retired, with its relations, instead of deleting it.',
    }),
    supersededBy: t.id({ required: false, description: 'Entities only, with retire: the entity that replaces it.' }),
  }),
});

export const DeletePayload = payloadType<{ deletedId: string | null; draft: DraftRow | null }>(
  'DeletePayload',
  (t) => ({ deletedId: t.exposeID('deletedId', { nullable: true, description: 'Null while a draft awaits review.' }) }),
);

export const deletePayload = (outcome: WriteOutcome, id: string | number) =>
  outcome.applied ? { deletedId: String(id), draft: null } : { deletedId: null, draft: outcome.draft };

/** The delete of a label, relation, observation or citation: by ID and the version read, with a reason. */
export function deleteMutation(
  operation: 'deleteLabel' | 'deleteRelation' | 'deleteObservation' | 'deleteCitation',
  typename: string,
) {
  const what = typename.toLowerCase();
  builder.mutationField(operation, (t) =>
    t.field({
      type: DeletePayload,
      authScopes: { curator: true },
      args: { input: t.arg({ type: DeleteInput, required: true }) },
      resolve: async (_, { input }, ctx) => {
        // the input is shared with deleteEntity, whose fields these deletes would otherwise silently ignore
        if (input.retire || input.supersededBy != null) {
          throw badInput(`retire and supersededBy are for entities; a ${what} is deleted`, {
            field: input.retire ? 'retire' : 'supersededBy',
          });
        }
        const id = parseGlobalId(String(input.id), [typename], what).id;
        const outcome = await writeAs(
          ctx,
          operation,
          { id, expectedVersion: input.expectedVersion },
          { reason: input.reason },
        );
        return deletePayload(outcome, input.id);
      },
    }),
  );
}

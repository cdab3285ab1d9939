import {
  type OperationInput,
  type OperationName,
  type OperationRow,
  type WriteOptions,
  type WriteOutcome,
  writeFact,
} from '@kg/db/draft/repository';
import { badInput } from '@kg/db/errors';
import type { DraftRow } from '@kg/db/tables';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { parseGlobalId } from '../ids.ts';
import { DraftRef } from './draft.ts';

/**
 * One way to write a fact from a mutation: `writeAs` sends it through the review rules, `factPayload` answers the
 * fact as it now stands with the draft when one was made, `deleteMutation` is the delete every fact shares.
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

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

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

/**
 * A fact's write payload (`LabelPayload { label draft }`) and the function that builds it: after a write that
 * was applied, the fact written; after one kept as a draft, the fact as it still stands (null when it is new).
 */
export function factPayload<Fact, Written>(
  name: string,
  options: {
    fields: (t: PothosSchemaTypes.ObjectFieldBuilder<Types, FactPayload<Fact>>) => FieldMap;
    written: (ctx: Context, row: Written, id: string) => Fact | Promise<Fact>;
    current: (ctx: Context, id: string) => Promise<Fact | null | undefined>;
  },
) {
  const Ref = payloadType<FactPayload<Fact>>(name, options.fields);
  const payload = async (
    ctx: Context,
    outcome: WriteOutcome<Written>,
    id: string | null,
  ): Promise<FactPayload<Fact>> => {
    if (outcome.applied) return { fact: await options.written(ctx, outcome.row, outcome.id), draft: null };
    return { fact: id ? ((await options.current(ctx, id)) ?? null) : null, draft: outcome.draft };
  };
  return { Ref, payload };
}

export const DeleteInput = builder.inputType('DeleteInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one means CONFLICT.' }),
    reason: t.string({ required: false, description: 'Why; kept in the change log.' }),
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

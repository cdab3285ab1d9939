import type { Transaction } from 'kysely';
import {
  type CitationInput,
  createCitation,
  deleteCitation,
  type FactRef,
  updateCitation,
} from '../citation/repository.ts';
import type { Executor } from '../connect.ts';
import { createEntity, deleteEntity, updateEntity } from '../entity/repository.ts';
import { badInput, isUuid } from '../errors.ts';
import { createLabel, deleteLabel, updateLabel } from '../label/repository.ts';
import type { FactType } from '../model.ts';
import { createObservation, deleteObservation, updateObservation } from '../observation/repository.ts';
import { createRelation, deleteRelation, updateRelation } from '../relation/repository.ts';
import { createSource, updateSource } from '../source/repository.ts';
import type { Database } from '../tables.ts';
import type { WriteContext } from '../transaction.ts';

export type Verb = 'create' | 'update' | 'delete';

/** What applying a write answers: the fact written, the entity it belongs to, and its row (null once deleted). */
export interface Applied<Row = unknown> {
  id: string;
  entityId: string | null;
  row: Row;
}

type Apply<Input, Row> = (trx: Transaction<Database>, context: WriteContext, input: Input) => Promise<Applied<Row>>;

export interface Operation<Input, Row = unknown> {
  factType: FactType;
  op: Verb;
  apply: Apply<Input, Row>;
}

type Capitalized<F extends string> = F extends `${infer A}${infer Rest}` ? `${Uppercase<A>}${Rest}` : F;

/** An operation whose input is unknown: a function of a `never` parameter accepts every apply. */
type AnyOperation = Operation<never, unknown>;
type AnyApply = Apply<never, unknown>;

/**
 * A fact's writes, declared once: `fact('label', { create, update, delete })` gives `createLabel`, `updateLabel`
 * and `deleteLabel`, each typed by the input its apply takes.
 */
function fact<F extends FactType, Verbs extends Partial<Record<Verb, AnyApply>>>(factType: F, verbs: Verbs) {
  const operations: Record<string, AnyOperation> = {};
  for (const [op, apply] of Object.entries(verbs) as [Verb, AnyApply][]) {
    operations[`${op}${factType[0].toUpperCase()}${factType.slice(1)}`] = { factType, op, apply };
  }
  return operations as {
    [V in keyof Verbs & Verb as `${V}${Capitalized<F>}`]: Verbs[V] extends Apply<infer Input, infer Row>
      ? Operation<Input, Row>
      : never;
  };
}

const entityOf = async (trx: Executor, table: 'label' | 'observation', id: string) =>
  isUuid(id)
    ? ((await trx.selectFrom(table).select('entity_id').where('id', '=', id).executeTakeFirst())?.entity_id ?? null)
    : null;

const relationFrom = async (trx: Executor, id: string) =>
  isUuid(id)
    ? ((await trx.selectFrom('relation').select('from_id').where('id', '=', id).executeTakeFirst())?.from_id ?? null)
    : null;

async function citedEntity(trx: Executor, citationId: string) {
  if (!isUuid(citationId)) return null;
  const c = await trx.selectFrom('citation').selectAll().where('id', '=', citationId).executeTakeFirst();
  if (!c) return null;
  if (c.entity_id) return c.entity_id;
  if (c.label_id) return entityOf(trx, 'label', c.label_id);
  if (c.observation_id) return entityOf(trx, 'observation', c.observation_id);
  if (c.relation_id) return relationFrom(trx, c.relation_id);
  return null;
}

type DeleteInput = { id: string; expectedVersion: number };
type EntityOf<Row> = (trx: Executor, row: Row) => string | null | Promise<string | null>;

/** A create or update, answering the row it wrote and the entity that row belongs to. */
const writing =
  <Input, Row extends { id: string }>(
    write: (trx: Executor, ctx: WriteContext, input: Input) => Promise<Row>,
    entity: EntityOf<Row>,
  ) =>
  async (trx: Transaction<Database>, ctx: WriteContext, input: Input) => {
    const row = await write(trx, ctx, input);
    return { id: row.id, entityId: await entity(trx, row), row };
  };

/** A delete, answering the entity the fact belonged to (looked up before it goes). */
const deleting =
  (remove: (trx: Executor, ctx: WriteContext, input: DeleteInput) => Promise<unknown>, entity: EntityOf<string>) =>
  async (trx: Transaction<Database>, ctx: WriteContext, input: DeleteInput) => {
    const entityId = await entity(trx, input.id);
    await remove(trx, ctx, input);
    return { id: input.id, entityId, row: null };
  };

const ofEntity = (_trx: Executor, row: { entity_id: string }) => row.entity_id;
const fromEntity = (_trx: Executor, row: { from_id: string }) => row.from_id;
const ofCitation = (trx: Executor, row: { id: string }) => citedEntity(trx, row.id);
const noEntity = () => null;

/** Every write a curator can propose, by its mutation name. The input is the repository function's input. */
export const OPERATIONS = {
  ...fact('entity', {
    create: writing(createEntity, (_trx, row) => row.id),
    update: writing(updateEntity, (_trx, row) => row.id),
    delete: async (trx, ctx, input: Parameters<typeof deleteEntity>[2]) => ({
      id: (await deleteEntity(trx, ctx, input)).id,
      entityId: input.id,
      row: null,
    }),
  }),
  ...fact('label', {
    create: writing(createLabel, ofEntity),
    update: writing(updateLabel, ofEntity),
    delete: deleting(deleteLabel, (trx, id) => entityOf(trx, 'label', id)),
  }),
  ...fact('relation', {
    create: writing(createRelation, fromEntity),
    update: writing(updateRelation, fromEntity),
    delete: deleting(deleteRelation, relationFrom),
  }),
  ...fact('observation', {
    create: writing(createObservation, ofEntity),
    update: writing(updateObservation, ofEntity),
    delete: deleting(deleteObservation, (trx, id) => entityOf(trx, 'observation', id)),
  }),
  ...fact('citation', {
    create: writing(
      (trx, ctx, input: { fact: FactRef; citation: CitationInput }) =>
        createCitation(trx, ctx, input.fact, input.citation),
      ofCitation,
    ),
    update: writing(updateCitation, ofCitation),
    delete: deleting(deleteCitation, citedEntity),
  }),
  // a source is what citations point to: a curator's new or changed one is reviewed like a fact
  ...fact('source', {
    create: writing(createSource, noEntity),
    update: writing(updateSource, noEntity),
  }),
} satisfies Record<string, AnyOperation>;

type Operations = typeof OPERATIONS;
export type OperationName = keyof Operations;
export type OperationInput<N extends OperationName> = Parameters<Operations[N]['apply']>[2];
export type OperationRow<N extends OperationName> = Operations[N] extends Operation<never, infer Row> ? Row : never;

/** The operations keyed by name, in the shape that lets a call with any one name type-check against its input. */
const BY_NAME: { [N in OperationName]: Operation<OperationInput<N>, OperationRow<N>> } = OPERATIONS;

export const isOperationName = (name: string): name is OperationName => Object.hasOwn(OPERATIONS, name);

/** What an operation does to which kind of fact. */
export type OperationKind = Pick<AnyOperation, 'factType' | 'op'>;

export function operation(name: string): OperationKind {
  if (!isOperationName(name)) throw badInput(`unknown operation "${name}"`);
  const { factType, op } = OPERATIONS[name];
  return { factType, op };
}

/**
 * A write read back from storage (a draft, or a revert built from the change log): its name is checked here; its
 * input was checked when it was first written, and the repository function it reaches checks it again.
 */
export function storedWrite(
  name: string,
  input: unknown,
): { name: OperationName; input: OperationInput<OperationName> } {
  if (!isOperationName(name)) throw badInput(`unknown operation "${name}"`);
  return { name, input: input as OperationInput<OperationName> };
}

export function applyOperation<N extends OperationName>(
  trx: Transaction<Database>,
  context: WriteContext,
  name: N,
  input: OperationInput<N>,
): Promise<Applied<OperationRow<N>>> {
  return BY_NAME[name].apply(trx, context, input);
}

import { sql, type Transaction } from 'kysely';
import { CITED_FACTS, type CitationInput, type CitedFact, insertCitations } from '../citation/repository.ts';
import type { Executor } from '../connect.ts';
import { badInput, DomainError, isUuid, notFound } from '../errors.ts';
import type { FactType } from '../model.ts';
import { type Page, pageWithTotal } from '../paging.ts';
import type { Database, DraftRow, DraftStatus, Role } from '../tables.ts';
import { inTransaction, type WriteContext } from '../transaction.ts';
import {
  type Applied,
  applyOperation,
  type OperationInput,
  type OperationKind,
  type OperationName,
  type OperationRow,
  operation,
  storedWrite,
} from './operations.ts';

export {
  isOperationName,
  OPERATIONS,
  type OperationInput,
  type OperationName,
  type OperationRow,
  operation,
  storedWrite,
} from './operations.ts';

/** Whether a fact already has a citation. */
async function isCited(trx: Executor, factType: FactType, id: string) {
  if (!(factType in CITED_FACTS)) return false;
  const column = CITED_FACTS[factType as CitedFact];
  const row = await trx.selectFrom('citation').select('id').where(column, '=', id).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Whether a write must bring a citation: every create and update of a fact (a citation and a source are evidence). */
const needsCitation = (op: OperationKind) =>
  op.op !== 'delete' && op.factType !== 'citation' && op.factType !== 'source';

export interface Writer {
  actor: string;
  role: Role;
}

/** Curators propose; reviewers and admins (and importers, which do not come through here) publish directly. */
export const writesDirectly = (role: Role) => role === 'reviewer' || role === 'admin';

export type WriteOutcome<Row = unknown> = ({ applied: true } & Applied<Row>) | { applied: false; draft: DraftRow };

export interface WriteOptions {
  reason?: string | null;
  citations?: CitationInput[];
  /** A revert: it brings back values that the fact's own citations state, so those may cite it. */
  restoresVersion?: boolean;
}

/** A field of a write's input that every operation may or may not have. */
const field = (input: unknown, name: string): unknown =>
  typeof input === 'object' && input !== null && name in input
    ? (input as { [key: string]: unknown })[name]
    : undefined;

/** Citations added with an update: they support the fact as it now stands. */
async function citeResult(
  trx: Transaction<Database>,
  context: WriteContext,
  op: OperationKind,
  id: string,
  citations: CitationInput[],
) {
  if (citations.length === 0) return;
  if (!needsCitation(op)) {
    throw badInput(`citations cannot be added to a ${op.op} of a ${op.factType}`, { field: 'citations' });
  }
  await insertCitations(trx, context, { type: op.factType as CitedFact, id }, citations, { againstExisting: true });
}

async function applyCited<N extends OperationName>(
  trx: Transaction<Database>,
  context: WriteContext,
  name: N,
  input: OperationInput<N>,
  citations: CitationInput[],
) {
  const result = await applyOperation(trx, context, name, input);
  await citeResult(trx, context, operation(name), result.id, citations);
  return result;
}

/**
 * The one way the API writes facts. A reviewer's or admin's change is applied at once; a curator's is checked by
 * applying it and rolling back (so a bad or stale change is refused now, with the same error), then kept as a
 * draft for review.
 */
export function writeFact<N extends OperationName>(
  db: Executor,
  writer: Writer,
  name: N,
  input: OperationInput<N>,
  options: WriteOptions = {},
): Promise<WriteOutcome<OperationRow<N>>> {
  const op = operation(name);
  const citations = options.citations ?? [];
  const context: WriteContext = { actor: writer.actor, reason: options.reason ?? undefined };
  return inTransaction(db, async (trx) => {
    if (writesDirectly(writer.role)) {
      const result = await applyCited(trx, context, name, input, citations);
      // reviewers and admins publish at once, so what they write must be cited now (a curator's draft is checked
      // when it is published); checked after the change itself, so that a wrong ID or a stale version says so
      if (
        needsCitation(op) &&
        draftCitationCount({ operation: name, input, citations }) === 0 &&
        !(options.restoresVersion && (await isCited(trx, op.factType, result.id)))
      ) {
        throw badInput(`${name} needs at least one citation: say which source states the new values`, {
          field: 'citations',
        });
      }
      return { applied: true as const, ...result };
    }
    await sql`savepoint dry_run`.execute(trx);
    const result = await applyCited(trx, context, name, input, citations);
    await sql`rollback to savepoint dry_run`.execute(trx);
    const expectedVersion = field(input, 'expectedVersion');
    const draft = await trx
      .insertInto('draft')
      .values({
        operation: name,
        fact_type: op.factType,
        fact_id: op.op === 'create' ? null : result.id,
        entity_id: op.op === 'create' && op.factType === 'entity' ? null : result.entityId,
        base_version: typeof expectedVersion === 'number' ? expectedVersion : null,
        input: JSON.stringify(input),
        citations: JSON.stringify(citations),
        author: writer.actor,
        reason: options.reason ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { applied: false as const, draft };
  });
}

async function lockPending(trx: Transaction<Database>, id: string, expectedVersion?: number | null) {
  if (!isUuid(id)) throw notFound('draft', id);
  const draft = await trx.selectFrom('draft').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!draft) throw notFound('draft', id);
  if (expectedVersion != null && draft.version !== expectedVersion) {
    throw new DomainError('CONFLICT', `draft ${id} is at version ${draft.version}, not ${expectedVersion}`, {
      id,
      expectedVersion,
      currentVersion: draft.version,
    });
  }
  if (draft.status !== 'pending') throw badInput(`draft ${id} is already ${draft.status}`, { status: draft.status });
  return draft;
}

/** How many citations a draft brings: those given with it, plus those in a create's own input. */
export function draftCitationCount(draft: { operation: string; input: unknown; citations: unknown[] }) {
  const given = field(draft.input, 'citations');
  const own = Array.isArray(given) ? given.length : 0;
  const isCitation = draft.operation === 'createCitation' || draft.operation === 'updateCitation' ? 1 : 0;
  return draft.citations.length + own + isCitation;
}

async function closeDraft(
  trx: Transaction<Database>,
  draft: DraftRow,
  status: DraftStatus,
  reviewer: string,
  reason: string | null,
  resultFactId: string | null = null,
) {
  return trx
    .updateTable('draft')
    .set({
      status,
      reviewer,
      reviewed_at: new Date(),
      review_reason: reason,
      result_fact_id: resultFactId,
      version: draft.version + 1,
      updated_at: new Date(),
    })
    .where('id', '=', draft.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A decision on a pending draft, against the version read, with the reason for it. */
export interface DraftDecision {
  id: string;
  expectedVersion?: number | null;
  reason?: string | null;
}

/**
 * Applies a pending draft as its author, approved by the reviewer. A create or update must bring a citation;
 * a draft whose fact changed since it was proposed answers CONFLICT and stays pending.
 */
export function publishDraft(db: Executor, reviewer: Writer, input: DraftDecision) {
  return inTransaction(db, async (trx) => {
    const draft = await lockPending(trx, input.id, input.expectedVersion);
    if (draft.author === reviewer.actor && reviewer.role !== 'admin') {
      throw new DomainError('FORBIDDEN', 'a reviewer cannot publish their own draft');
    }
    const op = operation(draft.operation);
    if (needsCitation(op) && draftCitationCount(draft) === 0) {
      throw badInput('a draft needs at least one citation before it is published', { field: 'citations' });
    }
    const context: WriteContext = {
      actor: draft.author,
      reason: draft.reason ?? undefined,
      approvedBy: reviewer.actor,
      draftId: draft.id,
    };
    const stored = storedWrite(draft.operation, draft.input);
    const result = await applyCited(trx, context, stored.name, stored.input, draft.citations as CitationInput[]);
    const closed = await closeDraft(trx, draft, 'published', reviewer.actor, input.reason ?? null, result.id);
    return { draft: closed, result };
  });
}

export function rejectDraft(
  db: Executor,
  reviewer: Writer,
  input: { id: string; reason: string; expectedVersion?: number | null },
) {
  const reason = input.reason.trim();
  if (!reason) throw badInput('say why the draft is rejected', { field: 'reason' });
  return inTransaction(db, async (trx) => {
    const draft = await lockPending(trx, input.id, input.expectedVersion);
    return closeDraft(trx, draft, 'rejected', reviewer.actor, reason);
  });
}

/** The author takes a pending draft back; like a review, checked against the version read, with a reason kept. */
export function withdrawDraft(db: Executor, author: Writer, input: DraftDecision) {
  return inTransaction(db, async (trx) => {
    const draft = await lockPending(trx, input.id, input.expectedVersion);
    if (draft.author !== author.actor && author.role !== 'admin') {
      throw new DomainError('FORBIDDEN', 'only its author can withdraw a draft');
    }
    return closeDraft(trx, draft, 'withdrawn', author.actor, input.reason?.trim() || null);
  });
}

export async function getDrafts(db: Executor, ids: readonly string[]) {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Map<string, DraftRow>();
  const rows = await db.selectFrom('draft').selectAll().where('id', 'in', valid).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export function listDrafts(
  db: Executor,
  args: Page & {
    status?: DraftStatus | null;
    entityId?: string | null;
    factId?: string | null;
    author?: string | null;
  },
) {
  let query = db.selectFrom('draft').selectAll();
  if (args.status) query = query.where('status', '=', args.status);
  if (args.entityId) query = query.where('entity_id', '=', args.entityId);
  if (args.factId) query = query.where('fact_id', '=', args.factId);
  if (args.author) query = query.where('author', '=', args.author);
  return pageWithTotal(query.orderBy('created_at', 'desc').orderBy('id'), args);
}

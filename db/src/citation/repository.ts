import { type Selectable, type SelectQueryBuilder, sql, type Transaction } from 'kysely';
import { dbOf, type Reader, reviveTimestamps, selectRows } from '../batch.ts';
import { recordChanges } from '../change-log/repository.ts';
import type { Executor } from '../connect.ts';
import { badInput, isUuid, notFound } from '../errors.ts';
import { groupBy } from '../group.ts';
import { anyOf } from '../lookup.ts';
import { normalizeOptionalText } from '../normalize.ts';
import { type Page, pageWithTotal } from '../paging.ts';
import type { CitationRow, Database, SourceRow } from '../tables.ts';
import { inTransaction, type WriteContext } from '../transaction.ts';
import { deleteLocked, lockForWrite, updateLocked } from '../versioned.ts';
import { PUBLIC_VISIBILITY, showsDrafts, type Visibility } from '../visibility.ts';

/** The kinds of fact a citation can support, and the column that points at each. */
export const CITED_FACTS = {
  entity: 'entity_id',
  label: 'label_id',
  relation: 'relation_id',
  observation: 'observation_id',
} as const;
export type CitedFact = keyof typeof CITED_FACTS;

export interface CitationInput {
  sourceId: string;
  quote?: string | null;
  locator?: string | null;
  retrievedAt?: Date | string | null;
  curator?: string | null;
  reviewStatus?: 'pending' | 'accepted' | 'rejected';
}

export interface FactRef {
  type: CitedFact;
  id: string;
}

async function assertSourcesExist(trx: Executor, ids: string[]) {
  const unique = [...new Set(ids)];
  for (const id of unique) if (!isUuid(id)) throw notFound('source', id);
  if (unique.length === 0) return;
  const found = await trx.selectFrom('source').select('id').where('id', 'in', unique).execute();
  const missing = unique.find((id) => !found.some((f) => f.id === id));
  if (missing) throw notFound('source', missing);
}

async function assertFactExists(trx: Executor, fact: FactRef) {
  if (!isUuid(fact.id)) throw notFound(fact.type, fact.id);
  const row = await trx.selectFrom(fact.type).select('id').where('id', '=', fact.id).executeTakeFirst();
  if (!row) throw notFound(fact.type, fact.id);
}

const citationKey = (c: { sourceId: string; quote: string | null; locator: string | null }) =>
  JSON.stringify([c.sourceId, c.quote, c.locator]);

/**
 * The citations not already stated for the fact: the same source, quote and place cited again (a change cited with
 * the evidence the fact already has, or a draft published with the citations of its own input) adds nothing.
 */
async function leaveOutRepeats(
  trx: Executor,
  fact: FactRef,
  inputs: readonly CitationInput[],
  againstExisting = false,
) {
  // a fact written just now has no citations yet: only repeats among the inputs to leave out
  const existing = againstExisting
    ? await trx
        .selectFrom('citation')
        .select(['source_id', 'quote', 'locator'])
        .where(CITED_FACTS[fact.type], '=', fact.id)
        .execute()
    : [];
  const seen = new Set(existing.map((c) => citationKey({ sourceId: c.source_id, quote: c.quote, locator: c.locator })));
  return inputs.filter((input) => {
    const key = citationKey({
      sourceId: input.sourceId,
      quote: normalizeOptionalText(input.quote, 'quote') ?? null,
      locator: normalizeOptionalText(input.locator, 'locator', 500) ?? null,
    });
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Inserts citations for a fact the caller has just written or checked, and logs them. */
export async function insertCitations(
  trx: Transaction<Database>,
  context: WriteContext,
  fact: FactRef,
  inputs: readonly CitationInput[],
  /** keepRepeats: insert even what repeats; againstExisting: also leave out what the fact already cites. */
  options: { keepRepeats?: boolean; againstExisting?: boolean } = {},
): Promise<CitationRow[]> {
  if (inputs.length === 0) return [];
  if (inputs.length > 50) throw badInput('at most 50 citations per fact in one call');
  await assertSourcesExist(
    trx,
    inputs.map((i) => i.sourceId),
  );
  const fresh = options.keepRepeats ? inputs : await leaveOutRepeats(trx, fact, inputs, options.againstExisting);
  if (fresh.length === 0) return [];
  const rows = await trx
    .insertInto('citation')
    .values(
      fresh.map((input) => ({
        source_id: input.sourceId,
        [CITED_FACTS[fact.type]]: fact.id,
        quote: normalizeOptionalText(input.quote, 'quote') ?? null,
        locator: normalizeOptionalText(input.locator, 'locator', 500) ?? null,
        retrieved_at: input.retrievedAt ?? null,
        curator: normalizeOptionalText(input.curator, 'curator', 200) ?? context.actor,
        review_status: input.reviewStatus ?? 'accepted',
      })),
    )
    .returningAll()
    .execute();
  if (rows.length > 0) await recordChanges(trx, context);
  return rows;
}

export function createCitation(
  executor: Executor,
  context: WriteContext,
  fact: FactRef,
  input: CitationInput,
): Promise<CitationRow> {
  return inTransaction(executor, async (trx) => {
    await assertFactExists(trx, fact);
    const [row] = await insertCitations(trx, context, fact, [input], { keepRepeats: true });
    return row;
  });
}

export function updateCitation(
  executor: Executor,
  context: WriteContext,
  input: { id: string; expectedVersion: number } & Partial<Omit<CitationInput, 'sourceId'>> & { sourceId?: string },
): Promise<CitationRow> {
  return inTransaction(executor, async (trx) => {
    const before = await lockForWrite(trx, 'citation', input.id, input.expectedVersion);
    if (input.sourceId !== undefined) await assertSourcesExist(trx, [input.sourceId]);
    const patch: Record<string, unknown> = {};
    if (input.sourceId !== undefined) patch.source_id = input.sourceId;
    if (input.quote !== undefined) patch.quote = normalizeOptionalText(input.quote, 'quote');
    if (input.locator !== undefined) patch.locator = normalizeOptionalText(input.locator, 'locator', 500);
    if (input.retrievedAt !== undefined) patch.retrieved_at = input.retrievedAt;
    if (input.curator !== undefined) patch.curator = normalizeOptionalText(input.curator, 'curator', 200);
    if (input.reviewStatus !== undefined) patch.review_status = input.reviewStatus;
    return updateLocked(trx, context, 'citation', before, patch);
  });
}

export function deleteCitation(
  executor: Executor,
  context: WriteContext,
  input: { id: string; expectedVersion: number },
): Promise<{ id: string }> {
  return inTransaction(executor, async (trx) => {
    await lockForWrite(trx, 'citation', input.id, input.expectedVersion);
    return deleteLocked(trx, context, 'citation', input.id);
  });
}

/** Deletes a label, relation or observation with its citations, once the version the caller read is checked. */
export function deleteCitedFact<T extends 'label' | 'relation' | 'observation'>(
  executor: Executor,
  context: WriteContext,
  type: T,
  input: { id: string; expectedVersion: number },
  refuse?: (before: Selectable<Database[T]>) => void,
): Promise<{ id: string }> {
  return inTransaction(executor, async (trx) => {
    const before = await lockForWrite(trx, type, input.id, input.expectedVersion);
    refuse?.(before);
    await deleteCitationsOf(trx, context, type, [input.id]);
    return deleteLocked(trx, context, type, input.id);
  });
}

/** Deletes every citation of the given facts (their facts are being deleted), logging each. */
export async function deleteCitationsOf(
  trx: Transaction<Database>,
  context: WriteContext,
  type: CitedFact,
  factIds: readonly string[],
) {
  if (factIds.length === 0) return;
  const { numDeletedRows } = await trx
    .deleteFrom('citation')
    .where(CITED_FACTS[type], 'in', factIds)
    .executeTakeFirst();
  if (numDeletedRows > 0n) await recordChanges(trx, context);
}

const reviveCitation = reviveTimestamps<CitationRow>('created_at', 'updated_at', 'retrieved_at');

/**
 * The citations of many facts of one type that a reader may see (published ones when `visibility` is omitted),
 * grouped by fact id.
 */
export async function loadCitations(
  reader: Reader,
  type: CitedFact,
  factIds: readonly string[],
  visibility: Visibility = PUBLIC_VISIBILITY,
) {
  return (await readCitations(reader, type, factIds, visibility, false)).byFact;
}

/**
 * loadCitations, and the sources they cite, each once (on the first citation of it): a page that shows a
 * citation's source then needs no statement of its own for it.
 */
export function loadCitationsWithSources(
  reader: Reader,
  type: CitedFact,
  factIds: readonly string[],
  visibility: Visibility = PUBLIC_VISIBILITY,
) {
  return readCitations(reader, type, factIds, visibility, true);
}

type CitationWithSource = CitationRow & { source_row?: Record<string, unknown> | null };

const reviveSource = reviveTimestamps<SourceRow>('created_at', 'updated_at', 'retrieved_at');

async function readCitations(
  reader: Reader,
  type: CitedFact,
  factIds: readonly string[],
  visibility: Visibility,
  withSources: boolean,
) {
  const byFact = new Map<string, CitationRow[]>();
  const sources: SourceRow[] = [];
  if (factIds.length === 0) return { byFact, sources };
  const column = CITED_FACTS[type];
  const query = dbOf(reader)
    .selectFrom('citation')
    .selectAll('citation')
    .$if(withSources, (q) =>
      q.select(
        sql<Record<string, unknown> | null>`case when row_number() over (partition by citation.source_id) = 1
          then (select to_jsonb(s) from source s where s.id = citation.source_id) end`.as('source_row'),
      ),
    )
    .where(column, '=', anyOf(factIds, 'uuid'))
    .where('status', '=', anyOf(visibility, 'text'))
    .orderBy('created_at')
    .orderBy('id');
  const rows = (await selectRows(reader, query, reviveCitation)) as CitationWithSource[];
  for (const row of rows) {
    if (row.source_row) sources.push(reviveSource(row.source_row));
    delete row.source_row;
  }
  return { byFact: groupBy(rows as CitationRow[], (row) => row[column] as string), sources };
}

/** Citations for page-numbered lists: of one source, newest first. */
export function listCitations(db: Executor, args: Page & { sourceId?: string | null; visibility?: Visibility }) {
  let query = db.selectFrom('citation').selectAll();
  const visibility = args.visibility ?? PUBLIC_VISIBILITY;
  if (!showsDrafts(visibility)) {
    // neither a draft citation nor one of a fact the reader may not see
    query = query.where('status', 'in', visibility).where(({ eb, exists, not, selectFrom }) =>
      not(
        exists(
          selectFrom('entity as e')
            .select('e.id')
            .where('e.status', 'not in', visibility)
            .where((w) => {
              // the entity a citation's fact belongs to (both ends of a relation)
              const owns = <DB, TB extends keyof DB>(
                subquery: SelectQueryBuilder<DB, TB, { [column: string]: string }>,
              ) => w('e.id', 'in', subquery);
              return w.or([
                w('e.id', '=', eb.ref('citation.entity_id')),
                owns(selectFrom('label as l').select('l.entity_id').whereRef('l.id', '=', 'citation.label_id')),
                owns(
                  selectFrom('observation as o').select('o.entity_id').whereRef('o.id', '=', 'citation.observation_id'),
                ),
                owns(selectFrom('relation as r').select('r.from_id').whereRef('r.id', '=', 'citation.relation_id')),
                owns(selectFrom('relation as r').select('r.to_id').whereRef('r.id', '=', 'citation.relation_id')),
              ]);
            }),
        ),
      ),
    );
  }
  if (args.sourceId) {
    query = query.where(
      'source_id',
      '=',
      isUuid(args.sourceId) ? args.sourceId : '00000000-0000-0000-0000-000000000000',
    );
  }
  return pageWithTotal(query.orderBy('created_at', 'desc').orderBy('id'), args);
}

import { sql, type Transaction } from 'kysely';
import type { Executor } from '../connect.ts';
import { badInput, isUuid, notFound } from '../errors.ts';
import type { FactType } from '../model.ts';
import { type Page, pageWithTotal } from '../paging.ts';
import type { ChangeLogRow, Database } from '../tables.ts';
import { PUBLIC_VISIBILITY, redactChange, type Visibility, visibleChange } from '../visibility.ts';

/** Every logged change of one fact that the reader may see (visibility.ts visibleChange), newest first. */
export async function factHistory(
  db: Executor,
  factId: string,
  page: Page,
  visibility: Visibility = PUBLIC_VISIBILITY,
) {
  if (!isUuid(factId)) throw notFound('fact', factId);
  const { rows, totalCount } = await pageWithTotal(
    db
      .selectFrom('change_log as c')
      .selectAll('c')
      .where('c.fact_id', '=', factId)
      .where(visibleChange(visibility))
      .orderBy('c.id', 'desc'),
    page,
  );
  return { rows: rows.map((row) => redactChange(visibility, row)), totalCount };
}

/**
 * Changes after a cursor (a change id) or since a time, oldest first, for downstream copies: replaying them in
 * order rebuilds every fact. One more row than asked is read to tell whether another page follows.
 */
export async function changesAfter(
  db: Executor,
  args: {
    afterId?: string | null;
    since?: Date | null;
    limit: number;
    factTypes?: readonly FactType[] | null;
    /** What the reader may see (published facts when omitted); other changes are skipped. */
    visibility?: Visibility;
  },
): Promise<{ rows: ChangeLogRow[]; hasNextPage: boolean }> {
  const visibility = args.visibility ?? PUBLIC_VISIBILITY;
  let query = db
    .selectFrom('change_log as c')
    .selectAll('c')
    .where(visibleChange(visibility))
    .orderBy('c.id')
    .limit(args.limit + 1);
  if (args.afterId != null) query = query.where('c.id', '>', args.afterId);
  if (args.since) query = query.where('c.at', '>=', args.since);
  if (args.factTypes?.length) query = query.where('c.fact_type', 'in', args.factTypes);
  const rows = await query.execute();
  return {
    rows: rows.slice(0, args.limit).map((row) => redactChange(visibility, row)),
    hasNextPage: rows.length > args.limit,
  };
}

export async function latestChangeId(db: Executor): Promise<string | null> {
  const row = await db.selectFrom('change_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? String(row.id) : null;
}

/** The fields of each kind of fact that a revert restores, as the update operation names them. */
const RESTORABLE: Record<Exclude<FactType, 'source'>, Record<string, string>> = {
  entity: { name: 'name', status: 'status', details: 'details' },
  label: { text: 'text', type: 'type', language: 'language', source_id: 'sourceId' },
  relation: { attributes: 'attributes', status: 'status' },
  observation: {
    metric: 'metric',
    value: 'value',
    unit: 'unit',
    period: 'period',
    period_start: 'periodStart',
    period_end: 'periodEnd',
    geography: 'geography',
    attributes: 'attributes',
  },
  citation: {
    source_id: 'sourceId',
    quote: 'quote',
    locator: 'locator',
    retrieved_at: 'retrievedAt',
    curator: 'curator',
    review_status: 'reviewStatus',
  },
};

const UPDATE_OPERATION: Record<Exclude<FactType, 'source'>, string> = {
  entity: 'updateEntity',
  label: 'updateLabel',
  relation: 'updateRelation',
  observation: 'updateObservation',
  citation: 'updateCitation',
};

const dateOnly = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : value);

/**
 * The update that brings a fact back to how it was at `toVersion`. The revert is an ordinary update (checked
 * against the version the caller read, logged, and a curator's one reviewed), so history only ever grows.
 */
export async function revertOperation(
  db: Executor,
  input: { factId: string; toVersion: number; expectedVersion: number },
) {
  if (!isUuid(input.factId)) throw notFound('fact', input.factId);
  const entries = await db
    .selectFrom('change_log')
    .selectAll()
    .where('fact_id', '=', input.factId)
    .orderBy('id')
    .execute();
  if (entries.length === 0) throw notFound('fact', input.factId);
  const factType = entries[0].fact_type;
  if (factType === 'source') throw badInput('sources are changed with updateSource');
  const target = entries.filter((e) => e.version === input.toVersion && e.after).at(-1);
  if (!target?.after) throw badInput(`fact ${input.factId} has no version ${input.toVersion}`, { field: 'toVersion' });
  const latest = entries.at(-1);
  if (latest?.op === 'delete') throw badInput(`fact ${input.factId} was deleted; create it again instead`);
  if (latest?.version === input.toVersion) {
    throw badInput(`fact ${input.factId} is at version ${input.toVersion} already`, { field: 'toVersion' });
  }
  const after = target.after as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const [column, field] of Object.entries(RESTORABLE[factType])) {
    if (!(column in after)) continue;
    const value = after[column];
    fields[field] = column === 'period_start' || column === 'period_end' ? dateOnly(value) : value;
  }
  return {
    operation: UPDATE_OPERATION[factType],
    factType,
    input: { id: input.factId, expectedVersion: input.expectedVersion, ...fields },
  };
}

/**
 * Runs `read` against the graph as it was at `at`: the `<schema>_asof` views (migration 0007) rebuild each fact
 * from the change log, and putting them first on the search path makes every query in `read` see the past.
 */
export function readAsOf<T>(db: Executor, at: Date, read: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (Number.isNaN(at.getTime())) throw badInput('asOf is not a valid time', { field: 'asOf' });
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(trx);
    const schema = rows[0].schema;
    await sql`select set_config('kg.as_of', ${at.toISOString()}, true),
      set_config('search_path', ${`"${schema}_asof", "${schema}", public`}, true)`.execute(trx);
    await sql`set transaction read only`.execute(trx);
    return read(trx);
  });
}

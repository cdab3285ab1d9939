/** What every kind of imported fact shares: its citation of the release, who owns it, and retiring it. */
import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { factsCreatedBy } from '../../history/repository.ts';
import type { Database } from '../../tables.ts';
import { type Citing, type ImportContext, inBatches, insertRows, tally } from './batches.ts';

export function citationRow(ctx: ImportContext, column: string, id: string, citing: Citing) {
  return {
    id: randomUUID(),
    source_id: ctx.source.id,
    [column]: id,
    quote: citing.quote ?? null,
    locator: citing.locator,
    curator: ctx.actor,
    review_status: 'accepted',
  };
}

/** Facts of the given column that already cite this release. */
async function citedByRelease(
  ctx: ImportContext,
  column: 'entity_id' | 'label_id' | 'relation_id' | 'observation_id',
  ids: string[],
) {
  const cited = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await ctx.db
      .selectFrom('citation')
      .select(`${column} as id`)
      .where('source_id', '=', ctx.source.id)
      .where(column, 'in', ids.slice(i, i + 5000))
      .execute();
    for (const row of rows) cited.add(row.id as string);
  }
  return cited;
}

export async function addMissingCitations(
  ctx: ImportContext,
  step: string,
  column: 'entity_id' | 'label_id' | 'relation_id' | 'observation_id',
  facts: Array<{ id: string; citing: Citing }>,
) {
  const cited = await citedByRelease(
    ctx,
    column,
    facts.map((f) => f.id),
  );
  const missing = facts.filter((f) => !cited.has(f.id));
  await inBatches(ctx, `${step} citations`, missing, async (trx, batch) => {
    const rows = batch.map((f) => citationRow(ctx, column, f.id, f.citing));
    await insertRows(trx, 'citation', rows);
  });
}

/** Inserts new facts with a citation of the release each. */
export async function insertCited(
  ctx: ImportContext,
  trx: Transaction<Database>,
  table: 'relation' | 'label' | 'observation',
  rows: Array<{ id: string } & Record<string, unknown>>,
  citing: Citing[],
) {
  await insertRows(trx, table, rows);
  const citations = rows.map((row, i) => citationRow(ctx, `${table}_id`, row.id, citing[i]));
  await insertRows(trx, 'citation', citations);
}

/** Sets facts' status to retired (history keeps them; reads skip them). */
export async function retire(
  ctx: ImportContext,
  step: string,
  table: 'entity' | 'relation' | 'label' | 'observation',
  ids: string[],
) {
  if (ids.length === 0) return;
  await inBatches(ctx, `${step} retired`, ids, async (trx, batch) => {
    const { numUpdatedRows } = await trx
      .updateTable(table)
      .set({ status: 'retired', version: sql`version + 1`, updated_at: new Date() } as never)
      .where('id', 'in', batch)
      .where('status', '<>', 'retired')
      .executeTakeFirst();
    tally(ctx, step).retired += Number(numUpdatedRows);
  });
}

/**
 * Ids of facts an import of this dataset created: the only ones it may change or retire. A fact the seed or
 * a curator made stays theirs even when the dataset states it too (the dataset then only cites it).
 */
export async function ownedFacts(
  ctx: ImportContext,
  factType: 'relation' | 'label' | 'observation',
  ids: string[],
  family = ctx.family,
) {
  const owned = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    for (const id of await factsCreatedBy(ctx.db, factType, ids.slice(i, i + 5000), `import:${family}%`)) {
      owned.add(id);
    }
  }
  return owned;
}

import type { Transaction } from 'kysely';
import type { Database, SocCodeTable, SocCrosswalkTable } from '../../tables.ts';
import type { ImportContext } from '../sync.ts';

/*
 * Classification codes and crosswalk pairs are reference data that only their release writes (no curator edits
 * them), so they are not versioned facts with a change log: each row carries its release (source_id) and the
 * file and row that state it (locator). An import makes the tables hold exactly what the release states: new
 * rows are inserted, rows whose title, definition, parent or citation changed are updated, rows this release
 * stated before and no longer does are deleted. Batches of one transaction each; running it again changes
 * nothing.
 */

interface CodeWrites<T> {
  key: (row: T) => string;
  insert: (trx: Transaction<Database>, rows: T[]) => Promise<unknown>;
  update: (trx: Transaction<Database>, row: T) => Promise<unknown>;
  remove: (trx: Transaction<Database>, rows: T[]) => Promise<unknown>;
}

async function syncRows<T extends object>(
  ctx: ImportContext,
  step: string,
  existingRows: T[],
  desired: T[],
  writes: CodeWrites<T>,
) {
  ctx.counts[step] ??= { created: 0, updated: 0, retired: 0, unchanged: 0 };
  const counts = ctx.counts[step];
  const existing = new Map(existingRows.map((row) => [writes.key(row), row]));
  const wanted = new Map(desired.map((row) => [writes.key(row), row]));
  const fresh: T[] = [];
  const changed: T[] = [];
  for (const [key, row] of wanted) {
    const current = existing.get(key);
    if (!current) fresh.push(row);
    else if (
      JSON.stringify(Object.entries(row)) !==
      JSON.stringify(Object.keys(row).map((k) => [k, current[k as keyof T] ?? null]))
    )
      changed.push(row);
    else counts.unchanged++;
  }
  const gone = [...existing]
    .filter(([key, row]) => !wanted.has(key) && (row as { source_id?: string }).source_id === ctx.source.id)
    .map(([, row]) => row);
  const size = ctx.batchSize ?? 2000;
  const total = fresh.length + changed.length + gone.length;
  let done = 0;
  const progress = (n: number) => {
    done += n;
    ctx.onProgress?.(step, done, total);
  };
  for (let i = 0; i < fresh.length; i += size) {
    const batch = fresh.slice(i, i + size);
    await ctx.db.transaction().execute((trx) => writes.insert(trx, batch));
    counts.created += batch.length;
    progress(batch.length);
  }
  for (let i = 0; i < changed.length; i += size) {
    const batch = changed.slice(i, i + size);
    await ctx.db.transaction().execute(async (trx) => {
      for (const row of batch) await writes.update(trx, row);
    });
    counts.updated += batch.length;
    progress(batch.length);
  }
  // in one transaction: a group and the codes below it go together (the parent key is checked at commit)
  if (gone.length) {
    await ctx.db.transaction().execute((trx) => writes.remove(trx, gone));
    counts.retired += gone.length;
    progress(gone.length);
  }
}

/** Makes soc_code hold the codes the release states. */
export async function syncSocCodes(ctx: ImportContext, desired: SocCodeTable[]) {
  const existing = await ctx.db.selectFrom('soc_code').selectAll().execute();
  await syncRows(ctx, 'soc codes', existing, desired, {
    key: (row) => `${row.system}|${row.code}`,
    insert: (trx, rows) => trx.insertInto('soc_code').values(rows).execute(),
    update: (trx, row) =>
      trx.updateTable('soc_code').set(row).where('system', '=', row.system).where('code', '=', row.code).execute(),
    remove: async (trx, rows) => {
      for (const row of rows)
        await trx.deleteFrom('soc_code').where('system', '=', row.system).where('code', '=', row.code).execute();
    },
  });
}

/** Makes soc_crosswalk hold the pairs the release states. */
export async function syncSocCrosswalk(ctx: ImportContext, desired: SocCrosswalkTable[]) {
  const existing = await ctx.db.selectFrom('soc_crosswalk').selectAll().execute();
  await syncRows(ctx, 'soc crosswalk pairs', existing, desired, {
    key: (row) => `${row.from_system}|${row.from_code}|${row.to_system}|${row.to_code}`,
    insert: (trx, rows) => trx.insertInto('soc_crosswalk').values(rows).execute(),
    update: (trx, row) =>
      trx
        .updateTable('soc_crosswalk')
        .set(row)
        .where('from_system', '=', row.from_system)
        .where('from_code', '=', row.from_code)
        .where('to_system', '=', row.to_system)
        .where('to_code', '=', row.to_code)
        .execute(),
    remove: async (trx, rows) => {
      for (const row of rows)
        await trx
          .deleteFrom('soc_crosswalk')
          .where('from_system', '=', row.from_system)
          .where('from_code', '=', row.from_code)
          .where('to_system', '=', row.to_system)
          .where('to_code', '=', row.to_code)
          .execute();
    },
  });
}

import type { Db } from '../connect.ts';
import { createSource, getSourceByKey, type SourceInput } from '../source/repository.ts';
import { ImportStatistics } from '../statistics.ts';
import type { Counts, ImportContext } from './sync.ts';

export interface ImportSummary {
  dataset: string;
  source: string;
  counts: Counts;
  notes: string[];
  seconds: number;
}

/**
 * Runs one dataset import: records the release as a Source (once), opens an import_run row, and closes it
 * with what changed, or marks it failed.
 */
export async function runImport(
  db: Db,
  options: {
    dataset: string;
    source: SourceInput;
    family: string;
    onProgress?: ImportContext['onProgress'];
  },
  work: (ctx: ImportContext) => Promise<void>,
): Promise<ImportSummary> {
  const started = performance.now();
  const actor = `import:${options.source.key}`;
  const source =
    (await getSourceByKey(db, options.source.key)) ??
    (await createSource(db, { actor, reason: 'dataset release' }, options.source));
  const run = await db
    .insertInto('import_run')
    .values({ dataset: options.dataset, source_id: source.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ctx: ImportContext = {
    db,
    source,
    actor,
    family: options.family,
    counts: {},
    notes: [],
    onProgress: options.onProgress,
    statistics: await ImportStatistics.for(db),
  };
  try {
    await work(ctx);
  } catch (error) {
    await db
      .updateTable('import_run')
      .set({
        status: 'failed',
        finished_at: new Date(),
        summary: JSON.stringify({ error: String(error), counts: ctx.counts }),
      })
      .where('id', '=', run.id)
      .execute();
    throw error;
  }
  await db
    .updateTable('import_run')
    .set({
      status: 'finished',
      finished_at: new Date(),
      summary: JSON.stringify({ counts: ctx.counts, notes: ctx.notes }),
    })
    .where('id', '=', run.id)
    .execute();
  return {
    dataset: options.dataset,
    source: source.key,
    counts: ctx.counts,
    notes: ctx.notes,
    seconds: (performance.now() - started) / 1000,
  };
}

/** A dataset release as an import records it: the dataset it is, and the source its facts cite. */
export interface Release {
  dataset: string;
  /** `<family>:<release>`: the family's imports share the facts they write (`onet:29.3` is an `onet:` release). */
  key: string;
  title: string;
  url: string;
  publisher: string;
  publishedAt: string | null;
}

/** Runs the import of a published dataset release (see {@link runImport}). */
export function importRelease(
  db: Db,
  { dataset, ...source }: Release,
  onProgress: ImportContext['onProgress'],
  work: (ctx: ImportContext) => Promise<void>,
): Promise<ImportSummary> {
  const family = `${source.key.slice(0, source.key.indexOf(':'))}:`;
  return runImport(db, { dataset, family, onProgress, source: { ...source, kind: 'dataset_release' } }, work);
}

/** Totals of a summary: how many facts each kind of change touched. */
export function totals(counts: Counts) {
  const sum = { created: 0, updated: 0, retired: 0, unchanged: 0 };
  for (const c of Object.values(counts)) {
    sum.created += c.created;
    sum.updated += c.updated;
    sum.retired += c.retired;
    sum.unchanged += c.unchanged;
  }
  return sum;
}

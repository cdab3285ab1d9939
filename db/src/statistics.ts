import { sql } from 'kysely';
import type { Db, Executor } from './connect.ts';

/**
 * Collects planner statistics for the graph's tables: those of the schema in use, not every schema of the
 * database (a plain `analyze` would also read, and wait for locks on, other graphs a server holds).
 */
export async function analyzeGraph(db: Executor): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    where c.relnamespace = to_regnamespace(current_schema()) and c.relkind in ('r', 'm', 'p')
    order by 1`.execute(db);
  if (rows.length > 0) await sql`analyze ${sql.join(rows.map((r) => sql.table(r.name)))}`.execute(db);
}

/** Rows an import writes before its first analyze: below this, any plan is quick. */
const FIRST_ANALYZE_AFTER = 2000;

/**
 * Keeps planner statistics current while an import writes, where nothing else does: the embedded database has
 * no autovacuum, and a server may run without it. A table's statistics stay those of its last analyze, taken
 * when the graph held the seed only, so the statements an import and its triggers run are planned for a few
 * rows where there are tens of thousands (PGlite wrote an occupation's labels ten times slower so, each one
 * scanning every relation). Each time the rows written since the last analyze are as many as all written before
 * it (the tables have about doubled), the graph is analyzed again on a small sample: row counts and the
 * commonest values are what these plans need, and a full sample of the whole graph takes seconds on PGlite. The
 * import's end analyzes it in full where the start-up import does (bootstrap).
 */
export class ImportStatistics {
  private written = 0;
  private analyzedAt = 0;

  /** Whether this import analyzes (no autovacuum launcher runs). */
  private constructor(readonly keeps: boolean) {}

  /** For an import into `db`: keeps statistics unless an autovacuum launcher runs. */
  static async for(db: Db): Promise<ImportStatistics> {
    const { rows } = await sql<{ running: boolean }>`
      select exists (select from pg_stat_activity where backend_type = 'autovacuum launcher') as running`.execute(db);
    return new ImportStatistics(!rows[0]?.running);
  }

  /** Counts rows an import committed, and analyzes the graph when they have doubled it. */
  async wrote(db: Db, rows: number): Promise<void> {
    this.written += rows;
    if (!this.keeps || this.written - this.analyzedAt < Math.max(FIRST_ANALYZE_AFTER, this.analyzedAt)) return;
    this.analyzedAt = this.written;
    await db.transaction().execute(async (trx) => {
      await sql`set local default_statistics_target = 10`.execute(trx);
      await sql`set local statement_timeout = 0`.execute(trx);
      await analyzeGraph(trx);
    });
  }
}

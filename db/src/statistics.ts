import { sql } from 'kysely';
import type { Executor } from './connect.ts';

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

import { type Kysely, sql } from 'kysely';

/*
 * The check every writing transaction makes as it commits (kg_change_end, migration 0014: did it change any
 * row, or does its change set go?) reads each versioned table's newest change id instead of asking whether a
 * row newer than the set exists. `exists (... where sys_n > n)` on a table the transaction did not touch finds
 * nothing, and where the planner expects many matching rows (a table it has no statistics for, as after a bulk
 * import on the embedded database, which has no autovacuum) it looks for one by reading the whole table: tens of
 * milliseconds per table and commit. `max(sys_n)` is read from the end of the table's sys_n index, whatever the
 * statistics say. The answer is the same.
 */

/** The versioned fact tables, as migration 0014 checked them. */
const FACT_TABLES = ['source', 'entity', 'label', 'relation', 'observation', 'citation'] as const;

const changeEnd = (newest: (table: string, column: string) => string) => `
  create or replace function kg_change_end() returns trigger language plpgsql as $$
  begin
    if ${FACT_TABLES.flatMap((t) => [newest(t, 'sys_n'), newest(`${t}_history`, 'sys_end')]).join(' and ')} then
      delete from change_set where first_n = new.first_n;
    end if;
    return null;
  end $$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(changeEnd((table, column) => `coalesce((select max(${column}) from ${table}), 0) <= new.first_n`))
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(changeEnd((table, column) => `not exists (select 1 from ${table} where ${column} > new.first_n)`))
    .execute(db);
}

import { ImportStatistics } from '@kg/db/statistics';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from './support/databases.ts';

/** An import keeps the planner's row counts near the tables' own where no autovacuum does (PGlite never has one). */
describeEachDatabase('planner statistics during an import', (use) => {
  it('analyzes the graph each time the rows written have about doubled it', async () => {
    const { db } = use().handle;
    await use().reset();
    const { rows } = await sql<{ running: boolean }>`
      select exists (select from pg_stat_activity where backend_type = 'autovacuum launcher') as running`.execute(db);
    const statistics = await ImportStatistics.for(db);
    expect(statistics.keeps).toBe(!rows[0].running);
    if (!statistics.keeps) return;

    // a table the planner knows nothing of yet, standing in for the graph's growing tables
    await sql`create table statistics_probe as select g as n from generate_series(1, 5000) g`.execute(db);
    const plannerRows = async () =>
      (
        await sql<{
          n: number;
        }>`select reltuples::int as n from pg_class where oid = 'statistics_probe'::regclass`.execute(db)
      ).rows[0].n;
    try {
      expect(await plannerRows()).toBe(-1);
      await statistics.wrote(db, 1500);
      expect(await plannerRows()).toBe(-1);
      // 3,000 rows written: past the first threshold
      await statistics.wrote(db, 1500);
      expect(await plannerRows()).toBe(5000);
      await sql`insert into statistics_probe select generate_series(1, 5000)`.execute(db);
      // 2,000 more are fewer than the 3,000 written before the last analyze
      await statistics.wrote(db, 2000);
      expect(await plannerRows()).toBe(5000);
      await statistics.wrote(db, 1000);
      expect(await plannerRows()).toBe(10000);
    } finally {
      await sql`drop table statistics_probe`.execute(db);
    }
  });
});

import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase, type TestDatabase } from './support/databases.ts';

describeEachDatabase('migrations', (use) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = use();
    await db.reset();
  });

  it('the O*NET-SOC code check wants a dot between the SOC code and the suffix', async () => {
    const setCode = (code: string) =>
      sql`update occupation set onet_soc_code = ${code} where onet_soc_code = '29-2072.00'`.execute(db.handle.db);
    await expect(setCode('29-2072x00')).rejects.toThrow(/occupation_onet_soc_code_check/);
    await expect(setCode('29-2072.01')).resolves.toBeDefined();
  });
});

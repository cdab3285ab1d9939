import type { Kysely } from 'kysely';
import { executeScript } from '../script.ts';

/**
 * The O*NET-SOC code check of 0001 left its dot unescaped, so it accepted any character there (`29-2072x00`).
 * The importers and the API validate the code themselves, so stored codes already have the dot; the check now
 * says so too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    String.raw`
    alter table occupation drop constraint occupation_onet_soc_code_check;
    alter table occupation add constraint occupation_onet_soc_code_check
      check (onet_soc_code ~ '^[0-9]{2}-[0-9]{4}\.[0-9]{2}$');
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table occupation drop constraint occupation_onet_soc_code_check;
    alter table occupation add constraint occupation_onet_soc_code_check
      check (onet_soc_code ~ '^[0-9]{2}-[0-9]{4}.[0-9]{2}$');
    `,
  );
}

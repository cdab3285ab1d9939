import type { Kysely } from 'kysely';
import { executeScript } from '../script.ts';
import { rebuildAsOfDetailView } from './0011_soc_cip.ts';

/**
 * Industries and state licences.
 *
 * employer_type gains `industry`: a NAICS sector (62 Health Care and Social Assistance) as the employer of an
 * occupation, beside `industry_type` (a kind of employer a source names: hospitals) and `organization`.
 * credential gains `jurisdiction`: where a government licence is valid (New Jersey); its as-of view (0007) is
 * made again the same way so that a read of the past sees the column too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table employer drop constraint employer_employer_type_check;
    alter table employer add constraint employer_employer_type_check
      check (employer_type in ('industry_type', 'industry', 'organization'));
    alter table credential add column jurisdiction text check (char_length(jurisdiction) between 1 and 100);
    create index employer_naics_code_idx on employer (naics_code) where naics_code is not null;
    `,
  );
  await rebuildAsOfDetailView(db, 'credential');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    drop index employer_naics_code_idx;
    alter table credential drop column jurisdiction;
    alter table employer drop constraint employer_employer_type_check;
    alter table employer add constraint employer_employer_type_check
      check (employer_type in ('industry_type', 'organization'));
    `,
  );
  await rebuildAsOfDetailView(db, 'credential');
}

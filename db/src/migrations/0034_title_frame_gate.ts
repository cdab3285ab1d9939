import { type Kysely, sql } from 'kysely';
import { TITLE_SEARCH_FRAMED } from './0033_title_coding_frame.ts';

/*
 * title_search() looks up an ESCO occupation's close matches (migration 0033) only for the titles of ESCO
 * occupations. The look-up was a lateral join whose condition sat outside it, so Postgres ran it for every
 * candidate title and dropped its rows afterwards: 40% of the function's time on a title with no ESCO candidate.
 * With the condition inside, the look-up is a one-time filter that other titles skip. Same answers.
 */

const GATED_FROM = `      where not exists (select 1 from occupation mo where mo.entity_id = y.id and mo.esco_uri is not null)
    ) m on esco.entity_id is not null`;
const GATED_TO = `      where esco.entity_id is not null
        and not exists (select 1 from occupation mo where mo.entity_id = y.id and mo.esco_uri is not null)
    ) m on true`;

if (!TITLE_SEARCH_FRAMED.includes(GATED_FROM)) throw new Error('migration 0034: the close-match join was not found');
const TITLE_SEARCH_GATED = TITLE_SEARCH_FRAMED.replace(GATED_FROM, GATED_TO);

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(TITLE_SEARCH_GATED).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(TITLE_SEARCH_FRAMED).execute(db);
}

import { type Kysely, sql } from 'kysely';
import { executeScript } from '../script.ts';

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
  await rebuildAsOfCredentialView(db);
}

async function rebuildAsOfCredentialView(db: Kysely<unknown>) {
  const { rows: schemas } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const base = schemas[0].schema;
  const asOf = `${base}_asof`;
  const { rows: exists } = await sql<{ n: number }>`
    select count(*)::int as n from pg_views where schemaname = ${asOf} and viewname = 'credential'`.execute(db);
  if (exists[0].n === 0) return;
  const { rows: columns } = await sql<{ name: string; type: string }>`
    select a.attname as name, format_type(a.atttypid, a.atttypmod) as type
    from pg_attribute a join pg_class t on t.oid = a.attrelid join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = ${base} and t.relname = 'credential' and a.attnum > 0 and not a.attisdropped
    order by a.attnum`.execute(db);
  const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const list = columns.map((c) =>
    c.name === 'entity_id'
      ? 'c.fact_id as entity_id'
      : c.name === 'kind'
        ? `'credential'::text as kind`
        : `(c.after->'details'->>'${camel(c.name)}')::${c.type} as "${c.name}"`,
  );
  await sql.raw(`drop view "${asOf}"."credential"`).execute(db);
  await sql
    .raw(
      `create view "${asOf}"."credential" as select ${list.join(', ')} from change_log c
      where c.fact_type = 'entity' and c.after->>'kind' = 'credential' and c.after is not null
        and c.at <= current_setting('kg.as_of')::timestamptz
        and not exists (
          select 1 from change_log n
          where n.fact_id = c.fact_id and n.id > c.id and n.at <= current_setting('kg.as_of')::timestamptz)`,
    )
    .execute(db);
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
  await rebuildAsOfCredentialView(db);
}

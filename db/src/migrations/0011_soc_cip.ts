import { type Kysely, sql } from 'kysely';
import { executeScript } from '../script.ts';

/*
 * Occupation codes and programs of study.
 *
 * soc_code: every code of the occupational classifications the graph reads, one row per (system, code):
 *   SOC 2018 major, minor and broad groups and detailed occupations (with the BLS definition), and the SOC 2010
 *   detailed codes the 2010 -> 2018 crosswalk names. `parent_code` is the next broader group in the same system.
 *   Each row is cited to its release (`source_id`) and to the file and sheet row that state it (`locator`, and
 *   `definition_locator` for the definition). O*NET-SOC codes are not repeated here: they are the occupations'
 *   own codes (occupation.onet_soc_code), below the SOC 2018 detailed code of the same first seven characters.
 * soc_crosswalk: one row per pair of a crosswalk (SOC 2010 -> SOC 2018), cited the same way. A 2010 code on
 *   several rows was split, a 2018 code on several rows took in several 2010 codes.
 * program.cip_code: the Classification of Instructional Programs code of a program (01, 01.01, 01.0101).
 */

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    String.raw`
    create table soc_code (
      system text not null check (system in ('soc_2010', 'soc_2018')),
      code text not null check (code ~ '^[0-9]{2}-[0-9]{4}$'),
      level text not null check (level in ('major', 'minor', 'broad', 'detailed')),
      title text not null check (char_length(title) between 1 and 500),
      definition text,
      parent_code text,
      source_id uuid not null references source (id),
      locator text not null,
      definition_locator text,
      primary key (system, code),
      foreign key (system, parent_code) references soc_code (system, code) deferrable initially deferred
    );
    create index soc_code_parent_idx on soc_code (system, parent_code);

    create table soc_crosswalk (
      from_system text not null check (from_system in ('soc_2010', 'soc_2018')),
      from_code text not null,
      to_system text not null check (to_system in ('soc_2010', 'soc_2018')),
      to_code text not null,
      from_title text not null,
      to_title text not null,
      source_id uuid not null references source (id),
      locator text not null,
      primary key (from_system, from_code, to_system, to_code)
    );
    create index soc_crosswalk_to_idx on soc_crosswalk (to_system, to_code);

    alter table program add column cip_code text unique
      check (cip_code ~ '^[0-9]{2}(\.[0-9]{2}([0-9]{2})?)?$');
    `,
  );
  await rebuildAsOfDetailView(db, 'program');
}

/**
 * The as-of view of a detail table (migration 0007) lists the table's columns as they were then; it is made
 * again the same way so that a read of the past sees a column added since (here program's cip_code; migration
 * 0012 uses it for credential's jurisdiction).
 */
export async function rebuildAsOfDetailView(db: Kysely<unknown>, kind: string) {
  const { rows: schemas } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const base = schemas[0].schema;
  const asOf = `${base}_asof`;
  const { rows: exists } = await sql<{ n: number }>`
    select count(*)::int as n from pg_views where schemaname = ${asOf} and viewname = ${kind}`.execute(db);
  if (exists[0].n === 0) return;
  const { rows: columns } = await sql<{ name: string; type: string }>`
    select a.attname as name, format_type(a.atttypid, a.atttypmod) as type
    from pg_attribute a join pg_class t on t.oid = a.attrelid join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = ${base} and t.relname = ${kind} and a.attnum > 0 and not a.attisdropped
    order by a.attnum`.execute(db);
  const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const list = columns
    .map((c) => {
      if (c.name === 'entity_id') return 'c.fact_id as entity_id';
      if (c.name === 'kind') return `'${kind}'::text as kind`;
      const json = `c.after->'details'`;
      return c.type === 'jsonb'
        ? `(${json}->'${camel(c.name)}') as "${c.name}"`
        : `(${json}->>'${camel(c.name)}')::${c.type} as "${c.name}"`;
    })
    .join(', ');
  await sql.raw(`drop view "${asOf}"."${kind}"`).execute(db);
  await sql
    .raw(
      `create view "${asOf}"."${kind}" as select ${list} from change_log c
      where c.fact_type = 'entity' and c.after->>'kind' = '${kind}' and c.after is not null
        and c.at <= current_setting('kg.as_of')::timestamptz
        and not exists (
          select 1 from change_log n
          where n.fact_id = c.fact_id and n.id > c.id and n.at <= current_setting('kg.as_of')::timestamptz)`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'drop table soc_crosswalk, soc_code;\nalter table program drop column cip_code');
  await rebuildAsOfDetailView(db, 'program');
}

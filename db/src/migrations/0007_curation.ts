import { type Kysely, sql } from 'kysely';
import { executeScript } from '../script.ts';

/*
 * Trusted curation.
 *
 * account: who may write, with a role (viewer < curator < reviewer < admin) and an argon2 password hash.
 * login_throttle: consecutive failed logins per e-mail address, so that guessing slows down.
 * setting: values the server keeps for itself (the token signing secret when none is configured), shared by
 *   every replica through the database.
 * draft: a curator's proposed change (create, update or delete of an entity, label, relation, observation or
 *   citation) with its citations, waiting for a reviewer to publish or reject it.
 * change_log gains who approved a change and from which draft.
 *
 * The <schema>_asof schema holds views with the names of the fact tables that rebuild each row as it was at the
 * time in the `kg.as_of` setting, from the change log (every change logs the whole row after it). A read at a
 * point in time puts that schema first on the search path, so every query reads the past unchanged. Expression
 * indexes on the logged rows' references (entity_id, from_id, ...) let those reads find a fact's labels,
 * relations and citations without scanning the log.
 */

const HISTORIZED = ['entity', 'label', 'relation', 'observation', 'citation'] as const;

/**
 * The kinds that had a detail table when this migration was written. Frozen here rather than read from the
 * live catalogue, so that a kind added later cannot change what this migration does.
 */
export const DETAIL_KINDS = [
  'occupation',
  'alternate_title',
  'specialization',
  'task',
  'skill',
  'course',
  'program',
  'credential',
  'issuing_body',
  'employer',
] as const;

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

async function columnTypes(db: Kysely<unknown>, schema: string, table: string) {
  const { rows } = await sql<{ name: string; type: string }>`
    select a.attname as name, format_type(a.atttypid, a.atttypmod) as type
    from pg_attribute a join pg_class t on t.oid = a.attrelid join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = ${schema} and t.relname = ${table} and a.attnum > 0 and not a.attisdropped
    order by a.attnum`.execute(db);
  return rows;
}

/**
 * The logged rows of one kind of fact that were the latest at the as-of time. Written as a filter (no newer
 * change at that time) rather than DISTINCT ON, so that a condition on a column of the view (an entity_id, a
 * from_id) is applied while scanning the log instead of after sorting all of it.
 */
function latestBefore(factType: string, extra = '') {
  return `change_log c
    where c.fact_type = '${factType}' ${extra} and c.after is not null
      and c.at <= current_setting('kg.as_of')::timestamptz
      and not exists (
        select 1 from change_log n
        where n.fact_id = c.fact_id and n.id > c.id and n.at <= current_setting('kg.as_of')::timestamptz)`;
}

/** A column of the view read from the logged JSON, cast to the table's own type. */
const fromJson = (json: string, key: string, type: string) =>
  type === 'jsonb' ? `(${json}->'${key}')` : `(${json}->>'${key}')::${type}`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table account (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      password_hash text not null,
      role text not null check (role in ('viewer', 'curator', 'reviewer', 'admin')),
      disabled boolean not null default false,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index account_email_idx on account (lower(email));

    create table login_throttle (
      email text primary key,
      failures integer not null default 0,
      last_failure_at timestamptz not null default now()
    );

    create table setting (
      key text primary key,
      value text not null
    );

    create table draft (
      id uuid primary key default gen_random_uuid(),
      operation text not null,
      fact_type text not null check (fact_type in ('entity', 'label', 'relation', 'observation', 'citation')),
      fact_id uuid,
      entity_id uuid,
      base_version integer,
      input jsonb not null,
      citations jsonb not null default '[]',
      status text not null default 'pending' check (status in ('pending', 'published', 'rejected', 'withdrawn')),
      author text not null,
      reason text,
      reviewer text,
      reviewed_at timestamptz,
      review_reason text,
      result_fact_id uuid,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index draft_status_idx on draft (status, created_at);
    create index draft_fact_idx on draft (fact_id) where fact_id is not null;
    create index draft_entity_idx on draft (entity_id) where entity_id is not null;

    alter table change_log add column approved_by text, add column draft_id uuid;
    create index change_log_type_fact_idx on change_log (fact_type, fact_id, id);
    create index entity_kind_lower_name_idx on entity (kind, lower(name));
  `,
  );

  await repairLoggedRows(db);
  // after the repair, so that it does not maintain them row by row
  await executeScript(
    db,
    `
    create index change_log_entity_ref_idx on change_log (((after->>'entity_id')::uuid))
      where fact_type in ('label', 'observation', 'citation');
    create index change_log_from_idx on change_log (((after->>'from_id')::uuid)) where fact_type = 'relation';
    create index change_log_to_idx on change_log (((after->>'to_id')::uuid)) where fact_type = 'relation';
    create index change_log_label_ref_idx on change_log (((after->>'label_id')::uuid)) where fact_type = 'citation';
    create index change_log_relation_ref_idx on change_log (((after->>'relation_id')::uuid)) where fact_type = 'citation';
    create index change_log_observation_ref_idx on change_log (((after->>'observation_id')::uuid))
      where fact_type = 'citation';
  `,
  );

  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const base = rows[0].schema;
  const asOf = `${base}_asof`;
  const statements: string[] = [`create schema if not exists "${asOf}"`];
  for (const table of HISTORIZED) {
    const columns = await columnTypes(db, base, table);
    // id is the fact id, so lookups by id use the log's index
    const list = columns
      .map((c) => (c.name === 'id' ? 'c.fact_id as id' : `${fromJson('c.after', c.name, c.type)} as "${c.name}"`))
      .join(', ');
    statements.push(`create view "${asOf}"."${table}" as select ${list} from ${latestBefore(table)}`);
  }
  for (const kind of DETAIL_KINDS) {
    const columns = await columnTypes(db, base, kind);
    const list = columns
      .map((c) => {
        if (c.name === 'entity_id') return 'c.fact_id as entity_id';
        if (c.name === 'kind') return `'${kind}'::text as kind`;
        return `${fromJson("c.after->'details'", camel(c.name), c.type)} as "${c.name}"`;
      })
      .join(', ');
    statements.push(
      `create view "${asOf}"."${kind}" as select ${list} from ${latestBefore('entity', `and c.after->>'kind' = '${kind}'`)}`,
    );
  }
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/**
 * Earlier imports logged the values they inserted rather than the rows stored: without the column defaults
 * (status, version, timestamps), with JSON columns as text, and some updates with only the columns they changed.
 * Completing those rows (nothing else about the changes is touched) lets the views above rebuild any fact.
 */
async function repairLoggedRows(db: Kysely<unknown>) {
  await sql`
    update change_log set after =
      jsonb_build_object('status', 'published', 'version', coalesce(version, 1), 'created_at', at, 'updated_at', at)
      || after
      || case when jsonb_typeof(after->'attributes') = 'string'
           then jsonb_build_object('attributes', (after->>'attributes')::jsonb) else '{}'::jsonb end
    where after is not null and fact_type <> 'source'
      and (not (after ? 'created_at') or jsonb_typeof(after->'attributes') = 'string')
      and op = 'create'`.execute(db);
  // an update that logged only some columns takes the rest from the change before it
  await sql`
    update change_log c set after = p.previous || c.after
    from (
      select id, lag(after) over (partition by fact_id order by id) as previous from change_log
      where fact_id in (
        select fact_id from change_log where op = 'update' and after is not null and not (after ? 'created_at'))
    ) p
    where p.id = c.id and p.previous is not null and c.op = 'update' and not (c.after ? 'created_at')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  await sql.raw(`drop schema if exists "${rows[0].schema}_asof" cascade`).execute(db);
  await executeScript(
    db,
    `
    drop index change_log_type_fact_idx;
    drop index entity_kind_lower_name_idx;
    drop index change_log_entity_ref_idx, change_log_from_idx, change_log_to_idx, change_log_label_ref_idx,
      change_log_relation_ref_idx, change_log_observation_ref_idx;
    alter table change_log drop column approved_by, drop column draft_id;
    drop table draft, setting, login_throttle, account;
  `,
  );
}

import { type Kysely, sql } from 'kysely';
import { DETAIL_SCHEMAS } from '../entity/details.ts';
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
 * point in time puts that schema first on the search path, so every query reads the past unchanged.
 */

const HISTORIZED = ['entity', 'label', 'relation', 'observation', 'citation'] as const;

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function latestBefore(factType: string, extra = '') {
  return `(select distinct on (fact_id) fact_id, after from change_log
      where fact_type = '${factType}' ${extra} and at <= current_setting('kg.as_of')::timestamptz
      order by fact_id, id desc)`;
}

export async function up(db: Kysely<any>): Promise<void> {
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

  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const base = rows[0].schema;
  const asOf = `${base}_asof`;
  const q = (name: string) => `"${base}"."${name}"`;
  const statements: string[] = [`create schema if not exists "${asOf}"`];
  for (const table of HISTORIZED) {
    const { rows: columns } = await sql<{ name: string }>`
      select column_name as name from information_schema.columns
      where table_schema = ${base} and table_name = ${table} order by ordinal_position`.execute(db);
    // every column but id comes from the logged row; id is the fact id, so lookups by id reach the log's index
    const list = columns.map((c) => (c.name === 'id' ? 'c.fact_id as id' : `r."${c.name}"`)).join(', ');
    statements.push(`create view "${asOf}"."${table}" as
      select ${list} from ${latestBefore(table)} c
      cross join lateral jsonb_populate_record(null::${q(table)}, c.after) r
      where c.after is not null`);
  }
  for (const [kind, schema] of Object.entries(DETAIL_SCHEMAS)) {
    const pairs = Object.keys(schema.shape)
      .map((key) => `'${snake(key)}', c.after->'details'->'${key}'`)
      .join(', ');
    const columns = ['entity_id', 'kind', ...Object.keys(schema.shape).map(snake)];
    const list = columns.map((c) => (c === 'entity_id' ? 'c.fact_id as entity_id' : `r."${c}"`)).join(', ');
    statements.push(`create view "${asOf}"."${kind}" as
      select ${list} from ${latestBefore('entity', `and after->>'kind' = '${kind}'`)} c
      cross join lateral jsonb_populate_record(null::${q(kind)},
        jsonb_build_object('kind', '${kind}', ${pairs})) r
      where c.after is not null`);
  }
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  await sql.raw(`drop schema if exists "${rows[0].schema}_asof" cascade`).execute(db);
  await executeScript(
    db,
    `
    drop index change_log_type_fact_idx;
    drop index entity_kind_lower_name_idx;
    alter table change_log drop column approved_by, drop column draft_id;
    drop table draft, setting, login_throttle, account;
  `,
  );
}

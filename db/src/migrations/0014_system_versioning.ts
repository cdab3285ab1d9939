import { type Kysely, sql } from 'kysely';
import { DETAIL_KINDS } from './0007_curation.ts';

/*
 * System-versioned history, replacing the change log that stored every row again as JSON.
 *
 * Each fact row carries `sys_n`, the id of the change that made its current version. When a row is updated or
 * deleted, a trigger copies the old version into `<table>_history` with `sys_end`, the id of the change that ended
 * it (and `deleted` when that change was a delete). Change ids come from one sequence, and a writing transaction
 * holds a lock from its first change until it commits, so ids grow in commit order: a reader of the feed that has
 * seen id n has seen every committed change below n. `change_set` holds who, when and why for each writing
 * transaction, keyed by the first id it took; a change belongs to the change set with the greatest first id at or
 * below its own.
 *
 * `change_log` becomes a view over the tables and their history with the columns the old table had (the whole
 * row before and after as JSON), and `<schema>_asof` views read each table as it was at the change id in the
 * `kg.as_of_n` setting. Existing databases keep every logged change: past versions are rebuilt from the logged
 * rows, and change ids stay what they were, so feed cursors handed out before stay valid.
 *
 * A later migration that adds a column to a versioned table adds it to the table's history too (at the end of
 * both) and recreates these views.
 */

/**
 * The tables whose rows are versioned, as they were when this migration was written (details before facts): the
 * detail tables were still the ones migration 0007 froze.
 */
const FACT_TABLES = ['source', 'entity', 'label', 'relation', 'observation', 'citation'] as const;
const VERSIONED = [...FACT_TABLES, ...DETAIL_KINDS] as const;

/** Columns of past versions that reads of the past and of a fact's history look them up by. */
const HISTORY_REFERENCES: Record<string, string[]> = {
  label: ['entity_id'],
  observation: ['entity_id'],
  relation: ['from_id', 'to_id'],
  citation: ['entity_id', 'label_id', 'relation_id', 'observation_id'],
};

const keyOf = (table: string) => ((DETAIL_KINDS as readonly string[]).includes(table) ? 'entity_id' : 'id');

async function columnsOf(db: Kysely<unknown>, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select a.attname as name from pg_attribute a
    where a.attrelid = to_regclass(quote_ident(current_schema()) || '.' || ${table}) and a.attnum > 0
      and not a.attisdropped
    order by a.attnum`.execute(db);
  return rows.map((r) => r.name);
}

const run = async (db: Kysely<unknown>, statements: string[]) => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};

export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const base = rows[0].schema;
  const asOf = `${base}_asof`;
  await run(db, [
    `drop schema if exists "${asOf}" cascade`,
    'create sequence change_seq',
    `select setval('change_seq', coalesce(max(id), 0) + 1, false) from change_log`,
    `create table change_set (
      first_n bigint primary key,
      at timestamptz not null default clock_timestamp(),
      actor text not null default session_user,
      reason text,
      approved_by text,
      draft_id uuid
    )`,
    // one change set per run of changes made together (same time, writer and reason)
    `insert into change_set (first_n, at, actor, reason, approved_by, draft_id)
      select id, at, actor, reason, approved_by, draft_id from (
        select c.*, lag(row(c.at, c.actor, c.reason, c.approved_by, c.draft_id)::text) over (order by c.id) as previous
        from change_log c) r
      where previous is distinct from row(at, actor, reason, approved_by, draft_id)::text`,
    'create index change_set_at_idx on change_set (at)',
    // the few entities in draft, whose changes the feed hides from readers who may not see drafts
    "create index entity_draft_idx on entity (id) where status = 'draft'",
    'create aggregate kg_merge(jsonb) (sfunc = jsonb_concat, stype = jsonb)',
    `create function kg_snake_keys(j jsonb) returns jsonb language sql immutable as $$
      select coalesce(jsonb_object_agg(lower(regexp_replace(k, '([A-Z])', '_\\1', 'g')), v), '{}'::jsonb)
      from jsonb_each(coalesce(j, '{}'::jsonb)) as t(k, v) $$`,
    `create function kg_camel_keys(j jsonb) returns jsonb language sql immutable as $$
      select coalesce(jsonb_object_agg(left(k, 1) || substr(replace(initcap(replace(k, '_', ' ')), ' ', ''), 2), v),
        '{}'::jsonb)
      from jsonb_each(coalesce(j, '{}'::jsonb)) as t(k, v) $$`,
  ]);

  for (const table of VERSIONED) {
    const key = keyOf(table);
    await run(db, [
      `alter table ${table} add column sys_n bigint not null default 0`,
      `create table ${table}_history (sys_end bigint not null, deleted boolean not null default false, like ${table})`,
    ]);
    const { rows: required } = await sql<{ name: string }>`
      select a.attname as name from pg_attribute a
      where a.attrelid = to_regclass(quote_ident(current_schema()) || '.' || ${`${table}_history`})
        and a.attnum > 0 and a.attnotnull and a.attname not in ('sys_end', 'deleted')`.execute(db);
    // the archive keeps versions as they were logged; the live table checked them when they were current
    for (const { name } of required) await run(db, [`alter table ${table}_history alter column ${name} drop not null`]);

    const isDetail = key === 'entity_id';
    const factType = isDetail ? 'entity' : table;
    // each logged state completed by the ones before it (the import engine logged some updates partly)
    const logged = `select c.id, c.fact_id, c.op, kg_merge(c.after) over w as after,
        lead(c.id) over w as next_id, lead(c.op) over w as next_op
      from change_log c
      where c.fact_type = '${factType}' ${isDetail ? `and coalesce(c.after, c.before)->>'kind' = '${table}'` : ''}
      window w as (partition by c.fact_id order by c.id)`;
    const values = isDetail
      ? `kg_snake_keys(n.after->'details') || jsonb_build_object('entity_id', n.fact_id, 'kind', '${table}', 'sys_n', n.id)`
      : `n.after || jsonb_build_object('id', n.fact_id, 'sys_n', n.id)`;
    await run(db, [
      // the current version was made by the fact's latest logged change
      `update ${table} t set sys_n = l.id
        from (select fact_id, max(id) as id from change_log where fact_type = '${factType}' group by fact_id) l
        where t.${key} = l.fact_id`,
      // every earlier logged version, ended by the change after it
      `insert into ${table}_history
        select n.next_id, n.next_op = 'delete', r.* from (${logged}) n
        cross join lateral jsonb_populate_record(null::${table}, ${values}) r
        where n.op <> 'delete' and n.next_id is not null`,
      `alter table ${table} alter column sys_n set default nextval('change_seq')`,
      `create unique index ${table}_history_key on ${table}_history (${key}, sys_end)`,
      `create index ${table}_history_sys_n_idx on ${table}_history (sys_n)`,
      ...(isDetail
        ? []
        : [
            `create index ${table}_sys_n_idx on ${table} (sys_n)`,
            `create index ${table}_history_sys_end_idx on ${table}_history (sys_end)`,
          ]),
      ...(HISTORY_REFERENCES[table] ?? []).map(
        (column) => `create index ${table}_history_${column}_idx on ${table}_history (${column})`,
      ),
      `create function ${table}_version() returns trigger language plpgsql as $$
      begin
        if current_setting('kg.versioning', true) = 'off' then
          if tg_op = 'DELETE' then return old; end if;
          return new;
        end if;
        if tg_op = 'DELETE' then
          insert into ${table}_history select nextval('change_seq'), true, (old).*;
          return old;
        end if;
        new.sys_n := nextval('change_seq');
        insert into ${table}_history select new.sys_n, false, (old).*;
        return new;
      end $$`,
      `create trigger ${table}_version before update or delete on ${table}
        for each row execute function ${table}_version()`,
    ]);
  }

  await run(db, [
    // Takes the change lock and opens the transaction's change set before its first change takes an id.
    `create function kg_change_begin() returns trigger language plpgsql as $$
    declare
      first bigint;
    begin
      if current_setting('kg.versioning', true) = 'off' or coalesce(current_setting('kg.change_set', true), '') <> '' then
        return null;
      end if;
      perform pg_advisory_xact_lock('change_seq'::regclass::oid::bigint);
      first := nextval('change_seq');
      insert into change_set (first_n) values (first);
      perform set_config('kg.change_set', first::text, true);
      return null;
    end $$`,
    ...VERSIONED.map(
      (table) => `create trigger ${table}_change_begin before insert or update or delete on ${table}
        for each statement execute function kg_change_begin()`,
    ),
    // A transaction whose statements changed no row (an update that matched nothing) leaves no change set behind
    // (a detail row never changes without its entity).
    `create function kg_change_end() returns trigger language plpgsql as $$
    begin
      if ${FACT_TABLES.flatMap((t) => [
        `not exists (select 1 from ${t} where sys_n > new.first_n)`,
        `not exists (select 1 from ${t}_history where sys_end > new.first_n)`,
      ]).join(' and ')} then
        delete from change_set where first_n = new.first_n;
      end if;
      return null;
    end $$`,
    `create constraint trigger change_set_end after insert on change_set deferrable initially deferred
      for each row execute function kg_change_end()`,
  ]);

  await createDetailsFunction(db);
  await run(db, ['drop table change_log', 'drop aggregate kg_merge(jsonb)']);
  await createChangeLogView(db);
  await createAsOfViews(db, base, asOf);
}

/** The id of the last change of the transaction that made change `n`. */
const transactionEnd = (n: string) =>
  `coalesce((select s2.first_n - 1 from change_set s2 where s2.first_n > ${n} order by s2.first_n limit 1),
    9223372036854775807)`;

/** An entity's details as they were at change `n`, keyed as clients name them (camelCase), as the log kept them. */
async function createDetailsFunction(db: Kysely<unknown>) {
  const cases: string[] = [];
  for (const kind of DETAIL_KINDS) {
    const list = (await columnsOf(db, kind)).join(', ');
    cases.push(`when '${kind}' then (select to_jsonb(d) from (
        select ${list} from ${kind} where entity_id = e and sys_n <= n
        union all
        select ${list} from ${kind}_history where entity_id = e and sys_n <= n and sys_end > n) d limit 1)`);
  }
  await run(db, [
    `create function kg_entity_details(k text, e uuid, n bigint) returns jsonb language sql stable as $$
      select kg_camel_keys((case k ${cases.join('\n')} end) - 'entity_id' - 'kind' - 'sys_n') $$`,
  ]);
}

const changeSetOf = (n: string) =>
  `cross join lateral (select s.at, s.actor, s.reason, s.approved_by, s.draft_id from change_set s
    where s.first_n <= ${n} order by s.first_n desc limit 1) s`;

/** The old change log's columns, one row per change, rebuilt from the versioned tables. */
async function createChangeLogView(db: Kysely<unknown>) {
  const branches: string[] = [];
  for (const table of FACT_TABLES) {
    const list = (await columnsOf(db, table)).join(', ');
    const json = (alias: string) => {
      const row = `(to_jsonb(${alias}) - 'sys_n' - 'sys_end' - 'deleted')`;
      if (table !== 'entity') return row;
      const until = alias === 'h' ? 'h.sys_end - 1' : `coalesce(${alias}.sys_end - 1, 9223372036854775807)`;
      return `(${row} || jsonb_build_object('details', kg_entity_details(${alias}.kind, ${alias}.id,
        least(${transactionEnd(`${alias}.sys_n`)}, ${until}))))`;
    };
    branches.push(
      `select v.sys_n as id, s.at, s.actor, '${table}'::text as fact_type, v.id as fact_id,
        case when p.id is null then 'create' else 'update' end::text as op, v.version,
        ${json('p')} as before, ${json('v')} as after, s.reason, s.approved_by, s.draft_id
      from (select ${list}, null::bigint as sys_end from ${table}
            union all select ${list}, sys_end from ${table}_history) v
      left join ${table}_history p on p.id = v.id and p.sys_end = v.sys_n and not p.deleted
      ${changeSetOf('v.sys_n')}`,
      `select h.sys_end as id, s.at, s.actor, '${table}'::text as fact_type, h.id as fact_id, 'delete'::text as op,
        h.version, ${json('h')} as before, null::jsonb as after, s.reason, s.approved_by, s.draft_id
      from ${table}_history h ${changeSetOf('h.sys_end')}
      where h.deleted`,
    );
  }
  await run(db, [`create view change_log as ${branches.join('\nunion all\n')}`]);
}

/**
 * Views named like the versioned tables that show each row as it was at the change id in `kg.as_of_n`: a read
 * at a point in time puts this schema first on the search path, so every query reads the past unchanged.
 */
async function createAsOfViews(db: Kysely<unknown>, base: string, asOf: string) {
  const at = `current_setting('kg.as_of_n')::bigint`;
  const statements = [`create schema "${asOf}"`];
  for (const table of VERSIONED) {
    const list = (await columnsOf(db, table)).join(', ');
    // The condition stands outside the union so that the planner flattens it into one scan of both tables: a
    // union whose branches had conditions of their own would be planned apart from the query around it, and
    // could not use the tables' indexes for its joins.
    statements.push(`create view "${asOf}"."${table}" as
      select ${list} from (
        select ${list}, null::bigint as sys_end from "${base}"."${table}"
        union all
        select ${list}, sys_end from "${base}"."${table}_history") v
      where sys_n <= ${at} and (sys_end is null or sys_end > ${at})`);
  }
  await run(db, statements);
}

export async function down(): Promise<void> {
  throw new Error('0014_system_versioning cannot be undone: restore a backup taken before it');
}

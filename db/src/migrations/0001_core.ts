import { type Kysely, sql } from 'kysely';
import { executeScript } from '../script.ts';

/** A detail table of one entity kind: keyed by its entity, whose kind it pins. */
const detailTable = (kind: string, ...columns: string[]) => `create table ${kind} (
      entity_id uuid primary key,
      kind text not null default '${kind}' check (kind = '${kind}'),
      ${columns.join(',\n      ')},
      foreign key (entity_id, kind) references entity (id, kind) on delete cascade
    )`;

// Raw DDL: the constraints (composite foreign keys, checks, partial and trigram indexes) are the point of
// this migration, and reading them as SQL is clearer than through the schema builder.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm with schema public`.execute(db);

  await executeScript(
    db,
    `
    create table entity_kind (kind text primary key);

    create table entity (
      id uuid primary key default gen_random_uuid(),
      kind text not null references entity_kind (kind),
      name text not null check (char_length(name) between 1 and 500),
      status text not null default 'published' check (status in ('draft', 'published', 'retired')),
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      superseded_by uuid references entity (id),
      -- lets relations and detail tables check the kind of what they point at
      unique (id, kind)
    );
    create index entity_kind_name_idx on entity (kind, name);

    ${detailTable(
      'occupation',
      `soc_code text check (soc_code ~ '^[0-9]{2}-[0-9]{4}$')`,
      `onet_soc_code text unique check (onet_soc_code ~ '^[0-9]{2}-[0-9]{4}.[0-9]{2}$')`,
      'description text',
      'job_zone smallint check (job_zone between 1 and 5)',
    )};
    create index occupation_soc_code_idx on occupation (soc_code);

    ${detailTable('alternate_title', 'short_title text')};
    ${detailTable('specialization', 'description text')};
    ${detailTable('task', 'onet_task_id integer unique', 'task_type text')};
    ${detailTable(
      'skill',
      `category text not null check (category in ('skill', 'knowledge', 'ability', 'soft_skill', 'technology', 'esco'))`,
      'element_id text unique',
      'description text',
    )};
    ${detailTable('course', 'description text')};
    ${detailTable(
      'program',
      'level text',
      'duration_text text',
      'duration_months_min double precision check (duration_months_min >= 0)',
      'duration_months_max double precision check (duration_months_max >= duration_months_min)',
      'supervised_hours integer check (supervised_hours >= 0)',
      'delivery text',
      `admission_requirements jsonb check (jsonb_typeof(admission_requirements) = 'array')`,
      'description text',
    )};
    ${detailTable(
      'credential',
      `credential_type text not null check (credential_type in ('certification', 'certificate', 'degree', 'diploma', 'license', 'designation'))`,
      'abbreviation text',
      'description text',
    )};
    ${detailTable('issuing_body', 'abbreviation text', 'body_type text', 'url text')};
    ${detailTable(
      'employer',
      `employer_type text not null check (employer_type in ('industry_type', 'organization'))`,
      'naics_code text',
    )};

    create table source (
      id uuid primary key default gen_random_uuid(),
      key text not null unique,
      title text not null check (char_length(title) between 1 and 500),
      url text,
      publisher text,
      published_at date,
      retrieved_at timestamptz,
      kind text not null check (kind in ('web_page', 'dataset_release', 'document', 'curator_note')),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table label (
      id uuid primary key default gen_random_uuid(),
      entity_id uuid not null references entity (id),
      text text not null check (char_length(text) between 1 and 500),
      type text not null check (type in ('preferred', 'alternate', 'reported', 'hidden')),
      language text not null default 'en' check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]+)*$'),
      source_id uuid references source (id),
      status text not null default 'published' check (status in ('draft', 'published', 'retired')),
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index label_entity_idx on label (entity_id);
    create unique index label_unique_text_idx on label (entity_id, language, lower(text));
    create unique index label_one_preferred_idx on label (entity_id, language) where type = 'preferred';
    create index label_text_trgm_idx on label using gin (lower(text) gin_trgm_ops);
    create index label_text_fts_idx on label using gin (to_tsvector('english', text));

    create table predicate (
      name text primary key check (name ~ '^[a-z][a-z_]*$'),
      description text not null,
      inverse_name text not null unique
    );
    create table predicate_rule (
      predicate text not null references predicate (name) on delete cascade,
      from_kind text not null references entity_kind (kind),
      to_kind text not null references entity_kind (kind),
      primary key (predicate, from_kind, to_kind)
    );

    create table relation (
      id uuid primary key default gen_random_uuid(),
      predicate text not null,
      from_id uuid not null,
      from_kind text not null,
      to_id uuid not null,
      to_kind text not null,
      attributes jsonb not null default '{}' check (jsonb_typeof(attributes) = 'object'),
      status text not null default 'published' check (status in ('draft', 'published', 'retired')),
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (from_id <> to_id),
      -- the endpoints must exist with the kinds stored here ...
      foreign key (from_id, from_kind) references entity (id, kind),
      foreign key (to_id, to_kind) references entity (id, kind),
      -- ... and the catalogue must allow the predicate between those kinds
      foreign key (predicate, from_kind, to_kind) references predicate_rule (predicate, from_kind, to_kind)
    );
    create unique index relation_unique_edge_idx on relation (predicate, from_id, to_id);
    create index relation_from_idx on relation (from_id, predicate);
    create index relation_to_idx on relation (to_id, predicate);

    create table metric (
      name text primary key check (name ~ '^[a-z][a-z0-9_]*$'),
      unit text not null,
      description text not null,
      unique (name, unit)
    );

    create table observation (
      id uuid primary key default gen_random_uuid(),
      entity_id uuid not null references entity (id),
      metric text not null,
      value double precision not null check (value = value),
      unit text not null,
      period text not null check (char_length(period) between 1 and 100),
      period_start date,
      period_end date check (period_end >= period_start),
      geography text,
      source_id uuid references source (id),
      attributes jsonb not null default '{}' check (jsonb_typeof(attributes) = 'object'),
      status text not null default 'published' check (status in ('draft', 'published', 'retired')),
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      foreign key (metric, unit) references metric (name, unit)
    );
    create index observation_entity_idx on observation (entity_id, metric);

    create table citation (
      id uuid primary key default gen_random_uuid(),
      source_id uuid not null references source (id),
      entity_id uuid references entity (id),
      label_id uuid references label (id),
      relation_id uuid references relation (id),
      observation_id uuid references observation (id),
      quote text check (char_length(quote) <= 5000),
      locator text,
      retrieved_at timestamptz,
      curator text,
      review_status text not null default 'accepted' check (review_status in ('pending', 'accepted', 'rejected')),
      status text not null default 'published' check (status in ('draft', 'published', 'retired')),
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      -- a citation supports exactly one fact
      check (num_nonnulls(entity_id, label_id, relation_id, observation_id) = 1)
    );
    create index citation_entity_idx on citation (entity_id) where entity_id is not null;
    create index citation_label_idx on citation (label_id) where label_id is not null;
    create index citation_relation_idx on citation (relation_id) where relation_id is not null;
    create index citation_observation_idx on citation (observation_id) where observation_id is not null;
    create index citation_source_idx on citation (source_id);

    create table change_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor text not null,
      fact_type text not null check (fact_type in ('entity', 'label', 'relation', 'observation', 'citation', 'source')),
      fact_id uuid not null,
      op text not null check (op in ('create', 'update', 'delete')),
      version integer,
      before jsonb,
      after jsonb,
      reason text
    );
    create index change_log_fact_idx on change_log (fact_id, id);
    create index change_log_at_idx on change_log (at);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table change_log, citation, observation, metric, relation, predicate_rule, predicate, label, source,
      employer, issuing_body, credential, program, course, skill, task, specialization, alternate_title,
      occupation, entity, entity_kind cascade
  `.execute(db);
}

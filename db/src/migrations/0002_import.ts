import type { Kysely } from 'kysely';
import { executeScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    -- Identifiers that other datasets give an entity (an O*NET-SOC code, an element ID, an ESCO URI).
    -- Importers find their entities through these, so IDs stay stable from one release to the next.
    create table external_key (
      namespace text not null check (namespace ~ '^[a-z][a-z0-9_.-]*$'),
      key text not null check (char_length(key) between 1 and 500),
      entity_id uuid not null references entity (id),
      -- whether the importer owns the entity's name and details; false where a curator made it first
      managed boolean not null default true,
      primary key (namespace, key)
    );
    create index external_key_entity_idx on external_key (entity_id);

    -- One row per import of a dataset release: what it changed, and whether it finished.
    create table import_run (
      id bigint generated always as identity primary key,
      dataset text not null,
      source_id uuid references source (id),
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      status text not null default 'running' check (status in ('running', 'finished', 'failed')),
      summary jsonb not null default '{}'
    );

    create index citation_source_entity_idx on citation (source_id, entity_id) where entity_id is not null;
    create index citation_source_relation_idx on citation (source_id, relation_id) where relation_id is not null;
    create index citation_source_label_idx on citation (source_id, label_id) where label_id is not null;
    create index citation_source_observation_idx on citation (source_id, observation_id) where observation_id is not null;
    create index relation_predicate_idx on relation (predicate);

    -- O*NET's education levels (some college, post-doctoral training) are levels, not awards
    alter table credential drop constraint credential_credential_type_check;
    alter table credential add constraint credential_credential_type_check check (credential_type in
      ('certification', 'certificate', 'degree', 'diploma', 'license', 'designation', 'education_level'));
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'drop table import_run; drop table external_key');
}

import { type Kysely, sql } from 'kysely';
import { executeScript } from '../script.ts';
import { TITLE_SEARCH_FUNCTION } from './0005_search.ts';

/*
 * Hardening.
 *
 * The title index behind resolveTitle is public: it holds published labels only, and title_search() maps them to
 * published entities through published has_title relations (drafts were indexed and matched before).
 * login_throttle counts failed logins per e-mail address and client (IP address) together, so that guessing from
 * one client slows down without locking the account's owner out from another.
 * account.tokens_valid_after: tokens issued before it are refused (set by a password change or a disable).
 * draft may propose a change of a source (a curator's createSource and updateSource are reviewed).
 */

const PUBLISHED_TITLE_SEARCH = TITLE_SEARCH_FUNCTION.replace(
  'create function title_search(',
  'create or replace function title_search(',
).replaceAll("status <> 'retired'", "status = 'published'");

const refreshForms = (labelStatus: string) => `
  create or replace function title_form_refresh(label_ids uuid[]) returns void language sql as $$
    delete from title_form where label_id = any (label_ids);
    insert into title_form (label_id, entity_id, label_type, text, part, tokens, norm, skey, ntok, tsv)
    select l.id, l.entity_id, l.type, l.text, f.part, f.tokens, array_to_string(f.tokens, ' '), array_to_string(d.words, ' '),
           cardinality(d.words), array_to_tsvector(d.words)
    from label l
    join entity e on e.id = l.entity_id
    cross join lateral title_forms(l.text) f
    cross join lateral (select array(select distinct u.w collate "C" from unnest(f.tokens) as u(w) order by 1) as words) d
    where l.id = any (label_ids) and ${labelStatus} and e.kind in ('occupation', 'alternate_title');
  $$`;

/** The title index holds the labels of a status; the drafts it held before are taken out again or put back. */
async function indexLabels(db: Kysely<unknown>, labelStatus: string) {
  await sql.raw(refreshForms(labelStatus)).execute(db);
  await sql
    .raw(
      `select title_form_refresh(array(select l.id from label l join entity e on e.id = l.entity_id
        where l.status = 'draft' and e.kind in ('occupation', 'alternate_title')))`,
    )
    .execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await indexLabels(db, "l.status = 'published'");
  await sql.raw(PUBLISHED_TITLE_SEARCH).execute(db);
  await executeScript(
    db,
    `
    drop table login_throttle;
    create table login_throttle (
      email text not null,
      client text not null,
      failures integer not null default 0,
      last_failure_at timestamptz not null default now(),
      primary key (email, client)
    );
    alter table account add column tokens_valid_after timestamptz;
    alter table draft drop constraint draft_fact_type_check;
    alter table draft add constraint draft_fact_type_check
      check (fact_type in ('entity', 'label', 'relation', 'observation', 'citation', 'source'));
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    delete from draft where fact_type = 'source';
    alter table draft drop constraint draft_fact_type_check;
    alter table draft add constraint draft_fact_type_check
      check (fact_type in ('entity', 'label', 'relation', 'observation', 'citation'));
    alter table account drop column tokens_valid_after;
    drop table login_throttle;
    create table login_throttle (
      email text primary key,
      failures integer not null default 0,
      last_failure_at timestamptz not null default now()
    );
  `,
  );
  await sql.raw(TITLE_SEARCH_FUNCTION.replace('create function', 'create or replace function')).execute(db);
  await indexLabels(db, "l.status <> 'retired'");
}

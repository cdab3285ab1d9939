import { sql } from 'kysely';
import type { Executor } from '../connect.ts';
import { badInput } from '../errors.ts';
import type { EntityKind } from '../model.ts';
import type { EntityRow } from '../tables.ts';

export const MAX_QUERY_LENGTH = 200;

/** Lower case, NFC, punctuation to spaces, whitespace collapsed: the form labels are matched in. */
export function normalizeQuery(query: string): string {
  const q = query
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}'&+#./-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (q.length === 0) throw badInput('the query is empty', { field: 'query' });
  if (q.length > MAX_QUERY_LENGTH) throw badInput(`the query is longer than ${MAX_QUERY_LENGTH} characters`);
  return q;
}

export interface LabelMatch {
  entity_id: string;
  text: string;
  type: string;
  score: number;
  exact: boolean;
  fuzzy: boolean;
}

/**
 * Labels that match a query, scored in [0, 1]: 1 for the exact text, otherwise the best of trigram
 * similarity, word similarity and a full-text match (stemmed, so plurals match). The trigram and
 * full-text indexes on label serve the candidate filter.
 */
function labelMatches(q: string, kinds: readonly EntityKind[] | null) {
  return sql`
    select l.entity_id, l.text, l.type,
      lower(l.text) = ${q} as exact,
      similarity(lower(l.text), ${q}) as sim,
      word_similarity(${q}, lower(l.text)) as wsim,
      to_tsvector('english', l.text) @@ plainto_tsquery('english', ${q}) as fts
    from label l
    join entity e on e.id = l.entity_id
    where (lower(l.text) % ${q} or ${q} <% lower(l.text)
           or to_tsvector('english', l.text) @@ plainto_tsquery('english', ${q}))
      and e.status <> 'retired'
      and (${kinds}::text[] is null or e.kind = any(${kinds}::text[]))`;
}

const SCORE = sql`
  case when m.exact then 1.0
  else least(0.95, greatest(m.sim, m.wsim * 0.9, case when m.fts then 0.5 + 0.45 * m.sim else 0 end))
  end`;

export interface SearchHit {
  entity: EntityRow;
  score: number;
  matchedText: string;
}

export async function searchEntities(
  db: Executor,
  args: { query: string; kinds?: readonly EntityKind[] | null; limit: number; offset: number },
): Promise<{ hits: SearchHit[]; totalCount: number }> {
  const q = normalizeQuery(args.query);
  const kinds = args.kinds?.length ? [...args.kinds] : null;
  const { rows } = await sql<EntityRow & { matched_text: string; score: number; total_count: number }>`
    with m as (${labelMatches(q, kinds)}),
    best as (
      select distinct on (m.entity_id) m.entity_id, m.text, (${SCORE})::float8 as score
      from m
      order by m.entity_id, ${SCORE} desc, (m.type = 'preferred') desc, m.text
    )
    select e.*, best.text as matched_text, best.score, count(*) over ()::int as total_count
    from best join entity e on e.id = best.entity_id
    order by best.score desc, e.name, e.id
    limit ${args.limit} offset ${args.offset}`.execute(db);
  const totalCount = rows[0]?.total_count ?? (args.offset > 0 ? await countMatches(db, q, kinds) : 0);
  return {
    totalCount,
    hits: rows.map(({ matched_text, score, total_count, ...entity }) => ({
      entity: entity as EntityRow,
      score: Number(score),
      matchedText: matched_text,
    })),
  };
}

async function countMatches(db: Executor, q: string, kinds: EntityKind[] | null) {
  const { rows } = await sql<{ n: number }>`
    select count(distinct m.entity_id)::int as n from (${labelMatches(q, kinds)}) m`.execute(db);
  return rows[0]?.n ?? 0;
}

export interface TitleMatch {
  occupation: EntityRow;
  score: number;
  matchedTitle: string;
  reason: string;
}

/**
 * Occupations for a job title as people type it. Titles are the occupations' own labels and the alternate
 * title entities linked to them; an exact preferred name ranks over an exact alternate title, which ranks
 * over a fuzzy match.
 */
export async function resolveTitle(db: Executor, args: { title: string; limit: number }): Promise<TitleMatch[]> {
  const q = normalizeQuery(args.title);
  const { rows } = await sql<
    EntityRow & { matched_title: string; score: number; label_type: string; via: string; exact: boolean }
  >`
    with m as (${labelMatches(q, ['occupation', 'alternate_title'])}),
    scored as (
      select m.*, (${SCORE})::float8 - case when m.exact and not (m.type = 'preferred' and e.kind = 'occupation')
                                                 then 0.03 else 0 end as score,
             e.kind as via,
             case when e.kind = 'occupation' then e.id else r.from_id end as occupation_id
      from m
      join entity e on e.id = m.entity_id
      left join relation r on e.kind = 'alternate_title' and r.to_id = e.id and r.predicate = 'has_title'
    ),
    best as (
      select distinct on (occupation_id) occupation_id, text, type, score, via, exact
      from scored where occupation_id is not null
      order by occupation_id, score desc, text
    )
    select o.*, best.text as matched_title, best.score, best.type as label_type, best.via, best.exact
    from best join entity o on o.id = best.occupation_id
    where o.status <> 'retired'
    order by best.score desc, o.name, o.id
    limit ${args.limit}`.execute(db);
  return rows.map(({ matched_title, score, label_type, via, exact, ...occupation }) => ({
    occupation: occupation as EntityRow,
    score: Number(score),
    matchedTitle: matched_title,
    reason: exact
      ? via === 'occupation' && label_type === 'preferred'
        ? "exact match of the occupation's name"
        : via === 'occupation'
          ? `exact match of a ${label_type} title of the occupation`
          : 'exact match of an alternate title linked to the occupation'
      : `similar to ${via === 'occupation' ? `the occupation's ${label_type} title` : 'an alternate title'} (score ${Number(score).toFixed(2)})`,
  }));
}

import { sql } from 'kysely';
import { dbOf, type Reader, reviveTimestamps, selectRows } from '../batch.ts';
import type { Executor } from '../connect.ts';
import { badInput } from '../errors.ts';
import type { EntityKind } from '../model.ts';
import type { EntityRow } from '../tables.ts';
import { liveStatuses, PUBLIC_VISIBILITY, type Visibility } from '../visibility.ts';
import { type CodedMatch, codeTitles } from './coding.ts';
import { type Industry, resolveIndustries } from './industry.ts';
import { expandedQuery } from './normalize.ts';

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

/**
 * The words of a term that can drive a trigram filter: one or two characters ("or", "1", "x") share their
 * trigrams with most labels, so a filter on them reads the whole index and scores every label. Null when
 * none is left: such a query is matched by its exact text and full text only.
 */
export function trigramFilterTerm(term: string | null): string | null {
  if (!term) return null;
  const words = term.split(' ').filter((word) => word.length >= 3);
  return words.length > 0 ? words.join(' ') : null;
}

function trigramFilter(term: string | null) {
  const filter = trigramFilterTerm(term);
  return filter ? sql`lower(l.text) % ${filter} or ${filter} <% lower(l.text)` : sql`false`;
}

/**
 * Labels that match a query, scored in [0, 1]: 1 for the exact text, otherwise the best of trigram
 * similarity, word similarity and a full-text match (stemmed, so plurals match). `expanded` is the query with its
 * abbreviations spelled out and level, shift and place words left out (normalize.ts); a label may match either,
 * the expanded reading scoring a little lower. The trigram and full-text indexes on label serve the filter;
 * its trigram part uses the words of three characters or more (trigramFilterTerm). Each way of matching is a
 * branch of its own, so that an index's candidates are checked against its own condition only (a text-search
 * vector is made for the full-text candidates, not for every trigram candidate), and the matched labels are
 * scored once.
 */
function labelMatches(q: string, expanded: string | null, kinds: readonly EntityKind[] | null, visibility: Visibility) {
  // retired entities and names are not searched; drafts only by readers who may see them
  const statuses = liveStatuses(visibility);
  const fullText = (term: string) => sql`to_tsvector('english', l.text) @@ plainto_tsquery('english', ${term})`;
  const branch = (condition: ReturnType<typeof sql>, fts: boolean, xfts: boolean) =>
    sql`select l.id, ${sql.lit(fts)} as fts, ${sql.lit(xfts)} as xfts from label l where ${condition}`;
  const branches = [
    branch(sql`lower(l.text) = ${q}`, false, false),
    branch(trigramFilter(q), false, false),
    branch(fullText(q), true, false),
  ];
  // the expanded reading is another query only when it differs
  if (expanded !== null && expanded !== q) {
    branches.push(branch(trigramFilter(expanded), false, false), branch(fullText(expanded), false, true));
  }
  const sameFullText = expanded === q;
  return sql`
    select l.entity_id, l.text, l.type,
      lower(l.text) = ${q} as exact,
      similarity(lower(l.text), ${q}) as sim,
      word_similarity(${q}, lower(l.text)) as wsim,
      c.fts,
      coalesce(similarity(lower(l.text), ${expanded}), 0) as xsim,
      coalesce(word_similarity(${expanded}, lower(l.text)), 0) as xwsim,
      ${sameFullText ? sql`c.fts` : sql`c.xfts`} as xfts
    from (
      select id, bool_or(fts) as fts, bool_or(xfts) as xfts
      from (${sql.join(branches, sql` union all `)}) b
      group by id
    ) c
    join label l on l.id = c.id
    join entity e on e.id = l.entity_id
    where e.status = any(${statuses}::text[]) and l.status = any(${statuses}::text[])
      and (${kinds}::text[] is null or e.kind = any(${kinds}::text[]))`;
}

const SCORE = sql`
  case when m.exact then 1.0
  else least(0.95, greatest(
    m.sim, m.wsim * 0.9, case when m.fts then 0.5 + 0.45 * m.sim else 0 end,
    0.95 * greatest(m.xsim, m.xwsim * 0.9, case when m.xfts then 0.5 + 0.45 * m.xsim else 0 end)))
  end`;

export interface SearchHit {
  entity: EntityRow;
  score: number;
  matchedText: string;
}

export async function searchEntities(
  reader: Reader,
  args: {
    query: string;
    kinds?: readonly EntityKind[] | null;
    limit: number;
    offset: number;
    /** What the reader may see; published facts only when omitted. */
    visibility?: Visibility;
  },
): Promise<{ hits: SearchHit[]; totalCount: number }> {
  const q = normalizeQuery(args.query);
  const expanded = expandedQuery(args.query);
  const kinds = args.kinds?.length ? [...args.kinds] : null;
  const visibility = args.visibility ?? PUBLIC_VISIBILITY;
  type Row = EntityRow & { matched_text: string; score: number; total_count: number };
  const query = sql<Row>`
    with m as (${labelMatches(q, expanded, kinds, visibility)}),
    best as (
      select distinct on (m.entity_id) m.entity_id, m.text, (${SCORE})::float8 as score
      from m
      order by m.entity_id, ${SCORE} desc, (m.type = 'preferred') desc, m.text
    )
    select e.*, best.text as matched_text, best.score, count(*) over ()::int as total_count
    from best join entity e on e.id = best.entity_id
    order by best.score desc, e.name, e.id
    limit ${args.limit} offset ${args.offset}`;
  const rows = await selectRows(reader, query, reviveTimestamps<Row>('created_at', 'updated_at'));
  const totalCount =
    rows[0]?.total_count ??
    (args.offset > 0 || args.limit === 0 ? await countMatches(dbOf(reader), q, expanded, kinds, visibility) : 0);
  return {
    totalCount,
    hits: rows.map(({ matched_text, score, total_count, ...entity }) => ({
      entity: entity as EntityRow,
      score: Number(score),
      matchedText: matched_text,
    })),
  };
}

async function countMatches(
  db: Executor,
  q: string,
  expanded: string | null,
  kinds: EntityKind[] | null,
  visibility: Visibility,
) {
  const { rows } = await sql<{ n: number }>`
    select count(distinct m.entity_id)::int as n from (${labelMatches(q, expanded, kinds, visibility)}) m`.execute(db);
  return rows[0]?.n ?? 0;
}

export type { CodedMatch } from './coding.ts';
export type { TitleMatch, TitleMatchType } from './titles.ts';

/**
 * Occupations for a job title as people type it: typos, abbreviations and acronyms, level, shift and place words,
 * word order and plurals (see titles.ts). Titles are the occupations' own labels and the alternate title entities
 * linked to them; an exact preferred name ranks over an exact alternate title, which ranks over the rest.
 */
export async function resolveTitle(
  reader: Reader,
  args: { title: string; limit: number; industry?: string | null },
): Promise<CodedMatch[]> {
  normalizeQuery(args.title);
  // the industry is read with the title's words (an unknown one fails the request all the same)
  const text = args.industry;
  const industry = text == null ? null : resolveIndustries(reader, [text]).then((found) => found.get(text.trim())!);
  const [matches] = await codeTitles(reader, [{ title: args.title, limit: args.limit, industry }]);
  return matches;
}

export const MAX_BULK_TITLES = 1000;

export interface TitleInput {
  /** The client's own id for the row, returned as given. */
  id?: string | null;
  title: string;
  industry?: string | null;
}

export interface TitleResolution {
  id: string | null;
  title: string;
  industry: Industry | null;
  matches: CodedMatch[];
}

/**
 * Codes up to MAX_BULK_TITLES titles. Every input is checked before any is coded: an empty or over-long title,
 * an unknown industry or too many inputs fail the whole request with BAD_USER_INPUT (naming the row). The same
 * title in the same industry is coded once. Set-wise: the industries, then the words of all the titles, then
 * their title matches and vocabulary, one statement each whatever the number of titles; each title is coded
 * as resolveTitle codes it alone.
 */
export async function resolveTitles(
  db: Reader,
  inputs: readonly TitleInput[],
  limit: number,
): Promise<TitleResolution[]> {
  if (inputs.length === 0) throw badInput('inputs is empty: give at least one title', { field: 'inputs' });
  if (inputs.length > MAX_BULK_TITLES)
    throw badInput(`at most ${MAX_BULK_TITLES} titles per request (got ${inputs.length})`, { field: 'inputs' });
  inputs.forEach((input, index) => {
    try {
      normalizeQuery(input.title);
    } catch (error) {
      throw badInput(`inputs[${index}]: ${(error as Error).message.replace('the query', 'the title')}`, {
        field: 'title',
        index,
        id: input.id ?? null,
      });
    }
  });
  const industries = await resolveIndustries(
    db,
    inputs.flatMap((i) => (i.industry == null ? [] : [i.industry])),
  );
  const industryOf = (input: TitleInput) => (input.industry == null ? null : industries.get(input.industry.trim())!);
  // the title as typed: punctuation that normalizeQuery drops still tells the role from an employer or a place
  const keyOf = (input: TitleInput) => `${input.title}\u0000${industryOf(input)?.naicsCode ?? ''}`;
  const distinct = new Map<string, TitleInput>();
  for (const input of inputs) if (!distinct.has(keyOf(input))) distinct.set(keyOf(input), input);
  const coded = await codeTitles(
    db,
    [...distinct.values()].map((input) => ({ title: input.title, limit, industry: industryOf(input) })),
  );
  const byKey = new Map([...distinct.keys()].map((key, i) => [key, coded[i]]));
  return inputs.map((input) => ({
    id: input.id ?? null,
    title: input.title,
    industry: industryOf(input),
    matches: byKey.get(keyOf(input))!,
  }));
}

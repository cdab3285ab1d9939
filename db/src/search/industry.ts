import { sql } from 'kysely';
import { type Reader, selectRows } from '../batch.ts';
import { badInput } from '../errors.ts';

/**
 * Industry context for title coding: a NAICS code (2 to 6 digits, or a sector range such as 31-33) or an
 * industry's name, read as the NAICS sector the OEWS by-sector estimates use, and how each occupation's
 * employment is spread over those sectors (observations `industry_employment`, published ones only).
 * The graph holds NAICS sectors (and the industries OEWS adds), not every 6-digit industry: a longer code is
 * known when the graph has its own code or its sector ("541330" is sector 54); "999999" is not.
 */
export interface Industry {
  naicsCode: string;
  name: string;
  /** The OEWS sector the code falls in ("62", "31-33"). */
  sector: string;
}

const NAICS_CODE = /^(\d{2,6}|\d{2}-\d{2})$/;
const SECTOR_RANGES: Record<string, string> = {
  '31': '31-33',
  '32': '31-33',
  '33': '31-33',
  '44': '44-45',
  '45': '44-45',
  '48': '48-49',
  '49': '48-49',
};
export const MAX_INDUSTRY_LENGTH = 200;
/** The NAICS 2022 sectors; OEWS adds 99 (government) as a code of its own, which has no longer codes below it. */
const NAICS_SECTORS = new Set([
  '11',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '42',
  '44',
  '45',
  '48',
  '49',
  '51',
  '52',
  '53',
  '54',
  '55',
  '56',
  '61',
  '62',
  '71',
  '72',
  '81',
  '92',
]);

export const sectorOf = (code: string) =>
  code.includes('-') ? code : (SECTOR_RANGES[code.slice(0, 2)] ?? code.slice(0, 2));

/** The industries named by some texts, each a known NAICS code or the name of a known industry; else BAD_USER_INPUT. */
export async function resolveIndustries(reader: Reader, texts: readonly string[]): Promise<Map<string, Industry>> {
  const wanted = [...new Set(texts.map((t) => t.trim()))];
  for (const text of wanted) {
    if (text.length === 0)
      throw badInput('industry is empty: give a NAICS code or an industry name', { field: 'industry' });
    if (text.length > MAX_INDUSTRY_LENGTH)
      throw badInput(`industry is longer than ${MAX_INDUSTRY_LENGTH} characters`, { field: 'industry' });
  }
  if (wanted.length === 0) return new Map();
  const isCode = (t: string) =>
    NAICS_CODE.test(t) && (t.length === 2 || t.includes('-') || NAICS_SECTORS.has(t.slice(0, 2)));
  const codes = wanted.filter(isCode);
  const names = wanted.filter((t) => !NAICS_CODE.test(t)).map((t) => t.toLowerCase());
  type Row = { q: string; naics_code: string; name: string };
  const query = sql<Row>`
    select q.q, x.naics_code, x.name
    from unnest(${codes}::text[], ${codes.map(sectorOf)}::text[]) as q(q, sector)
    cross join lateral (
      select q.q as naics_code, e.name from employer m join entity e on e.id = m.entity_id
      where m.naics_code in (q.q, q.sector) and e.status = 'published'
      order by m.naics_code = q.q desc
      limit 1
    ) x
    union all
    select q.q, x.naics_code, x.name
    from unnest(${names}::text[]) as q(q)
    cross join lateral (
      select m.naics_code, e.name from employer m join entity e on e.id = m.entity_id
      where m.naics_code is not null and e.status = 'published'
        and (lower(e.name) = q.q or lower(e.name) % q.q or q.q <% lower(e.name))
      order by lower(e.name) = q.q desc, greatest(similarity(lower(e.name), q.q), word_similarity(q.q, lower(e.name))) desc,
        length(m.naics_code), m.naics_code
      limit 1
    ) x`;
  const rows = await selectRows(reader, query, (row) => row as unknown as Row);
  const found = new Map(rows.map((r) => [r.q, r]));
  const out = new Map<string, Industry>();
  for (const text of wanted) {
    const hit = found.get(NAICS_CODE.test(text) ? text : text.toLowerCase());
    if (!hit) {
      throw badInput(
        NAICS_CODE.test(text)
          ? `unknown NAICS code "${text}"`
          : `no industry is called "${text}": give a NAICS code or an industry's name`,
        { field: 'industry', industry: text },
      );
    }
    out.set(text, { naicsCode: hit.naics_code, name: hit.name, sector: sectorOf(hit.naics_code) });
    // (a 6-digit code is named after its sector when the graph has only the sector)
  }
  return out;
}

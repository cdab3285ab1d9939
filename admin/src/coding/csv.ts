import type { TitleRow } from './queries.ts';

/** RFC 4180 records of a CSV text (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => r.some((f) => f.trim() !== ''));
}

/**
 * The titles of a pasted or uploaded text: a CSV with a header naming a `title` column (and optionally `id`
 * and `industry`), or one title per line.
 */
export function readTitles(text: string): TitleRow[] {
  const records = parseCsv(text);
  if (records.length === 0) return [];
  const header = records[0].map((h) => h.trim().toLowerCase());
  const titleColumn = header.indexOf('title');
  if (titleColumn < 0) {
    return text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((title, i) => ({ id: String(i + 1), title, industry: null }));
  }
  const idColumn = header.indexOf('id');
  const industryColumn = header.indexOf('industry');
  return records
    .slice(1)
    .map((r, i) => ({
      id: (idColumn >= 0 ? r[idColumn]?.trim() : '') || String(i + 1),
      title: (r[titleColumn] ?? '').trim(),
      industry: (industryColumn >= 0 ? r[industryColumn]?.trim() : '') || null,
    }))
    .filter((r) => r.title !== '');
}

export const CODED_COLUMNS = [
  'id',
  'title',
  'industry',
  'onet_soc_code',
  'occupation',
  'confidence',
  'needs_review',
  'decision',
  'matched_title',
] as const;

export interface CodedRow {
  id: string;
  title: string;
  industry: string | null;
  code: string | null;
  occupation: string | null;
  confidence: number | null;
  needsReview: boolean;
  /** auto (coded without review), accepted, corrected, or open (still to review). */
  decision: 'auto' | 'accepted' | 'corrected' | 'open';
  matchedTitle: string | null;
}

const cell = (value: unknown) => {
  const text = value == null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function codedCsv(rows: readonly CodedRow[]): string {
  const lines = [CODED_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [r.id, r.title, r.industry, r.code, r.occupation, r.confidence, r.needsReview, r.decision, r.matchedTitle]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

import { csvCell } from '../careers/csv.ts';
import { parseCsv } from '../common/csv.ts';
import type { TitleRow } from './queries.ts';

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

export function codedCsv(rows: readonly CodedRow[]): string {
  const lines = [CODED_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [r.id, r.title, r.industry, r.code, r.occupation, r.confidence, r.needsReview, r.decision, r.matchedTitle]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Real job titles for the leave-out evaluation of title coding (bench/titles.ts): O*NET 29.3 alternate and
 * reported titles, the BLS Direct Match Titles, and the O*NET 27.0 alternate titles that 29.3 dropped. Each is
 * resolved with itself and its near-duplicates (titles with the same content words, level and shift words
 * aside) taken out of the index first, so the resolver sees it as a title it has never seen.
 *
 * Titles are split in two halves by a hash of their words: `dev` (for choosing the model's parameters and
 * fitting its calibration) and `eval` (for the figures). A sample is drawn from one half with a fixed seed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDirectMatchTitles } from '../../db/src/import/bls-soc/titles.ts';
import { NOISE_WORDS, titleForms, titleTokens } from '../../db/src/search/normalize.ts';
import { rng } from '../random.ts';

export interface UnseenCase {
  query: string;
  /** Codes that count as right: every occupation the title is listed for (any O*NET code of a Direct Match Title's SOC code). */
  expect: string[];
  /** Where the title comes from: onet-alternate, onet-reported, bls-direct-match, onet-27.0-dropped. */
  source: string;
  /** The content-word keys of its forms: labels with a form of the same key are left out of the index. */
  keys: string[];
}

const NOISE = new Set(NOISE_WORDS);

/** A form's content words, sorted and distinct: what near-duplicate titles share. */
export const contentKey = (tokens: readonly string[]) =>
  [...new Set(tokens.filter((w) => !NOISE.has(w)))].sort().join(' ');

export const titleKeys = (title: string) => [
  ...new Set(
    titleForms(title)
      .map(contentKey)
      .filter((k) => k !== ''),
  ),
];

function readTable(path: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(path, 'utf8').split(/\r?\n/).filter(Boolean);
  const columns = header.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(columns.map((c, i) => [c, (cells[i] ?? '').replace(/^"|"$/g, '')]));
  });
}

/** FNV-1a: which half a title falls in. */
function hash(text: string) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export async function unseenCases(
  dirs: { onet: string; onet27: string; soc: string },
  options: { split: 'dev' | 'eval'; n: number; seed: number },
): Promise<UnseenCase[]> {
  const codes = readTable(join(dirs.onet, 'Occupation Data.txt')).map((r) => r['O*NET-SOC Code']);
  const byKey = new Map<string, { query: string; expect: Set<string>; source: string }>();
  const add = (query: string, expect: string[], source: string) => {
    const key = titleTokens(query).join(' ');
    if (!key || expect.length === 0) return;
    const entry = byKey.get(key) ?? { query, expect: new Set<string>(), source };
    for (const c of expect) entry.expect.add(c);
    byKey.set(key, entry);
  };
  for (const r of readTable(join(dirs.onet, 'Alternate Titles.txt')))
    add(r['Alternate Title'], [r['O*NET-SOC Code']], 'onet-alternate');
  for (const r of readTable(join(dirs.onet, 'Sample of Reported Titles.txt')))
    add(r['Reported Job Title'], [r['O*NET-SOC Code']], 'onet-reported');
  for (const d of await readDirectMatchTitles(join(dirs.soc, 'soc_2018_direct_match_title_file.xlsx')))
    add(
      d.title,
      codes.filter((c) => c.startsWith(d.socCode)),
      'bls-direct-match',
    );
  const known = new Set(codes);
  for (const r of readTable(join(dirs.onet27, 'Alternate Titles.txt'))) {
    const key = titleTokens(r['Alternate Title']).join(' ');
    if (!byKey.has(key) && known.has(r['O*NET-SOC Code']))
      add(r['Alternate Title'], [r['O*NET-SOC Code']], 'onet-27.0-dropped');
  }
  const half = [...byKey.entries()]
    .filter(([key]) => (hash(key) % 2 === 0 ? 'dev' : 'eval') === options.split)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const random = rng(options.seed);
  for (let i = half.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [half[i], half[j]] = [half[j], half[i]];
  }
  return half
    .slice(0, options.n)
    .map(([, e]) => ({ query: e.query, expect: [...e.expect], source: e.source, keys: titleKeys(e.query) }))
    .filter((c) => c.keys.length > 0);
}

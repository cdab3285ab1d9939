import { ABBREVIATIONS, NOISE_WORDS, STATE_CODES, STATE_NAMES, SYNONYMS } from './title-words.ts';
import { editDistance, foldWord, rawWords, STOP_WORDS, titleTokens } from './tokens.ts';

/** Query analysis: what a typed title asks for, word by word, before the vocabulary is consulted. */

const STOP = new Set(STOP_WORDS);
const NOISE = new Set(NOISE_WORDS);
const STATE_PHRASES = STATE_NAMES.map((s) => s.split(' '));
/** The state names by their first word. */
const STATE_PHRASES_BY_FIRST = new Map<string, string[][]>();
for (const phrase of STATE_PHRASES)
  STATE_PHRASES_BY_FIRST.set(phrase[0], [...(STATE_PHRASES_BY_FIRST.get(phrase[0]) ?? []), phrase]);

export type AltHow = 'exact' | 'abbreviation' | 'synonym' | 'typo' | 'prefix' | 'skeleton' | 'split' | 'joined';

export const EXPANSION_SIM = 0.95;

/** One acceptable word for a query unit. */
export interface Alternative {
  word: string;
  sim: number;
  how: AltHow;
}

/** A word of the query (or one slot of an expanded abbreviation) and the title words that satisfy it. */
export interface QueryUnit {
  /** What the person typed for this unit. */
  typed: string;
  /** Folded word looked up as typed (typos are looked for around it). */
  word: string;
  noise: boolean;
  /** The abbreviation this unit comes from, with its long form ("rn" -> "registered nurse"). */
  expandedFrom?: { abbreviation: string; longForm: string };
  alternatives: Alternative[];
}

export interface AnalyzedQuery {
  /** Tokens of the query as typed (what an exact title match must equal). */
  tokens: string[];
  units: QueryUnit[];
  /** Words dropped before matching: places. */
  dropped: string[];
  /** Two adjacent typed words written as one ("fire fighter" -> "firefighter"), by the units they join. */
  joins: Array<{ word: string; units: [number, number] }>;
}

/** One-word abbreviations (three letters on) by their typo keys, to recognise them mistyped. */
const ABBREVIATION_KEYS = new Map<string, string[]>();
const deletions = (w: string) => [w, ...Array.from(w, (_, i) => w.slice(0, i) + w.slice(i + 1))];
for (const [abbreviation, slots] of Object.entries(ABBREVIATIONS)) {
  if (slots.length !== 1 || abbreviation.length < 3) continue;
  for (const key of deletions(abbreviation)) {
    ABBREVIATION_KEYS.set(key, [...(ABBREVIATION_KEYS.get(key) ?? []), abbreviation]);
  }
}

/** Abbreviations one edit away from a word (not the word itself). */
function nearAbbreviations(word: string): string[] {
  if (word.length < 3 || ABBREVIATIONS[word]) return [];
  const found = new Set<string>();
  for (const key of deletions(word)) {
    for (const abbreviation of ABBREVIATION_KEYS.get(key) ?? []) {
      if (editDistance(word, abbreviation, 1) === 1) found.add(abbreviation);
    }
  }
  return [...found];
}

/**
 * Splits a typed title into units. Abbreviations are expanded (keeping the short form acceptable), synonyms
 * added, level, shift and place words marked as noise. Typo and prefix alternatives need the vocabulary and
 * are added by the resolver.
 */
export function analyzeQuery(title: string): AnalyzedQuery {
  const dropped: string[] = [];
  // two-letter state codes after a comma ("Nurse, Austin, TX") are places, not acronyms; one that is also an
  // acronym (MA, PA, MD) counts as a place only where a place ends: at the end, or before ")", "-" or "|"
  const withoutStates = title.replace(/,\s*([A-Za-z]{2})\b(?![.'’-]?\w)/g, (all, code: string, at: number) => {
    const lower = code.toLowerCase();
    const atEnd = /^\s*([)|-]|$)/.test(title.slice(at + all.length));
    if (!STATE_CODES.has(lower) || (ABBREVIATIONS[lower] && !atEnd)) return all;
    dropped.push(lower);
    return ' ';
  });
  const words = rawWords(withoutStates.replace(/\([^()]*\)/g, (m) => ` ${m.slice(1, -1)} `));
  const tokens = titleTokens(title.replace(/\([^()]*\)/g, (m) => ` ${m.slice(1, -1)} `));
  const placeWords = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    for (const phrase of STATE_PHRASES_BY_FIRST.get(words[i]) ?? []) {
      if (phrase.every((p, k) => words[i + k] === p)) {
        for (let k = 0; k < phrase.length; k++) placeWords.add(i + k);
      }
    }
  }
  const units: QueryUnit[] = [];
  const joins: AnalyzedQuery['joins'] = [];
  let previous: { raw: string; unit: number } | undefined;
  words.forEach((raw, i) => {
    if (placeWords.has(i)) {
      dropped.push(raw);
      return;
    }
    if (STOP.has(raw)) return;
    const word = foldWord(raw);
    const slots = ABBREVIATIONS[raw] ?? (raw !== word ? ABBREVIATIONS[word] : undefined);
    if (slots) {
      const longForm = slots.map((s) => s.split('|')[0]).join(' ');
      for (const slot of slots) {
        const options = slot.split('|').map(foldWord);
        const noise = options.every((o) => NOISE.has(o));
        // the short form as typed scores highest: a title that says "Tech" is the closest to "tech"
        const alternatives: Alternative[] = options.map((o, k) => ({
          word: o,
          sim: k === 0 ? EXPANSION_SIM : EXPANSION_SIM - 0.05,
          how: 'abbreviation',
        }));
        if (!options.includes(word)) alternatives.push({ word, sim: 1, how: 'exact' });
        units.push({ typed: raw, word, noise, expandedFrom: { abbreviation: raw, longForm }, alternatives });
      }
      return;
    }
    const alternatives: Alternative[] = [{ word, sim: 1, how: 'exact' }];
    for (const s of SYNONYMS[word] ?? []) alternatives.push({ word: foldWord(s), sim: 0.9, how: 'synonym' });
    // a mistyped short form ("mceh", "mrg"): its long forms, scored as a typo (the resolver drops them when titles
    // use the word as typed)
    for (const abbreviation of nearAbbreviations(raw)) {
      for (const o of ABBREVIATIONS[abbreviation][0].split('|')) {
        const w = foldWord(o);
        if (!alternatives.some((a) => a.word === w))
          alternatives.push({ word: w, sim: 0.85 * EXPANSION_SIM, how: 'typo' });
      }
    }
    if (previous && previous.unit === units.length - 1 && !/[0-9]/.test(raw + previous.raw)) {
      joins.push({ word: foldWord(previous.raw + raw), units: [previous.unit, units.length] });
    }
    previous = { raw, unit: units.length };
    units.push({ typed: raw, word, noise: NOISE.has(word), alternatives });
  });
  return { tokens, units, dropped, joins };
}

/**
 * Ways to read one word as two ("xray" -> "x ray"): both parts three letters or more, or a leading x or e
 * (x-ray, e-commerce). The resolver uses a split only for a word no title uses, when titles use both parts.
 */
export function splits(word: string): Array<[string, string]> {
  if (word.length < 4 || word.length > 14 || /[0-9]/.test(word)) return [];
  const out: Array<[string, string]> = [];
  for (let i = 1; i <= word.length - 3; i++) {
    const left = word.slice(0, i);
    if (i < 3 && !(i === 1 && 'xe'.includes(left))) continue;
    out.push([left, foldWord(word.slice(i))]);
  }
  return out;
}

/**
 * The query as search should also read it: abbreviations spelled out ("HIM tech" -> "health information
 * management technician"), level, shift and place words left out. Null when that changes nothing.
 */
export function expandedQuery(query: string): string | null {
  const analyzed = analyzeQuery(query);
  const words: string[] = [];
  for (const unit of analyzed.units) {
    if (unit.noise) continue;
    const word = unit.expandedFrom
      ? (unit.alternatives.find((a) => a.how === 'abbreviation')?.word ?? unit.word)
      : unit.word;
    if (words.at(-1) !== word) words.push(word);
  }
  const text = words.join(' ');
  return text && text !== titleTokens(query).join(' ') ? text : null;
}

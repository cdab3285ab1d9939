import type { Reader } from '../batch.ts';
import type { EntityRow } from '../tables.ts';
import type { Industry } from './industry.ts';
import { titleTokens } from './normalize.ts';
import { RANKING_MODEL } from './ranking-model.ts';
import { type TitleEvidence, type TitleMatch, titleEvidence } from './titles.ts';
import type { VocabularyHit } from './vocabulary.ts';

/**
 * Title coding: the evidence of titles.ts (matching indexed titles) and vocabulary.ts (each occupation's
 * vocabulary) combined into one ranking, with a calibrated confidence and a review flag.
 *
 * The candidates are an occupation's best title matches (the first TITLE_DEPTH) and its vocabulary hits (the first
 * VOCABULARY_DEPTH). Each is scored by a linear ranking model over what is known of it (RANKING_FEATURES: its
 * vocabulary score against the best and that score's parts, the head noun's and the modifiers' evidence, its
 * places in both rankings, its best title's score and kind, how much of the title's words, weighted by rarity,
 * its vocabulary and its name have, whether its name ends in or excepts them), with the weights of
 * RANKING_MODEL, a conditional logit fitted on the development split of the leave-out benchmark
 * (bench/titles/fit-ranking.ts), so that the candidates' softmax shares are probabilities. A complete match of an
 * indexed title (a variant of it: titles.ts) adds strongTitleWeight x its score, unless it is complete only by
 * reading a word titles use as a typo or by leaving aside words no title uses; an exact title match ranks above
 * everything else. The softmax shares and CONFIDENCE_MODEL give each match a confidence; a match needs review
 * when its confidence is below AUTO_CODE_CONFIDENCE or the runner-up is within REVIEW_GAP.
 *
 * With an industry, each candidate's score gains INDUSTRY_WEIGHT x the log of its employment share in that
 * industry's sector (Bayes: P(occupation | title, industry) ~ P(occupation | title) x P(industry | occupation));
 * occupations with no by-sector figures get the average share of those that have them.
 */
export const CODING_MODEL = {
  /** What the displayed score of a vocabulary or fuzzy match is centred on (a logistic of the model's score). */
  titleWeight: 3,
  /** A complete title match (a variant of a title the index holds: titles.ts) from this score on leads. */
  strongTitle: 0.6,
  strongTitleWeight: 100,
  vocabularyFloor: -8,
  temperature: 1,
};

/**
 * The first match's confidence. A match of an indexed title by its words (exact, or a variant by word order,
 * abbreviations, level words) is right as often as the benchmark's noisy variants are (COMPLETE_MATCH_ACCURACY),
 * shared among the occupations that title is listed for. Otherwise a logistic model of what tells a right first
 * match from a wrong one (its lead over the runner-up, its title score, whether it matched a whole title only
 * through typos or prefixes, how many of the title's words its vocabulary has, its softmax share, whether the
 * vocabulary ranking and the title matches each put it first), fitted on the development split of the leave-out
 * benchmark (bench/titles/fit-ranking.ts, as the ranking). A real word one edit from a title word ("welter", "welder") reads as a
 * typo, so such a match counts against. The other matches share the rest in proportion to their softmax shares.
 */
export const CONFIDENCE_MODEL: Record<
  | 'intercept'
  | 'margin'
  | 'titleScore'
  | 'complete'
  | 'completeFuzzy'
  | 'coverage'
  | 'share'
  | 'vocabularyFirst'
  | 'titleFirst',
  number
> = {
  intercept: -1.454,
  margin: -0.104,
  titleScore: -0.183,
  complete: -1.764,
  completeFuzzy: -2.59,
  coverage: 0.46,
  share: 0.373,
  vocabularyFirst: 0.678,
  titleFirst: 0.863,
  ...RANKING_MODEL.confidence,
};
export const COMPLETE_MATCH_ACCURACY = 0.985;
/** A first match is auto-coded from this confidence on (the fitted one: bench/titles/fit-ranking.ts). */
export const AUTO_CODE_CONFIDENCE = RANKING_MODEL.autoCode ?? 0.95;
export const REVIEW_GAP = 0.1;

export interface ConfidenceSignals {
  margin: number;
  titleScore: number;
  /** 1 when the first match is a whole indexed title by its words (not through typos or prefixes). */
  complete: number;
  /** 1 when it is a whole indexed title only through typos, prefixes or skeletons. */
  completeFuzzy: number;
  coverage: number;
  /** The log-odds of the first match's softmax share. */
  share: number;
  /** 1 when the vocabulary ranking puts it first. */
  vocabularyFirst: number;
  /** 1 when the title matches put it first. */
  titleFirst: number;
}

export interface CodedMatch extends TitleMatch {
  /** Calibrated probability that this occupation is the right code (0..1). */
  confidence: number;
  /** Low confidence, or a runner-up too close. */
  needsReview: boolean;
  /** This match's confidence minus the next one's (for the last, its own confidence). */
  gap: number;
  /** What the first match's confidence is computed from (for fitting CONFIDENCE_MODEL). */
  signals?: ConfidenceSignals;
}

export interface Candidate {
  occupationId: string;
  title?: TitleMatch;
  /** Its place among the title matches (0: first), when it has one. */
  titleRank?: number;
  /** The vocabulary's hit, when the vocabulary ranks this occupation. */
  hit?: VocabularyHit;
  /** Its place in the vocabulary ranking (0: first), when it has one. */
  vocabularyRank?: number;
  vocabulary?: number;
  /** How many of the title's words the occupation's vocabulary has. */
  matched?: number;
  /** What the ranking model reads of it (RANKING_FEATURES, in order). */
  features: number[];
  combined: number;
}

/** An occupation name's words, its head noun (the last word before a comma: "Sales Representatives, ..."), and
 * the words it excepts ("Secretaries and Administrative Assistants, Except Legal, Medical, and Executive"). */
const NAME_CACHE = new Map<string, { words: Set<string>; head: string | null; excepted: Set<string> }>();
function nameWords(name: string) {
  let read = NAME_CACHE.get(name);
  if (!read) {
    const [own, ...rest] = name.split(/\bexcept\b/i);
    const head = titleTokens(own.split(',')[0]).at(-1) ?? null;
    read = { words: new Set(titleTokens(own)), head, excepted: new Set(titleTokens(rest.join(' '))) };
    if (NAME_CACHE.size > 5000) NAME_CACHE.clear();
    NAME_CACHE.set(name, read);
  }
  return read;
}

/** The last token of an indexed title (titles recur across a request's candidates and across requests). */
const LAST_TOKEN_CACHE = new Map<string, string | undefined>();
function lastToken(title: string) {
  if (LAST_TOKEN_CACHE.has(title)) return LAST_TOKEN_CACHE.get(title);
  const last = titleTokens(title).at(-1);
  if (LAST_TOKEN_CACHE.size > 20000) LAST_TOKEN_CACHE.clear();
  LAST_TOKEN_CACHE.set(title, last);
  return last;
}

/**
 * What the ranking model reads of a candidate (RANKING_MODEL's weights, fitted by bench/titles/fit-ranking.ts on
 * the development split of the leave-out benchmark): its vocabulary score against the best, its places in the
 * vocabulary ranking and among the title matches, its best title's score and kind, how much of the title's words
 * its vocabulary and its name have, and whether its name ends in the title's head noun.
 */
export const RANKING_FEATURES = [
  'vocabulary',
  'vocabularyMissing',
  'vocabularyRank',
  'coverage',
  'titleScore',
  'titleMissing',
  'titleRank',
  'titleComplete',
  'titleCompleteFuzzy',
  'titleHead',
  'allOther',
  'nameHead',
  'headInName',
  'modifiersInName',
  'headEvidence',
  'titleEvidence',
  'vocabularyEvidence',
  'forms',
  'headShare',
  'idfCover',
  'titleTypoOfKnown',
  'excepted',
  'titleUnknownWords',
  'titleViaCloseMatch',
] as const;

/** How many title matches and vocabulary hits make a title's candidates. */
export const VOCABULARY_DEPTH = 15;
export const TITLE_DEPTH = 10;

function candidateFeatures(c: Candidate, words: TitleEvidence['words']): number[] {
  const m = CODING_MODEL;
  const name = c.title?.occupation.name ?? c.hit?.occupation.name ?? '';
  const own = nameWords(name);
  const count = words.modifiers.length + (words.head ? 1 : 0);
  const complete = strongTitle(c.title);
  const matchedHead = c.title ? lastToken(c.title.matchedTitle) : undefined;
  return [
    Math.max(c.vocabulary ?? m.vocabularyFloor, m.vocabularyFloor),
    c.vocabulary === undefined ? 1 : 0,
    Math.log1p(c.vocabularyRank ?? VOCABULARY_DEPTH),
    count ? Math.min((c.matched ?? 0) / count, 1) : 0,
    c.title?.score ?? 0,
    c.title ? 0 : 1,
    Math.log1p(c.titleRank ?? TITLE_DEPTH),
    complete && c.title?.matchType !== 'fuzzy' ? 1 : 0,
    complete && c.title?.matchType === 'fuzzy' ? 1 : 0,
    words.head !== null && matchedHead === words.head ? 1 : 0,
    /all other/i.test(name) ? 1 : 0,
    words.head !== null && own.head === words.head ? 1 : 0,
    words.head !== null && own.words.has(words.head) ? 1 : 0,
    words.modifiers.length ? words.modifiers.filter((w) => own.words.has(w)).length / words.modifiers.length : 0,
    c.hit?.headEvidence ?? 0,
    c.hit?.titleEvidence ?? 0,
    c.hit?.vocabularyEvidence ?? 0,
    Math.log1p(c.hit?.forms ?? 0),
    c.hit ? c.hit.headForms / (c.hit.forms + 1) : 0,
    c.hit?.idfCover ?? 0,
    c.title?.typoOfKnownWord ? 1 : 0,
    [...words.modifiers, words.head].some((w) => w !== null && own.excepted.has(w)) ? 1 : 0,
    c.title?.unknownWords ? 1 : 0,
    c.title?.viaCloseMatch ? 1 : 0,
  ];
}

/** A variant of an indexed title (complete, and scored from CODING_MODEL.strongTitle), not only through reading a
 * word titles use as a typo of another. */
function strongTitle(title: TitleMatch | undefined) {
  return (
    title?.complete === true && title.score >= CODING_MODEL.strongTitle && !title.typoOfKnownWord && !title.unknownWords
  );
}

/** The ranking model's score of a candidate's features. */
function modelScore(features: number[]) {
  const w = RANKING_MODEL.weights;
  let z = 0;
  RANKING_FEATURES.forEach((name, i) => {
    z += (w[name] ?? 0) * features[i];
  });
  return z;
}

/** Combines the two kinds of evidence for one title into ranked candidates (best first). */
export function combineEvidence(evidence: TitleEvidence): Candidate[] {
  const m = CODING_MODEL;
  const byId = new Map<string, Candidate>();
  evidence.titles.forEach((t, rank) => {
    if (!byId.has(t.occupation.id))
      byId.set(t.occupation.id, {
        occupationId: t.occupation.id,
        title: t,
        titleRank: rank,
        features: [],
        combined: 0,
      });
  });
  const bestVocabulary = evidence.vocabulary[0]?.score ?? 0;
  evidence.vocabulary.forEach((v, rank) => {
    const c = byId.get(v.occupationId) ?? { occupationId: v.occupationId, features: [], combined: 0 };
    c.vocabulary = v.score - bestVocabulary;
    c.vocabularyRank = rank;
    c.matched = v.matched;
    c.hit = v;
    byId.set(v.occupationId, c);
  });
  const candidates = [...byId.values()];
  for (const c of candidates) {
    const exact =
      c.title && (c.title.matchType === 'exact_name' || c.title.matchType === 'exact_title') && !c.title.viaCloseMatch;
    const ts = c.title?.score ?? 0;
    c.features = candidateFeatures(c, evidence.words);
    // a variant of an indexed title leads the rest; an exact title leads everything (but an ESCO occupation's,
    // a crosswalk away: it scores below O*NET's variants, migration 0033)
    c.combined = modelScore(c.features) + (strongTitle(c.title) ? m.strongTitleWeight * ts : 0);
    if (exact) c.combined += 1000 * ts;
  }
  return candidates.sort((a, b) => b.combined - a.combined || (a.occupationId < b.occupationId ? -1 : 1));
}

/** Softmax shares of the candidates' combined scores. */
function softmaxShares(candidates: Candidate[]): number[] {
  if (candidates.length === 0) return [];
  const t = CODING_MODEL.temperature;
  const top = candidates[0].combined;
  const weights = candidates.map((c) => Math.exp((c.combined - top) / t));
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / sum);
}

export interface CodingRequest {
  /** Must already have passed the length checks of normalizeQuery. */
  title: string;
  limit: number;
  /** It may still be being read (it is needed from the second statement on). */
  industry?: Industry | null | Promise<Industry | null>;
}

/**
 * Occupations typed job titles may mean, best first, each with a confidence and a review flag: two statements
 * for all the titles (titleEvidence's). A title is coded the same whichever titles it is coded with.
 */
export async function codeTitles(reader: Reader, requests: readonly CodingRequest[]): Promise<CodedMatch[][]> {
  const industries = requests.map((r) => Promise.resolve(r.industry ?? null));
  const evidence = await titleEvidence(
    reader,
    requests.map((r, i) => ({
      title: r.title,
      limit: Math.max(r.limit, TITLE_DEPTH),
      vocabularyLimit: Math.max(r.limit, VOCABULARY_DEPTH),
      sector: industries[i].then((industry) => industry?.sector ?? null),
    })),
  );
  const known = await Promise.all(industries);
  return evidence.map((e, i) => codeFromEvidence(e, known[i] !== null, requests[i].limit));
}

/** One title's candidates ranked, their calibrated confidences, and what the first one's is computed from. */
export function rankEvidence(evidence: TitleEvidence, withIndustry: boolean) {
  let candidates = combineEvidence(evidence);
  if (withIndustry) candidates = weighByIndustry(candidates);
  const shares = softmaxShares(candidates);
  const words = evidence.words.modifiers.length + (evidence.words.head ? 1 : 0);
  const signals = candidates.length
    ? confidenceSignals(candidates, words, shares[0], evidence.titles[0]?.occupation.id)
    : undefined;
  const first = !signals ? 0 : signals.complete ? COMPLETE_MATCH_ACCURACY * shares[0] : firstConfidence(signals);
  const rest = shares.slice(1).reduce((a, b) => a + b, 0);
  const calibrated = shares.map((share, i) => (i === 0 ? first : rest > 0 ? ((1 - first) * share) / rest : 0));
  return { candidates, shares, calibrated, signals };
}

/** One title's matches from its evidence (weighed by its industry's sector when it has one). */
function codeFromEvidence(evidence: TitleEvidence, withIndustry: boolean, limit: number): CodedMatch[] {
  const { candidates, calibrated, signals } = rankEvidence(evidence, withIndustry);
  const top = candidates.slice(0, limit);
  return top.map((c, i) => {
    const confidence = round(calibrated[i]);
    const gap = round(calibrated[i] - (calibrated[i + 1] ?? 0));
    const { sectorShare: _share, ...base }: TitleMatch = c.title ?? vocabularyMatch(c.hit!.occupation, evidence.words);
    const exact = base.matchType === 'exact_name' || base.matchType === 'exact_title';
    return {
      ...base,
      score: exact ? base.score : round(0.95 / (1 + Math.exp(-(c.combined - CODING_MODEL.titleWeight / 2)))),
      confidence,
      gap,
      ...(i === 0 ? { signals } : {}),
      needsReview: confidence < AUTO_CODE_CONFIDENCE || gap < REVIEW_GAP,
    };
  });
}

function confidenceSignals(
  candidates: Candidate[],
  words: number,
  share: number,
  firstTitleOccupation: string | undefined,
): ConfidenceSignals {
  const [top, second] = candidates;
  const complete = top.title?.complete === true && !top.title.unknownWords && !top.title.viaCloseMatch;
  return {
    margin: Math.min(top.combined - (second?.combined ?? top.combined - 20), 20),
    titleScore: top.title?.score ?? 0,
    complete: complete && top.title?.matchType !== 'fuzzy' ? 1 : 0,
    completeFuzzy: complete && top.title?.matchType === 'fuzzy' ? 1 : 0,
    coverage: words ? Math.min((top.matched ?? 0) / words, 1) : 0,
    share: Math.max(-10, Math.min(10, Math.log(share / Math.max(1 - share, 1e-9)))),
    vocabularyFirst: top.vocabulary === 0 ? 1 : 0,
    titleFirst: top.title && top.occupationId === firstTitleOccupation ? 1 : 0,
  };
}

function firstConfidence(x: ConfidenceSignals) {
  const m = CONFIDENCE_MODEL;
  const z =
    m.intercept +
    m.margin * x.margin +
    m.titleScore * x.titleScore +
    m.complete * x.complete +
    m.completeFuzzy * x.completeFuzzy +
    m.coverage * x.coverage +
    m.share * x.share +
    m.vocabularyFirst * x.vocabularyFirst +
    m.titleFirst * x.titleFirst;
  return 1 / (1 + Math.exp(-z));
}

/** The smallest employment share an occupation is credited with in a sector (so that none is ruled out). */
const MIN_SECTOR_SHARE = 0.002;
/** How much the sector share counts: the vocabulary's log-likelihoods are over-confident (words are not
 * independent), so a plain Bayes weight of 1 would hardly ever move them. */
export const INDUSTRY_WEIGHT = 3;

/** The candidates weighed by their employment share in the industry's sector (read with the evidence). */
function weighByIndustry(candidates: Candidate[]) {
  const shares = new Map<string, number>();
  for (const c of candidates) {
    const share = c.title?.sectorShare ?? c.hit?.sectorShare ?? null;
    if (share !== null) shares.set(c.occupationId, share);
  }
  if (shares.size === 0) return candidates;
  const average = [...shares.values()].reduce((a, b) => a + b, 0) / shares.size;
  for (const c of candidates)
    c.combined += INDUSTRY_WEIGHT * Math.log(Math.max(shares.get(c.occupationId) ?? average, MIN_SECTOR_SHARE));
  return candidates.sort((a, b) => b.combined - a.combined);
}

const round = (x: number) => Math.round(x * 10000) / 10000;

function vocabularyMatch(
  row: EntityRow & { onet_soc_code: string | null },
  words: { modifiers: string[]; head: string | null },
): TitleMatch {
  const { onet_soc_code, ...occupation } = row;
  const read = [...words.modifiers, words.head].filter(Boolean).map((w) => `"${w}"`);
  return {
    occupation: occupation as EntityRow,
    score: 0,
    matchedTitle: occupation.name,
    reason: `no indexed title matches closely; the occupation's titles, tasks, tools and definitions use ${read.join(', ')} (head noun "${words.head}")`,
    onetSocCode: onet_soc_code,
    matchType: 'fuzzy',
  };
}

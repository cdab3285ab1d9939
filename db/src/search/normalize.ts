/**
 * Job-title normalisation, shared by the title index (migration 0005 mirrors `titleTokens`, `titleForms` and
 * `wordKeys` in SQL, and the tests check that both sides agree) and the query side of `resolveTitle`.
 *
 * A title becomes tokens: accents folded, lower case, apostrophes dropped, `&` read as "and", everything but
 * letters, digits, `+` and `#` a separator, a few stop words dropped, and plurals folded by suffix rules
 * ("nurses" -> "nurse", "secretaries" -> "secretary", "firemen" -> "fireman"). The rules are crude on purpose:
 * both sides fold the same way, so "sales" and "sale" meet whatever the folded form looks like.
 */

// translate(): one character to one. Letters outside this list are separators on both sides.
export const FOLD_FROM =
  'ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆČçćčĎďÈÉÊËĒĖĘĚèéêëēėęěĞğÌÍÎÏĪĮİìíîïīįıŁłÑŃŇñńňÒÓÔÕÖØŌŐòóôõöøōőŘřŚŠŞśšşŤťÙÚÛÜŪŮŰùúûüūůűÝŸýÿŹŻŽźżž';
export const FOLD_TO =
  'AAAAAAAAAaaaaaaaaaCCCcccDdEEEEEEEEeeeeeeeeGgIIIIIIIiiiiiiiLlNNNnnnOOOOOOOOooooooooRrSSSsssTtUUUUUUUuuuuuuuYYyyZZZzzz';
export const STOP_WORDS = [
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'of',
  'on',
  'the',
  'to',
  'with',
];

const FOLD = new Map([...FOLD_FROM].map((c, i) => [c, FOLD_TO[i]]));
const STOP = new Set(STOP_WORDS);

/** Plural folding; `title_fold` in SQL. */
export function foldWord(w: string): string {
  if (w.length <= 3 || /[0-9]/.test(w)) return w;
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(w)) return w;
  if (/(ch|sh|x|z|ss)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s')) return w.slice(0, -1);
  if (/..men$/.test(w)) return `${w.slice(0, -3)}man`;
  return w;
}

/** Words of a text before stop words and plural folding (lower case, accents folded). */
export function rawWords(text: string): string[] {
  let folded = '';
  for (const c of text) folded += FOLD.get(c) ?? c;
  return folded
    .replace(/&/g, ' and ')
    .replace(/['’`ʼ]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9+#]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
}

/** The tokens of a title; `title_tokens` in SQL. */
export function titleTokens(text: string): string[] {
  return rawWords(text)
    .filter((w) => !STOP.has(w))
    .map(foldWord);
}

/**
 * The forms a title is matched in: the text without its parenthesised parts, then each parenthesised part
 * ("Registered Nurse (RN)" -> "registered nurse", "rn"); empty and repeated forms are dropped. `title_forms`.
 */
export function titleForms(text: string): string[][] {
  const parts = [text.replace(/\([^()]*\)/g, ' '), ...[...text.matchAll(/\(([^()]*)\)/g)].map((m) => m[1])];
  const seen = new Set<string>();
  const forms: string[][] = [];
  for (const part of parts) {
    const tokens = titleTokens(part);
    const key = tokens.join(' ');
    if (tokens.length === 0 || seen.has(key)) continue;
    seen.add(key);
    forms.push(tokens);
  }
  return forms;
}

/**
 * Typo keys of a word: the word and, from four letters on, the word with each one letter deleted. Two words
 * within one edit (a swap, a dropped, doubled or wrong letter) share a key. `title_word_keys` in SQL.
 */
export function wordKeys(w: string): string[] {
  if (w.length < 4) return [w];
  const keys = new Set([w]);
  for (let i = 0; i < w.length; i++) keys.add(w.slice(0, i) + w.slice(i + 1));
  return [...keys];
}

/** The first letter and the consonants after it: how people shorten words ("spclst", "hnd"). `title_skeleton`. */
export function wordSkeleton(w: string): string {
  return w.slice(0, 1) + w.slice(1).replace(/[aeiou]/g, '');
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), capped at `max + 1`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
  }
  return Math.min(rows[a.length][b.length], max + 1);
}

// ---------------------------------------------------------------------------------------------------------
// What people add to titles, and the short forms they use
// ---------------------------------------------------------------------------------------------------------

/**
 * Abbreviations and acronyms, by the (raw, lower-case) word typed. Each expands to slots, one per word of the
 * long form; a slot lists the words it may stand for ("tech": technician, technology or technical). The
 * abbreviation itself stays acceptable in every slot, since titles carry short forms too ("Pharm Tech").
 */
export const ABBREVIATIONS: Record<string, string[]> = {
  // seniority
  sr: ['senior'],
  snr: ['senior'],
  jr: ['junior'],
  // generic title words
  acct: ['accountant|accounting|account'],
  acctg: ['accounting'],
  admin: ['administrator|administrative|administration'],
  adm: ['administrator|administrative|administration'],
  admn: ['administrator|administrative|administration'],
  appr: ['apprentice'],
  assoc: ['associate'],
  asst: ['assistant'],
  atty: ['attorney'],
  cert: ['certified|certification'],
  clk: ['clerk'],
  coord: ['coordinator'],
  cust: ['customer'],
  dept: ['department'],
  dev: ['developer|development'],
  devel: ['developer|development'],
  dir: ['director'],
  dist: ['distribution|district'],
  doc: ['doctor|physician'],
  dr: ['doctor|physician'],
  ed: ['education'],
  educ: ['education'],
  elec: ['electrical|electrician|electronic'],
  elem: ['elementary'],
  eng: ['engineer|engineering'],
  engr: ['engineer'],
  engg: ['engineering'],
  equip: ['equipment'],
  exec: ['executive'],
  fin: ['finance|financial'],
  gen: ['general'],
  govt: ['government'],
  hosp: ['hospital'],
  info: ['information'],
  ins: ['insurance'],
  insp: ['inspector'],
  instr: ['instructor'],
  intl: ['international'],
  lab: ['laboratory'],
  lic: ['licensed'],
  maint: ['maintenance'],
  mech: ['mechanic|mechanical'],
  med: ['medical'],
  mfg: ['manufacturing'],
  mgmt: ['management'],
  mgmnt: ['management'],
  mgr: ['manager'],
  mngr: ['manager'],
  mktg: ['marketing'],
  natl: ['national'],
  ofc: ['office'],
  op: ['operator'],
  oper: ['operator|operations'],
  opr: ['operator'],
  ops: ['operations'],
  pharm: ['pharmacy|pharmacist|pharmaceutical'],
  pharma: ['pharmaceutical'],
  prod: ['production|product'],
  prof: ['professor'],
  prog: ['programmer|program'],
  qual: ['quality'],
  rep: ['representative'],
  reps: ['representative'],
  sec: ['secretary|security'],
  spec: ['specialist'],
  supt: ['superintendent'],
  supv: ['supervisor'],
  supvr: ['supervisor'],
  supr: ['supervisor'],
  svc: ['service'],
  svcs: ['service'],
  sys: ['system'],
  tchr: ['teacher'],
  tech: ['technician|technologist|technology|technical'],
  techs: ['technician|technologist'],
  trans: ['transportation'],
  vet: ['veterinary|veterinarian'],
  whse: ['warehouse'],
  // acronyms
  ceo: ['chief', 'executive', 'officer'],
  cfo: ['chief', 'financial', 'officer'],
  coo: ['chief', 'operating', 'officer'],
  cto: ['chief', 'technology', 'officer'],
  cio: ['chief', 'information', 'officer'],
  cpa: ['certified', 'public', 'accountant'],
  cna: ['certified', 'nursing', 'assistant'],
  crna: ['certified', 'registered', 'nurse', 'anesthetist'],
  cdl: ['truck'],
  cma: ['certified', 'medical', 'assistant'],
  cpc: ['certified', 'professional', 'coder'],
  csr: ['customer', 'service', 'representative'],
  dba: ['database', 'administrator'],
  emt: ['emergency', 'medical', 'technician'],
  er: ['emergency', 'room|department'],
  gm: ['general', 'manager'],
  hha: ['home', 'health', 'aide'],
  him: ['health', 'information', 'management'],
  hr: ['human', 'resource'],
  hvac: ['heating|hvac', 'air|hvac', 'conditioning|hvac'],
  it: ['information', 'technology'],
  lpn: ['licensed', 'practical', 'nurse'],
  lvn: ['licensed', 'vocational', 'nurse'],
  ma: ['medical', 'assistant'],
  md: ['physician|doctor'],
  np: ['nurse', 'practitioner'],
  pa: ['physician', 'assistant'],
  pca: ['personal', 'care', 'aide'],
  pm: ['project|product|program', 'manager'],
  pt: ['physical', 'therapist'],
  pta: ['physical', 'therapist', 'assistant'],
  ot: ['occupational', 'therapist'],
  qa: ['quality', 'assurance'],
  qc: ['quality', 'control'],
  rn: ['registered', 'nurse'],
  rph: ['pharmacist'],
  rt: ['respiratory', 'therapist'],
  slp: ['speech', 'language', 'pathologist'],
  swe: ['software', 'engineer'],
  sde: ['software', 'development', 'engineer'],
  sysadmin: ['system', 'administrator'],
  ux: ['user', 'experience'],
  ui: ['user', 'interface'],
  vp: ['vice', 'president'],
};

/** Everyday words for what titles call otherwise: each typed word may also stand for these (scored a little lower). */
export const SYNONYMS: Record<string, string[]> = {
  doctor: ['physician'],
  physician: ['doctor'],
  lawyer: ['attorney'],
  attorney: ['lawyer'],
  cop: ['police'],
  janitor: ['custodian'],
  custodian: ['janitor'],
  waitress: ['server', 'waiter'],
  waiter: ['server', 'waitress'],
  trucker: ['truck'],
  mailman: ['mail', 'carrier'],
  realtor: ['real', 'estate'],
  nanny: ['childcare', 'nanny'],
  programmer: ['developer'],
  coder: ['coding'],
  coding: ['coder'],
  salesman: ['sales'],
  saleswoman: ['sales'],
  salesperson: ['sales'],
  housekeeper: ['maid'],
  maid: ['housekeeper'],
  handyman: ['maintenance'],
};

/**
 * Words that say how senior, which level, which shift or what contract, not which job: they weigh a fifth of
 * an ordinary word on both sides, so "Senior Accountant" still finds "Accountant" (and prefers it only a little).
 */
export const LEVEL_WORDS = [
  'senior',
  'junior',
  'lead',
  'principal',
  'staff',
  'entry',
  'level',
  'experienced',
  'trainee',
  'i',
  'ii',
  'iii',
  'iv',
  'v',
  '1',
  '2',
  '3',
  '4',
  '1st',
  '2nd',
  '3rd',
];
export const SHIFT_WORDS = [
  'night',
  'day',
  'evening',
  'overnight',
  'weekend',
  'shift',
  'rotating',
  'graveyard',
  'swing',
  'remote',
  'hybrid',
  'onsite',
  'site',
  'wfh',
  'telecommute',
  'virtual',
  'full',
  'part',
  'time',
  'fulltime',
  'parttime',
  'ft',
  'prn',
  'per',
  'diem',
  'contract',
  'temporary',
  'temp',
  'seasonal',
  'permanent',
  'position',
  'job',
  'opening',
  'hiring',
  'urgent',
  'immediate',
  'needed',
  'wanted',
  'bonus',
  'sign',
  'grad',
  'new',
  // catch-all words of occupation names ("Physicians, All Other")
  'all',
  'other',
  'except',
];
/** US states (full names; two-letter codes count only after a comma, where they cannot be acronyms). */
export const STATE_NAMES = [
  'alabama',
  'alaska',
  'arizona',
  'arkansas',
  'california',
  'colorado',
  'connecticut',
  'delaware',
  'florida',
  'georgia',
  'hawaii',
  'idaho',
  'illinois',
  'indiana',
  'iowa',
  'kansas',
  'kentucky',
  'louisiana',
  'maine',
  'maryland',
  'massachusetts',
  'michigan',
  'minnesota',
  'mississippi',
  'missouri',
  'montana',
  'nebraska',
  'nevada',
  'new hampshire',
  'new jersey',
  'new mexico',
  'new york',
  'north carolina',
  'north dakota',
  'ohio',
  'oklahoma',
  'oregon',
  'pennsylvania',
  'rhode island',
  'south carolina',
  'south dakota',
  'tennessee',
  'texas',
  'utah',
  'vermont',
  'virginia',
  'washington',
  'west virginia',
  'wisconsin',
  'wyoming',
  'district of columbia',
];
const STATE_CODES = new Set(
  'al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc'.split(
    ' ',
  ),
);

/** Low-weight words, folded as titles fold them: sent to the database so both sides weigh them alike. */
export const NOISE_WORDS = [...new Set([...LEVEL_WORDS, ...SHIFT_WORDS].map(foldWord))];
const NOISE = new Set(NOISE_WORDS);
export const NOISE_WEIGHT = 0.2;
const STATE_PHRASES = STATE_NAMES.map((s) => s.split(' '));

// ---------------------------------------------------------------------------------------------------------
// Query analysis
// ---------------------------------------------------------------------------------------------------------

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
    for (const phrase of STATE_PHRASES) {
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

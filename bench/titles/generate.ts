/**
 * Noisy variants of real O*NET alternate titles, for the title-resolution benchmark. Deterministic: the same data
 * files and seed give the same cases.
 *
 * Which titles: a title is split into the forms people would type (the text outside parentheses, and the
 * parenthesised part: "Registered Nurse (RN)" -> "Registered Nurse", "RN"). A form is used only when it is
 * unambiguous: every title, reported title and occupation name that has this form (case, punctuation and plurals
 * ignored) belongs to the same O*NET-SOC code. Forms shared by several codes ("Nurse", "Doctor") are EXCLUDED from
 * the generated set; the hand-written cases cover such words, listing every code that counts as right.
 *
 * Noise, one to three operations per variant (the operation names are kept with each case):
 * - typo: an adjacent swap, a dropped letter or a doubled letter, in a word of four letters or more
 * - abbreviation: a word or phrase replaced by a short form people use (Mgr, Asst, Tech, RN, Dept, ...), some of
 *   which the resolver's table does not list (Spclst, Assy, Apprent, Sup)
 * - seniority: Senior / Sr. / Lead / Junior / Principal / Entry Level before, or I / II / III / Level 2 after
 * - extra: an employer, a city, a shift or a contract type, in the ways postings add them (" - ", " at ", "( )")
 * - order: inverted ("Nurse, Registered"), two words swapped, or the words reversed
 * - plural: the last word made plural (or singular)
 * Case is also changed at random (lower, upper, as is), which is not counted as an operation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { titleTokens } from '../../db/src/search/normalize.ts';
import { rng } from '../random.ts';

export interface TitleCase {
  query: string;
  /** O*NET-SOC codes that count as right (one for generated cases). */
  expect: string[];
  /** The title form the variant was made from. */
  source: string;
  ops: string[];
}

type Random = () => number;
const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)];

function readTable(path: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(path, 'utf8').split(/\r?\n/).filter(Boolean);
  const columns = header.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

/** The forms of a title people would type: outside the parentheses, and each parenthesised part. */
export function typedForms(title: string): string[] {
  const outside = title
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const inside = [...title.matchAll(/\(([^()]*)\)/g)].map((m) => m[1].trim());
  return [...new Set([outside, ...inside].filter((f) => f.length > 0))];
}

/** Unambiguous title forms of an O*NET release folder, with their code. */
export function unambiguousForms(onetDir: string): Array<{ form: string; code: string }> {
  const codesByKey = new Map<string, Set<string>>();
  const add = (text: string, code: string) => {
    const key = titleTokens(text).join(' ');
    if (!key) return;
    const set = codesByKey.get(key) ?? new Set<string>();
    set.add(code);
    codesByKey.set(key, set);
  };
  const candidates: Array<{ form: string; code: string }> = [];
  for (const row of readTable(join(onetDir, 'Occupation Data.txt'))) add(row.Title, row['O*NET-SOC Code']);
  try {
    for (const row of readTable(join(onetDir, 'Sample of Reported Titles.txt'))) {
      for (const form of typedForms(row['Reported Job Title'])) add(form, row['O*NET-SOC Code']);
    }
  } catch {
    // the reported titles are optional
  }
  for (const row of readTable(join(onetDir, 'Alternate Titles.txt'))) {
    for (const form of typedForms(row['Alternate Title'])) {
      add(form, row['O*NET-SOC Code']);
      candidates.push({ form, code: row['O*NET-SOC Code'] });
    }
  }
  const seen = new Set<string>();
  return candidates.filter(({ form }) => {
    const key = titleTokens(form).join(' ');
    if (seen.has(key) || codesByKey.get(key)?.size !== 1) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Noise
// ---------------------------------------------------------------------------------------------------------

/** Short forms people write, by the long form they stand for: one per line, `Long Form: short, short`. */
const ABBREVIATIONS: Array<[RegExp, string[]]> = `
  Senior: Sr., Sr, Snr
  Junior: Jr., Jr
  Manager: Mgr, Mgr., Mngr
  Assistant: Asst, Asst.
  Technician: Tech, Tech.
  Technologist: Tech
  Administrator: Admin
  Administrative: Admin
  Registered Nurse: RN
  Licensed Practical Nurse: LPN
  Department: Dept, Dept.
  Supervisor: Supv, Supvr, Sup
  Representative: Rep, Rep.
  Coordinator: Coord, Coord.
  Engineer: Eng, Engr
  Director: Dir, Dir.
  Specialist: Spec, Spclst
  Associate: Assoc
  Maintenance: Maint, Maint.
  Operations: Ops
  Operator: Opr, Oper
  Information Technology: IT
  Human Resources: HR
  Vice President: VP
  Executive: Exec
  Developer: Dev
  Laboratory: Lab
  Medical: Med
  Mechanic: Mech
  Electrical: Elec
  Management: Mgmt
  Accountant: Acct
  Accounting: Acctg
  Government: Govt
  International: Intl
  National: Natl
  Marketing: Mktg
  Service: Svc
  Services: Svcs
  Warehouse: Whse
  Manufacturing: Mfg
  Quality Assurance: QA
  Quality Control: QC
  Certified Nursing Assistant: CNA
  Emergency Medical Technician: EMT
  General Manager: GM
  Professor: Prof, Prof.
  Instructor: Instr
  Inspector: Insp
  Apprentice: Appr, Apprent
  Assembler: Assy
  Education: Educ
  Insurance: Ins
  Customer Service: Cust Svc
  Transportation: Trans
  Pharmacy: Pharm
  Veterinary: Vet
  Information: Info
  Equipment: Equip
`
  .trim()
  .split('\n')
  .map((line) => {
    const [long, short] = line.trim().split(': ');
    return [new RegExp(`\\b${long}\\b`, 'i'), short.split(', ')];
  });

const SENIORITY_BEFORE = ['Senior', 'Sr.', 'Sr', 'Lead', 'Junior', 'Jr.', 'Principal', 'Entry Level', 'Staff'];
const SENIORITY_AFTER = ['I', 'II', 'III', 'IV', '2', 'Level 2', '- Level II', '(Senior)'];
const EMPLOYERS = [
  'Walmart',
  'Amazon',
  'Kaiser Permanente',
  'Mayo Clinic',
  'Target',
  'Home Depot',
  'UPS',
  'FedEx',
  'State Farm',
  'Wells Fargo',
  'General Electric',
  'Boeing',
  'Google',
  'Deloitte',
  'Starbucks',
  'HCA Healthcare',
  'Marriott',
  'City of Austin',
  'Acme Corp',
  'Tesla',
  'Cleveland Clinic',
  'Johnson & Johnson',
  'Lockheed Martin',
  'Bank of America',
  'Costco',
];
const CITIES = [
  'Chicago, IL',
  'Austin, TX',
  'New York, NY',
  'NYC',
  'Seattle',
  'Denver, CO',
  'Phoenix, AZ',
  'Atlanta GA',
  'Boston, MA',
  'San Diego',
  'Miami, FL',
  'Columbus, OH',
  'Portland, OR',
  'Nashville, TN',
  'Remote - US',
];
const SHIFTS = [
  'night shift',
  'nights',
  'Night Shift',
  'PRN',
  'per diem',
  'weekends',
  '2nd shift',
  'days',
  'full time',
  'part-time',
  'remote',
  'hybrid',
  'contract',
  'temp',
  'FT',
  'overnight',
];

const words = (t: string) => t.split(' ').filter(Boolean);

function typo(r: Random, text: string): string | null {
  const ws = words(text);
  const eligible = ws.map((w, i) => ({ w, i })).filter(({ w }) => /^[A-Za-z]{4,}$/.test(w));
  if (eligible.length === 0) return null;
  const { w, i } = pick(r, eligible);
  const kind = pick(r, ['swap', 'drop', 'double'] as const);
  let out: string;
  if (kind === 'swap') {
    const p = 1 + Math.floor(r() * (w.length - 2));
    out = w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2);
  } else if (kind === 'drop') {
    const p = 1 + Math.floor(r() * (w.length - 1));
    out = w.slice(0, p) + w.slice(p + 1);
  } else {
    const p = Math.floor(r() * w.length);
    out = w.slice(0, p + 1) + w[p] + w.slice(p + 1);
  }
  if (out === w) return null;
  ws[i] = out;
  return ws.join(' ');
}

function abbreviate(r: Random, text: string): string | null {
  const rules = ABBREVIATIONS.filter(([re]) => re.test(text));
  if (rules.length === 0) return null;
  const [re, shorts] = pick(r, rules);
  return text.replace(re, pick(r, shorts));
}

function seniority(r: Random, text: string): string {
  return r() < 0.6 ? `${pick(r, SENIORITY_BEFORE)} ${text}` : `${text} ${pick(r, SENIORITY_AFTER)}`;
}

function extra(r: Random, text: string): string {
  const what = pick(r, ['employer', 'employer', 'city', 'shift', 'shift'] as const);
  if (what === 'employer') {
    const e = pick(r, EMPLOYERS);
    return pick(r, [`${text} - ${e}`, `${text} at ${e}`, `${e} ${text}`, `${text} (${e})`]);
  }
  if (what === 'city') {
    const c = pick(r, CITIES);
    return pick(r, [`${text} - ${c}`, `${text}, ${c}`, `${text} (${c})`]);
  }
  const s = pick(r, SHIFTS);
  return pick(r, [`${text} - ${s}`, `${s} ${text}`, `${text} ${s}`, `${text} (${s})`, `${text} | ${s}`]);
}

function reorder(r: Random, text: string): string | null {
  const ws = words(text);
  if (ws.length < 2) return null;
  const kind = pick(r, ['invert', 'swap', 'reverse'] as const);
  if (kind === 'invert') return `${ws.at(-1)}, ${ws.slice(0, -1).join(' ')}`;
  if (kind === 'reverse') return [...ws].reverse().join(' ');
  const i = Math.floor(r() * (ws.length - 1));
  [ws[i], ws[i + 1]] = [ws[i + 1], ws[i]];
  return ws.join(' ');
}

function plural(text: string): string | null {
  const ws = words(text);
  const last = ws.at(-1)!;
  if (!/^[A-Za-z]{3,}$/.test(last)) return null;
  let out: string;
  if (/ss$/i.test(last)) out = `${last}es`;
  else if (/s$/i.test(last)) out = last.slice(0, -1);
  else if (/[^aeiou]y$/i.test(last)) out = `${last.slice(0, -1)}ies`;
  else if (/(ch|sh|x)$/i.test(last)) out = `${last}es`;
  else out = `${last}s`;
  ws[ws.length - 1] = out;
  return ws.join(' ');
}

const OPS: Array<{ name: string; weight: number; apply: (r: Random, t: string) => string | null }> = [
  { name: 'typo', weight: 3, apply: typo },
  { name: 'abbreviation', weight: 3, apply: abbreviate },
  { name: 'seniority', weight: 2, apply: seniority },
  { name: 'extra', weight: 3, apply: extra },
  { name: 'order', weight: 1.5, apply: reorder },
  { name: 'plural', weight: 1.5, apply: (_r, t) => plural(t) },
];

function weightedPick<T extends { weight: number }>(r: Random, list: T[]): T {
  let x = r() * list.reduce((s, o) => s + o.weight, 0);
  for (const item of list) {
    x -= item.weight;
    if (x <= 0) return item;
  }
  return list[list.length - 1];
}

/** One noisy variant of a title form. Order, plural, typo and abbreviation go first; extra words go last. */
export function variant(r: Random, form: string): { query: string; ops: string[] } {
  const count = r() < 0.45 ? 1 : r() < 0.75 ? 2 : 3;
  const chosen: typeof OPS = [];
  let pool = [...OPS];
  while (chosen.length < count && pool.length > 0) {
    const op = weightedPick(r, pool);
    chosen.push(op);
    pool = pool.filter((o) => o !== op);
  }
  const order = ['order', 'plural', 'abbreviation', 'typo', 'seniority', 'extra'];
  chosen.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  let text = form;
  const ops: string[] = [];
  for (const op of chosen) {
    const next = op.apply(r, text);
    if (next && next !== text) {
      text = next;
      ops.push(op.name);
    }
  }
  if (ops.length === 0) {
    const typed = typo(r, text);
    text = typed ?? seniority(r, text);
    ops.push(typed ? 'typo' : 'seniority');
  }
  const c = r();
  if (c < 0.25) text = text.toLowerCase();
  else if (c < 0.3) text = text.toUpperCase();
  return { query: text, ops };
}

/** `n` cases from an O*NET release folder: distinct title forms drawn with the seed, one variant each. */
export function generateCases(onetDir: string, n: number, seed: number): TitleCase[] {
  const forms = unambiguousForms(onetDir);
  const r = rng(seed);
  // partial Fisher-Yates: the first n of a seeded shuffle
  const pool = [...forms];
  const cases: TitleCase[] = [];
  for (let i = 0; i < Math.min(n, pool.length); i++) {
    const j = i + Math.floor(r() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
    const { form, code } = pool[i];
    const { query, ops } = variant(r, form);
    cases.push({ query, expect: [code], source: form, ops });
  }
  return cases;
}

import { foldWord } from './tokens.ts';

/**
 * What people add to titles, and the short forms they use. Lists are written as text: words separated by
 * spaces (a long form's words are its slots, a slot's alternatives are separated by `|`).
 */

const words = (text: string) => text.trim().split(/\s+/);
const byWord = (table: Record<string, string>) =>
  Object.fromEntries(Object.entries(table).map(([word, text]) => [word, words(text)]));

/**
 * Abbreviations and acronyms, by the (raw, lower-case) word typed. Each expands to slots, one per word of the
 * long form; a slot lists the words it may stand for ("tech": technician, technology or technical). The
 * abbreviation itself stays acceptable in every slot, since titles carry short forms too ("Pharm Tech").
 */
export const ABBREVIATIONS: Record<string, string[]> = byWord({
  // seniority
  sr: 'senior',
  snr: 'senior',
  jr: 'junior',
  // generic title words
  acct: 'accountant|accounting|account',
  acctg: 'accounting',
  admin: 'administrator|administrative|administration',
  adm: 'administrator|administrative|administration',
  admn: 'administrator|administrative|administration',
  appr: 'apprentice',
  assoc: 'associate',
  asst: 'assistant',
  atty: 'attorney',
  cert: 'certified|certification',
  clk: 'clerk',
  coord: 'coordinator',
  cust: 'customer',
  dept: 'department',
  dev: 'developer|development',
  devel: 'developer|development',
  dir: 'director',
  dist: 'distribution|district',
  doc: 'doctor|physician',
  dr: 'doctor|physician',
  ed: 'education',
  educ: 'education',
  elec: 'electrical|electrician|electronic',
  elem: 'elementary',
  eng: 'engineer|engineering',
  engr: 'engineer',
  engg: 'engineering',
  equip: 'equipment',
  exec: 'executive',
  fin: 'finance|financial',
  gen: 'general',
  govt: 'government',
  hosp: 'hospital',
  info: 'information',
  ins: 'insurance',
  insp: 'inspector',
  instr: 'instructor',
  intl: 'international',
  lab: 'laboratory',
  lic: 'licensed',
  maint: 'maintenance',
  mech: 'mechanic|mechanical',
  med: 'medical',
  mfg: 'manufacturing',
  mgmt: 'management',
  mgmnt: 'management',
  mgr: 'manager',
  mngr: 'manager',
  mktg: 'marketing',
  natl: 'national',
  ofc: 'office',
  op: 'operator',
  oper: 'operator|operations',
  opr: 'operator',
  ops: 'operations',
  pharm: 'pharmacy|pharmacist|pharmaceutical',
  pharma: 'pharmaceutical',
  prod: 'production|product',
  prof: 'professor',
  prog: 'programmer|program',
  qual: 'quality',
  rep: 'representative',
  reps: 'representative',
  sec: 'secretary|security',
  spec: 'specialist',
  supt: 'superintendent',
  supv: 'supervisor',
  supvr: 'supervisor',
  supr: 'supervisor',
  svc: 'service',
  svcs: 'service',
  sys: 'system',
  tchr: 'teacher',
  tech: 'technician|technologist|technology|technical',
  techs: 'technician|technologist',
  trans: 'transportation',
  vet: 'veterinary|veterinarian',
  whse: 'warehouse',
  // acronyms
  ceo: 'chief executive officer',
  cfo: 'chief financial officer',
  coo: 'chief operating officer',
  cto: 'chief technology officer',
  cio: 'chief information officer',
  cpa: 'certified public accountant',
  cna: 'certified nursing assistant',
  crna: 'certified registered nurse anesthetist',
  cdl: 'truck',
  cma: 'certified medical assistant',
  cpc: 'certified professional coder',
  csr: 'customer service representative',
  dba: 'database administrator',
  emt: 'emergency medical technician',
  er: 'emergency room|department',
  gm: 'general manager',
  hha: 'home health aide',
  him: 'health information management',
  hr: 'human resource',
  hvac: 'heating|hvac air|hvac conditioning|hvac',
  it: 'information technology',
  lpn: 'licensed practical nurse',
  lvn: 'licensed vocational nurse',
  ma: 'medical assistant',
  md: 'physician|doctor',
  np: 'nurse practitioner',
  pa: 'physician assistant',
  pca: 'personal care aide',
  pm: 'project|product|program manager',
  pt: 'physical therapist',
  pta: 'physical therapist assistant',
  ot: 'occupational therapist',
  qa: 'quality assurance',
  qc: 'quality control',
  rn: 'registered nurse',
  rph: 'pharmacist',
  rt: 'respiratory therapist',
  slp: 'speech language pathologist',
  swe: 'software engineer',
  sde: 'software development engineer',
  sysadmin: 'system administrator',
  ux: 'user experience',
  ui: 'user interface',
  vp: 'vice president',
});

/** Everyday words for what titles call otherwise: each typed word may also stand for these (scored a little lower). */
export const SYNONYMS: Record<string, string[]> = byWord({
  doctor: 'physician',
  physician: 'doctor',
  lawyer: 'attorney',
  attorney: 'lawyer',
  cop: 'police',
  janitor: 'custodian',
  custodian: 'janitor',
  waitress: 'server waiter',
  waiter: 'server waitress',
  trucker: 'truck',
  mailman: 'mail carrier',
  realtor: 'real estate',
  nanny: 'childcare nanny',
  programmer: 'developer',
  coder: 'coding',
  coding: 'coder',
  salesman: 'sales',
  saleswoman: 'sales',
  salesperson: 'sales',
  housekeeper: 'maid',
  maid: 'housekeeper',
  handyman: 'maintenance',
});

/**
 * Words that say how senior, which level, which shift or what contract, not which job: they weigh a fifth of
 * an ordinary word on both sides, so "Senior Accountant" still finds "Accountant" (and prefers it only a little).
 */
export const LEVEL_WORDS = words(
  'senior junior lead principal staff entry level experienced trainee i ii iii iv v 1 2 3 4 1st 2nd 3rd',
);
export const SHIFT_WORDS = [
  ...words(`
    night day evening overnight weekend shift rotating graveyard swing
    remote hybrid onsite site wfh telecommute virtual
    full part time fulltime parttime ft prn per diem contract temporary temp seasonal permanent
    position job opening hiring urgent immediate needed wanted bonus sign grad new`),
  // catch-all words of occupation names ("Physicians, All Other")
  ...words('all other except'),
];

/** US states (full names; two-letter codes count only after a comma, where they cannot be acronyms). */
export const STATE_NAMES = `
  alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, florida, georgia, hawaii, idaho,
  illinois, indiana, iowa, kansas, kentucky, louisiana, maine, maryland, massachusetts, michigan, minnesota,
  mississippi, missouri, montana, nebraska, nevada, new hampshire, new jersey, new mexico, new york, north carolina,
  north dakota, ohio, oklahoma, oregon, pennsylvania, rhode island, south carolina, south dakota, tennessee, texas,
  utah, vermont, virginia, washington, west virginia, wisconsin, wyoming, district of columbia`
  .trim()
  .split(/,\s+/);
export const STATE_CODES = new Set(
  words(
    'al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc',
  ),
);

/** Low-weight words, folded as titles fold them: sent to the database so both sides weigh them alike. */
export const NOISE_WORDS = [...new Set([...LEVEL_WORDS, ...SHIFT_WORDS].map(foldWord))];
export const NOISE_WEIGHT = 0.2;

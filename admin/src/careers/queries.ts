import { gql, request, type VariablesOf } from '../graphql.ts';

export interface Wage {
  metric: string;
  value: number;
  period: string;
}

export interface StepEnd {
  id: string;
  kind: string;
  name: string;
}

export interface SkillGapItem {
  skill: { id: string; name: string };
  fromLevel: number | null;
  toLevel: number;
  importance: number | null;
}

export interface Evidence {
  quote: string | null;
  locator: string | null;
  source: { title: string };
}

/** What a derived step rests on (the ladder relation's attributes.evidence). */
export interface StepEvidence {
  tier?: string | null;
  index?: number | null;
  jobZone?: { from: number | null; to: number | null };
  medianWage?: { from: number | null; to: number | null; period: string | null };
  education?: { from: string | null; to: string | null };
  skills?: {
    rated?: boolean;
    rising: number;
    meanRise: number;
    widest?: { name: string; from: number; to: number } | null;
  } | null;
}

export interface CareerStep {
  relationId: string;
  attributes: { evidence?: StepEvidence; score?: number } | null;
  from: StepEnd & { wages: Wage[] };
  to: StepEnd;
  type: 'ADVANCE' | 'LATERAL' | 'SPECIALIZE';
  derivation: string | null;
  score: number;
  credentialGate: boolean;
  educationNeeded: string | null;
  credentialsNeeded: Array<{ id: string; name: string }>;
  wageChange: number | null;
  wagePeriod: string | null;
  skillGap: SkillGapItem[];
  evidence: Evidence[];
}

export interface CareerPath {
  score: number;
  wageChange: number | null;
  steps: CareerStep[];
}

export interface TitleMatch {
  occupation: { id: string; name: string; onetSocCode: string | null };
  matchedTitle: string;
  score: number;
}

export type EducationLevel = NonNullable<VariablesOf<typeof CareerPaths>['maxEducation']>;

export interface PathFilters {
  maxSteps: number;
  maxEducation: EducationLevel | null;
  minWageGain: number | null;
  avoidCredentials: boolean;
}

const CareerPaths = gql(`
  query CareerPaths($from: ID!, $to: ID, $maxSteps: Int, $maxEducation: EducationLevel, $minWageGain: Float,
                    $avoidCredentials: Boolean) {
    careerPaths(from: $from, to: $to, maxSteps: $maxSteps, first: 10, maxEducation: $maxEducation,
                minWageGain: $minWageGain, avoidCredentials: $avoidCredentials) {
      score wageChange
      steps {
        relationId attributes type derivation score credentialGate educationNeeded wageChange wagePeriod
        from { id kind name wages { metric value period } }
        to { id kind name }
        credentialsNeeded { id name }
        skillGap { skill { id name } fromLevel toLevel importance }
        evidence { quote locator source { title } }
      }
    }
  }`);

export async function fetchCareerPaths(from: string, to: string | null, filters: PathFilters, signal?: AbortSignal) {
  const data = await request(CareerPaths, { from, to, ...filters }, signal);
  return data.careerPaths as CareerPath[];
}

const ResolveTitle = gql(`
  query Resolve($title: String!) {
    resolveTitle(title: $title, first: 8) { occupation { id name onetSocCode } matchedTitle score }
  }
`);

export async function resolveTitles(title: string, signal?: AbortSignal) {
  const data = await request(ResolveTitle, { title }, signal);
  return data.resolveTitle;
}

/** The start's median annual wage in the period its first step compares, else its latest. */
export function startWage(path: CareerPath): number | null {
  const [first] = path.steps;
  const medians = first.from.wages.filter((w) => w.metric === 'median_annual_wage');
  const period = first.wagePeriod?.split(' to ')[0];
  return (medians.find((w) => w.period === period) ?? medians.at(-1))?.value ?? null;
}

/** Median annual wage at the start and after each step (null where a step has no wage to compare). */
export function wagesAlong(path: CareerPath): Array<number | null> {
  const wages: Array<number | null> = [startWage(path)];
  for (const step of path.steps) {
    const previous = wages.at(-1) ?? null;
    wages.push(previous !== null && step.wageChange !== null ? previous + step.wageChange : null);
  }
  return wages;
}

/** The basis of a derived step in a sentence an analyst can check against the data. */
export function describeBasis(evidence: StepEvidence | undefined): string | null {
  if (!evidence) return null;
  const parts: string[] = [];
  if (evidence.index != null) parts.push(`O*NET related occupation #${evidence.index} (${evidence.tier ?? 'no tier'})`);
  else parts.push('a related occupation named by a source');
  if (evidence.jobZone && (evidence.jobZone.from !== null || evidence.jobZone.to !== null)) {
    parts.push(`job zone ${evidence.jobZone.from ?? '?'} → ${evidence.jobZone.to ?? '?'}`);
  }
  const w = evidence.medianWage;
  if (w && (w.from !== null || w.to !== null)) {
    parts.push(`median wage ${money(w.from)} → ${money(w.to)}${w.period ? ` (${w.period})` : ''}`);
  }
  if (evidence.education?.to) {
    parts.push(
      evidence.education.from
        ? `education ${evidence.education.from} → ${evidence.education.to}`
        : `the target asks for ${evidence.education.to} (the start's education is not recorded)`,
    );
  }
  const skills = evidence.skills;
  if (skills?.rated === false) parts.push('O*NET rates no skills at one end or both, so none are compared');
  else if (skills) {
    const widest = skills.widest
      ? ` (most in ${skills.widest.name}, level ${skills.widest.from.toFixed(1)} → ${skills.widest.to.toFixed(1)} of 7)`
      : '';
    parts.push(`${skills.rising} skills and knowledge areas rise by half a level or more${widest}`);
  }
  return parts.join('; ');
}

/** How a step was derived, in words ("onet_related + job zone + wage" and the like). */
export function derivationLabel(derivation: string | null): string {
  if (!derivation) return 'Stated by a source';
  const words: { [token: string]: string } = {
    onet_related: "O*NET's related occupations",
    'related_to (source)': 'a related occupation a source names',
    has_specialization: 'a specialization of the occupation',
    'job zone': 'job zones',
    wage: 'median wages',
    education: 'education levels',
    knowledge: 'knowledge ratings',
  };
  const parts = derivation.split('+').map((t) => t.trim());
  return `Derived from ${parts.map((t) => words[t] ?? t.replace(/_/g, ' ')).join(', ')}`;
}

export const STEP_TYPES: Record<CareerStep['type'], string> = {
  ADVANCE: 'Advance',
  LATERAL: 'Lateral move',
  SPECIALIZE: 'Specialize',
};

export const EDUCATION_LEVELS: ReadonlyArray<readonly [EducationLevel, string]> = [
  ['HIGH_SCHOOL', 'High school diploma'],
  ['POST_SECONDARY_CERTIFICATE', 'Post-secondary certificate'],
  ['SOME_COLLEGE', 'Some college courses'],
  ['ASSOCIATES', "Associate's degree"],
  ['BACHELORS', "Bachelor's degree"],
  ['MASTERS', "Master's degree"],
  ['DOCTORAL', 'Doctoral degree'],
] as const;

export const money = (value: number | null | undefined, signed = false) =>
  value == null
    ? '—'
    : `${signed && value > 0 ? '+' : ''}${value.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 })}`;

/**
 * The vocabulary of the graph: entity kinds, fact types, statuses, and the predicate catalogue.
 * The catalogue is seeded into the `predicate` / `predicate_rule` tables by migration, and the database
 * refuses any relation whose kinds it does not allow.
 */
/** What work is: occupations, the titles they go by, their specializations, tasks and skills. */
const WORK_KINDS = ['occupation', 'alternate_title', 'specialization', 'task', 'skill'] as const;
/** What leads to it: courses, programs, credentials and the bodies that issue them, and employers. */
const PATHWAY_KINDS = ['course', 'program', 'credential', 'issuing_body', 'employer'] as const;
export const ENTITY_KINDS = [...WORK_KINDS, ...PATHWAY_KINDS] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const FACT_STATUSES = ['draft', 'published', 'retired'] as const;
export type FactStatus = (typeof FACT_STATUSES)[number];

export const LABEL_TYPES = ['preferred', 'alternate', 'reported', 'hidden'] as const;
export type LabelType = (typeof LABEL_TYPES)[number];

export const FACT_TYPES = ['entity', 'label', 'relation', 'observation', 'citation', 'source'] as const;
export type FactType = (typeof FACT_TYPES)[number];

export interface PredicateDefinition {
  name: string;
  description: string;
  /** Name of the relation read from the `to` side, e.g. `issues` for `issued_by`. */
  inverseName: string;
  rules: ReadonlyArray<readonly [from: EntityKind, to: EntityKind]>;
}

const each = (froms: EntityKind[], tos: EntityKind[]) => froms.flatMap((from) => tos.map((to) => [from, to] as const));

export const PREDICATES: readonly PredicateDefinition[] = [
  {
    name: 'has_title',
    description: 'An occupation is known by this job title.',
    inverseName: 'title_of',
    rules: [['occupation', 'alternate_title']],
  },
  {
    name: 'has_specialization',
    description: 'A specialization practised within an occupation.',
    inverseName: 'specialization_of',
    rules: [['occupation', 'specialization']],
  },
  {
    name: 'performs_task',
    description: 'A duty performed in an occupation or specialization.',
    inverseName: 'task_of',
    rules: each(['occupation', 'specialization'], ['task']),
  },
  {
    name: 'requires_skill',
    description:
      'A skill, knowledge area or ability needed; attributes carry importance and level (O*NET) or whether it is essential or optional (ESCO).',
    inverseName: 'skill_of',
    rules: each(['occupation', 'specialization', 'credential'], ['skill']),
  },
  {
    name: 'broader_skill',
    description: 'A skill or knowledge area sits below this broader skill or skill group (ESCO hierarchy).',
    inverseName: 'narrower_skill',
    rules: [['skill', 'skill']],
  },
  {
    name: 'teaches_skill',
    description: 'A course or program develops this skill.',
    inverseName: 'taught_by',
    rules: each(['course', 'program'], ['skill']),
  },
  {
    name: 'recommends_course',
    description: 'Coursework that prepares for an occupation, specialization or credential.',
    inverseName: 'recommended_for',
    rules: each(['occupation', 'specialization', 'credential'], ['course']),
  },
  {
    name: 'includes_course',
    description: 'A program covers this course or topic.',
    inverseName: 'included_in',
    rules: [['program', 'course']],
  },
  {
    name: 'requires_credential',
    description:
      'A credential, certificate or degree needed (attributes.required: required | typical | optional), or a prerequisite of another credential.',
    inverseName: 'required_by',
    rules: each(['occupation', 'specialization', 'credential'], ['credential']),
  },
  {
    name: 'awards_credential',
    description: 'Completing a program earns this credential or degree.',
    inverseName: 'awarded_by_program',
    rules: [['program', 'credential']],
  },
  {
    name: 'prepares_for',
    description: 'A program prepares its learners for a credential exam, an occupation or a specialization.',
    inverseName: 'prepared_by',
    rules: each(['program', 'course'], ['credential', 'occupation', 'specialization']),
  },
  {
    name: 'issued_by',
    description: 'The body that awards or administers a credential.',
    inverseName: 'issues',
    rules: [['credential', 'issuing_body']],
  },
  {
    name: 'accredited_by',
    description: 'The body that accredits a program, or the programs that qualify for a credential.',
    inverseName: 'accredits',
    rules: each(['program', 'credential'], ['issuing_body']),
  },
  {
    name: 'offered_by',
    description: 'The school or organization that offers a program or course.',
    inverseName: 'offers',
    rules: each(['program', 'course'], ['issuing_body', 'employer']),
  },
  {
    name: 'employed_by',
    description: 'A kind of employer (or a named employer) that employs this occupation.',
    inverseName: 'employs',
    rules: each(['occupation', 'specialization'], ['employer']),
  },
  {
    name: 'related_to',
    description: 'A related occupation; attributes may carry tier and index.',
    inverseName: 'related_from',
    rules: [['occupation', 'occupation']],
  },
  {
    name: 'close_match',
    description:
      'The same or a very similar occupation in another classification (ESCO to O*NET); attributes carry the confidence and evidence. Proposed as drafts for review.',
    inverseName: 'close_match_of',
    rules: [['occupation', 'occupation']],
  },
  {
    name: 'advances_to',
    description: 'A promotion step on a career ladder.',
    inverseName: 'advanced_from',
    rules: [['occupation', 'occupation']],
  },
  {
    name: 'lateral_to',
    description: 'A move to an occupation at a similar level.',
    inverseName: 'lateral_from',
    rules: [['occupation', 'occupation']],
  },
  {
    name: 'specializes_to',
    description:
      'A move into a specialization: a specialization entity, or an O*NET-SOC occupation below the same SOC detailed code (29-1141.00 Registered Nurses to 29-1141.01 Acute Care Nurses).',
    inverseName: 'specialized_from',
    rules: [
      ['occupation', 'specialization'],
      ['occupation', 'occupation'],
    ],
  },
  {
    name: 'broader_program',
    description:
      'A program belongs to this broader family of programs (a CIP 6-digit program to its 4-digit group, a group to its 2-digit series).',
    inverseName: 'narrower_program',
    rules: [['program', 'program']],
  },
];

export const PREDICATE_NAMES = PREDICATES.map((p) => p.name);

export interface MetricDefinition {
  name: string;
  unit: string;
  description: string;
}

/** The wage figures of an occupation (what its typed `wages` field lists): the other metrics are not wages. */
export const WAGE_METRICS: ReadonlySet<string> = new Set([
  'median_annual_wage',
  'mean_annual_wage',
  'median_hourly_wage',
  'mean_hourly_wage',
  'annual_wage_p10',
  'annual_wage_p25',
  'annual_wage_p75',
  'annual_wage_p90',
  'hourly_wage_p10',
  'hourly_wage_p25',
  'hourly_wage_p75',
  'hourly_wage_p90',
  'wage_range_low',
  'wage_range_high',
]);

/** Observation metrics, each with its one unit; the database refuses any other pair. */
export const METRICS: readonly MetricDefinition[] = [
  { name: 'employment', unit: 'jobs', description: 'Number of people employed.' },
  { name: 'median_annual_wage', unit: 'USD/year', description: 'Median annual wage.' },
  { name: 'mean_annual_wage', unit: 'USD/year', description: 'Mean (average) annual wage.' },
  { name: 'median_hourly_wage', unit: 'USD/hour', description: 'Median hourly wage.' },
  { name: 'mean_hourly_wage', unit: 'USD/hour', description: 'Mean (average) hourly wage.' },
  { name: 'annual_wage_p10', unit: 'USD/year', description: '10th percentile annual wage.' },
  { name: 'annual_wage_p25', unit: 'USD/year', description: '25th percentile annual wage.' },
  { name: 'annual_wage_p75', unit: 'USD/year', description: '75th percentile annual wage.' },
  { name: 'annual_wage_p90', unit: 'USD/year', description: '90th percentile annual wage.' },
  { name: 'hourly_wage_p10', unit: 'USD/hour', description: '10th percentile hourly wage.' },
  { name: 'hourly_wage_p25', unit: 'USD/hour', description: '25th percentile hourly wage.' },
  { name: 'hourly_wage_p75', unit: 'USD/hour', description: '75th percentile hourly wage.' },
  { name: 'hourly_wage_p90', unit: 'USD/hour', description: '90th percentile hourly wage.' },
  { name: 'wage_range_low', unit: 'USD/year', description: 'Low end of a stated salary range.' },
  { name: 'wage_range_high', unit: 'USD/year', description: 'High end of a stated salary range.' },
  { name: 'projected_growth', unit: 'percent', description: 'Projected change in employment over the period.' },
  {
    name: 'projected_job_openings_change',
    unit: 'jobs',
    description: 'Projected change in the number of jobs over the period.',
  },
  { name: 'projected_employment', unit: 'jobs', description: 'Employment projected for the end of the period.' },
  {
    name: 'annual_openings',
    unit: 'jobs/year',
    description:
      'Openings a year on average over the period: growth plus workers who leave the occupation or the labor force.',
  },
  {
    name: 'typical_entry_education',
    unit: 'rank',
    description:
      "BLS's typical education needed for entry, ranked from 1 (no formal educational credential) to 8 (doctoral or professional degree); attributes.category names it.",
  },
  {
    name: 'related_work_experience',
    unit: 'rank',
    description:
      "BLS's work experience in a related occupation needed for entry: 1 none, 2 less than 5 years, 3 5 years or more; attributes.category names it.",
  },
  {
    name: 'on_the_job_training',
    unit: 'rank',
    description:
      "BLS's typical on-the-job training to attain competency, from 1 (none) to 6 (internship/residency); attributes.category names it.",
  },
  {
    name: 'industry_employment',
    unit: 'jobs',
    description: 'Number employed in the occupation within one industry (attributes.naicsCode).',
  },
  {
    name: 'industry_median_annual_wage',
    unit: 'USD/year',
    description: 'Median annual wage of the occupation within one industry (attributes.naicsCode).',
  },
];

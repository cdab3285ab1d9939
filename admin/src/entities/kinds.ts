/**
 * The ten entity kinds of the graph, and everything the console needs to show and edit each one:
 * its resource name, readable labels, menu group and the typed detail fields the API keeps for it
 * (`details` on the Entity interface, camelCase).
 */

export type EntityKind =
  | 'OCCUPATION'
  | 'ALTERNATE_TITLE'
  | 'SPECIALIZATION'
  | 'TASK'
  | 'SKILL'
  | 'COURSE'
  | 'PROGRAM'
  | 'CREDENTIAL'
  | 'ISSUING_BODY'
  | 'EMPLOYER';

export type DetailFieldType = 'text' | 'longText' | 'integer' | 'number' | 'select' | 'url' | 'lines';

export interface DetailField {
  /** Key in `details` (camelCase, as the API names it). */
  name: string;
  label: string;
  type: DetailFieldType;
  required?: boolean;
  helperText?: string;
  choices?: ReadonlyArray<{ id: string | number; name: string }>;
  min?: number;
  max?: number;
  /** Shown as a column in the kind's list. */
  inList?: boolean;
  /** The list can be sorted by it (the API's EntityOrder has it). */
  sortable?: boolean;
  /** Checked before the API sees it, with the API's own rule. */
  pattern?: { regex: RegExp; message: string };
}

export type MenuGroup = 'Occupations' | 'Learning' | 'Credentials' | 'Organizations';

export interface KindConfig {
  kind: EntityKind;
  /** react-admin resource name (URL segment). */
  resource: string;
  singular: string;
  plural: string;
  group: MenuGroup;
  details: DetailField[];
}

const choices = (...values: string[]) => values.map((id) => ({ id, name: humanize(id) }));

/** snake_case or UPPER_CASE to a readable phrase: "soft_skill" -> "Soft skill". */
export function humanize(value: string | null | undefined): string {
  if (!value) return '';
  const words = value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const KINDS: KindConfig[] = [
  {
    kind: 'OCCUPATION',
    resource: 'occupations',
    singular: 'Occupation',
    plural: 'Occupations',
    group: 'Occupations',
    details: [
      {
        name: 'socCode',
        label: 'SOC code',
        type: 'text',
        inList: true,
        sortable: true,
        helperText: 'SOC 2018, e.g. 29-2072',
        pattern: { regex: /^\d{2}-\d{4}$/, message: 'A SOC code looks like 29-2072' },
      },
      {
        name: 'onetSocCode',
        label: 'O*NET-SOC code',
        type: 'text',
        inList: true,
        sortable: true,
        helperText: 'e.g. 29-2072.00',
        pattern: { regex: /^\d{2}-\d{4}\.\d{2}$/, message: 'An O*NET-SOC code looks like 29-2072.00' },
      },
      {
        name: 'jobZone',
        label: 'Job zone',
        type: 'select',
        choices: [1, 2, 3, 4, 5].map((id) => ({ id, name: `Job zone ${id}` })),
      },
      { name: 'description', label: 'Description', type: 'longText' },
    ],
  },
  {
    kind: 'ALTERNATE_TITLE',
    resource: 'alternate-titles',
    singular: 'Alternate title',
    plural: 'Alternate titles',
    group: 'Occupations',
    details: [{ name: 'shortTitle', label: 'Short title', type: 'text', inList: true }],
  },
  {
    kind: 'SPECIALIZATION',
    resource: 'specializations',
    singular: 'Specialization',
    plural: 'Specializations',
    group: 'Occupations',
    details: [{ name: 'description', label: 'Description', type: 'longText' }],
  },
  {
    kind: 'TASK',
    resource: 'tasks',
    singular: 'Task',
    plural: 'Tasks',
    group: 'Occupations',
    details: [
      { name: 'taskType', label: 'Task type', type: 'text', inList: true, helperText: 'e.g. core, supplemental' },
      { name: 'onetTaskId', label: 'O*NET task ID', type: 'integer', min: 1 },
    ],
  },
  {
    kind: 'SKILL',
    resource: 'skills',
    singular: 'Skill',
    plural: 'Skills',
    group: 'Learning',
    details: [
      {
        name: 'category',
        label: 'Category',
        type: 'select',
        inList: true,
        choices: choices('skill', 'knowledge', 'ability', 'soft_skill', 'technology', 'esco'),
      },
      { name: 'elementId', label: 'O*NET element ID', type: 'text' },
      { name: 'description', label: 'Description', type: 'longText' },
    ],
  },
  {
    kind: 'COURSE',
    resource: 'courses',
    singular: 'Course',
    plural: 'Courses',
    group: 'Learning',
    details: [{ name: 'description', label: 'Description', type: 'longText' }],
  },
  {
    kind: 'PROGRAM',
    resource: 'programs',
    singular: 'Program',
    plural: 'Programs',
    group: 'Learning',
    details: [
      { name: 'level', label: 'Level', type: 'text', inList: true, helperText: "e.g. certificate, associate's degree" },
      { name: 'durationText', label: 'Duration', type: 'text', inList: true, helperText: 'As the source states it' },
      { name: 'durationMonthsMin', label: 'Shortest duration (months)', type: 'number', min: 0, max: 240 },
      { name: 'durationMonthsMax', label: 'Longest duration (months)', type: 'number', min: 0, max: 240 },
      { name: 'supervisedHours', label: 'Supervised hours', type: 'integer', min: 0, max: 100000 },
      { name: 'delivery', label: 'Delivery', type: 'text', helperText: 'e.g. online, on campus, hybrid' },
      { name: 'admissionRequirements', label: 'Admission requirements', type: 'lines', helperText: 'One per line' },
      { name: 'description', label: 'Description', type: 'longText' },
    ],
  },
  {
    kind: 'CREDENTIAL',
    resource: 'credentials',
    singular: 'Credential',
    plural: 'Credentials',
    group: 'Credentials',
    details: [
      {
        name: 'credentialType',
        label: 'Credential type',
        type: 'select',
        required: true,
        inList: true,
        choices: choices('certification', 'certificate', 'degree', 'diploma', 'license', 'designation'),
      },
      { name: 'abbreviation', label: 'Abbreviation', type: 'text', inList: true, helperText: 'e.g. RHIT' },
      {
        name: 'jurisdiction',
        label: 'Jurisdiction',
        type: 'text',
        helperText: 'where a licence is valid, e.g. New Jersey',
      },
      { name: 'description', label: 'Description', type: 'longText' },
    ],
  },
  {
    kind: 'ISSUING_BODY',
    resource: 'issuing-bodies',
    singular: 'Issuing body',
    plural: 'Issuing bodies',
    group: 'Credentials',
    details: [
      { name: 'abbreviation', label: 'Abbreviation', type: 'text', inList: true, helperText: 'e.g. AHIMA' },
      {
        name: 'bodyType',
        label: 'Body type',
        type: 'text',
        inList: true,
        helperText: 'e.g. professional_association, accreditor, school',
      },
      { name: 'url', label: 'Website', type: 'url' },
    ],
  },
  {
    kind: 'EMPLOYER',
    resource: 'employers',
    singular: 'Employer',
    plural: 'Employers',
    group: 'Organizations',
    details: [
      {
        name: 'employerType',
        label: 'Employer type',
        type: 'select',
        inList: true,
        choices: [
          { id: 'industry', name: 'Industry (a NAICS sector)' },
          { id: 'industry_type', name: 'Kind of employer (e.g. hospitals)' },
          { id: 'organization', name: 'Organization (a named employer)' },
        ],
      },
      { name: 'naicsCode', label: 'NAICS code', type: 'text', inList: true },
    ],
  },
];

export const KIND_BY_RESOURCE: Record<string, KindConfig> = Object.fromEntries(KINDS.map((k) => [k.resource, k]));
export const KIND_BY_ENUM = Object.fromEntries(KINDS.map((k) => [k.kind, k])) as Record<EntityKind, KindConfig>;

/** The resource that shows entities of a kind ("OCCUPATION" -> "occupations"). */
export const resourceForKind = (kind: string | null | undefined) =>
  (kind && KIND_BY_ENUM[kind as EntityKind]?.resource) || 'entities';

export const kindLabel = (kind: string | null | undefined) =>
  (kind && KIND_BY_ENUM[kind as EntityKind]?.singular) || humanize(kind);

export const STATUS_CHOICES = [
  { id: 'DRAFT', name: 'Draft' },
  { id: 'PUBLISHED', name: 'Published' },
  { id: 'RETIRED', name: 'Retired' },
];

export const LABEL_TYPE_CHOICES = [
  { id: 'PREFERRED', name: 'Preferred name' },
  { id: 'ALTERNATE', name: 'Alternate name' },
  { id: 'REPORTED', name: 'Reported title' },
  { id: 'HIDDEN', name: 'Hidden (searchable misspelling)' },
];

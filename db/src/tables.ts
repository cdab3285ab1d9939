import type { ColumnType, Generated, Selectable } from 'kysely';
import type { EntityKind, FactStatus, FactType, LabelType } from './model.ts';

/** Columns every versioned fact row shares. */
interface Versioned {
  status: ColumnType<FactStatus, FactStatus | undefined, FactStatus>;
  version: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

type Json = ColumnType<Record<string, unknown>, string | undefined, string>;

export interface EntityTable extends Versioned {
  id: Generated<string>;
  kind: EntityKind;
  name: string;
  superseded_by: string | null;
}

/** Detail tables: one row per entity of that kind, joined on entity_id. */
export interface OccupationTable {
  entity_id: string;
  kind: Generated<'occupation'>;
  soc_code: string | null;
  onet_soc_code: string | null;
  description: string | null;
  job_zone: number | null;
  isco_code: ColumnType<string | null, string | null | undefined, string | null>;
  isco_title: ColumnType<string | null, string | null | undefined, string | null>;
  esco_uri: ColumnType<string | null, string | null | undefined, string | null>;
  esco_code: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface AlternateTitleTable {
  entity_id: string;
  kind: Generated<'alternate_title'>;
  short_title: string | null;
}
export interface SpecializationTable {
  entity_id: string;
  kind: Generated<'specialization'>;
  description: string | null;
}
export interface TaskTable {
  entity_id: string;
  kind: Generated<'task'>;
  onet_task_id: number | null;
  task_type: string | null;
}
export interface SkillTable {
  entity_id: string;
  kind: Generated<'skill'>;
  category: string;
  element_id: string | null;
  description: string | null;
  esco_uri: ColumnType<string | null, string | null | undefined, string | null>;
  esco_type: ColumnType<string | null, string | null | undefined, string | null>;
  reuse_level: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface CourseTable {
  entity_id: string;
  kind: Generated<'course'>;
  description: string | null;
}
export interface ProgramTable {
  entity_id: string;
  kind: Generated<'program'>;
  cip_code: ColumnType<string | null, string | null | undefined, string | null>;
  level: string | null;
  duration_text: string | null;
  duration_months_min: number | null;
  duration_months_max: number | null;
  supervised_hours: number | null;
  delivery: string | null;
  admission_requirements: ColumnType<string[] | null, string | null | undefined, string | null>;
  description: string | null;
}
export interface CredentialTable {
  entity_id: string;
  kind: Generated<'credential'>;
  credential_type: string;
  abbreviation: string | null;
  description: string | null;
  jurisdiction: string | null;
}
export interface IssuingBodyTable {
  entity_id: string;
  kind: Generated<'issuing_body'>;
  abbreviation: string | null;
  body_type: string | null;
  url: string | null;
}
export interface EmployerTable {
  entity_id: string;
  kind: Generated<'employer'>;
  employer_type: string;
  naics_code: string | null;
}

export interface LabelTable extends Versioned {
  id: Generated<string>;
  entity_id: string;
  text: string;
  type: LabelType;
  language: ColumnType<string, string | undefined, string>;
  source_id: string | null;
}

export interface PredicateTable {
  name: string;
  description: string;
  inverse_name: string;
}
export interface PredicateRuleTable {
  predicate: string;
  from_kind: EntityKind;
  to_kind: EntityKind;
}

export interface RelationTable extends Versioned {
  id: Generated<string>;
  predicate: string;
  from_id: string;
  from_kind: EntityKind;
  to_id: string;
  to_kind: EntityKind;
  attributes: Json;
}

export interface MetricTable {
  name: string;
  unit: string;
  description: string;
}

export interface ObservationTable extends Versioned {
  id: Generated<string>;
  entity_id: string;
  metric: string;
  value: number;
  unit: string;
  period: string;
  period_start: ColumnType<string | null, string | null | undefined, string | null>;
  period_end: ColumnType<string | null, string | null | undefined, string | null>;
  geography: string | null;
  source_id: string | null;
  attributes: Json;
}

export interface SourceTable {
  id: Generated<string>;
  key: string;
  title: string;
  url: string | null;
  publisher: string | null;
  published_at: ColumnType<string | null, string | null | undefined, string | null>;
  retrieved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  kind: string;
  version: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CitationTable extends Versioned {
  id: Generated<string>;
  source_id: string;
  entity_id: string | null;
  label_id: string | null;
  relation_id: string | null;
  observation_id: string | null;
  quote: string | null;
  locator: string | null;
  retrieved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  curator: string | null;
  review_status: ColumnType<string, string | undefined, string>;
}

/**
 * One change per row, read from the versioned tables and their history (a view since migration 0014; it takes no
 * writes): who, when, why, and the whole row before and after.
 */
export interface ChangeLogTable {
  id: ColumnType<string, never, never>;
  at: ColumnType<Date, never, never>;
  actor: ColumnType<string, never, never>;
  fact_type: ColumnType<FactType, never, never>;
  fact_id: ColumnType<string, never, never>;
  op: ColumnType<'create' | 'update' | 'delete', never, never>;
  version: ColumnType<number | null, never, never>;
  before: ColumnType<Record<string, unknown> | null, never, never>;
  after: ColumnType<Record<string, unknown> | null, never, never>;
  reason: ColumnType<string | null, never, never>;
  approved_by: ColumnType<string | null, never, never>;
  draft_id: ColumnType<string | null, never, never>;
}

/**
 * Who made the changes of one writing transaction, when and why. Its changes are the ids from `first_n` up to
 * the next change set's; a trigger opens it at the transaction's first change (change-log/repository.ts).
 */
export interface ChangeSetTable {
  first_n: ColumnType<string, never, never>;
  at: ColumnType<Date, never, never>;
  actor: ColumnType<string, never, string>;
  reason: ColumnType<string | null, never, string | null>;
  approved_by: ColumnType<string | null, never, string | null>;
  draft_id: ColumnType<string | null, never, string | null>;
}

export type Role = 'viewer' | 'curator' | 'reviewer' | 'admin';

export interface AccountTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  role: Role;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  /** Tokens issued before this time are refused (a password change or a disable sets it). */
  tokens_valid_after: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface LoginThrottleTable {
  email: string;
  /** The client's IP address, as the server saw it. */
  client: string;
  failures: number;
  last_failure_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SettingTable {
  key: string;
  value: string;
}

export type DraftStatus = 'pending' | 'published' | 'rejected' | 'withdrawn';

export interface DraftTable {
  id: Generated<string>;
  operation: string;
  fact_type: FactType;
  fact_id: string | null;
  entity_id: string | null;
  base_version: number | null;
  input: Json;
  citations: ColumnType<unknown[], string | undefined, string>;
  status: ColumnType<DraftStatus, DraftStatus | undefined, DraftStatus>;
  author: string;
  reason: string | null;
  reviewer: string | null;
  reviewed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  review_reason: string | null;
  result_fact_id: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface EntityKindTable {
  kind: EntityKind;
}

export interface ExternalKeyTable {
  namespace: string;
  key: string;
  entity_id: string;
  managed: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ImportRunTable {
  id: Generated<string>;
  dataset: string;
  source_id: string | null;
  started_at: ColumnType<Date, never, never>;
  finished_at: ColumnType<Date | null, never, Date | string | null>;
  status: ColumnType<'running' | 'finished' | 'failed', 'running' | undefined, 'finished' | 'failed'>;
  summary: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export type CodeSystemName = 'soc_2010' | 'soc_2018';
export type SocLevel = 'major' | 'minor' | 'broad' | 'detailed';

/** A code of an occupational classification (SOC 2018 groups and occupations, SOC 2010 occupations). */
export interface SocCodeTable {
  system: CodeSystemName;
  code: string;
  level: SocLevel;
  title: string;
  definition: string | null;
  parent_code: string | null;
  source_id: string;
  locator: string;
  definition_locator: string | null;
}

/** One pair of a classification crosswalk (SOC 2010 -> SOC 2018). */
export interface SocCrosswalkTable {
  from_system: CodeSystemName;
  from_code: string;
  to_system: CodeSystemName;
  to_code: string;
  from_title: string;
  to_title: string;
  source_id: string;
  locator: string;
}

export interface Database {
  external_key: ExternalKeyTable;
  import_run: ImportRunTable;
  entity_kind: EntityKindTable;
  entity: EntityTable;
  occupation: OccupationTable;
  alternate_title: AlternateTitleTable;
  specialization: SpecializationTable;
  task: TaskTable;
  skill: SkillTable;
  course: CourseTable;
  program: ProgramTable;
  credential: CredentialTable;
  issuing_body: IssuingBodyTable;
  employer: EmployerTable;
  label: LabelTable;
  predicate: PredicateTable;
  predicate_rule: PredicateRuleTable;
  relation: RelationTable;
  metric: MetricTable;
  observation: ObservationTable;
  source: SourceTable;
  citation: CitationTable;
  change_log: ChangeLogTable;
  change_set: ChangeSetTable;
  account: AccountTable;
  login_throttle: LoginThrottleTable;
  setting: SettingTable;
  draft: DraftTable;
  soc_code: SocCodeTable;
  soc_crosswalk: SocCrosswalkTable;
}

export type EntityRow = Selectable<EntityTable>;
export type LabelRow = Selectable<LabelTable>;
export type RelationRow = Selectable<RelationTable>;
export type ObservationRow = Selectable<ObservationTable>;
export type SourceRow = Selectable<SourceTable>;
export type CitationRow = Selectable<CitationTable>;
export type ChangeLogRow = Selectable<ChangeLogTable>;
export type AccountRow = Selectable<AccountTable>;
export type DraftRow = Selectable<DraftTable>;
export type SocCodeRow = Selectable<SocCodeTable>;
export type SocCrosswalkRow = Selectable<SocCrosswalkTable>;

import type { EntityKind, LabelType } from '../model.ts';

/** A verbatim quote from a seed document that supports a fact. */
export interface SeedCitation {
  /** Key of a SeedSource. */
  source: string;
  /** Copied verbatim from the document (case and whitespace may differ). */
  quote: string;
  /** Where in the document: a heading or list name. */
  locator?: string;
}

export interface SeedSource {
  key: string;
  /** File name of the document in the seed corpus. */
  file: string;
  title: string;
  url?: string;
  publisher?: string;
  /** ISO date the page states it was published, if it states one. */
  publishedAt?: string;
  kind: 'web_page';
}

/** Typed detail columns per kind (all optional). */
export interface SeedDetails {
  occupation?: { socCode?: string; onetSocCode?: string; description?: string; jobZone?: number };
  alternate_title?: { shortTitle?: string };
  specialization?: { description?: string };
  task?: { onetTaskId?: number; taskType?: string };
  skill?: {
    category: 'skill' | 'knowledge' | 'ability' | 'soft_skill' | 'technology';
    elementId?: string;
    description?: string;
  };
  course?: { description?: string };
  program?: {
    level?: string;
    durationText?: string;
    durationMonthsMin?: number;
    durationMonthsMax?: number;
    supervisedHours?: number;
    delivery?: string;
    admissionRequirements?: string[];
    description?: string;
  };
  credential?: {
    credentialType: 'certification' | 'certificate' | 'degree' | 'diploma' | 'license' | 'designation';
    abbreviation?: string;
    description?: string;
  };
  issuing_body?: { abbreviation?: string; bodyType?: string; url?: string };
  employer?: { employerType: 'industry_type' | 'organization'; naicsCode?: string };
}

export interface SeedEntity {
  /** Stable key used by relations and observations in the seed, e.g. `occupation:medical-records-technician`. */
  key: string;
  kind: EntityKind;
  name: string;
  details?: SeedDetails;
  /** Extra labels besides the name (which becomes the preferred label). */
  labels?: Array<{ text: string; type: Exclude<LabelType, 'preferred'>; cite: SeedCitation[] }>;
  cite: SeedCitation[];
}

export interface SeedRelation {
  from: string;
  predicate: string;
  to: string;
  attributes?: Record<string, unknown>;
  cite: SeedCitation[];
}

export interface SeedObservation {
  entity: string;
  metric: string;
  value: number;
  unit: string;
  /** As the source states it: "2012", "May 2017", "2016-2026", or "undated" when the page gives none. */
  period: string;
  periodStart?: string;
  periodEnd?: string;
  geography?: string;
  attributes?: Record<string, unknown>;
  cite: SeedCitation[];
}

export interface SeedGraph {
  sources: SeedSource[];
  entities: SeedEntity[];
  relations: SeedRelation[];
  observations: SeedObservation[];
}

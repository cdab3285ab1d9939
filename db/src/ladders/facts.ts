import { sql } from 'kysely';
import { type Reader, selectRows } from '../batch.ts';
import type { EntityKind } from '../model.ts';

/** The ladder predicates, each a kind of career step. */
export const LADDER_PREDICATES = ['advances_to', 'lateral_to', 'specializes_to'] as const;
export type LadderPredicate = (typeof LADDER_PREDICATES)[number];

/** O*NET's twelve education categories (Education, Training, and Experience, scale RL), lowest first. */
export const EDUCATION_LEVELS = [
  { rank: 1, key: 'LESS_THAN_HIGH_SCHOOL', name: 'Less than a High School Diploma' },
  { rank: 2, key: 'HIGH_SCHOOL', name: 'High School Diploma' },
  { rank: 3, key: 'POST_SECONDARY_CERTIFICATE', name: 'Post-Secondary Certificate' },
  { rank: 4, key: 'SOME_COLLEGE', name: 'Some College Courses' },
  { rank: 5, key: 'ASSOCIATES', name: "Associate's Degree" },
  { rank: 6, key: 'BACHELORS', name: "Bachelor's Degree" },
  { rank: 7, key: 'POST_BACCALAUREATE_CERTIFICATE', name: 'Post-Baccalaureate Certificate' },
  { rank: 8, key: 'MASTERS', name: "Master's Degree" },
  { rank: 9, key: 'POST_MASTERS_CERTIFICATE', name: "Post-Master's Certificate" },
  { rank: 10, key: 'FIRST_PROFESSIONAL', name: 'First Professional Degree' },
  { rank: 11, key: 'DOCTORAL', name: 'Doctoral Degree' },
  { rank: 12, key: 'POST_DOCTORAL', name: 'Post-Doctoral Training' },
] as const;

/**
 * Where a credential sits among the education levels: O*NET's category when the requirement came from O*NET,
 * else read from a degree or diploma's name (the seed's "Bachelor's degree", "Associate Degree" ...).
 * Certifications (RHIT, CCS) are not education levels and get none.
 */
export function educationRank(credential: { name: string; category?: number | null; type?: string | null }) {
  if (credential.category) return credential.category;
  if (credential.type && !['degree', 'diploma', 'certificate', 'education_level'].includes(credential.type)) {
    return null;
  }
  const name = credential.name.toLowerCase();
  if (/post-?doctoral/.test(name)) return 12;
  if (/doctor/.test(name)) return 11;
  if (/master/.test(name)) return 8;
  if (/bachelor/.test(name)) return 6;
  if (/associate/.test(name)) return 5;
  if (/post-?secondary certificate/.test(name)) return 3;
  if (/high school/.test(name)) return 2;
  return null;
}

export interface NodeCredential {
  id: string;
  name: string;
  /** required or typical */
  required: string;
  rank: number | null;
}

/** What a career step needs to know about each end: level, pay, education and the credentials it asks for. */
export interface NodeFacts {
  id: string;
  kind: EntityKind;
  name: string;
  jobZone: number | null;
  wage: { value: number; period: string; observationId: string } | null;
  /** The lowest education level the occupation typically asks for, when the graph states one. */
  education: { rank: number; name: string; credentialId: string } | null;
  credentials: NodeCredential[];
}

interface FactsRow {
  id: string;
  kind: EntityKind;
  name: string;
  job_zone: number | null;
  wage: number | null;
  wage_period: string | null;
  wage_id: string | null;
  credentials: Array<{ id: string; name: string; required: string; category: string | null; type: string | null }>;
}

/**
 * Facts of many entities in one statement (or of every occupation when `ids` is null): job zone, the most
 * recent median annual wage, and the credentials they require or typically ask for.
 */
export async function loadNodeFacts(reader: Reader, ids: readonly string[] | null): Promise<Map<string, NodeFacts>> {
  const scope = ids === null ? sql`e.kind = 'occupation'` : sql`e.id = any(${[...ids]}::uuid[])`;
  const query = sql<FactsRow>`
    select e.id, e.kind, e.name, o.job_zone, w.value as wage, w.period as wage_period, w.id as wage_id,
      coalesce(c.list, '[]'::jsonb) as credentials
    from entity e
    left join occupation o on o.entity_id = e.id
    left join lateral (
      select ob.id, ob.value, ob.period from observation ob
      where ob.entity_id = e.id and ob.metric = 'median_annual_wage' and ob.status = 'published'
      order by ob.period_end desc nulls last, ob.created_at, ob.id
      limit 1
    ) w on true
    left join lateral (
      select jsonb_agg(jsonb_build_object('id', ce.id, 'name', ce.name, 'required', r.attributes->>'required',
          'category', r.attributes->>'category', 'type', cr.credential_type) order by ce.name, ce.id) as list
      from relation r
      join entity ce on ce.id = r.to_id
      join credential cr on cr.entity_id = ce.id
      where r.from_id = e.id and r.predicate = 'requires_credential' and r.status = 'published'
        and r.attributes->>'required' in ('required', 'typical')
    ) c on true
    where ${scope} and e.status = 'published'`;
  const rows = await selectRows(reader, query, (row) => row as unknown as FactsRow);
  const map = new Map<string, NodeFacts>();
  for (const row of rows) {
    const credentials = row.credentials.map((c) => ({
      id: c.id,
      name: c.name,
      required: c.required,
      rank: educationRank({ name: c.name, category: c.category ? Number(c.category) : null, type: c.type }),
    }));
    // Several typical levels are alternatives (a certificate or an associate degree): the lowest opens the door.
    const levels = credentials
      .filter((c) => c.rank !== null)
      .sort((a, b) => a.rank! - b.rank! || Number(b.required === 'required') - Number(a.required === 'required'));
    const entry = levels[0];
    map.set(row.id, {
      id: row.id,
      kind: row.kind,
      name: row.name,
      jobZone: row.job_zone,
      wage:
        row.wage === null ? null : { value: Number(row.wage), period: row.wage_period!, observationId: row.wage_id! },
      education: entry ? { rank: entry.rank!, name: entry.name, credentialId: entry.id } : null,
      credentials,
    });
  }
  return map;
}

/**
 * What a step from one entity to another asks for that the first does not: credentials the target requires
 * or typically asks for that the start does not, leaving out education levels at or below the start's.
 */
export function credentialsNeeded(from: NodeFacts | undefined, to: NodeFacts | undefined): NodeCredential[] {
  if (!to) return [];
  const held = new Set(from?.credentials.map((c) => c.id) ?? []);
  const fromRank = from?.education?.rank ?? 0;
  return to.credentials.filter((c) => {
    if (held.has(c.id)) return false;
    if (c.rank !== null) {
      // an education level is needed only when it is the target's entry level and above the start's
      return c.rank > fromRank && c.id === to.education?.credentialId;
    }
    return c.required === 'required';
  });
}

/** The education a step needs: the target's entry level when it is above the start's. */
export function educationNeeded(from: NodeFacts | undefined, to: NodeFacts | undefined) {
  if (!to?.education) return null;
  if (from?.education && from.education.rank >= to.education.rank) return null;
  return to.education;
}

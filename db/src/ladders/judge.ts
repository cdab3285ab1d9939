import { sql } from 'kysely';
import type { Db } from '../connect.ts';
import type { NodeFacts } from './facts.ts';

/**
 * Whether a related occupation is a sensible next step, and what the step rests on. O*NET relates occupations
 * that share work (a manager of health services and an emergency physician both work in hospitals), not ones a
 * person can move between, so relatedness alone is not a ladder: the level, the pay, the education and the
 * knowledge at both ends must show a step a person could take.
 */

/** Pay within this share of the start's counts as the same level; this much more or above, as a promotion. */
const SAME_PAY = 0.1;
/** A skill counts as rising when the target's level is at least this much higher (O*NET level scale 0-7). */
const SKILL_RISE = 0.5;
/** The target's most important knowledge areas, the ones that define its field. */
const CORE_KNOWLEDGE = 5;
/** A core knowledge area this many levels (of 7) above the start's is a new field of study, not a step. */
const NEW_FIELD_RISE = 3;

export interface SkillRating {
  name: string;
  category: string | null;
  level: number;
  importance: number | null;
}

/** Skill and knowledge ratings by occupation: entity id -> skill id -> rating. */
export type SkillRatings = Map<string, Map<string, SkillRating>>;

/** Why a related occupation is not a ladder step. */
export type Refusal =
  | 'missing_evidence' // a job zone or a median wage is missing at either end: up cannot be told from across
  | 'downward' // lower job zone or lower pay
  | 'zone_leap' // two job zones or more in one move
  | 'degree_leap' // a doctoral or professional degree (medicine, law) from less than a bachelor's
  | 'new_field'; // the target's core knowledge lies far beyond the start's

export interface SkillEvidence {
  /** Whether both ends have O*NET ratings; without them, nothing can be said to rise. */
  rated: boolean;
  rising: number;
  meanRise: number;
  /** The core knowledge area (or skill) that rises most, with both levels. */
  widest: { name: string; from: number; to: number } | null;
}

export type Judgement =
  | { predicate: 'advances_to' | 'lateral_to'; skills: SkillEvidence }
  | { refusal: Refusal; skills: SkillEvidence };

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** O*NET education ranks: a bachelor's degree, and a first professional degree (medicine, law) or doctorate. */
const BACHELORS = 6;
const PROFESSIONAL = 10;

/**
 * Up (higher job zone for pay not lower, or the same zone and clearly better pay), across (same zone, similar
 * pay), or neither. Both ends need a job zone and a median wage: with either missing, the data cannot tell.
 */
export function classifyMove(from: NodeFacts, to: NodeFacts): 'advances_to' | 'lateral_to' | Refusal {
  if (from.jobZone === null || to.jobZone === null || !from.wage || !to.wage) return 'missing_evidence';
  const zone = to.jobZone - from.jobZone;
  const pay = to.wage.value / from.wage.value - 1;
  if (zone >= 2) return 'zone_leap';
  if (zone === 1) return pay >= 0 ? 'advances_to' : 'downward';
  if (zone < 0) return 'downward';
  if (pay >= SAME_PAY) return 'advances_to';
  if (Math.abs(pay) < SAME_PAY) return 'lateral_to';
  return 'downward';
}

/** How the target's skills and knowledge compare with the start's. */
export function compareSkills(
  from: Map<string, SkillRating> | undefined,
  to: Map<string, SkillRating> | undefined,
): SkillEvidence {
  if (!from?.size || !to?.size) return { rated: false, rising: 0, meanRise: 0, widest: null };
  let rising = 0;
  let total = 0;
  for (const [id, rating] of to) {
    const gap = rating.level - (from.get(id)?.level ?? 0);
    if (gap >= SKILL_RISE) {
      rising++;
      total += gap;
    }
  }
  const core = [...to.entries()]
    .filter(([, r]) => r.category === 'knowledge' && r.importance !== null)
    .sort(([, a], [, b]) => b.importance! - a.importance! || a.name.localeCompare(b.name))
    .slice(0, CORE_KNOWLEDGE);
  let widest: SkillEvidence['widest'] = null;
  for (const [id, rating] of core) {
    const start = from.get(id)?.level ?? 0;
    if (!widest || rating.level - start > widest.to - widest.from) {
      widest = { name: rating.name, from: round(start), to: round(rating.level) };
    }
  }
  return { rated: true, rising, meanRise: rising ? round(total / rising) : 0, widest };
}

/** Judges a move between two related occupations: a ladder step of some type, or why it is not one. */
export function judgeMove(
  from: NodeFacts,
  to: NodeFacts,
  ratings: { from?: Map<string, SkillRating>; to?: Map<string, SkillRating> },
): Judgement {
  const skills = compareSkills(ratings.from, ratings.to);
  const move = classifyMove(from, to);
  if (move !== 'advances_to' && move !== 'lateral_to') return { refusal: move, skills };
  // an unknown start education is shown as such with the step's credential gate, not held against it
  if (to.education && to.education.rank >= PROFESSIONAL && from.education && from.education.rank < BACHELORS) {
    return { refusal: 'degree_leap', skills };
  }
  if (skills.widest && skills.widest.to - skills.widest.from > NEW_FIELD_RISE) return { refusal: 'new_field', skills };
  return { predicate: move, skills };
}

/** Skills and knowledge with an O*NET level, of every occupation. */
export async function loadSkillRatings(db: Db): Promise<SkillRatings> {
  const { rows } = await sql<{
    from_id: string;
    to_id: string;
    name: string;
    category: string | null;
    level: number;
    importance: number | null;
  }>`
    select r.from_id, r.to_id, s.name, r.attributes->>'category' as category,
      (r.attributes->>'level')::float8 as level, (r.attributes->>'importance')::float8 as importance
    from relation r join entity s on s.id = r.to_id
    where r.predicate = 'requires_skill' and r.status = 'published' and jsonb_typeof(r.attributes->'level') = 'number'
      and coalesce((r.attributes->>'notRelevant')::boolean, false) = false`.execute(db);
  const map: SkillRatings = new Map();
  for (const row of rows) {
    const skills = map.get(row.from_id) ?? new Map<string, SkillRating>();
    skills.set(row.to_id, {
      name: row.name,
      category: row.category,
      level: Number(row.level),
      importance: row.importance === null ? null : Number(row.importance),
    });
    map.set(row.from_id, skills);
  }
  return map;
}

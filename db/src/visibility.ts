import { sql } from 'kysely';
import { FACT_STATUSES, type FactStatus } from './model.ts';

/**
 * The statuses of facts a reader may see. The API decides it once per request from the caller's role
 * (api/src/visibility.ts); every repository that reads facts for a client takes it and filters by it, and a fact
 * whose entity (or either end, for a relation) the reader may not see is hidden with it.
 */
export type Visibility = readonly FactStatus[];

/** Anonymous clients and viewers: what has been published, and what was published and then retired. */
export const PUBLIC_VISIBILITY: Visibility = ['published', 'retired'];

/** Curators and above also read facts in draft. */
export const FULL_VISIBILITY: Visibility = FACT_STATUSES;

export const showsDrafts = (visibility: Visibility) => visibility.includes('draft');

/** The statuses a listing that leaves out retired facts shows (search, occupations). */
export const liveStatuses = (visibility: Visibility) => visibility.filter((s) => s !== 'retired');

/**
 * Whether a change-log row (a `change_log` alias `c`) shows only what the reader may see: the state it made (or,
 * for a delete, the one it removed) has a visible status, and the entity it belongs to, or either end of a
 * relation, is not hidden now.
 */
export function visibleChange(visibility: Visibility) {
  if (showsDrafts(visibility)) return sql<boolean>`true`;
  const statuses = [...visibility];
  return sql<boolean>`(
    coalesce(c.after->>'status', c.before->>'status', 'published') = any(${statuses}::text[])
    and not exists (
      select 1 from entity hidden
      where hidden.status <> all(${statuses}::text[])
        and hidden.id in (
          nullif(coalesce(c.after->>'entity_id', c.before->>'entity_id'), '')::uuid,
          nullif(coalesce(c.after->>'from_id', c.before->>'from_id'), '')::uuid,
          nullif(coalesce(c.after->>'to_id', c.before->>'to_id'), '')::uuid)))`;
}

/**
 * visibleChange for a version of a fact read from its table or history (a row `c` with `status` and the entities
 * it belongs to as `ref0`, `ref1`), without building its JSON.
 */
export function visibleVersion(visibility: Visibility) {
  if (showsDrafts(visibility)) return sql<boolean>`true`;
  const statuses = [...visibility];
  // the statuses as literals, so that the index of hidden entities (migration 0014) answers the check
  const hidden = sql.join(FACT_STATUSES.filter((s) => !visibility.includes(s)).map((s) => sql.lit(s)));
  return sql<boolean>`(
    c.status = any(${statuses}::text[])
    and not exists (
      select 1 from entity hidden where hidden.status in (${hidden}) and hidden.id in (c.ref0, c.ref1)))`;
}

/**
 * A change as a reader who may not see drafts is shown it: a `before` that was a draft (the draft that this
 * change published) is left out.
 */
export function redactChange<T extends { before: unknown }>(visibility: Visibility, change: T): T {
  const before = change.before as { status?: unknown } | null;
  if (showsDrafts(visibility) || !before || typeof before !== 'object') return change;
  return typeof before.status === 'string' && !visibility.includes(before.status as FactStatus)
    ? { ...change, before: null }
    : change;
}

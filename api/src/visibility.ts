import { DomainError, notFound } from '@kg/db/errors';
import type { FactStatus } from '@kg/db/model';
import { FULL_VISIBILITY, PUBLIC_VISIBILITY, type Visibility } from '@kg/db/visibility';
import { hasRole, type Viewer } from './auth.ts';
import type { Context } from './context.ts';

/**
 * What a caller may read, decided here and nowhere else: anonymous clients and viewers see published (and
 * retired) facts only; curators, reviewers and admins also see facts in draft. Every read path (search, the title
 * index, node and nodes, typed fields, relations, as-of reads, history, the change feed and its subscription)
 * applies the visibility that the request's context carries.
 */
export const visibilityOf = (viewer: Viewer): Visibility =>
  hasRole(viewer, 'curator') ? FULL_VISIBILITY : PUBLIC_VISIBILITY;

export const mayReadStatus = (visibility: Visibility, status: FactStatus) => visibility.includes(status);

/** Asking for drafts without the role is FORBIDDEN (UNAUTHENTICATED when anonymous), rather than an empty page. */
export function assertMayRead(viewer: Viewer, statuses: readonly (string | null | undefined)[]) {
  const visibility = visibilityOf(viewer);
  if (statuses.every((s) => s == null || mayReadStatus(visibility, s as FactStatus))) return;
  throw viewer.role === null
    ? new DomainError('UNAUTHENTICATED', 'log in as a curator to read drafts')
    : new DomainError('FORBIDDEN', `the ${viewer.role} role may not read drafts`);
}

/**
 * Facts read by id (node, nodes, payloads), each kept only when the reader may see it and the entities it belongs
 * to (a label's or observation's entity, both ends of a relation); any other is NOT_FOUND, as if it did not exist.
 */
export async function visibleById<T extends { status: FactStatus }>(
  ctx: Context,
  what: string,
  ids: readonly string[],
  rows: readonly (T | undefined)[],
  entitiesOf: (row: T) => readonly (string | null)[],
): Promise<Array<T | DomainError>> {
  const entityIds = [...new Set(rows.flatMap((row) => (row ? entitiesOf(row) : [])))].filter(
    (id): id is string => id !== null,
  );
  const entities = await ctx.loaders.entity.loadMany(entityIds);
  const visibleEntities = new Set(entityIds.filter((_, i) => entities[i] && !(entities[i] instanceof Error)));
  return rows.map((row, i) =>
    row &&
    mayReadStatus(ctx.visibility, row.status) &&
    entitiesOf(row).every((id) => id === null || visibleEntities.has(id))
      ? row
      : notFound(what, ids[i]),
  );
}

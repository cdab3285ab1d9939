import { StatementBatch } from '@kg/db/batch';
import type { DatabaseHandle, Executor } from '@kg/db/connect';
import { type Details, loadDetails } from '@kg/db/entity/details';
import { getEntities } from '@kg/db/entity/repository';
import type { EntityKind } from '@kg/db/model';
import { loadRelatedByKey, type RelatedKey, type RelatedRow } from '@kg/db/relation/repository';
import { loadSocCodes, type SocCodeView } from '@kg/db/soc/repository';
import type { EntityRow } from '@kg/db/tables';
import type { Visibility } from '@kg/db/visibility';
import DataLoader from 'dataloader';
import type { Viewer } from './auth.ts';
import { type AuthConfig, DEFAULT_CONFIG } from './config.ts';
import { ImportProgress } from './import-status.ts';
import { StreamLimiter } from './streams.ts';
import { visibilityOf } from './visibility.ts';

/** Loaders shared by several types; field-specific ones live with their fields (Pothos dataloader plugin). */
export interface Loaders {
  entity: DataLoader<string, EntityRow | null>;
  details(kind: EntityKind): DataLoader<string, Details>;
  /** Classification codes by `system|code` (SocCode.broader and Occupation.soc share it). */
  socCode: DataLoader<string, SocCodeView | null>;
  /** Every typed relation field of one level of a query (titles, skills, credentials ...) in one statement. */
  related: DataLoader<RelatedKey, RelatedRow[], string>;
  /**
   * The reads of one level of the query (these loaders' and the fields' own: labels, wages, citations, sources)
   * joined into one statement (db/src/batch.ts). Loaders read through it instead of the database.
   */
  batch: StatementBatch;
}

export interface Context {
  /** The database, or the read-only transaction of an `asOf` read. */
  db: Executor;
  viewer: Viewer;
  /** The statuses of facts this request may read (api/src/visibility.ts). */
  visibility: Visibility;
  /** The client's address (what login throttling and stream limits count by). */
  client: string;
  /** The request's id (x-request-id) on a server, for log lines. */
  reqId?: string;
  /** Aborted when the client goes away (subscriptions stop polling then). */
  signal: AbortSignal;
  /** The server's count of open subscription streams per client. */
  streams: StreamLimiter;
  /** The largest query cost accepted (builder.ts, cost.ts). */
  maxComplexity: number;
  loaders: Loaders;
  /** How tokens this request issues are signed. */
  auth: AuthConfig;
  /** Where the background import of the reference data stands. */
  importStatus: ImportProgress;
}

export function createLoaders(db: Executor, viewer: Viewer): Loaders {
  // to a reader who may not see drafts, an entity still in draft does not exist
  const visibility = visibilityOf(viewer);
  const batch = new StatementBatch(db);
  const entity = new DataLoader<string, EntityRow | null>(async (ids) => {
    const rows = await getEntities(batch, ids);
    return ids.map((id) => {
      const row = rows.get(id);
      return row && visibility.includes(row.status) ? row : null;
    });
  });
  const detailLoaders = new Map<EntityKind, DataLoader<string, Details>>();
  const socCode = new DataLoader<string, SocCodeView | null>(async (keys) => {
    const map = await loadSocCodes(batch, keys);
    return keys.map((key) => map.get(key) ?? null);
  });
  const details = (kind: EntityKind) => {
    let loader = detailLoaders.get(kind);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const rows = await loadDetails(batch, kind, ids);
        return ids.map((id) => rows.get(id) ?? {});
      });
      detailLoaders.set(kind, loader);
    }
    return loader;
  };
  // The typed fields' own loaders (Pothos) fire together, one tick per level; each asks this one, so a level
  // costs one statement. The entities and details it reads are primed: reading them again costs nothing.
  const related = new DataLoader<RelatedKey, RelatedRow[], string>(
    async (keys) => {
      const answers = await loadRelatedByKey(batch, keys);
      for (const rows of answers) {
        for (const { entity: row, details: typed, partial } of rows) {
          if (!partial) entity.prime(row.id, row);
          if (typed) details(row.kind).prime(row.id, typed);
        }
      }
      return answers;
    },
    {
      cacheKeyFn: (key) =>
        `${key.id} ${key.predicate} ${key.direction} ${key.details ? 'details' : ''} ${key.slim ? 'slim' : ''}`,
    },
  );
  return { entity, socCode, details, related, batch };
}

/** What the server gives each request besides the database and the viewer. */
type RequestServices = 'auth' | 'importStatus' | 'client' | 'reqId' | 'signal' | 'streams' | 'maxComplexity';

export function createContext(
  handle: DatabaseHandle,
  viewer: Viewer,
  services: Partial<Pick<Context, RequestServices>> = {},
): Context {
  // the defaults are built only when the caller gives none (a server gives them all, on every request)
  return {
    db: handle.db,
    viewer,
    visibility: visibilityOf(viewer),
    loaders: createLoaders(handle.db, viewer),
    auth: services.auth ?? DEFAULT_CONFIG.auth,
    importStatus: services.importStatus ?? new ImportProgress(),
    client: services.client ?? 'unknown',
    reqId: services.reqId,
    signal: services.signal ?? new AbortController().signal,
    streams: services.streams ?? new StreamLimiter(DEFAULT_CONFIG.maxStreamsPerClient),
    maxComplexity: services.maxComplexity ?? DEFAULT_CONFIG.maxComplexity,
  };
}

import type { DatabaseHandle } from '@kg/db/connect';
import { type Details, loadDetails } from '@kg/db/entity/details';
import { getEntities } from '@kg/db/entity/repository';
import type { EntityKind } from '@kg/db/model';
import type { EntityRow } from '@kg/db/tables';
import DataLoader from 'dataloader';

export interface Viewer {
  /** Recorded as the actor of every change this request makes. */
  actor: string;
}

/** Loaders shared by several types; field-specific ones live with their fields (Pothos dataloader plugin). */
export interface Loaders {
  entity: DataLoader<string, EntityRow | null>;
  details(kind: EntityKind): DataLoader<string, Details>;
}

export interface Context {
  db: DatabaseHandle['db'];
  viewer: Viewer;
  loaders: Loaders;
}

export function createLoaders(db: DatabaseHandle['db']): Loaders {
  const entity = new DataLoader<string, EntityRow | null>(async (ids) => {
    const rows = await getEntities(db, ids);
    return ids.map((id) => rows.get(id) ?? null);
  });
  const detailLoaders = new Map<EntityKind, DataLoader<string, Details>>();
  return {
    entity,
    details(kind) {
      let loader = detailLoaders.get(kind);
      if (!loader) {
        loader = new DataLoader(async (ids) => {
          const rows = await loadDetails(db, kind, ids);
          return ids.map((id) => rows.get(id) ?? {});
        });
        detailLoaders.set(kind, loader);
      }
      return loader;
    },
  };
}

export function createContext(handle: DatabaseHandle, viewer: Viewer): Context {
  return { db: handle.db, viewer, loaders: createLoaders(handle.db) };
}

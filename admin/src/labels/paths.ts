import type { RaRecord } from 'react-admin';
import { resourceForKind } from '../entities/kinds.ts';

/** The Names tab of the entity a label belongs to: where label forms return. */
export const entityNamesPath = (_resource?: string, _id?: unknown, data?: Partial<RaRecord>) =>
  data?.entity
    ? `/${resourceForKind(data.entity.kind)}/${encodeURIComponent(data.entity.id)}/show/names`
    : data?.entityId
      ? `/entities/${encodeURIComponent(data.entityId)}/show`
      : '/';

import { combineDataProviders, type DataProvider } from 'react-admin';
import { accountsProvider } from './accounts/provider.ts';
import { citationsProvider } from './citations/provider.ts';
import { draftsProvider, reviewDraft } from './drafts/provider.ts';
import { KIND_BY_RESOURCE } from './entities/kinds.ts';
import { entitiesProvider, entityCounts } from './entities/provider.ts';
import { loadHistory, revertFact } from './history/api.ts';
import { labelsProvider } from './labels/provider.ts';
import { observationsProvider } from './observations/provider.ts';
import { predicatesProvider } from './relations/predicates.ts';
import { relationsProvider } from './relations/provider.ts';
import { sourcesProvider } from './sources/provider.ts';

/**
 * The console's data provider: one provider per resource, each in its resource's folder, joined by resource
 * name. The ten entity kinds (occupations, skills, ...) share the entity provider; `entities` reads any kind.
 * Updates and deletes send the version that was read (`previousData.version`) as `expectedVersion`.
 */
const PROVIDERS: { [resource: string]: DataProvider } = {
  ...Object.fromEntries(Object.values(KIND_BY_RESOURCE).map((config) => [config.resource, entitiesProvider(config)])),
  entities: entitiesProvider(undefined),
  labels: labelsProvider,
  relations: relationsProvider,
  predicates: predicatesProvider,
  observations: observationsProvider,
  citations: citationsProvider,
  sources: sourcesProvider,
  drafts: draftsProvider,
  accounts: accountsProvider,
};

const byResource = combineDataProviders((resource) => {
  const provider = PROVIDERS[resource];
  if (!provider) throw new Error(`The console has no resource "${resource}"`);
  return provider;
});

export const dataProvider = {
  ...byResource,
  // Through the data provider, so that an ended session on these calls logs out like any other.
  history: loadHistory,
  revert: revertFact,
  review: reviewDraft,
  entityCounts,
};

export type ConsoleDataProvider = typeof dataProvider;

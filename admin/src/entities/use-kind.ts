import { useResourceContext } from 'react-admin';
import { KIND_BY_RESOURCE, type KindConfig } from './kinds.ts';

/** The kind of the resource in context (the generic entity components serve all ten). */
export function useKindConfig(): KindConfig {
  const resource = useResourceContext();
  const config = resource ? KIND_BY_RESOURCE[resource] : undefined;
  if (!config) throw new Error(`${resource} is not an entity resource`);
  return config;
}

/**
 * The engine every importer uses. An importer states what the dataset says (entities by their key in the
 * dataset, labels, relations, observations, each with the line that says it); the engine compares that with
 * the database and writes only the difference, in batches of one transaction each, as the release's own
 * writer (the tables keep every version) and citing the release for every fact. Running it again changes
 * nothing; running it after a kill finishes what the killed run left.
 *
 * `sync/batches.ts` holds the import context and its batches; `sync/facts.ts` the citations,
 * ownership and retiring every kind of fact shares; one file per kind of fact does the comparing.
 */
export type { Citing, Counts, ImportContext } from './sync/batches.ts';
export { type DesiredEntity, syncEntities } from './sync/entities.ts';
export { type DesiredLabel, syncLabels } from './sync/labels.ts';
export { type DesiredObservation, syncObservations } from './sync/observations.ts';
export { type DesiredRelation, syncRelations } from './sync/relations.ts';

export { EntityCreate } from './create.tsx';
export { EntityEdit } from './edit.tsx';
export { KIND_BY_RESOURCE, KINDS, resourceForKind } from './kinds.ts';
export { EntityList } from './list.tsx';
export { EntityRedirect } from './redirect.tsx';
export { CitationsTab, EntityShow, EntityTitle, ObservationsTab, RelationsTab } from './show.tsx';

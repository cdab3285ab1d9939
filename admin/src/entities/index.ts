import type { ComponentType } from 'react';
import { OccupationCreate, OccupationEdit, OccupationList, OccupationShow } from '../occupations/index.ts';
import { EntityCreate } from './create.tsx';
import { EntityEdit } from './edit.tsx';
import { KIND_ICONS } from './icons.ts';
import { KINDS } from './kinds.ts';
import { EntityList } from './list.tsx';
import { EntityRedirect } from './redirect.tsx';
import { EntityShow } from './show.tsx';

/** Kind-specific pages; the other kinds use the generic entity pages. */
const SPECIAL: {
  [resource: string]: { list: ComponentType; show: ComponentType; edit: ComponentType; create: ComponentType };
} = {
  occupations: { list: OccupationList, show: OccupationShow, edit: OccupationEdit, create: OccupationCreate },
};

/** One resource per entity kind (occupations, skills, ...), in menu order. */
export const entityKinds = KINDS.map((k) => ({
  name: k.resource,
  options: { label: k.plural },
  icon: KIND_ICONS[k.resource],
  recordRepresentation: 'name',
  ...(SPECIAL[k.resource] ?? { list: EntityList, show: EntityShow, edit: EntityEdit, create: EntityCreate }),
}));

/** Every kind at once: references and autocompletes use it; its show page sends to the kind's own page. */
export const entities = {
  name: 'entities',
  options: { label: 'Entities' },
  show: EntityRedirect,
  recordRepresentation: 'name',
};

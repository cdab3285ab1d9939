import { LabelCreate } from './create.tsx';
import { LabelEdit } from './edit.tsx';

/** Names of entities: edited on their own pages, listed on their entity's Names tab. */
export const labels = {
  name: 'labels',
  options: { label: 'Names' },
  edit: LabelEdit,
  create: LabelCreate,
  recordRepresentation: 'text',
};

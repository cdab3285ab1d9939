import { consoleResource } from '../common/resource.ts';
import { LabelCreate } from './create.tsx';
import { LabelEdit } from './edit.tsx';

/** Names of entities: edited on their own pages, listed on their entity's Names tab. */
export const labels = consoleResource(
  { name: 'labels', label: 'Names', recordRepresentation: 'text' },
  { edit: LabelEdit, create: LabelCreate },
);

import HubIcon from '@mui/icons-material/Hub';
import { consoleResource } from '../common/resource.ts';
import { RelationCreate } from './create.tsx';
import { RelationEdit } from './edit.tsx';
import { RelationList } from './list.tsx';
import { RelationShow } from './show.tsx';

export const relations = consoleResource(
  { name: 'relations', label: 'Relations', icon: HubIcon },
  { list: RelationList, show: RelationShow, edit: RelationEdit, create: RelationCreate },
);

/** The predicate catalogue: read by forms and filters, no pages of its own. */
export const predicates = { name: 'predicates', recordRepresentation: 'name' };

export { RelationCreate } from './create.tsx';
export { RelationEdit } from './edit.tsx';
export { RelationList } from './list.tsx';
export { RelationShow } from './show.tsx';

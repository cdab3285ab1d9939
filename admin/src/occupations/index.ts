export { OccupationCreate } from './create.tsx';
export { OccupationEdit } from './edit.tsx';
export { OccupationList } from './list.tsx';
export { OccupationShow } from './show.tsx';

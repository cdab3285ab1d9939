export { ObservationCreate } from './create.tsx';
export { ObservationEdit } from './edit.tsx';
export { ObservationList } from './list.tsx';
export { ObservationShow } from './show.tsx';

export { EntityEdit as OccupationEdit } from '../entities/edit.tsx';

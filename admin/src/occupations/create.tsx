export { EntityCreate as OccupationCreate } from '../entities/create.tsx';

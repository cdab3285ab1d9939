export { EntityList as OccupationList } from '../entities/list.tsx';

export { LabelCreate } from './create.tsx';
export { LabelEdit } from './edit.tsx';

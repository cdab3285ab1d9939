export { SourceCreate } from './create.tsx';
export { SourceList } from './list.tsx';
export { SourceShow } from './show.tsx';

export { CitationCreate } from './create.tsx';
export { CitationEdit } from './edit.tsx';
export { CitationList } from './list.tsx';
export { CitationShow } from './show.tsx';

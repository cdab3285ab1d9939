import DescriptionIcon from '@mui/icons-material/Description';
import { SourceCreate } from './create.tsx';
import { SourceList } from './list.tsx';
import { SourceShow } from './show.tsx';

export const sources = {
  name: 'sources',
  options: { label: 'Sources' },
  icon: DescriptionIcon,
  list: SourceList,
  show: SourceShow,
  create: SourceCreate,
  recordRepresentation: 'title',
};

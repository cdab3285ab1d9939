import DescriptionIcon from '@mui/icons-material/Description';
import { consoleResource } from '../common/resource.ts';
import { SourceCreate } from './create.tsx';
import { SourceList } from './list.tsx';
import { SourceShow } from './show.tsx';

export const sources = consoleResource(
  { name: 'sources', label: 'Sources', icon: DescriptionIcon, recordRepresentation: 'title' },
  { list: SourceList, show: SourceShow, create: SourceCreate },
);

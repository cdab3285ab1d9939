import FormatQuoteIcon from '@mui/icons-material/FormatQuote';
import type { RaRecord } from 'react-admin';
import { CitationCreate } from './create.tsx';
import { CitationEdit } from './edit.tsx';
import { CitationList } from './list.tsx';
import { CitationShow } from './show.tsx';

export const citations = {
  name: 'citations',
  options: { label: 'Citations' },
  icon: FormatQuoteIcon,
  list: CitationList,
  show: CitationShow,
  edit: CitationEdit,
  create: CitationCreate,
  recordRepresentation: (c: RaRecord) => c.quote ?? c.source?.title ?? 'Citation',
};

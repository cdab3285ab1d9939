import FormatQuoteIcon from '@mui/icons-material/FormatQuote';
import type { RaRecord } from 'react-admin';
import { consoleResource } from '../common/resource.ts';
import { CitationCreate } from './create.tsx';
import { CitationEdit } from './edit.tsx';
import { CitationList } from './list.tsx';
import { CitationShow } from './show.tsx';

const citationName = (c: RaRecord) => c.quote ?? c.source?.title ?? 'Citation';

export const citations = consoleResource(
  { name: 'citations', label: 'Citations', icon: FormatQuoteIcon, recordRepresentation: citationName },
  { list: CitationList, show: CitationShow, edit: CitationEdit, create: CitationCreate },
);

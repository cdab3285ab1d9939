import InsightsIcon from '@mui/icons-material/Insights';
import { consoleResource } from '../common/resource.ts';
import { ObservationCreate } from './create.tsx';
import { ObservationEdit } from './edit.tsx';
import { ObservationList } from './list.tsx';
import { ObservationShow } from './show.tsx';

export const observations = consoleResource(
  { name: 'observations', label: 'Observations', icon: InsightsIcon },
  { list: ObservationList, show: ObservationShow, edit: ObservationEdit, create: ObservationCreate },
);

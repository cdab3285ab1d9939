import RateReviewIcon from '@mui/icons-material/RateReview';
import { consoleResource } from '../common/resource.ts';
import { DraftList } from './list.tsx';
import { DraftShow } from './show.tsx';

/** The review queue, registered for curators and above (the API serves drafts to them alone). */
export const drafts = consoleResource(
  { name: 'drafts', label: 'Review queue', icon: RateReviewIcon },
  { list: DraftList, show: DraftShow },
);

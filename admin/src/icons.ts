import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import BadgeIcon from '@mui/icons-material/Badge';
import BusinessIcon from '@mui/icons-material/Business';
import ChecklistIcon from '@mui/icons-material/Checklist';
import DescriptionIcon from '@mui/icons-material/Description';
import FormatQuoteIcon from '@mui/icons-material/FormatQuote';
import HubIcon from '@mui/icons-material/Hub';
import InsightsIcon from '@mui/icons-material/Insights';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import PsychologyIcon from '@mui/icons-material/Psychology';
import RateReviewIcon from '@mui/icons-material/RateReview';
import SchoolIcon from '@mui/icons-material/School';
import WorkIcon from '@mui/icons-material/Work';
import WorkspacePremiumIcon from '@mui/icons-material/WorkspacePremium';
import type { ComponentType } from 'react';

export const ICONS: Record<string, ComponentType> = {
  occupations: WorkIcon,
  'alternate-titles': BadgeIcon,
  specializations: AccountTreeIcon,
  tasks: ChecklistIcon,
  skills: PsychologyIcon,
  courses: MenuBookIcon,
  programs: SchoolIcon,
  credentials: WorkspacePremiumIcon,
  'issuing-bodies': AccountBalanceIcon,
  employers: BusinessIcon,
  relations: HubIcon,
  observations: InsightsIcon,
  citations: FormatQuoteIcon,
  sources: DescriptionIcon,
  drafts: RateReviewIcon,
};

import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import BadgeIcon from '@mui/icons-material/Badge';
import BusinessIcon from '@mui/icons-material/Business';
import ChecklistIcon from '@mui/icons-material/Checklist';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import PsychologyIcon from '@mui/icons-material/Psychology';
import SchoolIcon from '@mui/icons-material/School';
import WorkIcon from '@mui/icons-material/Work';
import WorkspacePremiumIcon from '@mui/icons-material/WorkspacePremium';
import type { ComponentType } from 'react';

/** The menu icon of each entity kind's resource. */
export const KIND_ICONS: { [resource: string]: ComponentType } = {
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
};

import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import { AccountCreate, AccountEdit, AccountList } from './pages.tsx';

/** Accounts, registered for admins only (the API answers FORBIDDEN to the others). */
export const accounts = {
  name: 'accounts',
  options: { label: 'Accounts' },
  icon: ManageAccountsIcon,
  list: AccountList,
  create: AccountCreate,
  edit: AccountEdit,
  recordRepresentation: 'email',
};

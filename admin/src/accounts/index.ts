import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import { consoleResource } from '../common/resource.ts';
import { AccountCreate, AccountEdit, AccountList } from './pages.tsx';

/** Accounts, registered for admins only (the API answers FORBIDDEN to the others). */
export const accounts = consoleResource(
  { name: 'accounts', label: 'Accounts', icon: ManageAccountsIcon, recordRepresentation: 'email' },
  { list: AccountList, create: AccountCreate, edit: AccountEdit },
);

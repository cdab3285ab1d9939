import { Typography } from '@mui/material';
import {
  BooleanInput,
  Create,
  CreateButton,
  DataTable,
  DateField,
  Edit,
  email,
  FunctionField,
  List,
  maxLength,
  minLength,
  PasswordInput,
  type RaRecord,
  required,
  SaveButton,
  SearchInput,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  TopToolbar,
  useNotify,
  useRecordContext,
  useRedirect,
} from 'react-admin';
import { useSaveErrorHandler } from '../common/conflict.tsx';
import { FORM_SX, VersionNote } from '../common/forms.tsx';

/** Console accounts, for admins: who can log in, with which role. */

export const ROLE_CHOICES = [
  { id: 'VIEWER', name: 'Viewer: reads what is published' },
  { id: 'CURATOR', name: 'Curator: proposes changes for review' },
  { id: 'REVIEWER', name: 'Reviewer: publishes and changes at once' },
  { id: 'ADMIN', name: 'Admin: everything, including accounts' },
];

const roleName = (role: string) => ROLE_CHOICES.find((r) => r.id === role)?.name.split(':')[0] ?? role;

const PASSWORD_RULE = [minLength(10, 'At least 10 characters'), maxLength(200, 'At most 200 characters')];

export function AccountList() {
  return (
    <List
      title="Accounts"
      filters={[<SearchInput key="q" source="q" alwaysOn placeholder="Search e-mail addresses" />]}
      sort={{ field: 'email', order: 'ASC' }}
      perPage={25}
      exporter={false}
      actions={
        <TopToolbar>
          <CreateButton label="New account" />
        </TopToolbar>
      }
      empty={false}
    >
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="email" label="E-mail" />
        <DataTable.Col source="role" label="Role">
          <FunctionField render={(u) => roleName(u.role)} />
        </DataTable.Col>
        <DataTable.Col source="disabled" label="Can log in">
          <FunctionField render={(u) => (u.disabled ? 'No: disabled' : 'Yes')} />
        </DataTable.Col>
        <DataTable.Col source="createdAt" label="Created" field={DateField} />
      </DataTable>
    </List>
  );
}

export function AccountCreate() {
  const notify = useNotify();
  const redirect = useRedirect();
  const onError = useSaveErrorHandler();
  return (
    <Create
      title="New account"
      mutationOptions={{
        onSuccess: (user: RaRecord) => {
          notify(`Account ${user.email} created: tell its owner the password, and to change it.`, { type: 'info' });
          redirect('list', 'accounts');
        },
        onError,
      }}
    >
      <SimpleForm defaultValues={{ role: 'VIEWER' }} sx={FORM_SX}>
        <TextInput source="email" label="E-mail" type="email" validate={[required(), email()]} fullWidth />
        <SelectInput source="role" label="Role" choices={ROLE_CHOICES} validate={required()} sx={{ minWidth: 360 }} />
        <PasswordInput
          source="password"
          label="First password"
          validate={[required(), ...PASSWORD_RULE]}
          helperText="10 to 200 characters; tell its owner"
          fullWidth
        />
      </SimpleForm>
    </Create>
  );
}

function AccountTitle() {
  const user = useRecordContext();
  return <span>Account {user?.email ?? ''}</span>;
}

/** What disabling an account does. */
function AccountNote() {
  const user = useRecordContext();
  if (!user) return null;
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
      {user.email}. A disabled account cannot log in and its sessions end; its drafts and history stay.
    </Typography>
  );
}

export function AccountEdit() {
  const notify = useNotify();
  const redirect = useRedirect();
  const onSuccess = () => {
    notify('Account saved', { type: 'info' });
    redirect('list', 'accounts');
  };
  const onError = useSaveErrorHandler({ onSaved: onSuccess });
  return (
    <Edit title={<AccountTitle />} mutationMode="pessimistic" mutationOptions={{ onSuccess, onError }}>
      <SimpleForm
        toolbar={
          <Toolbar>
            <SaveButton />
          </Toolbar>
        }
        sx={FORM_SX}
      >
        <AccountNote />
        <VersionNote />
        <SelectInput source="role" label="Role" choices={ROLE_CHOICES} validate={required()} sx={{ minWidth: 360 }} />
        <BooleanInput source="disabled" label="Disabled (cannot log in)" />
        <PasswordInput
          source="password"
          label="New password (leave blank to keep it)"
          validate={PASSWORD_RULE}
          helperText="Resets the password: tell its owner the new one"
          fullWidth
        />
      </SimpleForm>
    </Edit>
  );
}

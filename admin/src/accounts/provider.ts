import type { RaRecord } from 'react-admin';
import { slice } from '../common/paging.ts';
import { resourceProvider } from '../common/resource-provider.ts';
import { changed, expectedVersionOf, type FormValues, text } from '../common/writes.ts';
import { ApiError, gql, request, type VariablesOf } from '../graphql.ts';

/** Console accounts, for admins: e-mail, role, disabled; passwords are only ever replaced. */

const UserFields = gql(`fragment UserFields on User { id email role disabled createdAt version }`);

const Users = gql(`query Users { users { ...UserFields } }`, [UserFields]);

const CreateUser = gql(
  `mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { user { ...UserFields } } }`,
  [UserFields],
);

const UpdateUser = gql(
  `mutation UpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { user { ...UserFields } } }`,
  [UserFields],
);

type Role = VariablesOf<typeof CreateUser>['input']['role'];
type UpdateInput = VariablesOf<typeof UpdateUser>['input'];

async function readUsers(signal?: AbortSignal) {
  const { users } = await request(Users, {}, signal);
  return users;
}

async function readUser(id: RaRecord['id'], signal?: AbortSignal) {
  const user = (await readUsers(signal)).find((u) => u.id === id);
  if (!user) throw new ApiError('This account no longer exists.', 'NOT_FOUND');
  return user;
}

export const accountsProvider = resourceProvider({
  async getList(params) {
    const q = text(params.filter?.q)?.toLowerCase();
    const users = (await readUsers(params.signal)).filter((u) => !q || u.email.toLowerCase().includes(q));
    return slice(users, params);
  },
  getOne: ({ id, signal }) => readUser(id, signal),
  getMany: async ({ ids, signal }) => (await readUsers(signal)).filter((u) => ids.includes(u.id)),
  async create({ data }: { data: FormValues }) {
    const { createUser } = await request(CreateUser, {
      input: { email: text(data.email) ?? '', password: String(data.password ?? ''), role: data.role as Role },
    });
    return createUser.user;
  },
  async update({ id, data, previousData }: { id: RaRecord['id']; data: FormValues; previousData: RaRecord }) {
    const input: UpdateInput = { id: String(id), expectedVersion: expectedVersionOf(previousData) };
    if (changed('role', data, previousData)) input.role = data.role as Role;
    if (changed('disabled', data, previousData)) input.disabled = Boolean(data.disabled);
    const password = typeof data.password === 'string' ? data.password : '';
    if (password !== '') input.password = password;
    if (input.role === undefined && input.disabled === undefined && input.password === undefined) return previousData;
    const { updateUser } = await request(UpdateUser, { input });
    return updateUser.user;
  },
});

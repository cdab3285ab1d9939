import {
  type Account,
  checkRole,
  createAccount,
  getAccount,
  listAccounts,
  ROLES,
  updateAccount,
  verifyLogin,
} from '@kg/db/account/repository';
import { notFound } from '@kg/db/errors';
import { hasRole, issueToken } from '../auth.ts';
import { builder } from '../builder.ts';
import { parseGlobalId } from '../ids.ts';
import { describedEnum } from './described-enum.ts';
import { rowNodeRef } from './node.ts';

export const RoleEnum = describedEnum('Role', undefined, {
  viewer: 'Reads published facts (and the change feed).',
  curator: 'Proposes changes as drafts; reads drafts.',
  reviewer: "Publishes or rejects curators' drafts; writes directly.",
  admin: 'Everything, including accounts.',
});

// through node(id), an account is visible to itself and to admins only
export const UserRef = rowNodeRef<Account>('User', async (ids: string[], ctx) =>
  Promise.all(
    ids.map(async (id) => {
      const visible = hasRole(ctx.viewer, 'admin') || ctx.viewer.accountId === id;
      return (visible && (await getAccount(ctx.db, id))) || notFound('user', id);
    }),
  ),
);

UserRef.implement({
  description: 'An account. Its password is never readable, only replaceable.',
  fields: (t) => ({
    email: t.exposeString('email'),
    role: t.field({ type: RoleEnum, resolve: (a) => a.role }),
    disabled: t.exposeBoolean('disabled'),
    version: t.exposeInt('version'),
    createdAt: t.field({ type: 'DateTime', resolve: (a) => a.created_at }),
  }),
});

const AuthPayload = builder.objectRef<{ token: string; user: Account }>('AuthPayload').implement({
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Send it as `Authorization: Bearer <token>`; it expires.' }),
    user: t.field({ type: UserRef, resolve: (p) => p.user }),
  }),
});

builder.queryField('me', (t) =>
  t.field({
    type: UserRef,
    nullable: true,
    description: 'The account of the token sent, or null for an anonymous request.',
    resolve: (_, __, ctx) =>
      ctx.viewer.accountId ? getAccount(ctx.db, ctx.viewer.accountId).then((a) => a ?? null) : null,
  }),
);

builder.queryField('users', (t) =>
  t.field({
    type: [UserRef],
    authScopes: { admin: true },
    resolve: (_, __, ctx) => listAccounts(ctx.db),
  }),
);

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    email: t.string({ required: true }),
    password: t.string({ required: true }),
    role: t.field({ type: RoleEnum, required: true }),
  }),
});

const UpdateUserInput = builder.inputType('UpdateUserInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    role: t.field({ type: RoleEnum, required: false }),
    disabled: t.boolean({ required: false }),
    password: t.string({ required: false }),
  }),
});

const UserPayload = builder.objectRef<{ user: Account }>('UserPayload').implement({
  fields: (t) => ({ user: t.field({ type: UserRef, resolve: (p) => p.user }) }),
});

const parseUserId = (id: string | number) => parseGlobalId(String(id), ['User'], 'user').id;

builder.mutationFields((t) => ({
  login: t.field({
    type: AuthPayload,
    description: `Exchanges an e-mail and password for a token. Wrong ones answer UNAUTHENTICATED; after repeated failures the next attempts must wait. Roles: ${ROLES.join(', ')}.`,
    args: { email: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: async (_, { email, password }, ctx) => {
      const user = await verifyLogin(ctx.db, email, password, ctx.client);
      return { token: await issueToken(ctx.db, user, ctx.auth), user };
    },
  }),
  createUser: t.field({
    type: UserPayload,
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: async (_, { input }, ctx) => ({
      user: await createAccount(ctx.db, { email: input.email, password: input.password, role: checkRole(input.role) }),
    }),
  }),
  updateUser: t.field({
    type: UserPayload,
    authScopes: { admin: true },
    args: { input: t.arg({ type: UpdateUserInput, required: true }) },
    resolve: async (_, { input }, ctx) => ({
      user: await updateAccount(ctx.db, {
        id: parseUserId(input.id),
        expectedVersion: input.expectedVersion,
        role: input.role ?? undefined,
        disabled: input.disabled ?? undefined,
        password: input.password ?? undefined,
      }),
    }),
  }),
}));

import { issueToken } from '@kg/api/auth';
import { createAccount, findAccountByEmail } from '@kg/db/account/repository';
import type { DatabaseHandle } from '@kg/db/connect';
import type { Role } from '@kg/db/tables';

/** One account per role, plus a second curator and reviewer for four-eyes cases. Created before each file's snapshot. */
export const TEST_ACCOUNTS = {
  admin: { email: 'admin@kg.test', password: 'admin-password-1', role: 'admin' },
  reviewer: { email: 'reviewer@kg.test', password: 'reviewer-password-1', role: 'reviewer' },
  reviewer2: { email: 'reviewer2@kg.test', password: 'reviewer-password-2', role: 'reviewer' },
  curator: { email: 'curator@kg.test', password: 'curator-password-1', role: 'curator' },
  curator2: { email: 'curator2@kg.test', password: 'curator-password-2', role: 'curator' },
  viewer: { email: 'viewer@kg.test', password: 'viewer-password-1', role: 'viewer' },
} as const satisfies Record<string, { email: string; password: string; role: Role }>;

export type TestAccount = keyof typeof TEST_ACCOUNTS;

export async function createTestAccounts(handle: DatabaseHandle) {
  for (const account of Object.values(TEST_ACCOUNTS)) await createAccount(handle.db, account);
  // creates the signing secret now, so that it is part of the snapshot every test starts from
  await tokenFor(handle, 'admin');
}

const tokens = new WeakMap<DatabaseHandle, Map<TestAccount, string>>();

/** A token for a test account, issued directly (no login round trip, so no statements in the request). */
export async function tokenFor(handle: DatabaseHandle, who: TestAccount): Promise<string> {
  const byAccount = tokens.get(handle) ?? new Map<TestAccount, string>();
  tokens.set(handle, byAccount);
  const cached = byAccount.get(who);
  if (cached) return cached;
  const account = await findAccountByEmail(handle.db, TEST_ACCOUNTS[who].email);
  if (!account) throw new Error(`test account ${who} is missing`);
  const { password_hash: _, ...rest } = account;
  const token = await issueToken(handle.db, rest);
  byAccount.set(who, token);
  return token;
}

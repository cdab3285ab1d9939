import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { Executor } from '../connect.ts';
import { badInput, conflict, DomainError, isUuid, notFound } from '../errors.ts';
import type { AccountRow, Role } from '../tables.ts';

export const ROLES: readonly Role[] = ['viewer', 'curator', 'reviewer', 'admin'];

/** Failed logins in a row that are free; from then on each attempt waits longer (1 s, 2 s, 4 s ... 5 min). */
export const FREE_LOGIN_FAILURES = 10;
const MAX_LOGIN_DELAY_SECONDS = 300;

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PASSWORD_MIN = 10;
const PASSWORD_MAX = 200;

/** An account as the rest of the product sees it: never with its password hash. */
export type Account = Omit<AccountRow, 'password_hash'>;

const withoutHash = ({ password_hash: _, ...account }: AccountRow): Account => account;

function checkEmail(email: string): string {
  const trimmed = email.trim().normalize('NFC');
  if (!EMAIL.test(trimmed) || trimmed.length > 320)
    throw badInput('email is not an e-mail address', { field: 'email' });
  return trimmed;
}

function checkPassword(password: string) {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw badInput(`password must have ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`, { field: 'password' });
  }
}

export function checkRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) {
    throw badInput(`unknown role "${role}"; roles: ${ROLES.join(', ')}`, { field: 'role' });
  }
  return role as Role;
}

export async function createAccount(
  db: Executor,
  input: { email: string; password: string; role: string },
): Promise<Account> {
  const email = checkEmail(input.email);
  checkPassword(input.password);
  const role = checkRole(input.role);
  const existing = await findAccountByEmail(db, email);
  if (existing) throw badInput(`an account for ${email} already exists`, { field: 'email' });
  const row = await db
    .insertInto('account')
    .values({ email, role, password_hash: await hash(input.password) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return withoutHash(row);
}

export async function updateAccount(
  db: Executor,
  input: { id: string; expectedVersion: number; role?: string; disabled?: boolean; password?: string },
): Promise<Account> {
  const role = input.role === undefined ? undefined : checkRole(input.role);
  if (input.password !== undefined) checkPassword(input.password);
  const passwordHash = input.password === undefined ? undefined : await hash(input.password);
  return db.transaction().execute(async (trx) => {
    const before = await lockAccount(trx, input.id, input.expectedVersion);
    const row = await trx
      .updateTable('account')
      .set({
        role: role ?? before.role,
        disabled: input.disabled ?? before.disabled,
        password_hash: passwordHash ?? before.password_hash,
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return withoutHash(row);
  });
}

export async function findAccountByEmail(db: Executor, email: string) {
  return db
    .selectFrom('account')
    .selectAll()
    .where(sql`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function getAccount(db: Executor, id: string): Promise<Account | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
  return row && withoutHash(row);
}

export async function listAccounts(db: Executor): Promise<Account[]> {
  const rows = await db.selectFrom('account').selectAll().orderBy('email').execute();
  return rows.map(withoutHash);
}

export async function countAccounts(db: Executor): Promise<number> {
  const { count } = await db
    .selectFrom('account')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Creates the admin named by the environment unless an account with that e-mail exists. */
export async function ensureAdmin(db: Executor, email: string, password: string): Promise<Account | null> {
  if (await findAccountByEmail(db, email)) return null;
  return createAccount(db, { email, password, role: 'admin' });
}

const invalidLogin = () => new DomainError('UNAUTHENTICATED', 'wrong e-mail or password');

/**
 * Checks an e-mail and password. Every answer to a wrong one is the same, whether the account exists or not.
 * After FREE_LOGIN_FAILURES failures in a row for an address, the next attempt must wait, doubling each time;
 * an attempt made too early is refused without checking the password (so it cannot be used to guess).
 */
export async function verifyLogin(db: Executor, emailInput: string, password: string, now = new Date()) {
  const email = emailInput.trim().toLowerCase().slice(0, 320);
  const throttle = await db.selectFrom('login_throttle').selectAll().where('email', '=', email).executeTakeFirst();
  if (throttle && throttle.failures >= FREE_LOGIN_FAILURES) {
    const wait = Math.min(2 ** (throttle.failures - FREE_LOGIN_FAILURES), MAX_LOGIN_DELAY_SECONDS);
    const readyAt = new Date(throttle.last_failure_at).getTime() + wait * 1000;
    if (now.getTime() < readyAt) {
      throw new DomainError(
        'UNAUTHENTICATED',
        `too many failed logins: try again in ${Math.ceil((readyAt - now.getTime()) / 1000)} s`,
        {
          reason: 'THROTTLED',
          retryAfterSeconds: Math.ceil((readyAt - now.getTime()) / 1000),
        },
      );
    }
  }
  const row = await findAccountByEmail(db, email);
  let ok = false;
  if (row) ok = await verify(row.password_hash, password);
  else {
    // verifying against a hash nobody knows keeps an unknown address as slow to answer as a known one
    unknownAccountHash ??= hash(randomUUID());
    await verify(await unknownAccountHash, password);
  }
  if (!row || !ok || row.disabled) {
    await db
      .insertInto('login_throttle')
      .values({ email, failures: 1, last_failure_at: now })
      .onConflict((oc) =>
        oc.column('email').doUpdateSet({
          failures: sql`login_throttle.failures + 1`,
          last_failure_at: now,
        }),
      )
      .execute();
    throw invalidLogin();
  }
  if (throttle) await db.deleteFrom('login_throttle').where('email', '=', email).execute();
  return withoutHash(row);
}

let unknownAccountHash: Promise<string> | undefined;

async function lockAccount(trx: Executor, id: string, expectedVersion: number): Promise<AccountRow> {
  if (!isUuid(id)) throw notFound('account', id);
  const row = await trx.selectFrom('account').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('account', id);
  if (row.version !== expectedVersion) throw conflict('account', id, expectedVersion, row.version);
  return row;
}

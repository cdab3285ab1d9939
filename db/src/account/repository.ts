import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { Executor } from '../connect.ts';
import { badInput, conflict, DomainError, isUuid, notFound } from '../errors.ts';
import type { AccountRow, Role } from '../tables.ts';
import { passwordWeakness } from './password-strength.ts';

export const ROLES: readonly Role[] = ['viewer', 'curator', 'reviewer', 'admin'];

/**
 * Failed logins in a row for one address from one client that are free; from then on each attempt from that client
 * waits longer (1 s, 2 s, 4 s ... 5 min). A client that has not failed for an address is never held back by others.
 */
export const FREE_LOGIN_FAILURES = 10;
/** Failed logins in a row from one client for any addresses (guessing across accounts) before it must wait. */
export const FREE_CLIENT_FAILURES = 50;
const MAX_LOGIN_DELAY_SECONDS = 300;
/** The throttle row that counts a client's failures for every address. */
const ANY_ADDRESS = '*';

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

function checkPassword(password: string, email: string) {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw badInput(`password must have ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`, { field: 'password' });
  }
  const weakness = passwordWeakness(password, [email, ...email.split(/[@.+_-]/)]);
  if (weakness) throw badInput(`the password is too weak: ${weakness}`, { field: 'password', reason: 'WEAK_PASSWORD' });
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
  checkPassword(input.password, email);
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
  return db.transaction().execute(async (trx) => {
    const before = await lockAccount(trx, input.id, input.expectedVersion);
    if (input.password !== undefined) checkPassword(input.password, before.email);
    const passwordHash = input.password === undefined ? undefined : await hash(input.password);
    // a new password or a disable ends every session: tokens issued until now are refused from now on
    const revokes = passwordHash !== undefined || (input.disabled === true && !before.disabled);
    const row = await trx
      .updateTable('account')
      .set({
        role: role ?? before.role,
        disabled: input.disabled ?? before.disabled,
        password_hash: passwordHash ?? before.password_hash,
        tokens_valid_after: revokes ? new Date() : before.tokens_valid_after,
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

const delaySeconds = (failures: number, free: number) => Math.min(2 ** (failures - free), MAX_LOGIN_DELAY_SECONDS);

/**
 * Counts an attempt as a failure before its password is checked, in one statement that also refuses it when the
 * throttle says wait: concurrent attempts queue on the row, so no more than the allowed number are ever checked.
 * Answers the wait in seconds (0: go ahead).
 */
async function reserveAttempt(db: Executor, email: string, client: string, free: number, now: Date) {
  const row = await db
    .insertInto('login_throttle')
    .values({ email, client, failures: 1, last_failure_at: now })
    .onConflict((oc) =>
      oc
        .columns(['email', 'client'])
        .doUpdateSet({ failures: sql`login_throttle.failures + 1`, last_failure_at: now })
        .where((eb) =>
          eb.or([
            eb('login_throttle.failures', '<', free),
            eb(
              sql`login_throttle.last_failure_at + make_interval(secs => least(power(2, login_throttle.failures - ${free}), ${MAX_LOGIN_DELAY_SECONDS}))`,
              '<=',
              now,
            ),
          ]),
        ),
    )
    .returning('failures')
    .executeTakeFirst();
  if (row) return 0;
  const held = await db
    .selectFrom('login_throttle')
    .selectAll()
    .where('email', '=', email)
    .where('client', '=', client)
    .executeTakeFirst();
  if (!held) return 1;
  const readyAt = new Date(held.last_failure_at).getTime() + delaySeconds(held.failures, free) * 1000;
  return Math.max(1, Math.ceil((readyAt - now.getTime()) / 1000));
}

const throttled = (seconds: number) =>
  new DomainError('UNAUTHENTICATED', `too many failed logins: try again in ${seconds} s`, {
    reason: 'THROTTLED',
    retryAfterSeconds: seconds,
  });

/**
 * Checks an e-mail and password from a client (its IP address). Every answer to a wrong one is the same, whether
 * the account exists or not. After FREE_LOGIN_FAILURES failures in a row for an address from one client (or
 * FREE_CLIENT_FAILURES for any addresses), that client's next attempt must wait, doubling each time; an attempt
 * made too early is refused without checking the password. Other clients are not held back, so nobody can lock
 * an account's owner out by failing on purpose.
 */
export async function verifyLogin(
  db: Executor,
  emailInput: string,
  password: string,
  client = 'unknown',
  now = new Date(),
) {
  const email = emailInput.trim().toLowerCase().slice(0, 320);
  const from = client.slice(0, 100);
  const wait =
    (await reserveAttempt(db, email, from, FREE_LOGIN_FAILURES, now)) ||
    (await reserveAttempt(db, ANY_ADDRESS, from, FREE_CLIENT_FAILURES, now));
  if (wait > 0) throw throttled(wait);
  const row = await findAccountByEmail(db, email);
  let ok = false;
  if (row) ok = await verify(row.password_hash, password);
  else {
    // verifying against a hash nobody knows keeps an unknown address as slow to answer as a known one
    unknownAccountHash ??= hash(randomUUID());
    await verify(await unknownAccountHash, password);
  }
  if (!row || !ok || row.disabled) throw invalidLogin();
  // the attempt was counted as a failure up front: a success wipes this client's count
  await db.deleteFrom('login_throttle').where('client', '=', from).where('email', 'in', [email, ANY_ADDRESS]).execute();
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

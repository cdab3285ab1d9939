import { issueToken } from '@kg/api/auth';
import { FREE_LOGIN_FAILURES, findAccountByEmail } from '@kg/db/account/repository';
import { sql } from 'kysely';
import { beforeEach, expect, it, vi } from 'vitest';
import { TEST_ACCOUNTS } from './support/accounts.ts';
import { describeEachDatabase } from './support/databases.ts';
import { errorCodes, graphqlClient } from './support/graphql.ts';

const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { token user { email role } }
}`;
const ME = '{ me { email role } }';

describeEachDatabase('accounts and tokens', (use) => {
  beforeEach(async () => {
    await use().reset();
  });

  it('logs in with the right password and reads the account back through the token', async () => {
    const anonymous = graphqlClient(use().handle, { as: 'anonymous' });
    const { curator } = TEST_ACCOUNTS;
    const login = await anonymous(LOGIN, { email: curator.email.toUpperCase(), password: curator.password });
    expect(login.errors).toBeUndefined();
    expect(login.data.login.user).toEqual({ email: curator.email, role: 'CURATOR' });
    const me = await anonymous(ME, {}, { authorization: `Bearer ${login.data.login.token}` });
    expect(me.data.me).toEqual({ email: curator.email, role: 'CURATOR' });
    expect((await anonymous(ME)).data.me).toBeNull();
  });

  it('answers UNAUTHENTICATED for a wrong password, an unknown account, a forged or expired token', async () => {
    const anonymous = graphqlClient(use().handle, { as: 'anonymous' });
    const wrong = await anonymous(LOGIN, { email: TEST_ACCOUNTS.admin.email, password: 'not-the-password' });
    const unknown = await anonymous(LOGIN, { email: 'nobody@kg.test', password: 'whatever-password' });
    expect(errorCodes(wrong)).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(unknown)).toEqual(['UNAUTHENTICATED']);
    // the same answer whether or not the account exists
    expect(wrong.errors?.[0].message).toBe(unknown.errors?.[0].message);

    const account = await findAccountByEmail(use().handle.db, TEST_ACCOUNTS.admin.email);
    const { password_hash: _, ...admin } = account!;
    const expired = await issueToken(use().handle.db, admin, { tokenTtl: Math.floor(Date.now() / 1000) - 60 });
    const forged = `${expired.slice(0, -4)}AAAA`;
    for (const token of [expired, forged, 'not-a-token']) {
      const result = await anonymous(ME, {}, { authorization: `Bearer ${token}` });
      expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
      expect(result.data ?? null).toBeNull();
    }
    const malformed = await anonymous(ME, {}, { authorization: 'Basic abc' });
    expect(errorCodes(malformed)).toEqual(['UNAUTHENTICATED']);
  });

  it('a disabled account cannot log in and its tokens stop working', async () => {
    const admin = graphqlClient(use().handle);
    const viewer = graphqlClient(use().handle, { as: 'viewer' });
    expect((await viewer(ME)).data.me.role).toBe('VIEWER');
    const users = await admin('{ users { id email version } }');
    const target = users.data.users.find((u: { email: string }) => u.email === TEST_ACCOUNTS.viewer.email);
    const disabled = await admin(
      'mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { disabled version } } }',
      { input: { id: target.id, expectedVersion: target.version, disabled: true } },
    );
    expect(disabled.data.updateUser.user).toEqual({ disabled: true, version: target.version + 1 });
    expect(errorCodes(await viewer(ME))).toEqual(['UNAUTHENTICATED']);
    const anonymous = graphqlClient(use().handle, { as: 'anonymous' });
    const login = await anonymous(LOGIN, {
      email: TEST_ACCOUNTS.viewer.email,
      password: TEST_ACCOUNTS.viewer.password,
    });
    expect(errorCodes(login)).toEqual(['UNAUTHENTICATED']);
  });

  it(`after ${FREE_LOGIN_FAILURES} failed logins in a row the next attempts must wait, even with the right password`, async () => {
    const anonymous = graphqlClient(use().handle, { as: 'anonymous' });
    const { reviewer } = TEST_ACCOUNTS;
    for (let i = 0; i < FREE_LOGIN_FAILURES; i++) {
      const result = await anonymous(LOGIN, { email: reviewer.email, password: `wrong-password-${i}` });
      expect(result.errors?.[0].extensions?.reason).toBeUndefined();
    }
    const throttled = await anonymous(LOGIN, { email: reviewer.email, password: reviewer.password });
    expect(errorCodes(throttled)).toEqual(['UNAUTHENTICATED']);
    expect(throttled.errors?.[0].extensions).toMatchObject({ reason: 'THROTTLED', retryAfterSeconds: 1 });
    // once the wait is over, the right password works and the count starts again
    await sql`update login_throttle set last_failure_at = now() - interval '5 seconds'`.execute(use().handle.db);
    const ok = await anonymous(LOGIN, { email: reviewer.email, password: reviewer.password });
    expect(ok.errors).toBeUndefined();
    const { rows } = await sql`select * from login_throttle`.execute(use().handle.db);
    expect(rows).toEqual([]);
  });

  it('never lets a password out: not in responses, the change log, the account table or the logs', async () => {
    const logged: string[] = [];
    const capture = (...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
    };
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(capture),
    );
    const write = vi.spyOn(process.stdout, 'write');
    try {
      const admin = graphqlClient(use().handle);
      const anonymous = graphqlClient(use().handle, { as: 'anonymous' });
      const password = 'a-secret-password-7f3a';
      const created = await admin(
        'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id email role } } }',
        { input: { email: 'new@kg.test', password, role: 'CURATOR' } },
      );
      expect(created.errors).toBeUndefined();
      const login = await anonymous(LOGIN, { email: 'new@kg.test', password });
      const failed = await anonymous(LOGIN, { email: 'new@kg.test', password: `${password}x` });
      const users = await admin('{ users { email role } }');
      const bodies = JSON.stringify([created, login, failed, users]);
      expect(bodies).not.toContain(password);
      const { rows } = await sql<{ t: string }>`
        select string_agg(t::text, ' ') as t from (select * from change_log) t`.execute(use().handle.db);
      expect(rows[0].t ?? '').not.toContain(password);
      const account = await findAccountByEmail(use().handle.db, 'new@kg.test');
      expect(account?.password_hash).toMatch(/^\$argon2id\$/);
      expect(account?.password_hash).not.toContain(password);
      const written = write.mock.calls.map((c) => String(c[0])).join('');
      expect(`${logged.join('\n')}${written}`).not.toContain(password);
    } finally {
      for (const spy of spies) spy.mockRestore();
      write.mockRestore();
    }
  });

  it('refuses bad account input with BAD_USER_INPUT and non-admins with FORBIDDEN, changing nothing', async () => {
    const before = await use().fingerprint();
    const admin = graphqlClient(use().handle);
    const reviewer = graphqlClient(use().handle, { as: 'reviewer' });
    const create = 'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }';
    const cases = [
      { email: 'not-an-email', password: 'long-enough-password', role: 'VIEWER' },
      { email: 'short@kg.test', password: 'short', role: 'VIEWER' },
      { email: TEST_ACCOUNTS.curator.email, password: 'long-enough-password', role: 'VIEWER' },
    ];
    for (const input of cases) expect(errorCodes(await admin(create, { input }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await admin(create, { input: { ...cases[0], role: 'OWNER' } }))).toEqual(['BAD_USER_INPUT']);
    const forbidden = await reviewer(create, {
      input: { email: 'x@kg.test', password: 'long-enough-password', role: 'ADMIN' },
    });
    expect(errorCodes(forbidden)).toEqual(['FORBIDDEN']);
    expect(await use().fingerprint()).toEqual(before);
  });
});

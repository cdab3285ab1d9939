import { type Account, getAccount } from '@kg/db/account/repository';
import type { Executor } from '@kg/db/connect';
import { DomainError } from '@kg/db/errors';
import { getOrCreateSigningKey } from '@kg/db/setting/repository';
import type { Role } from '@kg/db/tables';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { type AuthConfig, DEFAULT_CONFIG } from './config.ts';

/** Who is asking. Anonymous clients read published facts only. */
export interface Viewer {
  /** Recorded as the actor of every change this request makes: the account's e-mail, or "anonymous". */
  actor: string;
  role: Role | null;
  accountId: string | null;
}

export const ANONYMOUS: Viewer = { actor: 'anonymous', role: null, accountId: null };

const ISSUER = 'occupational-knowledge-graph';

const storedKeys = new WeakMap<object, Promise<Uint8Array>>();

/**
 * The token signing key: the configured secret when set, else the key kept in the database (read once per
 * database handle), so that every replica and every restart accepts the same tokens.
 */
function signingKey(db: Executor, auth: AuthConfig): Promise<Uint8Array> {
  if (auth.secret) return Promise.resolve(new TextEncoder().encode(auth.secret));
  let key = storedKeys.get(db);
  if (!key) {
    key = getOrCreateSigningKey(db);
    key.catch(() => storedKeys.delete(db));
    storedKeys.set(db, key);
  }
  return key;
}

/** A signed, expiring token naming the account; its role is read afresh on every request. */
export async function issueToken(db: Executor, account: Account, auth: AuthConfig = DEFAULT_CONFIG.auth) {
  // issued-at to the millisecond: a password changed in the same second as a login must not revoke the new token
  const token = await new SignJWT({ iatMs: Date.now() })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(account.id)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(auth.tokenTtl)
    .sign(await signingKey(db, auth));
  return token;
}

const unauthenticated = (message: string) => new DomainError('UNAUTHENTICATED', message);

/** The viewer a request's Authorization header names; a bad, expired or revoked token is refused outright. */
export async function viewerFromRequest(
  db: Executor,
  request: Request,
  auth: AuthConfig = DEFAULT_CONFIG.auth,
): Promise<Viewer> {
  const header = request.headers.get('authorization');
  if (!header) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
  let subject: string | undefined;
  let issuedAtMs = 0;
  try {
    const { payload } = await jwtVerify(match[1], await signingKey(db, auth), {
      issuer: ISSUER,
      algorithms: ['HS256'],
    });
    subject = payload.sub;
    issuedAtMs = typeof payload.iatMs === 'number' ? payload.iatMs : (payload.iat ?? 0) * 1000;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthenticated('the token has expired: log in again');
    throw unauthenticated('the token is not valid');
  }
  const account = subject ? await getAccount(db, subject) : undefined;
  if (!account || account.disabled) throw unauthenticated('the account of this token is disabled or gone');
  // a password change or a disable revokes every token issued before it
  if (account.tokens_valid_after && issuedAtMs < new Date(account.tokens_valid_after).getTime()) {
    throw unauthenticated('the token was revoked (the password changed or the account was disabled): log in again');
  }
  return { actor: account.email, role: account.role, accountId: account.id };
}

const RANK: Record<Role, number> = { viewer: 1, curator: 2, reviewer: 3, admin: 4 };

/** Whether the viewer's role is at least `role`. */
export const hasRole = (viewer: Viewer, role: Role) => viewer.role !== null && RANK[viewer.role] >= RANK[role];

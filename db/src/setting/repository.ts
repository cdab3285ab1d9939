import { randomBytes } from 'node:crypto';
import type { Executor } from '../connect.ts';

/**
 * The key that signs login tokens: created once (random, 32 bytes) and kept in the database, so that every
 * replica and every restart accepts the same tokens. Concurrent first calls agree on one key.
 */
export async function getOrCreateSigningKey(db: Executor): Promise<Uint8Array> {
  await db
    .insertInto('setting')
    .values({ key: 'auth_secret', value: randomBytes(32).toString('base64') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('setting').select('value').where('key', '=', 'auth_secret').executeTakeFirstOrThrow();
  return new Uint8Array(Buffer.from(row.value, 'base64'));
}

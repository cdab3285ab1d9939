import { recordChanges } from '../change-log/repository.ts';
import type { Executor } from '../connect.ts';
import { badInput } from '../errors.ts';
import { normalizeOptionalText, normalizeText } from '../normalize.ts';
import { type Page, pageWithTotal } from '../paging.ts';
import type { SourceRow } from '../tables.ts';
import { inTransaction, type WriteContext } from '../transaction.ts';
import { lockForWrite, updateLocked } from '../versioned.ts';

export const SOURCE_KINDS = ['web_page', 'dataset_release', 'document', 'curator_note'] as const;

export interface SourceInput {
  /** A stable natural key, e.g. `onet:29.3` or `seed:000_dc4e1e54816b27dc`. */
  key: string;
  title: string;
  url?: string | null;
  publisher?: string | null;
  publishedAt?: string | null;
  retrievedAt?: Date | string | null;
  kind: string;
}

function parseSource(input: SourceInput) {
  if (!(SOURCE_KINDS as readonly string[]).includes(input.kind)) {
    throw badInput(`unknown source kind "${input.kind}"; known kinds: ${SOURCE_KINDS.join(', ')}`);
  }
  if (input.url != null && !/^https?:\/\/[^\s\p{Cc}]+$/u.test(input.url)) throw badInput('url must be an http(s) URL');
  if (input.publishedAt != null && !/^\d{4}-\d{2}-\d{2}$/.test(input.publishedAt)) {
    throw badInput('publishedAt must be a date like 2019-03-26');
  }
  return {
    key: normalizeText(input.key, 'key', 200),
    title: normalizeText(input.title, 'title', 500),
    url: input.url ?? null,
    publisher: normalizeOptionalText(input.publisher, 'publisher', 300) ?? null,
    published_at: input.publishedAt ?? null,
    retrieved_at: input.retrievedAt ?? null,
    kind: input.kind,
  };
}

export function updateSource(
  executor: Executor,
  context: WriteContext,
  input: { id: string; expectedVersion: number } & Partial<Omit<SourceInput, 'key'>>,
): Promise<SourceRow> {
  return inTransaction(executor, async (trx) => {
    const before = await lockForWrite(trx, 'source', input.id, input.expectedVersion);
    const next = parseSource({
      key: before.key,
      title: input.title ?? before.title,
      url: input.url === undefined ? before.url : input.url,
      publisher: input.publisher === undefined ? before.publisher : input.publisher,
      publishedAt: input.publishedAt === undefined ? before.published_at : input.publishedAt,
      retrievedAt: input.retrievedAt === undefined ? before.retrieved_at : input.retrievedAt,
      kind: input.kind ?? before.kind,
    });
    const { key: _key, ...patch } = next;
    return updateLocked(trx, context, 'source', before, patch);
  });
}

export function createSource(executor: Executor, context: WriteContext, input: SourceInput): Promise<SourceRow> {
  const values = parseSource(input);
  return inTransaction(executor, async (trx) => {
    const existing = await trx.selectFrom('source').select('id').where('key', '=', values.key).executeTakeFirst();
    if (existing) throw badInput(`a source with key "${values.key}" already exists`, { existingId: existing.id });
    const row = await trx.insertInto('source').values(values).returningAll().executeTakeFirstOrThrow();
    await recordChanges(trx, context);
    return row;
  });
}

export function getSourceByKey(db: Executor, key: string) {
  return db.selectFrom('source').selectAll().where('key', '=', key).executeTakeFirst();
}

/** Sources for page-numbered lists, by title. */
export function listSources(db: Executor, args: Page & { titleContains?: string | null }) {
  let query = db.selectFrom('source').selectAll();
  const fragment = args.titleContains?.trim();
  if (fragment) query = query.where('title', 'ilike', `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return pageWithTotal(query.orderBy('title').orderBy('id'), args);
}

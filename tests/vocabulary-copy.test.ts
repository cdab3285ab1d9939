import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEntity } from '@kg/db/entity/repository';
import { importOnet } from '@kg/db/import/datasets';
import { importBlsEp, importNaicsFile } from '@kg/db/import/labor-market';
import { titleEvidence } from '@kg/db/search/titles';
import { rankByVocabulary, type VocabularyQuery } from '@kg/db/search/vocabulary';
import { VocabularyIndex } from '@kg/db/search/vocabulary-index';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './support/databases.ts';
import { onetFilesOf } from './support/reference-data.ts';

/**
 * Title coding ranks occupations by their vocabulary from a copy kept in process (db/src/search/vocabulary-index.ts)
 * while nothing has changed since it was read, and through the SQL function otherwise. The two must agree, and a
 * change must show in the very next request.
 */
const VENDORED = fileURLToPath(new URL('../db/data/', import.meta.url));
const CODES = new Set([
  '29-2072.00',
  '29-1141.00',
  '31-1131.00',
  '15-1252.00',
  '43-6014.00',
  '53-7051.00',
  '51-4121.00',
]);
const subset = onetFilesOf(
  CODES,
  ['Occupation Data.txt', 'Alternate Titles.txt', 'Task Statements.txt', 'Technology Skills.txt'],
  'onet-vocabulary-',
);
afterAll(() => rmSync(subset, { recursive: true, force: true }));

const TITLES = [
  'medical records clerk',
  'rgistered nurce',
  'forklfit opertor',
  'Nurse, night shift (ICU)',
  'sr. health information technician',
  'night charge nurse',
  'forklift operator',
  'java backend developer',
  'welding machine tender',
  'patient care aide',
  'office assistant',
  'coding specialist',
  'zz unknown words only',
];

describeEachDatabase('the vocabulary copy', (use) => {
  const db = () => use().handle.db;
  const index = () => VocabularyIndex.of(db())!;

  /** Reads the copy again and waits for it; the ranker it gives once its check finds it current. */
  async function freshRanker() {
    await index().refresh();
    const check = index().staleCheck();
    expect(check).not.toBeNull();
    const { rows } = await sql<{ stale: boolean }>`select ${check!.query} as stale`.execute(db());
    expect(rows[0].stale).toBe(false);
    return index().ranker(check, false)!;
  }

  async function queriesOf(titles: string[], sector: string | null): Promise<VocabularyQuery[]> {
    const evidence = await titleEvidence(
      db(),
      titles.map((title) => ({ title, limit: 3 })),
    );
    return evidence.flatMap((e) =>
      e.words.head ? [{ modifiers: e.words.modifiers, head: e.words.head, limit: 15, sector }] : [],
    );
  }

  beforeAll(async () => {
    await use().reset();
    await importOnet(db(), subset);
    await importNaicsFile(db(), join(VENDORED, 'naics', '2-6 digit_2022_Codes.xlsx'));
    await importBlsEp(db(), join(VENDORED, 'bls_ep'));
  });

  it('ranks every title as the SQL function does, with and without a sector', async () => {
    const ranker = await freshRanker();
    for (const sector of [null, '62']) {
      const queries = await queriesOf(TITLES, sector);
      expect(queries.length).toBeGreaterThanOrEqual(TITLES.length - 1);
      const inSql = await rankByVocabulary(db(), queries);
      const inProcess = await rankByVocabulary(db(), queries, ranker);
      expect(inSql.flat().length).toBeGreaterThan(20);
      if (sector) expect(inSql.flat().some((hit) => (hit.sectorShare ?? 0) > 0)).toBe(true);
      queries.forEach((query, i) => {
        const label = `${query.modifiers.join(' ')} ${query.head} (${sector})`;
        expect(
          inProcess[i].map((h) => h.occupationId),
          label,
        ).toEqual(inSql[i].map((h) => h.occupationId));
        inSql[i].forEach((expected, j) => {
          const got = inProcess[i][j];
          for (const key of ['score', 'headEvidence', 'titleEvidence', 'vocabularyEvidence', 'idfCover'] as const) {
            expect(got[key], `${label} ${key}`).toBeCloseTo(expected[key], 9);
          }
          expect([got.matched, got.forms, got.headForms, got.sectorShare]).toEqual([
            expected.matched,
            expected.forms,
            expected.headForms,
            expected.sectorShare,
          ]);
          expect(got.occupation.name).toBe(expected.occupation.name);
          expect(got.occupation.onet_soc_code).toBe(expected.occupation.onet_soc_code);
        });
      });
    }
  });

  /** What a title's matches on indexed titles say, for comparing the copy's with the SQL function's. */
  const titleMatches = (evidence: Awaited<ReturnType<typeof titleEvidence>>) =>
    evidence.map((e) => e.titles.map((t) => [t.occupation.id, t.score, t.matchedTitle, t.matchType, t.complete]));

  it('finds and scores indexed titles as title_search() does, in no statement of its own', async () => {
    await freshRanker();
    const requests = TITLES.map((title) => ({ title, limit: 10 }));
    const before = use().handle.statements.total;
    const inProcess = await titleEvidence(db(), requests);
    // the word look-up (with the copy's check) is the one statement: titles and vocabulary come from the copy
    expect(use().handle.statements.total - before).toBe(1);
    const inSql = await db()
      .transaction()
      .execute((trx) => titleEvidence(trx, requests));
    expect(inSql.flatMap((e) => e.titles).length).toBeGreaterThan(10);
    expect(titleMatches(inProcess)).toEqual(titleMatches(inSql));
  });

  it('shows a retired alternate title in the next request', async () => {
    await freshRanker();
    const { rows } = await sql<{ id: string; text: string; occupation: string }>`
      select r.id, l.text, r.from_id as occupation from relation r
      join label l on l.entity_id = r.to_id and l.type = 'preferred'
      where r.predicate = 'has_title' and r.status = 'published' and l.text ilike '%coder%'
      order by l.text limit 1`.execute(db());
    const [title] = rows;
    const first = async () => (await titleEvidence(db(), [{ title: title.text, limit: 3 }]))[0].titles[0];
    expect(await first()).toMatchObject({ matchedTitle: title.text, matchType: 'exact_title' });
    expect((await first()).occupation.id).toBe(title.occupation);

    await db().updateTable('relation').set({ status: 'retired' }).where('id', '=', title.id).execute();
    // the copy is old: the SQL function answers, without the title; the copy read again agrees
    expect((await first())?.matchedTitle).not.toBe(title.text);
    await freshRanker();
    expect((await first())?.matchedTitle).not.toBe(title.text);
    await db().updateTable('relation').set({ status: 'published' }).where('id', '=', title.id).execute();
    await freshRanker();
    expect((await first()).matchedTitle).toBe(title.text);
  });

  it('shows a change in the next request, then reads the copy again', async () => {
    const ranker = await freshRanker();
    const [query] = await queriesOf(['zorbing clerk'], null);
    expect(ranker(query.modifiers, query.head, 5).map((h) => h.occupation.name)).not.toContain('Zorbing Clerks');
    const check = index().staleCheck()!;
    await createEntity(db(), { actor: 'test' }, { kind: 'occupation', name: 'Zorbing Clerks' });

    // the copy is old now: the request ranks through the SQL function, which sees the new occupation
    const { rows } = await sql<{ stale: boolean }>`select ${check.query} as stale`.execute(db());
    expect(rows[0].stale).toBe(true);
    const [evidence] = await titleEvidence(db(), [{ title: 'zorbing clerk', limit: 3 }]);
    expect(evidence.vocabulary[0]?.occupation.name).toBe('Zorbing Clerks');
    expect(index().ranker(check, true)).toBeNull();

    // and the copy read again has it too
    const again = await freshRanker();
    expect(again(query.modifiers, query.head, 5)[0]?.occupation.name).toBe('Zorbing Clerks');
  });

  it('is not used inside a transaction, which may see its own changes', async () => {
    await db()
      .transaction()
      .execute(async (trx) => {
        expect(VocabularyIndex.of(trx)).toBeNull();
        await createEntity(trx, { actor: 'test' }, { kind: 'occupation', name: 'Quahog Shuckers' });
        const [evidence] = await titleEvidence(trx, [{ title: 'quahog shucker', limit: 3 }]);
        expect(evidence.vocabulary[0]?.occupation.name).toBe('Quahog Shuckers');
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
  });

  it('is not made old by a change that has not committed', async ({ skip }) => {
    // PGlite has one connection: nothing can be read while a transaction is open
    if (use().name === 'pglite') skip();
    await freshRanker();
    const check = index().staleCheck()!;
    const stale = async () =>
      (await sql<{ stale: boolean }>`select ${check.query} as stale`.execute(db())).rows[0].stale;
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const writing = db()
      .transaction()
      .execute(async (trx) => {
        await createEntity(trx, { actor: 'test' }, { kind: 'occupation', name: 'Kelp Farmers' });
        await held;
      });
    // the writer has written but not committed
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await stale()).toBe(false);
    release();
    await writing;
    expect(await stale()).toBe(true);
  });
});

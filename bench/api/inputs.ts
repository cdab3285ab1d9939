import { openDatabase } from '../../db/src/connect.ts';
import { executeScript } from '../../db/src/script.ts';
import { type BenchQuery, benchQueries } from './queries.ts';

/** The options every run of the API under load takes: the database, the load and the servers' pools. */
export const loadOptions = {
  url: {
    type: 'string',
    default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kg_full_api',
  },
  connections: { type: 'string', default: '10' },
  duration: { type: 'string', default: '10' },
  pool: { type: 'string', default: '10' },
} as const;

/**
 * The benchmark queries with the inputs they rotate through, read from the database at `url`: 50 occupations
 * with skill ratings spread across the SOC range, 500 alternate titles spread over the vocabulary. Also creates
 * PostGraphile's nearest equivalent of search and title resolution (bench_search_entities).
 */
export async function benchQueriesFor(url: string): Promise<BenchQuery[]> {
  const database = await openDatabase({ url, poolSize: 1 });
  try {
    const rows = await database.db
      .selectFrom('occupation as o')
      .select('o.onet_soc_code as code')
      .where('o.onet_soc_code', 'is not', null)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('relation as r')
            .select('r.id')
            .whereRef('r.from_id', '=', 'o.entity_id')
            .where('r.predicate', '=', 'requires_skill'),
        ),
      )
      .orderBy('o.onet_soc_code')
      .execute();
    const labels = await database.db.selectFrom('label').select('text').where('type', '=', 'alternate').execute();
    const titles = Array.from({ length: 500 }, (_, k) => labels[Math.floor((k * labels.length) / 500)]?.text).filter(
      (t): t is string => Boolean(t),
    );
    // a trigram match over the same labels
    await executeScript(
      database.db as unknown as Parameters<typeof executeScript>[0],
      `create or replace function bench_search_entities(q text, kinds text[] default null)
       returns setof entity language sql stable as $$
         select e.* from entity e
         join (select l.entity_id, max(similarity(l.text, q)) as score from label l
               where l.text % q group by l.entity_id) m on m.entity_id = e.id
         where e.status = 'published' and (kinds is null or e.kind = any(kinds))
         order by m.score desc, e.name, e.id
       $$;`,
    );
    if (rows.length < 50) throw new Error(`${url} does not hold the full graph (${rows.length} rated occupations)`);
    const step = Math.floor(rows.length / 50);
    const codes = Array.from({ length: 50 }, (_, k) => rows[k * step].code as string);
    return benchQueries(codes, titles);
  } finally {
    await database.close();
  }
}

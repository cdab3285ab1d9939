// The floor for query (a) in bench/api.ts: a Node HTTP server with no GraphQL at all that answers (a)'s request
// with (a)'s answer, reading it with one prepared statement on a pg pool of the same size. What it costs per
// request (HTTP, JSON, one statement's round trip) no GraphQL server on this machine can go below.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const pg = createRequire(new URL('../../db/package.json', import.meta.url))('pg');

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
let statements = 0;

const ONE_OCCUPATION = {
  name: 'floor_one_occupation',
  text: `select e.id, e.name, o.soc_code, o.onet_soc_code, o.description, o.job_zone
    from occupation o join entity e on e.id = o.entity_id
    where (o.onet_soc_code = $1 or o.soc_code = $1) and e.status = 'published'
    order by o.onet_soc_code limit 1`,
};

async function answer(body) {
  const { variables } = JSON.parse(body);
  statements++;
  const { rows } = await pool.query({ ...ONE_OCCUPATION, values: [String(variables.code)] });
  const row = rows[0];
  const occupation = row && {
    id: Buffer.from(`Occupation:${row.id}`).toString('base64'),
    name: row.name,
    socCode: row.soc_code,
    onetSocCode: row.onet_soc_code,
    description: row.description,
    jobZone: row.job_zone,
  };
  return JSON.stringify({ data: { occupation: occupation ?? null } });
}

createServer((req, res) => {
  if (req.url === '/__statements') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ statements }));
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    answer(Buffer.concat(chunks).toString('utf8')).then(
      (json) => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(json),
      (error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
    );
  });
}).listen(Number(process.env.PORT), '127.0.0.1');

// PostGraphile 5 (amber preset) over the same database, for bench/api.ts. This file is copied into the
// folder where the bench installs PostGraphile (outside git) and run there with Node 22.
import { createServer } from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const url = process.env.DATABASE_URL;
const port = Number(process.env.PORT);
const poolSize = Number(process.env.POOL_SIZE ?? 10);

// Every statement a client sends goes through Client.prototype.query: counting there covers PostGraphile's
// own queries and any transaction statements it wraps them in.
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (...args) {
  statements++;
  return query.apply(this, args);
};

const pool = new pg.Pool({ connectionString: url, max: poolSize });
const pgl = postgraphile({
  extends: [PostGraphileAmberPreset],
  // The graph's foreign keys point at entity(id, kind) while the indexes lead with id alone
  // (relation_from_page_idx is (from_id, predicate, id)); amber would hide those backward relations as
  // unindexed. They are indexed well enough, so expose them.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [makePgService({ pool, schemas: ['public'] })],
  grafserv: { graphqlPath: '/graphql', watch: false, graphiql: false },
  grafast: { explain: false },
});
const serv = pgl.createServ(grafserv);
const handler = serv.createHandler();
const server = createServer((req, res) => {
  if (req.url === '/__statements') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ statements }));
    return;
  }
  handler(req, res);
});
// Build the schema before saying ready, so that the first measured request does not pay for it.
await pgl.getSchema();
server.listen(port, '127.0.0.1', () => console.log(`postgraphile ready on ${port}`));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));

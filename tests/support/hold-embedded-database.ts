// A process that holds an embedded database and writes to it until it is killed: it prints "open" once the
// database is open, then "ack N" after each committed write (what a client would have been told succeeded).
import { openDatabase } from '@kg/db/connect';
import { sql } from 'kysely';

const database = await openDatabase({ dataDir: process.argv[2] });
await sql`create table if not exists acknowledged (n int primary key, at timestamptz default now())`.execute(
  database.db,
);
process.stdout.write('open\n');
for (let n = 1; ; n++) {
  await database.db.transaction().execute(async (trx) => {
    await sql`insert into acknowledged (n) values (${n})`.execute(trx);
  });
  process.stdout.write(`ack ${n}\n`);
}

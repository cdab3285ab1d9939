import { parseTimestamptz } from '@kg/db/connect';
import pg from 'pg';
import { expect, it } from 'vitest';

const pgParse = pg.types.getTypeParser(1184, 'text') as (text: string) => Date;

// Timestamps read by position (db/src/connect.ts) give the Date pg's parser gives a row's text, and the one
// Date gives the JSON text of the statement batch, for every form Postgres writes in UTC; others go to pg.
it('reads timestamps in rows and in JSON as pg and Date do', () => {
  const rows = [
    '2026-12-01 19:03:51.832757+00',
    '2026-12-01 19:03:51.8+00',
    '2026-12-01 19:03:51.83+00',
    '2026-12-01 19:03:51+00',
    '1999-01-31 00:00:00.000001+00',
    '2026-12-01 19:03:51.832757+02',
    '0999-12-31 23:59:59+00',
    '2026-12-01 19:03:51.832757+05:30',
    'infinity',
  ];
  for (const text of rows) expect(parseTimestamptz(text), text).toEqual(pgParse(text));
  const json = [
    '2026-12-01T19:03:51.832757+00:00',
    '2026-12-01T19:03:51.8+00:00',
    '2026-12-01T19:03:51.83+00:00',
    '1999-01-31T00:00:00.000001+00:00',
    '2026-12-01T19:03:51+00:00',
    '2026-12-01T19:03:51.832757+02:00',
  ];
  for (const text of json) expect(parseTimestamptz(text), text).toEqual(new Date(text));
});

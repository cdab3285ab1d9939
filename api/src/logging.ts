import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * The id of each request being served (x-request-id), for the log lines written while serving it. Passed along
 * explicitly rather than through AsyncLocalStorage, whose promise hooks cost every promise of every request.
 */
export const requestIds = new WeakMap<IncomingMessage, string>();

/** Paths that may hold secrets: bearer tokens, cookies, and any `password` in variables or inputs. */
export const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'password',
  '*.password',
  'variables.*.password',
  'variables.input.password',
];

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const OMITTED = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'v']);

/** pino's JSON lines turned into lines a person reads in a terminal: `12:03:04 warn  message key=value`. */
export function readableLines(output: NodeJS.WritableStream = process.stdout): DestinationStream {
  return new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) {
        if (!line) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        const time = new Date(Number(entry.time)).toISOString().slice(11, 19);
        const level = LEVELS[Number(entry.level)] ?? 'info';
        const extra = Object.entries(entry)
          .filter(([key]) => !OMITTED.has(key))
          .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
        output.write(`${time} ${level.padEnd(5)} ${[entry.msg ?? '', ...extra].join(' ')}\n`);
      }
      done();
    },
  });
}

/** pino at `level` (default info); lines about a request carry its `reqId` (see requestIds). */
export function createLogger(
  options: { level?: string; format?: 'pretty' | 'json'; destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACT, censor: '[redacted]' },
    },
    options.destination ?? (options.format === 'pretty' ? readableLines() : undefined),
  );
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { type DestinationStream, type Logger, pino } from 'pino';

/** The request being served, so that every log line written while serving it carries its id. */
export const requestScope = new AsyncLocalStorage<{ reqId: string }>();

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

/** JSON lines (pino) at LOG_LEVEL (default info), each with the id of the request it belongs to. */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: REDACT, censor: '[redacted]' },
      mixin: () => requestScope.getStore() ?? {},
    },
    options.destination,
  );
}

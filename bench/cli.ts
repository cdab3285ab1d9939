import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ParseArgsConfig, parseArgs } from 'node:util';

/**
 * A benchmark's command line: `--help` (or `-h`) prints the comment at the top of its file (what it measures,
 * its options and their defaults) and exits; anything else is parsed strictly.
 */
export function benchArgs<T extends ParseArgsConfig>(fileUrl: string, config: T) {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    const source = readFileSync(fileURLToPath(fileUrl), 'utf8');
    const comment = /\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? '';
    console.log(
      comment
        .split('\n')
        .map((line) => line.replace(/^\s*\* ?/, ''))
        .join('\n')
        .trim(),
    );
    process.exit(0);
  }
  return parseArgs(config);
}

/** The options of a benchmark that opens a database: which (`pglite` or `postgres`), PGlite's folder, the server's URL. */
export function databaseOptions(dataDir: string) {
  return {
    db: { type: 'string', default: 'pglite' },
    'data-dir': { type: 'string', default: dataDir },
    url: { type: 'string', default: process.env.DATABASE_URL },
  } as const;
}

/** The options of a benchmark that draws a seeded sample: how many, the seed, and how many untimed runs first. */
export function sampleOptions(n: string, warmup: string) {
  return {
    n: { type: 'string', default: n },
    seed: { type: 'string', default: '7' },
    warmup: { type: 'string', default: warmup },
  } as const;
}

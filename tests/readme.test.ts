import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_CODES } from '@kg/api/error-codes';
import { schema } from '@kg/api/schema';
import { importNaicsFile } from '@kg/db/import/labor-market';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from './browser/console.ts';
import { TEST_ACCOUNTS } from './support/accounts.ts';
import { describeEachDatabase } from './support/databases.ts';
import { graphqlClient } from './support/graphql.ts';
import { hasReferenceData, onetSlice, REFERENCE_DATA } from './support/reference-data.ts';

/** The README as a newcomer follows it: every GraphQL example and every command it shows must work. */

const ROOT = new URL('..', import.meta.url).pathname;
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const SCRIPTS = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;

const blocks = (language: string) =>
  [...README.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]);

/** Command lines of the sh blocks, comments cut off. */
const COMMANDS = blocks('sh')
  .flatMap((block) => block.split('\n'))
  .map((line) => line.replace(/\s+#.*$/, '').trim())
  .filter((line) => line && !line.startsWith('#'));

const EXAMPLES = blocks('graphql');

describeEachDatabase('the README: every GraphQL example', (use) => {
  let admin: ReturnType<typeof graphqlClient>;
  let ids: { occupation: string; credential: string; goal: string; source: string; version: number };

  beforeAll(async () => {
    admin = graphqlClient(use().handle, { as: 'admin' });
    const { data } = await admin(`{
      occupation(socCode: "29-2072") { id version credentials { id } }
      manager: occupation(socCode: "11-9111") { id }
      sources(first: 1) { edges { node { id } } } }`);
    ids = {
      occupation: data.occupation.id,
      version: data.occupation.version,
      credential: data.occupation.credentials[0].id,
      goal: data.manager.id,
      source: data.sources.edges[0].node.id,
    };
  });

  it('validates every example against the schema', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(7);
    for (const example of EXAMPLES) {
      expect(
        validate(schema, parse(example)).map((e) => e.message),
        example.slice(0, 60),
      ).toEqual([]);
    }
  });

  it('runs every example without errors, with the placeholders filled in', async () => {
    await use().reset();
    // the default start has the NAICS sectors, which the title-coding example names as its industry
    await importNaicsFile(use().handle.db, join(ROOT, 'db', 'data', 'naics', '2-6 digit_2022_Codes.xlsx'));
    for (const example of EXAMPLES) {
      const filled = example
        .replace('admin@example.org', TEST_ACCOUNTS.admin.email)
        .replace('password: "…"', `password: "${TEST_ACCOUNTS.admin.password}"`)
        .replace('id: "…"', `id: "${ids.occupation}"`)
        .replace('expectedVersion: 1', `expectedVersion: ${ids.version}`)
        .replace('sourceId: "…"', `sourceId: "${ids.source}"`);
      expect(filled, 'a placeholder the test does not know').not.toContain('…');
      const result = await admin(filled, { id: ids.credential, from: ids.occupation, to: ids.goal });
      expect(result.errors, `${example.slice(0, 80)}: ${JSON.stringify(result.errors)}`).toBeUndefined();
      // some examples read imported releases (SOC, ESCO) the seed graph lacks: those fields may be null here
      expect(
        Object.values(result.data ?? {}).some((value) => value !== null),
        example.slice(0, 80),
      ).toBe(true);
    }
  });
});

describe('the README: every command [pglite]', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'kg-readme-'));

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** Runs a README command line the way pnpm would: its script's command, typed in `cwd`. */
  function commandLine(line: string, cwd: string, dataDir: string) {
    const words = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
    let argv: string[];
    if (words[0] === 'pnpm') {
      const script = SCRIPTS[words[1]];
      expect(script, `package.json has the script ${words[1]}`).toBeDefined();
      const [tool, ...scriptArgs] = script.split(' ');
      expect(tool).toBe('tsx');
      argv = ['--import', 'tsx', ...scriptArgs, ...words.slice(2)];
    } else {
      expect(words.slice(0, 2)).toEqual(['npx', 'tsx']);
      argv = ['--import', 'tsx', ...words.slice(2)];
    }
    return {
      argv,
      options: { cwd: ROOT, env: { ...process.env, INIT_CWD: cwd, KG_DATA_DIR: dataDir, DATABASE_URL: '' } },
    };
  }

  function run(line: string, cwd: string, dataDir: string) {
    const { argv, options } = commandLine(line, cwd, dataDir);
    return spawnSync(process.execPath, argv, { ...options, encoding: 'utf8', timeout: 240_000 });
  }

  function runAsync(line: string, cwd: string, dataDir: string) {
    const { argv, options } = commandLine(line, cwd, dataDir);
    return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, argv, { ...options, timeout: 120_000 }, (error, stdout, stderr) =>
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
  }

  it('starts the service with the first command, as typed, on a fresh data directory', async () => {
    const [install, start] = COMMANDS[0].split(' && ');
    expect(install).toBe('npx -y pnpm@12 install');
    const words = start.split(' ');
    const env: Record<string, string> = Object.fromEntries(
      words.filter((w) => /^[A-Z_]+=/.test(w)).map((w) => w.split('=') as [string, string]),
    );
    expect(words.filter((w) => !/^[A-Z_]+=/.test(w))).toEqual(['npx', '-y', 'pnpm@12', 'start']);
    // the console is built once for every test file (a start finds it current and does not build it again)
    await buildConsole();
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const child = spawn('npx', ['-y', 'pnpm@12', 'start'], {
      cwd: ROOT,
      detached: true,
      env: {
        ...process.env,
        ...env,
        PORT: String(port),
        KG_DATA_DIR: join(scratch, 'start'),
        // the reference import is the subject of bench/start; here, that the command brings the service up
        KG_IMPORT_REFERENCE_DATA: '0',
        DATABASE_URL: '',
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    try {
      const deadline = Date.now() + 180_000;
      while (!output.includes('listening in') && child.exitCode === null && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(output, output).toContain('listening in');
      const base = `http://127.0.0.1:${port}`;
      const answer = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ occupation(socCode: "29-2072") { name } }' }),
      });
      expect(await answer.json()).toEqual({ data: { occupation: { name: 'Medical Records Technician' } } });
      const graphiql = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
      expect(await graphiql.text()).toContain('GraphiQL');
      const admin = await fetch(`${base}/admin/`);
      expect(admin.status).toBe(200);
      expect(await admin.text()).toContain('<div id="root">');
      expect(output).not.toContain('vite build');
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    }
  }, 240_000);

  it('shows each benchmark with --help', async () => {
    const benchmarks = COMMANDS.filter((line) => line.startsWith('npx tsx bench/') || line.startsWith('pnpm bench:'));
    expect(benchmarks.length).toBeGreaterThanOrEqual(5);
    // at once: each is a process of its own that prints and exits
    const results = await Promise.all(
      benchmarks.map(async (line) => {
        const command = `${line
          .split(' ')
          .slice(0, line.startsWith('pnpm') ? 2 : 3)
          .join(' ')} --help`;
        return { command, ...(await runAsync(command, ROOT, join(scratch, 'unused'))) };
      }),
    );
    for (const { command, status, stdout, stderr } of results) {
      expect(status, `${command}: ${stderr}`).toBe(0);
      expect(stdout.length).toBeGreaterThan(100);
    }
  });

  it.skipIf(!hasReferenceData())(
    'imports, exports and restores as shown, in a scratch data directory',
    async () => {
      // the reference data as the README's paths expect it (../shared/data), with a small O*NET release
      const cwd = join(scratch, 'repo');
      mkdirSync(join(scratch, 'shared', 'data'), { recursive: true });
      mkdirSync(cwd);
      onetSlice('onet', ['29-2072.00'], join(scratch, 'shared', 'data', 'onet'));
      const dataDir = join(scratch, 'data');
      const imports = COMMANDS.filter((line) => line.startsWith('pnpm data:import '));
      const [usage] = [run('pnpm data:import', cwd, dataDir)];
      for (const line of imports) {
        const kind = line.split(' ')[2];
        if (kind === 'onet' || kind === 'all') {
          // `all` reads the folder laid out like the reference data: here only its onet/ release
          const result = run(line, cwd, dataDir);
          expect(result.status, `${line}\n${result.stdout}\n${result.stderr}`).toBe(0);
          expect(result.stdout).toMatch(/onet:29\.3: \d+ created, \d+ updated/);
        } else if (kind === 'oews') {
          const result = run(line.replace('../shared/data', REFERENCE_DATA.replace(/\/$/, '')), cwd, dataDir);
          expect(result.status, `${line}\n${result.stderr}`).toBe(0);
          expect(result.stdout).toMatch(/oews:2024-05: \d+ created/);
        } else {
          // the other releases are large: their command must at least be one the importer knows
          expect(usage.stderr, line).toContain(`  ${kind} `);
        }
      }
      for (const line of COMMANDS.filter((l) => /^pnpm data:(export|restore) /.test(l))) {
        const target = line.startsWith('pnpm data:restore') ? join(scratch, 'restored') : dataDir;
        const result = run(line, cwd, target);
        expect(result.status, `${line}\n${result.stdout}\n${result.stderr}`).toBe(0);
      }
      expect(readFileSync(join(cwd, 'backup', 'manifest.json'), 'utf8')).toContain('"tables"');
    },
    600_000,
  );
});

describe('docs/errors.md', () => {
  it('names every code the API answers, and no other', () => {
    const page = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');
    const documented = [...page.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual(Object.keys(ERROR_CODES));
  });
});

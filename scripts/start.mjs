// `npm start` and `pnpm start`: installs the workspace when it is not installed yet (npm alone cannot: it is a
// pnpm workspace, so the pinned pnpm is fetched with npx), builds the admin console, then runs the API.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const execPath = process.env.npm_execpath ?? '';
// pnpm names itself in npm_execpath: a script for Node in older releases, a native program from pnpm 11 on
const viaPnpm = /pnpm/.test(execPath);
const pnpm = !viaPnpm
  ? ['npx', '-y', 'pnpm@12']
  : /\.[cm]?js$/.test(execPath)
    ? [process.execPath, execPath]
    : [execPath];

function run(args) {
  const [command, ...rest] = [...pnpm, ...args];
  const result = spawnSync(command, rest, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(
      `\n"${[...pnpm, ...args].join(' ')}" failed. Run it yourself from ${root} to see why, then start again.`,
    );
    process.exit(result.status ?? 1);
  }
}

/** The newest modification time of a file or of anything below a folder. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function consoleIsCurrent() {
  const built = join(root, 'admin', 'dist', 'index.html');
  if (!existsSync(built)) return false;
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((name) => join(root, 'admin', name));
  return statSync(built).mtimeMs >= Math.max(...sources.filter(existsSync).map(newest));
}

if (!existsSync(`${root}/api/node_modules/graphql-yoga`) || !existsSync(`${root}/admin/node_modules`)) {
  console.log('installing the workspace (pnpm install --frozen-lockfile)...');
  run(['install', '--frozen-lockfile']);
}
// a later start reuses the built console unless its sources changed since
if (!consoleIsCurrent()) run(['--filter', '@kg/admin', 'build']);
// node runs the API itself (as in the Dockerfile). Ctrl-C reaches it from the terminal (same process group):
// this process only waits; a SIGTERM sent to this process alone is passed on.
// with the API's Node flags (api/node-flags.json: a young generation sized for request garbage)
const flags = JSON.parse(readFileSync(join(root, 'api', 'node-flags.json'), 'utf8'));
const api = spawn(process.execPath, [...flags, '--import', 'tsx', 'api/src/main.ts'], { cwd: root, stdio: 'inherit' });
process.on('SIGINT', () => {});
process.on('SIGTERM', () => api.kill('SIGTERM'));
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// `npm start` and `pnpm start`: installs the workspace when it is not installed yet (npm alone cannot: it is a
// pnpm workspace, so the pinned pnpm is fetched with npx), builds the admin console, then runs the API.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const viaPnpm = /pnpm/.test(process.env.npm_execpath ?? '');
const pnpm = viaPnpm ? [process.execPath, process.env.npm_execpath] : ['npx', '-y', 'pnpm@12'];

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

if (!existsSync(`${root}/api/node_modules/graphql-yoga`) || !existsSync(`${root}/admin/node_modules`)) {
  console.log('installing the workspace (pnpm install --frozen-lockfile)...');
  run(['install', '--frozen-lockfile']);
}
run(['--filter', '@kg/admin', 'build']);
// node runs the API itself (as in the Dockerfile). Ctrl-C reaches it from the terminal (same process group):
// this process only waits; a SIGTERM sent to this process alone is passed on.
const api = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], { cwd: root, stdio: 'inherit' });
process.on('SIGINT', () => {});
process.on('SIGTERM', () => api.kill('SIGTERM'));
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

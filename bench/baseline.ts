import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const git = (...rest: string[]) => execFileSync('git', rest, { cwd: root, encoding: 'utf8' }).trim();

/**
 * Another revision's code beside this checkout (`git worktree add` into a temporary folder), sharing this
 * checkout's installed packages (its own workspace packages linked), for a benchmark to run it in the same run.
 */
export function checkOutBaseline(rev: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kg-baseline-'));
  git('worktree', 'add', '--detach', '--force', dir, git('rev-parse', rev));
  for (const folder of ['.', 'db', 'api']) {
    const modules = join(root, folder, 'node_modules');
    if (!existsSync(modules)) continue;
    const target = join(dir, folder, 'node_modules');
    mkdirSync(target);
    for (const entry of readdirSync(modules)) {
      if (entry === '@kg') {
        mkdirSync(join(target, '@kg'));
        for (const pkg of readdirSync(join(modules, '@kg'))) symlinkSync(join(dir, pkg), join(target, '@kg', pkg));
      } else symlinkSync(join(modules, entry), join(target, entry));
    }
  }
  return {
    dir,
    remove() {
      git('worktree', 'remove', '--force', dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

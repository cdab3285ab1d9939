import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// A lint of the deployment files, not a build: no container registry is reachable from the machines that run
// this suite, so the image is never built here. It checks that the compose file parses and wires the API to its
// Postgres, and that the Dockerfile installs from the lockfile and runs the API. Build the image where a registry
// is reachable: `docker compose build`.
const root = new URL('../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

describe('deployment files (lint)', () => {
  const compose = parse(read('docker-compose.yml'));

  it('docker-compose.yml: Postgres 15 with a health check, and the API waiting for it', () => {
    const { postgres, api } = compose.services;
    expect(postgres.image).toMatch(/^postgres:15(\b|$)/);
    expect(postgres.healthcheck.test.join(' ')).toMatch(/pg_isready/);
    expect(postgres.volumes.join(' ')).toMatch(/:\/var\/lib\/postgresql\/data$/);
    expect(Object.keys(compose.volumes)).toContain(postgres.volumes[0].split(':')[0]);

    expect(api.build).toBe('.');
    expect(api.depends_on.postgres.condition).toBe('service_healthy');
    const env = api.environment;
    const url = new URL(env.DATABASE_URL.replaceAll(/\$\{(\w+):-([^}]*)\}/g, '$2'));
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe('postgres');
    expect(url.username).toBe(postgres.environment.POSTGRES_USER);
    expect(url.pathname).toBe(`/${postgres.environment.POSTGRES_DB}`);
    expect(env.PORT).toBe('4000');
    expect(env.KG_ADMIN_EMAIL).toMatch(/^\$\{KG_ADMIN_EMAIL\b/);
    expect(env.KG_ADMIN_PASSWORD).toMatch(/^\$\{KG_ADMIN_PASSWORD\b/);
    expect(api.ports.some((p: string) => p.endsWith(':4000'))).toBe(true);
    expect(api.healthcheck.test.join(' ')).toMatch(/\/health/);
  });

  it('Dockerfile: Node, pnpm 12, a frozen install of every workspace package, the admin built, the API run', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/^FROM node:(22|20)(-slim)?$/m);
    expect(dockerfile).toMatch(/npm install -g pnpm@12/);
    expect(dockerfile).toMatch(/pnpm install --frozen-lockfile/);
    const workspace = parse(read('pnpm-workspace.yaml')).packages as string[];
    const install = dockerfile.indexOf('pnpm install');
    for (const pkg of workspace) {
      const copy = dockerfile.indexOf(`COPY ${pkg}/package.json`);
      expect(copy, pkg).toBeGreaterThan(0);
      expect(copy, pkg).toBeLessThan(install);
    }
    expect(dockerfile).toMatch(/pnpm --filter @kg\/admin build/);
    expect(dockerfile).toMatch(/^CMD .*api\/src\/main\.ts/m);
    expect(dockerfile).toMatch(/^EXPOSE 4000$/m);
  });

  it('.dockerignore keeps dependencies, local data and history out of the image', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', '.data', '.git']) expect(ignored).toContain(entry);
    // the reference data the first start imports is part of the image
    expect(ignored.some((line) => line.trim() === 'db/data' || line.trim() === 'data')).toBe(false);
  });
});

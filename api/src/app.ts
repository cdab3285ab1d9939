import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGraphQLServer, type YogaOptions } from './yoga.ts';

const ADMIN_DIST = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../admin/dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Serves the built admin console; unknown paths under /admin get its index (client-side routes). */
function serveAdmin(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const relative = normalize(decodeURIComponent(url.pathname.replace(/^\/admin\/?/, ''))).replace(/^(\.\.[/\\])+/, '');
  let file = join(ADMIN_DIST, relative);
  if (!file.startsWith(ADMIN_DIST) || !existsSync(file) || statSync(file).isDirectory()) {
    file = join(ADMIN_DIST, 'index.html');
  }
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain' }).end('The admin console is not built: run pnpm start.');
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': file.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(readFileSync(file));
}

/** The HTTP handler: GraphQL at /graphql, the admin at /admin, a health check at /health. */
export function createApp(options: YogaOptions) {
  const yoga = createGraphQLServer(options);
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/') {
      res.writeHead(302, { location: '/graphql' }).end();
    } else if (path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else if (path === '/admin' || path.startsWith('/admin/')) {
      serveAdmin(req, res);
    } else {
      yoga(req, res);
    }
  };
}

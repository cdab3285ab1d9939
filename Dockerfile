# The API (GraphQL at /graphql, the admin console at /admin) on Node 22, run from source with tsx as in development.
FROM node:22-slim

RUN npm install -g pnpm@12
ENV CI=true
WORKDIR /app

# Dependencies first, so that a change to the source reuses this layer.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY api/package.json api/
COPY admin/package.json admin/
COPY db/package.json db/
COPY tests/package.json tests/
RUN pnpm install --frozen-lockfile

COPY . .
RUN pnpm --filter @kg/admin build

ENV NODE_ENV=production PORT=4000
EXPOSE 4000
USER node
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT ?? 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself (not pnpm) is PID 1's child of choice: it receives SIGTERM and closes the server and the pool.
# The flags are api/node-flags.json's (a young generation sized for the garbage of requests).
CMD ["node", "--max-semi-space-size=32", "--import", "tsx", "api/src/main.ts"]

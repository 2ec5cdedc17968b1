# syntax=docker/dockerfile:1
# IdentSphere: one image for every platform, configured by environment (see docs/deploy.md).
#   server:  docker run -p 4000:4000 --env-file prod.env IMAGE
#   migrate: docker run --env-file prod.env IMAGE node dist/apps/identsphere/src/cli.js migrate
# Node 24 is a supported LTS line (Node 20 reached end of life in April 2026); the code needs >= 20.19 for
# require(esm). Pin the base by digest in your registry mirror for reproducible builds.
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: compile TypeScript with the full (dev) dependency set ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY migrations ./migrations
RUN npm run build

# ---- runtime: production dependencies and the compiled output only ----
FROM ${NODE_IMAGE} AS runtime
# curl: the ECS task definition's container health check runs `curl -f http://localhost:4000/health`.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Code stays root-owned and read-only to the service; only the (development-only) data directory is writable.
RUN mkdir -p /app/.identsphere && chown node:node /app/.identsphere
USER node
EXPOSE 4000
# Node itself is PID 1 and handles SIGTERM (graceful drain); use `docker run --init` or ECS
# initProcessEnabled to also reap zombies and forward signals that arrive during boot.
CMD ["node", "dist/apps/identsphere/src/main.js"]

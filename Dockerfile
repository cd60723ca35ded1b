# syntax=docker/dockerfile:1
# The mpchat server image. Stage 1 installs with the frozen lockfile, builds, and makes the
# production folder with apps/server/scripts/deploy-folder.sh (the same script the
# production-folder test runs); stage 2 runs that folder as a non-root user under tini.
#
#   docker build -t mpchat .
#   docker run -p 8080:8080 -e STORE=mysql -e MYSQL_URL=mysql://u:p@db:3306/mpchat mpchat
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles from source when no prebuilt binary fits the platform.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
# pnpm at the version package.json pins (packageManager), fetched without asking.
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0
RUN corepack enable
WORKDIR /repo
# Dependencies first, from the lockfile alone: this layer is reused until the lockfile changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
RUN pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile --offline
RUN pnpm exec turbo run build --filter=@mpchat/server...
RUN sh apps/server/scripts/deploy-folder.sh /app

FROM ${NODE_IMAGE}
# tini as PID 1: SIGTERM reaches node (graceful shutdown: sockets told, polls answered, turns
# checkpointed) and zombies are reaped.
RUN apt-get update && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*
# SHUTDOWN_GRACE 7 s: the server exits at most 2 s after the grace, inside `docker stop`'s default
# 10 s (Kubernetes allows 30 s); a longer grace needs a longer stop timeout (docker stop -t, compose
# stop_grace_period, terminationGracePeriodSeconds).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    SQLITE_PATH=/data/mpchat.db \
    SHUTDOWN_GRACE=7s
WORKDIR /app
# The code stays owned by root: the server (user node) can read it but not change it.
COPY --from=build /app /app
# The only place the server writes: STORE=sqlite on a mounted volume (containers that scale use
# STORE=mysql or redis).
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8080
# Liveness on /healthz at the HOST and PORT the container was given (a wildcard HOST is probed on loopback).
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
    CMD ["node", "-e", "const h=process.env.HOST||'0.0.0.0';const a=h==='0.0.0.0'||h==='::'?'127.0.0.1':h.includes(':')?'['+h+']':h;fetch('http://'+a+':'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/main.js"]

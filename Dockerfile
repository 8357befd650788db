# syntax=docker/dockerfile:1
# iam-local image: IAM + STS + instance metadata on port 4577, state in the /data volume.
#
#   docker build -t iam-local .
#   docker run --rm -p 4577:4577 -v iam-local-data:/data iam-local
#
# scripts/docker-build-steps.sh runs this file's COPY/RUN/ENV steps, start command and health
# check outside Docker (CI has no Docker engine), so keep every step something that script can
# follow; a step only Docker can do is marked with `# docker-only` on the line above it.

# ---- build stage: production dependencies only (better-sqlite3 is a native module) ----
FROM node:20-bookworm-slim AS deps
WORKDIR /app
# docker-only
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# The npm cache lives in a BuildKit cache mount, never in a layer (so no `npm cache clean`).
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# ---- runtime stage: node, the dependencies, and src/ bundled into dist/cli.js by esbuild ----
FROM node:20-bookworm-slim
# HOST=0.0.0.0 makes the server reachable beyond loopback, where the well-known key test/test
# would prove nothing: the image accepts it on purpose (the README's flows sign with it from the
# host); set IAM_LOCAL_BOOTSTRAP_KEYS=off when the published port is reachable by others.
# /_iam/* then needs IAM_LOCAL_ADMIN_TOKEN (printed at start when not given) from outside.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4577 \
    IAM_LOCAL_DB=/data/iam-local.db \
    IAM_LOCAL_BOOTSTRAP_KEYS=on
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY bin ./bin
COPY src ./src
COPY migrations ./migrations
COPY templates ./templates
COPY scripts/build.mjs ./scripts/build.mjs
# Bundle now, as root: at run time bin/iam-local.js finds dist/cli.js newer than src/ and starts it.
RUN node scripts/build.mjs --force
# docker-only
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 4577
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4577)+'/_iam/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "bin/iam-local.js"]
CMD ["start"]

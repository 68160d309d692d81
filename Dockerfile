# Journeyline: one image for the api, the worker and the cli (they differ only by command).
#
#   docker build -t journeyline .
#   docker run ... journeyline                                        # api (default), port 4000
#   docker run ... journeyline node dist/apps/worker/src/main.js      # worker (no HTTP port)
#   docker run ... journeyline node dist/apps/cli/src/main.js migrate # cli
#
# Required environment at run time: DATABASE_URL, REDIS_URL, JWT_SECRET, PII_KEYS
# (optional: API_PORT, LOG_LEVEL, NODE_ENV). No secrets are baked into the image.

ARG NODE_IMAGE=node:20-bookworm-slim
# The npm that wrote package-lock.json; it also honours package.json "allowScripts".
ARG NPM_VERSION=11.19.1

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
ARG NPM_VERSION
RUN npm install -g "npm@${NPM_VERSION}" --no-audit --no-fund \
 && npm cache clean --force
WORKDIR /app

# ---------------------------------------------------------------------------------------------
# Build stage: all dependencies (dev included), then compile everything to dist/.
FROM base AS build
COPY package.json package-lock.json ./
# `npm install`, not `npm ci`: the lockfile lacks some optional platform packages.
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build

# ---------------------------------------------------------------------------------------------
# Runtime stage: production dependencies and the compiled output only.
FROM base AS runtime
ENV NODE_ENV=production \
    API_PORT=4000
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund \
 && npm cache clean --force
# Owned by root and read-only to the app user.
COPY --from=build /app/dist ./dist

USER node
EXPOSE 4000
# No HEALTHCHECK here: the api, worker and cli need different checks (see docker-compose.yml).
CMD ["node", "dist/apps/api/src/main.js"]

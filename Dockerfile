# annexa as a container image, for Kubernetes CronJobs and CI.
# Runs as the unprivileged `node` user (uid 1000) and writes only to /evidence
# (a volume) and /tmp, so it runs with a read-only root filesystem:
#   docker run --read-only --tmpfs /tmp -v "$PWD/evidence:/evidence" annexa scan --sandbox
# Build: docker build -t annexa .

FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY checks ./checks
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    # Logs are JSON lines on stderr when there is no terminal: what a scheduler collects.
    NO_COLOR=1
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY bin ./bin
COPY mappings ./mappings
COPY schemas ./schemas
COPY fixtures/scenarios ./fixtures/scenarios
RUN mkdir /evidence && chown node:node /evidence
USER node
WORKDIR /evidence
VOLUME ["/evidence"]
ENTRYPOINT ["node", "/app/bin/annexa.js"]
CMD ["scan", "--out", "/evidence"]

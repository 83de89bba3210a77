# support-router Slack app. Build: docker build -t support-router .
# Run (HTTP; the volume keeps the SQLite store, so pending filings survive the container):
#   docker run -p 3000:3000 --env-file .env -v support-router-data:/app/data \
#     -v $PWD/oncall.yml:/app/oncall.yml:ro -e ONCALL_STATIC_FILE=/app/oncall.yml support-router
FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
# Only what runs ships: no dev dependencies, no benchmarks, no native build leftovers (sources, objects).
RUN npm run build && npm prune --omit=dev && rm -rf dist/bench \
  && cd node_modules/better-sqlite3 && rm -rf deps src build/Release/obj build/Release/obj.target \
     build/Release/.deps build/Release/test_extension.node build/Release/sqlite3.a build/deps

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json manifest.yml ./
COPY bin ./bin
COPY rules ./rules
# Compile the shipped rules once at build time: every start of the image then reads the stored
# snapshot instead of parsing, validating and training (node_modules/.cache; it is keyed by the
# file's content and the code, so it cannot go stale).
# The app runs as `node`, so the data directory (the SQLite store) must be that user's; the volume
# keeps it when the container is replaced.
RUN node -e "require('./dist/src/routing/load').loadRules()" \
  && mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]
USER node
EXPOSE 3000
# /healthz (alive) and /readyz (store answers, rules loaded) are served in HTTP and in Socket Mode, on PORT.
HEALTHCHECK --interval=30s --timeout=3s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Run node directly (not through npm) so SIGTERM from `docker stop` reaches the app.
CMD ["node", "dist/src/main.js"]

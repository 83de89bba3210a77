# support-router Slack app. Build: docker build -t support-router .
# Run (HTTP): docker run -p 3000:3000 --env-file .env -v $PWD/oncall.yml:/app/oncall.yml:ro support-router
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
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json manifest.yml ./
COPY rules ./rules
# Parse the shipped rules once at build time: every start of the image then skips the YAML parse
# (the parse cache in node_modules/.cache; it is keyed by the file's content, so it cannot go stale).
RUN node -e "require('./dist/src/routing/load').loadRules()"
USER node
EXPOSE 3000
# /healthz is served in HTTP and in Socket Mode, on PORT.
HEALTHCHECK --interval=30s --timeout=3s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Run node directly (not through npm) so SIGTERM from `docker stop` reaches the app.
CMD ["node", "dist/src/main.js"]

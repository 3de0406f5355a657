# The foresight API (with the rules service and console in the same process), as
# `docker compose` builds it. Two stages: compile with dev dependencies, run without them.
FROM node:20.18.1-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would compile before the sources are copied.
RUN npm ci --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
# Only src/: tests and benches are not part of the image (tsconfig includes them when present).
RUN npm run build

FROM node:20.18.1-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
COPY bin ./bin
COPY migrations ./migrations
COPY alert-rules ./alert-rules
COPY src ./src
# logs/ is a named volume shared with the collector (filelog); it takes this ownership.
RUN mkdir -p /app/logs /app/data && chown node:node /app/logs /app/data
USER node
EXPOSE 8080 9464
CMD ["node", "bin/foresight.js", "start"]

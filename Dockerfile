# The API image (Node 24, the current LTS, pinned to one release); docker-compose.yml runs it next to Neo4j 5.26.
# tests/integration/image-layout.test.ts assembles the runtime stage's COPY layout and starts the server from it.
FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY tools ./tools
COPY cypher ./cypher
COPY schema ./schema
RUN npm run build && npm prune --omit=dev

FROM node:24.21.0-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The explorer's and the workbench's plain browser files are served from the source tree (no build step for them).
COPY --from=build /app/src/explorer/public ./src/explorer/public
COPY --from=build /app/src/curate/public ./src/curate/public
COPY --from=build /app/tools/neo4j/pom.xml ./tools/neo4j/pom.xml
COPY --from=build /app/cypher ./cypher
COPY --from=build /app/schema ./schema
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:4000/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]

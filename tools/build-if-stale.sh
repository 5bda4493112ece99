#!/bin/sh
# Compiles src, tools and bench to dist/ only when something changed since the last build: the everyday commands
# (db:status, import, export...) then start in well under a second instead of waiting for tsc every time.
# Changed means newer than dist/.built: a source file, a folder (a file added or deleted) or the TypeScript set-up.
set -e
cd "$(dirname "$0")/.."
stamp=dist/.built
if [ -f "$stamp" ] && [ -z "$(find src tools bench tsconfig.json tsconfig.build.json package-lock.json -newer "$stamp" -print -quit)" ]; then
  exit 0
fi
npx tsc -p tsconfig.build.json
touch "$stamp"

#!/usr/bin/env bash
# Installs the SPA's npm packages when package-lock.json changed, then runs the given npm scripts.
set -euo pipefail
cd "$(dirname "$0")/../../frontend"
stamp=node_modules/.package-lock.json
if [[ ! -d node_modules || package-lock.json -nt "$stamp" ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
for script in "$@"; do
  echo "--- npm run $script"
  npm run --silent "$script"
done

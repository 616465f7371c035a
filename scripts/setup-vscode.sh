#!/usr/bin/env bash
# One-time (idempotent) install of what the integration tests need to run the extension inside a
# real VS Code: code-server from npm (VS Code's own server + web workbench) driven by Debian's
# headless Chromium through playwright-core. See docs/testing-in-vscode.md §1 for why each flag
# is needed. Re-running skips every step that is already done, so a developer rerun takes ~1 s.
#   CS_VERSION (default 4.100.3 = VS Code 1.100.3, the newest code-server for Node 20)
#   E2E_ROOT   (default <repo>/.e2e, gitignored)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
E2E_ROOT=${E2E_ROOT:-$REPO/.e2e}
CS_VERSION=${CS_VERSION:-4.100.3}
T0=$(date +%s)
step() { echo "[setup-vscode +$(($(date +%s) - T0))s] $*"; }
mkdir -p "$E2E_ROOT"

# 1. Debian packages: the browser, emoji glyphs for the lens text, headers for code-server's native
#    modules (kerberos needs gssapi.h) and rg to seed @vscode/ripgrep's download cache.
APT_PKGS=(chromium fonts-noto-color-emoji libkrb5-dev pkg-config ripgrep)
missing=()
for p in "${APT_PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
else
  step "apt packages present"
fi

# 2. @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable here); it first looks for
#    a cached tarball in os.tmpdir(), so put Debian's rg (13.0.0) there under the asset names.
TMPD=$(node -p 'require("os").tmpdir()')
for v in 1.15.9 1.15.10 1.15.11 1.15.14; do
  d="$TMPD/vscode-ripgrep-cache-$v"
  [ -f "$d/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ] && continue
  mkdir -p "$d"
  tmp=$(mktemp -d)
  cp "$(command -v rg)" "$tmp/rg" && chmod 755 "$tmp/rg"
  for tag in v13.0.0-10 v13.0.0-13 v14.1.1-1 v13.0.0-4; do
    tar czf "$d/ripgrep-$tag-x86_64-unknown-linux-musl.tar.gz" -C "$tmp" rg
  done
  rm -rf "$tmp"
done

# 3. code-server from npm. Its postinstall builds native modules and runs `npm install` in lib/vscode.
CS_DIR=$E2E_ROOT/cs
CS_ENTRY=$CS_DIR/node_modules/code-server/out/node/entry.js
have=$(node -p "try{require('$CS_DIR/node_modules/code-server/package.json').version}catch{''}" 2>/dev/null)
if [ -f "$CS_ENTRY" ] && [ "$have" = "$CS_VERSION" ]; then
  step "code-server $CS_VERSION present"
else
  step "npm install code-server@$CS_VERSION (about a minute, native builds)"
  mkdir -p "$CS_DIR"
  [ -f "$CS_DIR/package.json" ] || echo '{"name":"cs","private":true}' > "$CS_DIR/package.json"
  # unsafe_perm: the postinstall refuses to run as root without it; yes: node-pty's postinstall
  # runs `npx node-gyp` and this machine's npmrc has yes=false; allow_all_scripts: npm 11 would
  # otherwise block dependency install scripts.
  (cd "$CS_DIR" && npm_config_unsafe_perm=true npm_config_yes=true \
    npm_config_dangerously_allow_all_scripts=true \
    npm install --no-audit --no-fund --loglevel=error --foreground-scripts \
    "code-server@$CS_VERSION" > install.log 2>&1) || { tail -40 "$CS_DIR/install.log"; exit 1; }
fi
# --version without --config would write ~/.config/code-server/config.yaml: keep it in E2E_ROOT.
XDG_CONFIG_HOME=$E2E_ROOT/xdg XDG_DATA_HOME=$E2E_ROOT/xdg node "$CS_ENTRY" --version | head -1

cat > "$E2E_ROOT/env.sh" <<ENV
export E2E_ROOT=$E2E_ROOT
export CS_NODE=$(command -v node)
export CS_ENTRY=$CS_ENTRY
export CS_VERSION=$CS_VERSION
ENV
step "done ($(du -sh "$E2E_ROOT" | cut -f1) in $E2E_ROOT)"

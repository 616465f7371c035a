#!/usr/bin/env bash
# `npm run demo` (after `npm ci`): the extension in a real VS Code with nothing to set up.
# Installs code-server + Chromium deps if missing (scripts/setup-vscode.sh, idempotent), builds and
# packages the .vsix, starts the local Sentry-compatible server seeded with demo/recorded, installs
# the .vsix into a fresh code-server and prints the URL that opens demo/ with the bundled py-spy
# profile loaded and Sentry pointed at the local server. No account, token or internet needed.
# Ctrl+C stops everything (each service runs in its own process group).
#   --live             run the demo services under traffic and capture a fresh py-spy profile
#   --desktop          use a desktop `code` on PATH instead of code-server
#   --port N           code-server port (default 18090, or a free one if taken)
#   --sentry-port N    local Sentry port (default 9010, what demo/.vscode/settings.json names)
#   --workspace DIR    open DIR instead of demo/ (the e2e tests pass a copy)
#   --root DIR         run folder (default .e2e/demo; wiped at start)
#   --no-wait          start everything, print the URL and exit, leaving it running (tests)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
LIVE= DESKTOP= WAIT=1 PORT= SENTRY_PORT=9010 WS=$REPO/demo ROOT=$REPO/.e2e/demo
while [ $# -gt 0 ]; do
  case $1 in
    --live) LIVE=1 ;;
    --desktop) DESKTOP=1 ;;
    --no-wait) WAIT= ;;
    --port) PORT=$2 && shift ;;
    --sentry-port) SENTRY_PORT=$2 && shift ;;
    --workspace) WS=$(cd "$2" && pwd) && shift ;;
    --root) ROOT=$2 && shift ;;
    -h | --help) sed -n '2,16p' "$0" && exit 0 ;;
    *) echo "demo: unknown argument $1 (see --help)" >&2 && exit 2 ;;
  esac
  shift
done
T0=$(date +%s)
step() { echo "[demo +$(($(date +%s) - T0))s] $*"; }
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
port_busy() { node -e 'const s=require("net").connect(+process.argv[1],"127.0.0.1");s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1))' "$1"; }
wait_http() { # url seconds
  for _ in $(seq 1 $(($2 * 10))); do curl -s -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}
if [ -n "$DESKTOP" ] && ! command -v code >/dev/null; then
  echo "demo: --desktop needs a desktop \`code\` on PATH; none found, using code-server" >&2
  DESKTOP=
fi

GROUPS_TO_KILL=()
cleanup() {
  for g in "${GROUPS_TO_KILL[@]}"; do kill -- "-$g" 2>/dev/null || true; done
  sleep 0.3
  for g in "${GROUPS_TO_KILL[@]}"; do kill -9 -- "-$g" 2>/dev/null || true; done
  GROUPS_TO_KILL=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# Starts "$@" in its own process group (setsid) with output to a log file; sets LAST_PID.
start_group() {
  local log=$1 && shift
  setsid "$@" >"$log" 2>&1 </dev/null &
  LAST_PID=$!
  GROUPS_TO_KILL+=("$LAST_PID")
}

rm -rf "$ROOT" && mkdir -p "$ROOT/data/User" "$ROOT/exts" "$ROOT/xdg"
if [ -z "$DESKTOP" ]; then
  step "VS Code (code-server) and Chromium dependencies"
  bash scripts/setup-vscode.sh | sed 's/^/  /'
  # shellcheck source=/dev/null
  source "${E2E_ROOT:-$REPO/.e2e}/env.sh"
fi

step "build and package the extension"
npm run -s package >"$ROOT/package.log" 2>&1 || { cat "$ROOT/package.log"; exit 1; }
VSIX=$REPO/hotspot-lens.vsix
step "packaged $(basename "$VSIX") ($(du -k "$VSIX" | cut -f1) KB; dist/extension.js $(du -k dist/extension.js | cut -f1) KB)"

step "local Sentry-compatible server on 127.0.0.1:$SENTRY_PORT"
if port_busy "$SENTRY_PORT"; then
  echo "demo: port $SENTRY_PORT is taken (another local-sentry?). Stop it or pass --sentry-port." >&2
  exit 1
fi
node scripts/build.mjs local-sentry >/dev/null
SEED=(--seed demo/recorded)
[ -n "$LIVE" ] && SEED=(--no-seed)
start_group "$ROOT/local-sentry.log" node dist/local-sentry.js --port "$SENTRY_PORT" \
  --data "$ROOT/sentry-data" "${SEED[@]}" --token local-demo-token
wait_http "http://127.0.0.1:$SENTRY_PORT/api/0/" 20 || { cat "$ROOT/local-sentry.log"; exit 1; }
sed 's/^/  /' "$ROOT/local-sentry.log"

PROFILE=$REPO/demo/profiles/demo-service.speedscope.json
if [ -n "$LIVE" ]; then
  bash "$REPO/scripts/demo-live.sh" "$ROOT" "$SENTRY_PORT"
  PROFILE=$ROOT/live.speedscope.json
  # The services keep running (and sending spans) while the demo is open.
  for f in "$ROOT"/live-*.pgid; do GROUPS_TO_KILL+=("$(cat "$f")"); done
fi

# User settings of the fresh profile: the bundled (or fresh) profile loads when demo/ opens; the
# workspace's own .vscode/settings.json points Sentry at the local server.
cat >"$ROOT/data/User/settings.json" <<JSON
{
  "hotspotLens.profile.path": "$PROFILE",
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "git.openRepositoryInParentFolders": "never",
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "security.workspace.trust.enabled": false
}
JSON
# The extension reads SENTRY_AUTH_TOKEN when SecretStorage holds no token (src/editor/sentry/auth.ts):
# the local server's demo token, so nobody has to sign in. Real tokens stay in SecretStorage.
export SENTRY_AUTH_TOKEN=local-demo-token
export XDG_DATA_HOME=$ROOT/xdg/data XDG_CONFIG_HOME=$ROOT/xdg/config XDG_CACHE_HOME=$ROOT/xdg/cache
FILE=$WS/python-service/shopapp/reports.py

if [ -n "$DESKTOP" ]; then
  step "install the .vsix into a fresh desktop VS Code profile"
  code --user-data-dir "$ROOT/data" --extensions-dir "$ROOT/exts" --install-extension "$VSIX"
  step "opening $WS (close the window or press Ctrl+C to stop)"
  code --new-window --wait --user-data-dir "$ROOT/data" --extensions-dir "$ROOT/exts" "$WS" "$FILE"
  exit 0
fi

if [ -z "$PORT" ]; then
  PORT=18090
  if port_busy $PORT; then PORT=$(free_port); fi
fi
printf 'auth: none\nbind-addr: 127.0.0.1:%s\ncert: false\n' "$PORT" >"$ROOT/cs.yaml"
step "install the .vsix into a fresh code-server extensions folder"
"$CS_NODE" "$CS_ENTRY" --config "$ROOT/cs.yaml" --user-data-dir "$ROOT/data" \
  --extensions-dir "$ROOT/exts" --install-extension "$VSIX" 2>&1 | sed 's/^/  /'
step "code-server $CS_VERSION on 127.0.0.1:$PORT"
start_group "$ROOT/code-server.log" "$CS_NODE" "$CS_ENTRY" --config "$ROOT/cs.yaml" --auth none \
  --bind-addr "127.0.0.1:$PORT" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override --ignore-last-opened \
  --user-data-dir "$ROOT/data" --extensions-dir "$ROOT/exts"
wait_http "http://127.0.0.1:$PORT/healthz" 60 || { cat "$ROOT/code-server.log"; exit 1; }

BASE=http://127.0.0.1:$PORT
PAYLOAD=$(node -e 'console.log(encodeURIComponent(JSON.stringify([["openFile",process.argv[1]]])))' \
  "vscode-remote://127.0.0.1:$PORT$FILE")
FOLDER=$(node -e 'console.log(encodeURIComponent(process.argv[1]))' "$WS")
URL="$BASE/?folder=$FOLDER&payload=$PAYLOAD"
printf '%s\n' "$URL" >"$ROOT/url"
printf 'BASE=%s\nWS=%s\nSENTRY_PORT=%s\nPGIDS="%s"\n' "$BASE" "$WS" "$SENTRY_PORT" \
  "${GROUPS_TO_KILL[*]}" >"$ROOT/ready"
cat <<MSG

  Hotspot Lens demo is running. Open this URL in Chrome, Chromium, Edge or Firefox on this machine:

    $URL

  (or just $BASE/?folder=$FOLDER)
  demo/python-service/shopapp/reports.py opens with the CPU lenses and heat of
  $(basename "$PROFILE") and the Sentry p95 lenses from the local server (organization
  acme-shop; token local-demo-token, already set). Click a lens for the flamegraph or the
  slowest spans. Logs: $ROOT/*.log

MSG
if [ -z "$WAIT" ]; then
  step "left running (--no-wait); stop with: kill -- -PGID for PGIDS in $ROOT/ready"
  GROUPS_TO_KILL=()
  exit 0
fi
step "press Ctrl+C to stop"
while kill -0 "${GROUPS_TO_KILL[-1]}" 2>/dev/null; do sleep 1; done
echo "demo: code-server exited; see $ROOT/code-server.log" >&2
exit 1

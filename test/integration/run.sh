#!/usr/bin/env bash
# `npm run test:integration`: the extension inside a real VS Code (code-server 4.100.3 from npm,
# see scripts/setup-vscode.sh), driven by headless Chromium; mocha runs inside the extension host
# on a copy of test/fixtures/workspace. Prints `ext-tests: N passed, N failed`; exit 1 on failure.
#   SHOTS=dir  also save a screenshot of the workbench after the run
#   KEEP=1     keep the run folder (.e2e/run) for inspection
#   CS_SETUP / CS_ENV / CS_RUN  another code-server: its setup script, the env file it writes and
#              the run folder (defaults: scripts/setup-vscode.sh, .e2e/env.sh, .e2e/run); see the
#              `test:integration:latest` npm script (code-server 4.139.1 on Node 24)
set -uo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
E2E_ROOT=${E2E_ROOT:-$REPO/.e2e}
cd "$REPO"
CS_SETUP=${CS_SETUP:-scripts/setup-vscode.sh}
CS_ENV=${CS_ENV:-$E2E_ROOT/env.sh}
[ -f "$CS_ENV" ] || bash "$CS_SETUP" || exit 1
# shellcheck source=/dev/null
source "$CS_ENV"
[ -f "$CS_ENTRY" ] || bash "$CS_SETUP" || exit 1

RUN=${CS_RUN:-$E2E_ROOT/run}
rm -rf "$RUN" && mkdir -p "$RUN/data/User" "$RUN/exts"
# code-server, VS Code and Chromium write config/logs/caches under XDG dirs: keep them in the run.
export XDG_DATA_HOME=$RUN/xdg/data XDG_CONFIG_HOME=$RUN/xdg/config XDG_CACHE_HOME=$RUN/xdg/cache
T0=$(date +%s)
step() { echo "[integration +$(($(date +%s) - T0))s] $*"; }

step "build"
npm run -s build || exit 1

# Tests edit files and write settings: give them a copy of the fixture workspace.
cp -r test/fixtures/workspace "$RUN/ws"
cp test/integration/settings.json "$RUN/data/User/settings.json"
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
printf 'auth: none\nbind-addr: 127.0.0.1:%s\ncert: false\n' "$PORT" > "$RUN/cs.yaml"

# setsid: code-server gets its own process group (server, extension host, file watchers), so the
# whole group can be killed; killing only its pid leaves orphaned watchers behind.
CS_PID=
cleanup() {
  [ -n "$CS_PID" ] || return 0
  kill -- "-$CS_PID" 2>/dev/null
  for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$CS_PID" 2>/dev/null || break; sleep 0.2; done
  kill -9 -- "-$CS_PID" 2>/dev/null
  CS_PID=
  [ -n "${KEEP:-}" ] || rm -rf "$RUN"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# code-server >= 4.133 ignores the test payload unless the smoke-test driver is on (docs/testing-in-vscode.md §4).
SMOKE=()
"$CS_NODE" "$CS_ENTRY" --config "$RUN/cs.yaml" --help | grep -q -- '--vscode-option' &&
  SMOKE=(--vscode-option enable-smoke-test-driver)

step "start code-server $CS_VERSION on 127.0.0.1:$PORT"
setsid "$CS_NODE" "$CS_ENTRY" --config "$RUN/cs.yaml" --auth none --bind-addr "127.0.0.1:$PORT" \
  --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override --ignore-last-opened \
  --user-data-dir "$RUN/data" --extensions-dir "$RUN/exts" "${SMOKE[@]}" \
  > "$RUN/cs.log" 2>&1 < /dev/null &
CS_PID=$!
for _ in $(seq 1 300); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
  sleep 0.1
done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" || { cat "$RUN/cs.log"; exit 1; }

step "run the suite in the extension host"
SHOT_ARG=()
if [ -n "${SHOTS:-}" ]; then mkdir -p "$SHOTS" && SHOT_ARG=("SHOT=$SHOTS/integration.png"); fi
env "${SHOT_ARG[@]}" node test/integration/run-ext-tests.mjs "http://127.0.0.1:$PORT" "$RUN/ws" \
  "$REPO" "$REPO/test/integration/suite/index.js" "${TIMEOUT:-300}" | grep -v '^    at '
rc=${PIPESTATUS[0]}
if [ -n "${SHOTS:-}" ]; then
  step "screenshot of the lenses and heat (SHOTS=$SHOTS)"
  cp -r test/fixtures/workspace "$RUN/ws-ui"
  node test/integration/screenshot.mjs "http://127.0.0.1:$PORT" "$RUN/ws-ui" "$REPO" "$SHOTS" || rc=1
fi
[ "$rc" -eq 0 ] || { echo "--- code-server log (tail)"; tail -30 "$RUN/cs.log"; }
step "finished rc=$rc"
exit "$rc"

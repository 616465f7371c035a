#!/usr/bin/env bash
# `npm run test:e2e`: every feature as a person uses it, in a real VS Code (code-server 4.100.3)
# driven by Debian's headless Chromium (playwright-core). scripts/demo.sh does the setup exactly as
# a user's `npm run demo` does: builds and packages the .vsix, starts the local Sentry server
# seeded with demo/recorded, installs the .vsix (not the source tree) into a fresh code-server.
# The workspace is a copy of demo/ plus test/e2e/workspace and a corrupt profile, in e2e/.
# Prints `e2e: N passed, N failed, N skipped`, the bundle size and activation time; exits 1 on
# any failure. Screenshots: test-results/e2e/*.png (MEDIA=dir also writes the README pictures).
#   KEEP=1  keep the run folder (.e2e/e2e-run) and its logs
set -uo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO"
RUN=$REPO/.e2e/e2e-run
SHOTS=${SHOTS:-$REPO/test-results/e2e}
T0=$(date +%s)
step() { echo "[e2e +$(($(date +%s) - T0))s] $*"; }
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

rm -rf "$RUN" "$SHOTS" && mkdir -p "$RUN" "$SHOTS"
[ -n "${MEDIA:-}" ] && mkdir -p "$MEDIA"
step "workspace: demo/ + test/e2e/workspace"
WS=$RUN/ws
mkdir -p "$WS"
tar -C demo --exclude=node_modules --exclude=__pycache__ --exclude='*.db' -cf - . | tar -C "$WS" -xf -
mkdir -p "$WS/e2e"
cp test/e2e/workspace/workload.py "$WS/e2e/"
cp test/fixtures/profiles/pprof/parca-fib.pb.gz "$WS/e2e/"
# Scenario compare-baseline: two py-spy captures of test/fixtures/diff/workload.py, before and
# after its optimisation (the scenario puts the baseline into the capture folder itself).
mkdir -p "$WS/e2e/diff"
cp test/fixtures/diff/workload.py "$WS/e2e/diff/"
cp test/fixtures/diff/fast.raw.txt "$WS/e2e/"
printf '{"$schema":"https://www.speedscope.app/file-format-schema.json","shared":{"frames":[{"na' \
  >"$WS/e2e/corrupt.speedscope.json"
SENTRY_PORT=$(free_port)
# The copy's settings: the local server on this run's port, the capture short enough for a test.
node -e '
  const fs = require("fs"), [file, port] = process.argv.slice(1);
  const s = JSON.parse(fs.readFileSync(file, "utf8"));
  s["hotspotLens.sentry.url"] = `http://127.0.0.1:${port}`;
  s["hotspotLens.capture.durationSeconds"] = 5;
  // The two captures ran in /tmp/hl-diff/{home/dev,srv}/app (base.raw.txt, fast.raw.txt).
  s["hotspotLens.pathMappings"] = [
    ...(s["hotspotLens.pathMappings"] ?? []),
    { from: "/tmp/hl-diff/home/dev/app", to: "${workspaceFolder}/e2e/diff" },
    { from: "/tmp/hl-diff/srv/app", to: "${workspaceFolder}/e2e/diff" },
  ];
  s["git.openRepositoryInParentFolders"] = "never";
  s["workbench.colorTheme"] = "Default Dark Modern";
  fs.writeFileSync(file, JSON.stringify(s, null, 2));
' "$WS/.vscode/settings.json" "$SENTRY_PORT"

PGIDS=
cleanup() {
  for g in $PGIDS; do kill -- "-$g" 2>/dev/null; done
  sleep 0.3
  for g in $PGIDS; do kill -9 -- "-$g" 2>/dev/null; done
  PGIDS=
  [ -n "${KEEP:-}" ] || rm -rf "$RUN"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "scripts/demo.sh (setup, package, local Sentry, code-server with the .vsix)"
bash scripts/demo.sh --no-wait --workspace "$WS" --root "$RUN/demo" --port "$(free_port)" \
  --sentry-port "$SENTRY_PORT" >"$RUN/demo.log" 2>&1
rc=$?
[ -f "$RUN/demo/ready" ] && PGIDS=$(. "$RUN/demo/ready" && echo "$PGIDS")
if [ $rc -ne 0 ]; then
  cat "$RUN/demo.log"
  echo "e2e: 0 passed, 1 failed, 0 skipped (the demo did not start)"
  exit 1
fi
grep -E 'packaged|code-server 4' "$RUN/demo.log"
# shellcheck source=/dev/null
. "$RUN/demo/ready"

step "scenarios in Chromium"
PY_SPY=$(command -v py-spy || true) node test/e2e/scenarios.mjs "$BASE" "$WS" "$SHOTS" \
  "${MEDIA:-}"
rc=$?

step "budgets"
node test/e2e/activation.mjs "$BASE" "$WS" "$SHOTS"
brc=$?
node -e '
  const fs = require("fs"), [file, b] = process.argv.slice(1);
  let c = { passed: 0, failed: 1, skipped: 0 };
  try { c = JSON.parse(fs.readFileSync(file, "utf8")); } catch {}
  if (+b === 0) c.passed++; else c.failed++;
  console.log(`e2e: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
' "$SHOTS/counts.json" "$brc"
[ $rc -eq 0 ] && [ $brc -eq 0 ] || {
  echo "--- code-server log (tail)" && tail -20 "$RUN/demo/code-server.log"
  exit 1
}

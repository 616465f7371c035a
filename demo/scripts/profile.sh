#!/usr/bin/env bash
# Records the bundled CPU profiles of the Python demo service with py-spy while traffic.mjs
# drives it: demo/profiles/demo-service.speedscope.json (speedscope) and
# demo/profiles/demo-service.py-spy.txt (py-spy's raw collapsed-stack output), one py-spy run
# each, since two samplers cannot attach to one process at the same time.
# Needs: python3 with flask + sentry-sdk 2.x, py-spy (pip install py-spy), ptrace permission.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
APP_PORT=${APP_PORT:-5087}
SENTRY_PORT=${SENTRY_PORT:-9018}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-12}
NAME=profile.sh
# shellcheck source=lib.sh
source "$ROOT/demo/scripts/lib.sh"

node scripts/build.mjs local-sentry >/dev/null
node dist/local-sentry.js --port "$SENTRY_PORT" --data "$TMP/data" --no-seed >"$TMP/sentry.log" &
PIDS+=($!)
(cd demo/python-service && \
  SENTRY_DSN="http://backendpublickey@127.0.0.1:$SENTRY_PORT/4509876543210001" PORT=$APP_PORT \
  exec python3 app.py >"$TMP/py.log" 2>&1) &
APP=$!
PIDS+=("$APP")
wait_http "http://127.0.0.1:$APP_PORT/health"

mkdir -p demo/profiles
for format in speedscope raw; do
  out=demo/profiles/demo-service.speedscope.json
  [ "$format" = raw ] && out=demo/profiles/demo-service.py-spy.txt
  py-spy record --pid "$APP" --duration "$SECONDS_PER_RUN" --rate 100 --format "$format" \
    --output "$out" &
  SPY=$!
  sleep 1
  # Keep the service busy for the whole sampling window.
  while kill -0 "$SPY" 2>/dev/null; do
    node demo/scripts/traffic.mjs --python "http://127.0.0.1:$APP_PORT" --rounds 4 >/dev/null
  done
  wait "$SPY"
  # Keep the JSON in the repository's Prettier format so `npm run format:check` passes.
  [ "$format" = speedscope ] && npx prettier --write "$out" >/dev/null
  echo "profile.sh: wrote $out ($(du -h "$out" | cut -f1))"
done

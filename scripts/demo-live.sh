#!/usr/bin/env bash
# `npm run demo -- --live`, the live part: starts the Python and Node demo services (each in its
# own process group, DSNs pointing at the local server), drives demo/scripts/traffic.mjs through
# them and records the Python service with py-spy into <root>/live.speedscope.json. The services
# keep running afterwards; their process-group ids go to <root>/live-*.pgid for demo.sh to stop.
# Usage: demo-live.sh <root> <sentry-port>   (env LIVE_SECONDS, default 10)
# Needs: python3 with flask + sentry-sdk 2.x, py-spy, ptrace permission (root, or ptrace_scope 0).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
ROOT=$1 SENTRY_PORT=$2
SECONDS_LIVE=${LIVE_SECONDS:-10}
cd "$REPO"
need() { command -v "$1" >/dev/null || { echo "demo --live: $1 not found. $2" >&2; exit 1; }; }
need py-spy 'Install it with: pip install py-spy'
python3 -c 'import flask, sentry_sdk' 2>/dev/null ||
  { echo "demo --live: needs Flask and sentry-sdk: pip install flask 'sentry-sdk==2.*'" >&2; exit 1; }
[ -d demo/node-service/node_modules ] ||
  npm ci --prefix demo/node-service --no-audit --no-fund --loglevel=error
wait_http() { for _ in $(seq 1 200); do curl -s -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done; return 1; }

echo "[demo --live] Python service on :5077 and Node service on :5078, spans to :$SENTRY_PORT"
(cd demo/python-service && SENTRY_DSN="http://backendpublickey@127.0.0.1:$SENTRY_PORT/4509876543210001" \
  PORT=5077 exec setsid python3 app.py >"$ROOT/live-python.log" 2>&1 </dev/null) &
PY=$!
echo "$PY" >"$ROOT/live-python.pgid"
(cd demo/node-service && SENTRY_DSN="http://nodepublickey@127.0.0.1:$SENTRY_PORT/4509876543210002" \
  PORT=5078 exec setsid node server.js >"$ROOT/live-node.log" 2>&1 </dev/null) &
echo "$!" >"$ROOT/live-node.pgid"
wait_http http://127.0.0.1:5077/health || { cat "$ROOT/live-python.log"; exit 1; }
wait_http http://127.0.0.1:5078/health || { cat "$ROOT/live-node.log"; exit 1; }

echo "[demo --live] py-spy record --pid $PY for ${SECONDS_LIVE}s while traffic.mjs runs"
py-spy record --pid "$PY" --duration "$SECONDS_LIVE" --rate 100 --format speedscope \
  --output "$ROOT/live.speedscope.json" >"$ROOT/live-py-spy.log" 2>&1 &
SPY=$!
sleep 1
while kill -0 "$SPY" 2>/dev/null; do
  node demo/scripts/traffic.mjs --python http://127.0.0.1:5077 --node http://127.0.0.1:5078 \
    --rounds 4 >/dev/null
done
wait "$SPY" || { cat "$ROOT/live-py-spy.log"; exit 1; }
echo "[demo --live] wrote $ROOT/live.speedscope.json ($(du -k "$ROOT/live.speedscope.json" | cut -f1) KB)"

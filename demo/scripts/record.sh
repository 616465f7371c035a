#!/usr/bin/env bash
# Re-records demo/recorded/: starts the local Sentry server in record mode (raw request bodies
# saved as received), runs the Python service twice (transaction mode and span-streaming mode,
# so both attribute generations are present) and the Node service, drives traffic.mjs through
# them, stops everything (the SDKs flush on SIGTERM) and replaces demo/recorded/ with the result.
# Needs: python3 with flask + sentry-sdk 2.x, and `npm ci` in demo/node-service.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
SENTRY_PORT=${SENTRY_PORT:-9019}
ROUNDS=${ROUNDS:-8}
NAME=record.sh
# shellcheck source=lib.sh
source "$ROOT/demo/scripts/lib.sh"

node scripts/build.mjs local-sentry >/dev/null
node dist/local-sentry.js --port "$SENTRY_PORT" --data "$TMP/data" --no-seed --record "$TMP/rec" &
SERVER=$!
PIDS+=("$SERVER")
wait_http "http://127.0.0.1:$SENTRY_PORT/api/0/"

BACKEND_DSN="http://backendpublickey@127.0.0.1:$SENTRY_PORT/4509876543210001"
NODE_DSN="http://nodepublickey@127.0.0.1:$SENTRY_PORT/4509876543210002"
SERVICES=()
(cd demo/python-service && SENTRY_DSN=$BACKEND_DSN PORT=5077 exec python3 app.py >"$TMP/py.log" 2>&1) &
SERVICES+=($!)
(cd demo/python-service && SENTRY_DSN=$BACKEND_DSN SENTRY_TRACE_LIFECYCLE=stream PORT=5079 exec python3 app.py >"$TMP/py-stream.log" 2>&1) &
SERVICES+=($!)
(cd demo/node-service && SENTRY_DSN=$NODE_DSN PORT=5078 exec node server.js >"$TMP/node.log" 2>&1) &
SERVICES+=($!)
PIDS+=("${SERVICES[@]}")
for port in 5077 5079 5078; do wait_http "http://127.0.0.1:$port/health"; done

node demo/scripts/traffic.mjs --python http://127.0.0.1:5077 --python http://127.0.0.1:5079 \
  --node http://127.0.0.1:5078 --rounds "$ROUNDS"

for p in "${SERVICES[@]}"; do kill -TERM "$p"; done
for p in "${SERVICES[@]}"; do wait "$p" || true; done
sleep 1
kill -TERM "$SERVER"
wait "$SERVER" || true

rm -f demo/recorded/*.envelope demo/recorded/*.envelope.gz
mkdir -p demo/recorded
cp "$TMP"/rec/* demo/recorded/
echo "record.sh: $(ls demo/recorded | wc -l) envelopes, $(du -sh demo/recorded | cut -f1) in demo/recorded"

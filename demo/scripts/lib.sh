# Shared by record.sh and profile.sh: background processes killed on exit, a temporary folder,
# and a wait for an HTTP endpoint. Source it after setting NAME (used in messages).
TMP=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$TMP"; }
trap cleanup EXIT

wait_http() {
  for _ in $(seq 1 100); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "$NAME: $1 did not come up" >&2
  return 1
}

#!/usr/bin/env bash
# Installs the reference tools the benchmark compares against, from the registries only.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .bench/cargo/bin/inferno-collapse-perf ]; then
  cargo install inferno --locked --root .bench/cargo
fi
command -v /usr/bin/time >/dev/null || (apt-get update -qq && apt-get install -y -qq time)
command -v go >/dev/null || echo "go not found: go tool pprof reference will be skipped"

#!/usr/bin/env bash
# Prometheus conventions of /metrics: starts eos-server (EOS_SERVER, default .build/release/eos-server) on a free
# loopback port with the committed model, sends a decode and a batch so that every family has a series, and runs
# `promtool check metrics` (Debian: apt-get install prometheus) on the exposition. Fails on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
server="${EOS_SERVER:-.build/release/eos-server}"
command -v promtool >/dev/null || { echo "check_metrics.sh: promtool not found (apt-get install prometheus)" >&2; exit 1; }
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
log="$(mktemp)"
"$server" --host 127.0.0.1 --port "$port" --no-access-log >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
base="http://127.0.0.1:$port"
curl -fsS "$base/v1/decode" -H 'content-type: application/json' -d '{"m_max": 2.05, "r_14": 11.75, "mr_points": 2}' >/dev/null
curl -fsS "$base/v1/decode/batch" -H 'content-type: application/json' \
    -d '{"points": [{"m_max": 2.05, "r_14": 11.75}], "include": "observables", "observables": {"masses": [1.4]}}' >/dev/null
metrics="$(mktemp)"
curl -fsS "$base/metrics" >"$metrics"
findings="$(promtool check metrics <"$metrics" 2>&1)" || { echo "$findings"; exit 1; }
if [[ -n "$findings" ]]; then echo "promtool check metrics: $findings"; exit 1; fi
echo "promtool check metrics: clean ($(grep -c '^# TYPE' "$metrics") families, $(grep -vc '^#' "$metrics") samples)"

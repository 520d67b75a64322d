#!/usr/bin/env bash
# Runs every benchmark script in its smoke mode (seconds, tiny sizes, debug builds in SCRATCH_PATH, default .build,
# which `swift test` has already built) so that a broken benchmark, a baseline that answers wrongly or a check that
# no longer runs fails CI. Benchmarks report; none fails on a time. Exits 1 if any script fails (all are run).
#
# Usage: scripts/bench_smoke.sh      (needs wrk and nginx for scripts/load/run.sh: installed with apt-get when run as
#                                     root, else it stops with the line to run)
set -uo pipefail
cd "$(dirname "$0")/.."
export SCRATCH_PATH="${SCRATCH_PATH:-.build}"

missing=()
for tool in wrk nginx; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]})); then
    if [[ "$(id -u)" == 0 ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk nginx-light >/dev/null || exit 1
    else
        echo "bench_smoke: ${missing[*]} missing: sudo apt-get install -y wrk nginx-light" >&2; exit 1
    fi
fi

# The batch-rate example measures against a running server: start one (debug build) on a free port for it.
batch_rate() {
    swift build --scratch-path "$SCRATCH_PATH" --product eos-server 2>&1 | tail -n 1 || return 1
    swift build --scratch-path "$SCRATCH_PATH" --product eos-client 2>&1 | tail -n 1 || return 1
    local port pid status=0 points
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    points="$(mktemp)"
    "$SCRATCH_PATH/debug/eos-server" --port "$port" --model-dir models --model default --no-access-log >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
    python3 examples/batch-rate/measure.py --smoke --server "http://127.0.0.1:$port" \
        --client "$SCRATCH_PATH/debug/eos-client" --file "$points" || status=1
    kill -TERM "$pid"; wait "$pid" 2>/dev/null
    rm -f "$points"
    return $status
}

failed=()
run() {  # run NAME COMMAND...: runs it, records a failure
    local name="$1"; shift
    printf '\n== bench smoke: %s (%s)\n' "$name" "$(date -u +%H:%M:%S)"
    if "$@"; then echo "== $name: ok"; else echo "== $name: FAILED"; failed+=("$name"); fi
}
run "Benchmarks/tov/run.sh" bash Benchmarks/tov/run.sh --smoke
run "Benchmarks/training/run.sh" bash Benchmarks/training/run.sh --smoke
run "Benchmarks/service/run.sh" bash Benchmarks/service/run.sh --smoke
run "scripts/load/run.sh" bash scripts/load/run.sh --smoke
run "examples/batch-rate/measure.py" batch_rate

echo
if ((${#failed[@]})); then echo "bench smoke: FAILED: ${failed[*]}"; exit 1; fi
echo "bench smoke: all benchmark scripts ran"

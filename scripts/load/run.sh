#!/usr/bin/env bash
# Load test of eos-server on loopback (bounded: about 2.5 minutes in all). Needs wrk and nginx (Debian:
# apt-get install wrk nginx-light) and python3. Reports, and exits non-zero if a pass/fail criterion fails:
#   1. /healthz req/s against nginx serving a static file of the same body, same wrk settings (-t2 -c64 -d10s),
#      and the server CPU time per request of each;
#   2. p50/p99 latency of one /v1/decode (wrk -t1 -c1 -d10s);
#   3. 60 s of mixed /v1/decode and /v1/decode/batch at 64 connections: zero errors, RSS growth from /proc;
#   4. with 500 idle keep-alive connections open, new requests (fresh connections) answered in < 50 ms;
#   5. /v1/decode/batch points/s over HTTP (one keep-alive connection) against the same batch in process (router,
#      no sockets), alternated round by round in one process (service-benchmark --body).
#
# A ratio against a baseline is printed only when every request of both sides was answered 200 (wrk counts no
# non-2xx answers and no socket errors) and a probe of each answered 200 with the expected body.
#
# Usage: scripts/load/run.sh [--smoke]
#   --smoke: 1-2 s per step, 50 idle connections, 1 round, debug build: checks that the script, its baselines and
#            its checks still run (CI). Fails on errors and on a baseline answering wrongly; the time and memory
#            criteria (3, 4) are reported but not judged.
#   Environment: EOS_SERVER, an already built eos-server, else it is built; SCRATCH_PATH, default .build;
#   MIXED_SECONDS, default 60 (2 with --smoke); BENCH_PACKAGE_PATH, the package whose service-benchmark measures
#   the in-process rate, default .
set -euo pipefail
cd "$(dirname "$0")/../.."
here=scripts/load
smoke=0 configuration=release seconds=10 idle_connections=500 rounds=12
if [[ "${1:-}" == "--smoke" ]]; then smoke=1 configuration=debug seconds=1 idle_connections=50 rounds=1; fi
SCRATCH_PATH="${SCRATCH_PATH:-.build}"
MIXED_SECONDS="${MIXED_SECONDS:-$([[ "$smoke" == 1 ]] && echo 2 || echo 60)}"
BENCH_PACKAGE_PATH="${BENCH_PACKAGE_PATH:-.}"
for tool in wrk nginx curl python3; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (apt-get install -y wrk nginx-light curl python3)" >&2; exit 1; }
done
work="$(mktemp -d)"
# nginx's workers run as `nobody` when it is started as root: the directory it serves must be readable by them.
chmod 755 "$work"
ulimit -n 4096

if [[ -n "${EOS_SERVER:-}" ]]; then
    server="$EOS_SERVER"
else
    swift build -c "$configuration" --product eos-server --scratch-path "$SCRATCH_PATH" 2>&1 | tail -n 1
    server="$SCRATCH_PATH/$configuration/eos-server"
fi
if [[ -f models/default/model.json ]]; then model_dir=models model=default; else model_dir=Tests/InferenceServiceTests/Fixtures model=tiny; fi
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port="$(free_port)"
base="http://127.0.0.1:$port"

"$server" --port "$port" --model-dir "$model_dir" --model "$model" --no-access-log >"$work/server.log" 2>&1 &
server_pid=$!
nginx_pid=""
cleanup() {
    kill -TERM "$server_pid" 2>/dev/null || true
    [[ -n "$nginx_pid" ]] && kill -TERM "$nginx_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 100); do curl -fsS "$base/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }
# wrk abandons its last requests when it stops; wait until the server has worked off what it had queued.
wait_idle() {
    for _ in $(seq 1 600); do
        [[ "$(curl -fsS "$base/metrics" | awk '/^http_requests_in_flight / {print int($2)}')" -le 1 ]] && return; sleep 0.1
    done
}
echo "eos-server pid $server_pid on port $port, model $model_dir/$model, $(nproc) cores"

# Points inside the training region that decode successfully (so errors below are the server's, not physics').
curl -fsS "$base/v1/models/$model" >"$work/model.json"
python3 - "$work/model.json" "$base" "$work/points.txt" "$work/batch.json" <<'PY'
import json, sys, urllib.request
info = json.load(open(sys.argv[1])); base = sys.argv[2]
region = info["training_region"]
def span(r, fraction):
    mid, half = (r["min"] + r["max"]) / 2, (r["max"] - r["min"]) / 2
    return [mid - fraction * half + 2 * fraction * half * i / 9 for i in range(10)]
candidates = [(m, r) for m in span(region["m_max"], 0.8) for r in span(region["r_14"], 0.8)]
body = json.dumps({"include": "scalars", "points": [{"m_max": m, "r_14": r} for m, r in candidates]}).encode()
request = urllib.request.Request(base + "/v1/decode/batch", data=body, headers={"Content-Type": "application/json"})
results = json.load(urllib.request.urlopen(request))["results"]
good = [candidates[item["index"]] for item in results if item["ok"]]
if len(good) < 8:
    sys.exit(f"only {len(good)} of {len(candidates)} points decode; the model is unusable for a load test")
open(sys.argv[3], "w").write("".join(f"{m!r} {r!r}\n" for m, r in good))
batch = [good[i % len(good)] for i in range(256)]
json.dump({"include": "scalars", "mr_points": 20, "points": [{"m_max": m, "r_14": r} for m, r in batch]}, open(sys.argv[4], "w"))
print(f"{len(good)} of {len(candidates)} grid points decode; batch file has 256 points")
PY
status=0
# probe URL EXPECTED_BODY: succeeds when URL answers 200 with exactly EXPECTED_BODY, else says what it answered.
probe() {
    local code
    code=$(curl -sS -o "$work/probe.body" -w '%{http_code}' "$1" 2>&1) || true
    if [[ "$code" == 200 && "$(cat "$work/probe.body" 2>/dev/null)" == "$2" ]]; then return 0; fi
    echo "FAIL: $1 answered ${code:-nothing} with body '$(head -c 200 "$work/probe.body" 2>/dev/null)' (expected 200 '$2')" >&2
    return 1
}
# clean WRK_OUTPUT: succeeds when wrk reported no non-2xx answers and no socket errors.
clean() { ! grep -qE 'Non-2xx or 3xx responses|Socket errors' "$1"; }

echo "== 1. /healthz vs nginx static file (wrk -t2 -c64 -d${seconds}s)"
healthz_body='{"status":"ok"}'
printf '%s' "$healthz_body" >"$work/healthz"
nginx_port="$(free_port)"
cat >"$work/nginx.conf" <<NGINX
worker_processes auto;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    types { application/json json; }
    default_type application/json;
    server { listen 127.0.0.1:$nginx_port; root $work; location = /healthz { try_files /healthz =404; } }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work" &
nginx_pid=$!
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$nginx_port/healthz" && break; sleep 0.1; done
baselines_ok=1
probe "$base/healthz" "$healthz_body" || baselines_ok=0
probe "http://127.0.0.1:$nginx_port/healthz" "$healthz_body" || baselines_ok=0
# CPU time (user + system, clock ticks) of a process and its children, to report CPU per request as well.
cpu_ticks() { local total=0; for pid in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$total"; }
nginx_pids="$nginx_pid $(pgrep -P "$nginx_pid" | tr '\n' ' ')"
ticks0=$(cpu_ticks "$server_pid")
wrk -t2 -c64 -d"${seconds}s" "$base/healthz" | tee "$work/wrk-healthz.txt"
ticks1=$(cpu_ticks "$server_pid")
# shellcheck disable=SC2086
nticks0=$(cpu_ticks $nginx_pids)
wrk -t2 -c64 -d"${seconds}s" "http://127.0.0.1:$nginx_port/healthz" | tee "$work/wrk-nginx.txt"
# shellcheck disable=SC2086
nticks1=$(cpu_ticks $nginx_pids)
kill -TERM "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""
ours=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-healthz.txt"); theirs=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-nginx.txt")
our_count=$(awk '/requests in/ {print $1}' "$work/wrk-healthz.txt"); their_count=$(awk '/requests in/ {print $1}' "$work/wrk-nginx.txt")
hz=$(getconf CLK_TCK)
clean "$work/wrk-healthz.txt" || { echo "FAIL: eos-server answered errors under wrk" >&2; baselines_ok=0; }
clean "$work/wrk-nginx.txt" || { echo "FAIL: the nginx baseline answered errors under wrk" >&2; baselines_ok=0; }
if [[ "$baselines_ok" != 1 ]]; then
    echo "RESULT healthz: no ratio (a side answered wrongly, see above)"; status=1
else echo "RESULT healthz: eos-server $ours req/s, nginx $theirs req/s, ratio $(python3 -c "print(f'{$ours / $theirs:.2f}')");" \
     "CPU per request: eos-server $(python3 -c "print(f'{($ticks1 - $ticks0) / $hz / $our_count * 1e6:.1f}')") us," \
     "nginx $(python3 -c "print(f'{($nticks1 - $nticks0) / $hz / $their_count * 1e6:.1f}')") us"
fi

echo "== 2. single /v1/decode latency (wrk -t1 -c1 -d${seconds}s)"
read -r m r < "$work/points.txt"
WRK_BODY="{\"m_max\": $m, \"r_14\": $r}" wrk -t1 -c1 -d"${seconds}s" --latency -s "$here/decode.lua" "$base/v1/decode" | tee "$work/wrk-decode.txt"
echo "RESULT decode latency: $(grep '^decode:' "$work/wrk-decode.txt")"
if ! clean "$work/wrk-decode.txt" || ! grep -q '^decode: .* non2xx=0 ' "$work/wrk-decode.txt"; then echo "FAIL: /v1/decode answered errors"; status=1; fi

echo "== 3. mixed /v1/decode + /v1/decode/batch, ${MIXED_SECONDS} s at 64 connections"
rss_start=$(rss_kb)
WRK_POINTS="$work/points.txt" wrk -t2 -c64 -d"${seconds}s" -s "$here/mixed.lua" "$base" >/dev/null  # warm-up (allocator pools)
wait_idle
rss_warm=$(rss_kb)
( for _ in $(seq 1 "$MIXED_SECONDS"); do sleep 1; rss_kb; done >"$work/rss.txt" ) &
sampler=$!
WRK_POINTS="$work/points.txt" wrk -t2 -c64 -d"${MIXED_SECONDS}s" --timeout 30s -s "$here/mixed.lua" "$base" | tee "$work/wrk-mixed.txt"
wait "$sampler" || true
wait_idle
rss_end=$(rss_kb)
mixed_line=$(grep '^mixed:' "$work/wrk-mixed.txt")
non2xx=$(sed -E 's/.*non2xx=([0-9]+).*/\1/' <<<"$mixed_line"); socket=$(sed -E 's/.*socket_errors=([0-9]+).*/\1/' <<<"$mixed_line")
rss_half=$(sed -n "$((MIXED_SECONDS / 2))p" "$work/rss.txt")
growth=$(python3 -c "print(f'{($rss_end - $rss_half) / $rss_half * 100:.1f}')")
echo "RESULT mixed: $mixed_line; RSS start ${rss_start} kB, after warm-up ${rss_warm} kB, mid-run ${rss_half} kB, end ${rss_end} kB (second half growth ${growth}%)"
if [[ "$non2xx" != 0 || "$socket" != 0 ]]; then echo "FAIL: errors under mixed load"; status=1; fi
if [[ "$smoke" == 1 ]]; then echo "(smoke mode: RSS growth not judged)"
elif python3 -c "import sys; sys.exit(0 if $growth < 5 else 1)"; then :; else echo "FAIL: RSS grew ${growth}% in the second half"; status=1; fi

echo "== 4. $idle_connections idle keep-alive connections, then new requests"
python3 "$here/http_load.py" --url "$base/healthz" --idle "$idle_connections" --connections 1 \
    --duration "$([[ "$smoke" == 1 ]] && echo 3 || echo 8)" >"$work/idle.txt" &
idle_pid=$!
for _ in $(seq 1 100); do
    [[ "$(curl -fsS "$base/metrics" | awk '/^http_connections_open / {print int($2)}')" -ge "$idle_connections" ]] && break; sleep 0.05
done
open=$(curl -fsS "$base/metrics" | awk '/^http_connections_open / {print int($2)}')
times=$(for _ in $(seq 1 20); do curl -s -o /dev/null -w '%{time_total}\n' "$base/v1/models"; done | sort -n)
worst=$(tail -1 <<<"$times"); median=$(sed -n 10p <<<"$times")
wait "$idle_pid" || true
echo "RESULT idle: $open connections open; 20 new connections to /v1/models: median $(python3 -c "print(f'{$median*1000:.2f}')") ms, max $(python3 -c "print(f'{$worst*1000:.2f}')") ms"
cat "$work/idle.txt"
if [[ "$smoke" == 1 ]]; then echo "(smoke mode: latency not judged)"
elif python3 -c "import sys; sys.exit(0 if $worst < 0.05 else 1)"; then :; else echo "FAIL: a new request took ${worst}s with idle connections open"; status=1; fi

echo "== 5. /v1/decode/batch points/s over HTTP vs in-process (alternating rounds in one process)"
kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true
swift build -c "$configuration" --package-path "$BENCH_PACKAGE_PATH" --scratch-path "$SCRATCH_PATH" --product service-benchmark >/dev/null
"$SCRATCH_PATH/$configuration/service-benchmark" --model-dir "$PWD/$model_dir/$model" --body "$work/batch.json" --rounds "$rounds" \
    2>&1 | tee "$work/bench.txt" | sed 's/^/RESULT /' || { cat "$work/bench.txt"; status=1; }
exit $status

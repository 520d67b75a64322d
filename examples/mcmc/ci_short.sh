#!/usr/bin/env bash
# CI check of the MCMC example: starts eos-server (default model) on a free loopback port, runs
# `mcmc_eos.py --short` against it, checks its outputs, stops the server.
#
#   examples/mcmc/ci_short.sh [OUT_DIR]
#
# The server binary is $EOS_SERVER_BIN, else the one `swift build` put in its bin path (build it first:
# `swift build --product eos-server`). Python needs examples/mcmc/requirements.txt installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-$(mktemp -d /tmp/mcmc-short.XXXXXX)}"
bin="${EOS_SERVER_BIN:-$(swift build --show-bin-path)/eos-server}"
[ -x "$bin" ] || { echo "ci_short: no eos-server at $bin (swift build --product eos-server)" >&2; exit 2; }
log="$(mktemp /tmp/mcmc-server.XXXXXX.log)"
"$bin" --host 127.0.0.1 --port 0 --no-access-log --log-format text --log-level info >"$log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 200); do
    port="$(sed -n 's/.* port=\([0-9][0-9]*\).*listening.*/\1/p; s/.*listening.* port=\([0-9][0-9]*\).*/\1/p' "$log" | head -n 1)"
    [ -n "$port" ] && break
    kill -0 $server 2>/dev/null || { echo "ci_short: eos-server exited:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$port" ] || { echo "ci_short: eos-server did not report its port:" >&2; cat "$log" >&2; exit 1; }
start=$(date +%s)
python3 examples/mcmc/mcmc_eos.py --short --quiet --server "http://127.0.0.1:$port" --out "$out" >"$out.summary.json"
for file in posterior.csv summary.json corner.png; do
    [ -s "$out/$file" ] || { echo "ci_short: $out/$file missing" >&2; exit 1; }
done
python3 - "$out/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["samples"] > 0, s
for name in ("R_1.4 [km]", "M_max [Msun]", "p(2 n_sat) [MeV/fm^3]"):
    p = s["posterior"][name]
    assert p["90%"][0] <= p["median"] <= p["90%"][1], (name, p)
print(f"ci_short: ok: {s['samples']} samples, acceptance {s['acceptance']}, {s['decodes']} decodes "
      f"({s['decode_rate_per_s']}/s), R_1.4 {s['posterior']['R_1.4 [km]']['median']} km, "
      f"M_max {s['posterior']['M_max [Msun]']['median']} Msun, "
      f"p(2n_sat) {s['posterior']['p(2 n_sat) [MeV/fm^3]']['median']} MeV/fm^3")
PY
echo "ci_short: $(( $(date +%s) - start )) s, outputs in $out"

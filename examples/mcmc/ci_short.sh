#!/usr/bin/env bash
# CI check of the MCMC example: runs the likelihood unit tests, starts eos-server (default model) on a free
# loopback port, runs `mcmc_eos.py --short` against it with every default constraint on (J0348 and the NICER
# J0030/J0740/J0437 pulsars, GW170817), checks its outputs, stops the server.
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
python3 -m unittest discover -s examples/mcmc -p 'test_*.py'
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
for file in posterior.csv summary.json corner.png mass_radius.png; do
    [ -s "$out/$file" ] || { echo "ci_short: $out/$file missing" >&2; exit 1; }
done
python3 - "$out/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["samples"] > 0 and len(s["constraints"]) == 5, s
for name in ("M_TOV [Msun]", "R_1.4 [km]", "R_2.0 [km]", "Lambda_1.4", "p(2 n_sat) [MeV/fm^3]", "Lambda~ of GW170817"):
    p = s["posterior"][name]
    assert p["90%"][0] <= p["median"] <= p["90%"][1], (name, p)
# Every kept sample supports a star at each pulsar's sampled mass (else its likelihood is zero).
for name in ("J0030+0451", "J0740+6620", "J0437-4715"):
    assert s["posterior"][f"R at the {name} mass [km]"]["samples"] == s["samples"], name
assert s["mass_radius_band"]["mass"], "empty M-R band"
v, post = s["speed"], s["posterior"]
print(f"ci_short: ok: {s['samples']} samples, acceptance {s['acceptance']}, {s['decodes']} decodes "
      f"({v['likelihood_evaluations_per_s']}/s), M_TOV {post['M_TOV [Msun]']['median']} Msun, "
      f"R_1.4 {post['R_1.4 [km]']['median']} km, R_2.0 {post['R_2.0 [km]']['median']} km, "
      f"p(2n_sat) {post['p(2 n_sat) [MeV/fm^3]']['median']} MeV/fm^3")
PY
# The sampler's client-side prior region must be the server's: its region_score (learned support) or box verdict.
python3 - "http://127.0.0.1:$port" <<'PY'
import sys
import numpy as np
sys.path.insert(0, "examples/mcmc")
from posterior import LearnedRegion, latent_region
from service import EOSService
service = EOSService(sys.argv[1])
region = latent_region(service.model)
rng = np.random.default_rng(7)
x = np.column_stack([rng.uniform(region.lower[0], region.upper[0], 64), rng.uniform(region.lower[1], region.upper[1], 64),
                     region.z_mean + region.z_std * np.clip(1.5 * rng.standard_normal((64, region.dimension - 2)), -4, 4)])
items = service.decode_batch([{"m_max": float(p[0]), "r_14": float(p[1]), "z": [float(v) for v in p[2:]]} for p in x],
                             include="observables")
ok = [i for i, item in enumerate(items) if item.get("ok")]
inside = np.isfinite(region.log_prior(x[ok]))
server = np.array([items[i]["result"]["diagnostics"]["inside_training_region"] for i in ok])
assert np.array_equal(inside, server), (inside, server)
if isinstance(region, LearnedRegion):
    scores = np.array([items[i]["result"]["diagnostics"]["region_score"] for i in ok])
    assert np.allclose(region.score(x[ok]), scores, rtol=0, atol=1e-9), (region.score(x[ok]), scores)
print(f"ci_short: prior region agrees with the server on {len(ok)} points ({region.description})")
PY
echo "ci_short: $(( $(date +%s) - start )) s, outputs in $out"

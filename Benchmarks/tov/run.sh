#!/usr/bin/env bash
# TOV benchmark: the Swift solver (physics-benchmark) against two Python baselines (scipy LSODA in r,
# lalsuite's C TOV) on the same SLy4 table, on the same machine, in one invocation. ~1-2 minutes.
#
#   bash Benchmarks/tov/run.sh            (from anywhere; builds into <repo>/.build-bench)
#   bash Benchmarks/tov/run.sh --smoke    (seconds: debug build in SCRATCH_PATH (default <repo>/.build; the physics
#                                         is optimised anyway), few repeats, LSODA rtol 1e-7 only, lalsuite only
#                                         if importable: checks that the script and its baselines still run)
#
# Reports, never fails on a time. A baseline's ratio is printed only when its M_max, R_1.4 and Lambda_1.4 agree
# with the Swift reference (on our table: 1e-5, 1e-3, 1e-4 relative; lalsuite's own SLY4 table is a different SLy
# table: 2e-3, 5e-3, 5e-2); a baseline that fails or disagrees makes the script exit 1.
#
# Environment: PYTHON (default python3), SKIP_BUILD=1 to reuse an existing build, KEEP_TMP=1 to keep the
# JSON lines and the table (the temporary directory is printed).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY="${PYTHON:-python3}"
SMOKE=0 CONFIGURATION=release SCRATCH="$ROOT/.build-bench"
if [[ "${1:-}" == "--smoke" ]]; then SMOKE=1 CONFIGURATION=debug SCRATCH="${SCRATCH_PATH:-$ROOT/.build}"; fi
TMP="$(mktemp -d "${TMPDIR:-/tmp}/tov-bench.XXXXXX")"
if [[ "${KEEP_TMP:-0}" == 1 ]]; then echo "temporary files: $TMP"; else trap 'rm -rf "$TMP"' EXIT; fi

# Python baselines single-threaded (numpy/BLAS threads would only add noise on a 2-core machine).
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

echo "== $(date -u '+%Y-%m-%d %H:%M UTC') on $(uname -n), $(nproc) cores"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "== building physics-benchmark ($CONFIGURATION, scratch path $SCRATCH)"
    (cd "$ROOT" && swift build -c "$CONFIGURATION" --product physics-benchmark --scratch-path "$SCRATCH" 2>&1 | tail -n 1)
fi
BENCH="$SCRATCH/$CONFIGURATION/physics-benchmark"

if [[ "$SMOKE" == 0 ]] && ! "$PY" -c "import lalsimulation" 2>/dev/null; then
    echo "== installing lalsuite from PyPI"
    timeout 300 "$PY" -m pip install -q lalsuite 2>&1 | grep -v "Running pip as the 'root' user" || true
fi

run() {  # run NAME SECONDS COMMAND...: one JSON line into $TMP/NAME.json (an error object if it fails)
    local name="$1" limit="$2"; shift 2
    echo "== $name"
    if ! timeout "$limit" "$@" > "$TMP/$name.json" 2> "$TMP/$name.err"; then
        tail -n 3 "$TMP/$name.err" >&2 || true
        echo "{\"error\": \"$name failed or timed out (${limit}s)\"}" > "$TMP/$name.json"
    fi
}

# Reference (tolerance 1e-12) and the table for the baselines; then the timed Swift runs.
if [[ "$SMOKE" == 1 ]]; then swift_repeat=(--repeat 2) python_repeat=1 lal_repeat=1; else swift_repeat=() python_repeat=3 lal_repeat=9; fi
run swift_ref 60 "$BENCH" --tolerance 1e-12 --repeat 3 --table "$TMP/sly4_table.txt"
run swift_1e-6 60 "$BENCH" --tolerance 1e-6 "${swift_repeat[@]}"
run swift_1e-8 60 "$BENCH" --tolerance 1e-8 "${swift_repeat[@]}"
[[ -s "$TMP/sly4_table.txt" ]] || { echo "no EOS table written; stopping" >&2; exit 1; }
# LSODA: rtol 1e-7 is the loosest rtol whose M, R errors (~1e-7) match Swift at 1e-6; rtol 1e-8 pairs with 1e-8.
run lsoda_1e-7 60 "$PY" "$HERE/baseline_lsoda.py" "$TMP/sly4_table.txt" --rtol 1e-7 --repeat "$python_repeat"
if [[ "$SMOKE" == 1 ]]; then
    echo '{"skipped": "smoke mode"}' > "$TMP/lsoda_1e-8.json"
else
    run lsoda_1e-8 90 "$PY" "$HERE/baseline_lsoda.py" "$TMP/sly4_table.txt" --rtol 1e-8 --repeat "$python_repeat"
fi
run lalsuite 60 "$PY" "$HERE/baseline_lalsuite.py" "$TMP/sly4_table.txt" --repeat "$lal_repeat"

"$PY" - "$TMP" <<'EOF'
import json, os, sys
tmp = sys.argv[1]
failures = []  # baselines that failed or disagree with the reference: no ratio for them, exit status 1

def load(name):
    try:
        with open(os.path.join(tmp, name + ".json")) as fh:
            return json.loads(fh.read().strip().splitlines()[-1])
    except Exception as exc:
        return {"error": f"{name}: {exc}"}

ref = load("swift_ref")
s6, s8 = load("swift_1e-6"), load("swift_1e-8")
rows = []  # (label, star_us, full_ms, m_max, r14, lam14, base for the ratio)
for s, tol in ((s6, "1e-6"), (s8, "1e-8")):
    if "error" in s:
        failures.append(f"Swift tol {tol}: {s['error']}")
    else:
        rows.append((f"Swift DP5(4) s core + h crust, tol {tol}", s["star_us"], s["full_evaluation_ms"], s["m_max"], s["r_14_km"], s["lambda_14"], None))
for name, label, base in (("lsoda_1e-7", "scipy LSODA in r, rtol 1e-7", s6), ("lsoda_1e-8", "scipy LSODA in r, rtol 1e-8", s8)):
    d = load(name)
    if "skipped" in d:
        print(f"{label}: skipped ({d['skipped']})"); continue
    if "error" in d:
        print(f"{label}: {d['error']}"); failures.append(f"{label}: {d['error']}"); continue
    rows.append((label, d["star_us"], d["full_evaluation_ms"], d["m_max"], d["r_14_km"], d["lambda_14"], base))
lal = load("lalsuite")
if "skipped" in lal or "error" in lal:
    print("lalsuite:", lal.get("skipped") or lal.get("error"))
    if "error" in lal:
        failures.append(f"lalsuite: {lal['error']}")
else:
    for d in lal["results"]:
        rows.append((d["method"] + " (epsrel 1e-6)", d["star_us"], d["full_evaluation_ms"], d["m_max"], d["r_14_km"], d["lambda_14"], s8))

have_ref = "error" not in ref
if not have_ref:
    failures.append(f"reference: {ref['error']}")

def disagreement(label, m, r, lam):
    """Why a baseline's answer is not the reference star (None when it agrees within its tolerances)."""
    if not have_ref:
        return "no reference to check against"
    limits = (2e-3, 5e-3, 5e-2) if "lal-SLY4" in label else (1e-5, 1e-3, 1e-4)
    for name, value, reference, limit in zip(("M_max", "R_1.4", "Lambda_1.4"), (m, r, lam),
                                              (ref["m_max"], ref["r_14_km"], ref["lambda_14"]), limits):
        if not (abs(value / reference - 1) <= limit):
            return f"{name} = {value} is not within {limit:.0e} of the reference {reference}"
    return None

print()
print("Reference (Swift, tolerance 1e-12): " + (f"M_max = {ref['m_max']:.7f} Msun, R_1.4 = {ref['r_14_km']:.7f} km, Lambda_1.4 = {ref['lambda_14']:.5f}" if have_ref else ref["error"]))
hdr = f"{'method':58s} {'us/star':>9s} {'ms/full':>9s} {'M_max':>9s} {'R_1.4 km':>10s} {'Lam_1.4':>8s} {'dM/M':>8s} {'dR [m]':>8s} {'dLam/Lam':>8s}  ratio (star, full) vs Swift"
print(hdr); print("-" * len(hdr))
for label, us, ms, m, r, lam, base in rows:
    err = (f"{m / ref['m_max'] - 1:8.1e} {(r - ref['r_14_km']) * 1e3:8.3f} {lam / ref['lambda_14'] - 1:8.1e}" if have_ref else " " * 26)
    wrong = disagreement(label, m, r, lam)
    if base is None:
        ratio = "(base)" if wrong is None else f"WRONG: {wrong}"
        if wrong is not None:
            failures.append(f"{label}: {wrong}")
    elif wrong is not None or "error" in base:
        ratio = f"no ratio: {wrong or 'its Swift counterpart failed'}"
        failures.append(f"{label}: {ratio}")
    else:
        tol = base.get("tolerance", 0)
        fmt = lambda x: f"{x:.0f}x" if x >= 20 else f"{x:.1f}x"
        rs = fmt(us / base["star_us"]) if us else "-"
        ratio = f"{rs}, {fmt(ms / base['full_evaluation_ms'])}  (vs Swift {tol:.0e})"
    uss = f"{us:9.1f}" if us else f"{'-':>9s}"
    print(f"{label:58s} {uss} {ms:9.2f} {m:9.6f} {r:10.6f} {lam:8.3f} {err}  {ratio}")
print()
print("Times are CPU medians from this one invocation on a shared machine: quote the ratios, not the times.")
print("Ratios: LSODA rtol 1e-7 / Swift 1e-6 and LSODA rtol 1e-8 / Swift 1e-8 are accuracy-matched pairs;")
print("lalsuite (rk8pd, epsrel 1e-6: M, R converged to ~1e-8) is compared with Swift 1e-8.")
for s, tol in ((s6, "1e-6"), (s8, "1e-8")):
    if "error" not in s:
        print(f"Swift {tol}: {s['star_steps']:.0f} steps, {s['star_eos_evaluations']:.0f} EOS evaluations per 1.4 Msun star; "
              f"errors vs 1e-12: M_max {s['m_max_rel_error']:.1e}, R_1.4 {s['r_14_rel_error']:.1e}, Lambda_1.4 {s['lambda_14_rel_error']:.1e}")
for name in ("lsoda_1e-7", "lsoda_1e-8"):
    d = load(name)
    if "error" not in d and "skipped" not in d:
        print(f"LSODA rtol {d['rtol']:.0e}: {d['star_rhs_evaluations']} RHS evaluations per 1.4 Msun star, {d['stars_per_full_evaluation']} stars per full evaluation")
if failures:
    print()
    for failure in failures:
        print("FAIL:", failure)
    sys.exit(1)
EOF

#!/usr/bin/env python3
"""lalsuite baseline of the TOV benchmark: lalsimulation.SimNeutronStarTOVODEIntegrate (C, GSL rk8pd in the
pseudo-enthalpy, default epsrel 1e-6) called from Python.

EOS variants:
  * "lal-SLY4": lalsuite's own SLy4 table (SimNeutronStarEOSByName("SLY4"), 100 rows, Douchin-Haensel SLy);
  * "our-table": the benchmark table (physics-benchmark --table FILE) converted to lalsuite's two-column
    format (pressure, energy density, both geometrized in m^-2 = SI value * G/c^4) and loaded with
    SimNeutronStarEOSFromFile.

Full evaluation: the same recipe as baseline_lsoda.py / StarSequence.swift (20-point scan from 5 MeV fm^-3,
bounded Brent for M_max, brentq for the 1.4 Msun star, 50-point curve), with lalsuite's TOV as the star
solver. For reference also lalsuite's native route: CreateSimNeutronStarFamily + SimNeutronStarMaximumMass +
SimNeutronStarRadius/LoveNumberK2 at 1.4 Msun (interpolation in a precomputed family) + 50 curve points.

Prints one JSON line with a list of results (or {"skipped": ...} when lalsuite is not importable).

Usage: baseline_lalsuite.py TABLE [--repeat 3] [--epsrel 0]   (epsrel 0 = lalsuite's default)
"""
import argparse
import json
import math
import os
import sys
import tempfile

try:
    import lal
    import lalsimulation as lalsim
except Exception as exc:  # lalsuite is optional: report and exit 0
    print(json.dumps({"skipped": f"lalsuite not importable ({exc.__class__.__name__}: {exc})"}))
    sys.exit(0)

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from baseline_lsoda import REFERENCE, full_evaluation, median_time  # noqa: E402

MEV_FM3_TO_PA = 1.602176634e32                  # 1 MeV fm^-3 in Pa (J m^-3)
PA_TO_GEOM_M2 = lal.G_SI / lal.C_SI ** 4        # Pa -> m^-2


def write_lal_table(table_path, out_path):
    """Benchmark table -> lalsuite's 2-column file (p, eps in m^-2)."""
    n, eps, p, cs2 = np.loadtxt(table_path, comments="#", unpack=True)
    with open(out_path, "w") as fh:
        fh.write("# pressure [m^-2]  energy density [m^-2] (geometrized), from %s\n" % os.path.basename(table_path))
        np.savetxt(fh, np.column_stack([p * MEV_FM3_TO_PA * PA_TO_GEOM_M2, eps * MEV_FM3_TO_PA * PA_TO_GEOM_M2]),
                   fmt="%.17e")


class LalStar:
    def __init__(self, eos, epsrel=0.0):
        self.eos = eos
        self.epsrel = epsrel

    def __call__(self, pc_mev):
        pc = pc_mev * MEV_FM3_TO_PA
        if self.epsrel > 0:
            r, m, k2 = lalsim.SimNeutronStarTOVODEIntegrateWithTolerance(pc, self.eos, self.epsrel)
        else:
            r, m, k2 = lalsim.SimNeutronStarTOVODEIntegrate(pc, self.eos)
        m_sun = m / lal.MSUN_SI
        c = m_sun * lal.MRSUN_SI / r
        return m_sun, r / 1e3, k2, 2.0 / 3.0 * k2 / c ** 5


def native_full_evaluation(eos, curve_points=50):
    """lalsuite's own route: a precomputed family (TOV on a grid of p_c + interpolation in M)."""
    fam = lalsim.CreateSimNeutronStarFamily(eos)
    m_max = lalsim.SimNeutronStarMaximumMass(fam)
    m14 = 1.4 * lal.MSUN_SI
    r14 = lalsim.SimNeutronStarRadius(m14, fam)
    k2 = lalsim.SimNeutronStarLoveNumberK2(m14, fam)
    c = 1.4 * lal.MRSUN_SI / r14
    lam = 2.0 / 3.0 * k2 / c ** 5
    curve = [lalsim.SimNeutronStarRadius(m_max * (0.2 + 0.8 * i / (curve_points - 1)) * (1 - 1e-9), fam)
             for i in range(curve_points)]
    return {"m_max": m_max / lal.MSUN_SI, "r_14_km": r14 / 1e3, "lambda_14": lam, "curve": curve}


def result(label, t_star, t_full, values, stars=None):
    out = {"method": label, "star_us": t_star * 1e6 if t_star is not None else None,
           "full_evaluation_ms": t_full * 1e3,
           "m_max": values["m_max"], "r_14_km": values["r_14_km"], "lambda_14": values["lambda_14"]}
    if stars is not None:
        out["stars_per_full_evaluation"] = stars
    for key, ref in REFERENCE.items():
        out[key + "_rel_error_vs_sly4_ref"] = abs(out[key] / ref - 1)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("table")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--epsrel", type=float, default=0.0, help="0: lalsuite default (SimNeutronStarTOVODEIntegrate)")
    args = ap.parse_args()

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        lal_path = os.path.join(tmp, "sly4_lal.dat")
        write_lal_table(args.table, lal_path)
        variants = [("lal-SLY4", lalsim.SimNeutronStarEOSByName("SLY4")),
                    ("our-table", lalsim.SimNeutronStarEOSFromFile(lal_path))]
        for name, eos in variants:
            p_max = lalsim.SimNeutronStarEOSMaxPressure(eos) / MEV_FM3_TO_PA
            star = LalStar(eos, args.epsrel)
            t_full, ev = median_time(lambda: full_evaluation(star, 5.0, p_max), args.repeat)
            pc14 = ev["pc_14"]
            t_star, _ = median_time(lambda: star(pc14), 100 * args.repeat)
            results.append(result(f"lalsuite TOV, {name}", t_star, t_full, ev, ev["stars"]))
            t_nat, nat = median_time(lambda: native_full_evaluation(eos), args.repeat)
            results.append(result(f"lalsuite Family (interpolated), {name}", None, t_nat, nat))
    print(json.dumps({"epsrel": args.epsrel or "default", "lalsuite": lal.__version__, "results": results},
                     sort_keys=True))
    sys.stdout.flush()
    # lalsuite's SWIG destructors have been seen to abort at interpreter exit ("double free"); skip them.
    os._exit(0)


if __name__ == "__main__":
    main()

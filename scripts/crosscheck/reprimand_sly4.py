#!/usr/bin/env python3
"""Independent check of the moment of inertia and the baryon mass: RePrimAnd (W. Kastaun; PyPI `reprimand`, module
`pyreprimand`) on the identical SLy4 table, against `eos-trainer star --masses`.

The table is the one the TOV benchmark writes (`physics-benchmark --table`: 4000 rows log-spaced in p from the
surface pressure 1e-10 MeV fm^-3 to the top of the core table; n_B, eps, p, c_s^2). RePrimAnd gets it as a barotropic
EOS in geometric units (G = c = M_sun = 1, with our M_sun = GM_sun(IAU)/G(CODATA 2018)): rest-mass density
rho = m_u n_B (m_u = 931.49410242 MeV, our baryon-mass convention), specific energy eps/(rho c^2) - 1, pressure and
sound speed; it builds its own monotone log-space splines and computes g - 1 by integration (so its interpolation of
the table differs from ours: the comparison tests both solvers and both interpolations). The table is cut where c_s^2 reaches 0.995, above the maximum-mass
centre (RePrimAnd refuses c_s >= 1; SLy4's core turns acausal above it). Below the table's lowest
density a polytrope (n = 1.5) closes the star; the envelope it adds is ~1e-11 of M.

For each mass: the star of that gravitational mass (find_rhoc_tov_of_mass, then get_tov_properties at relative
accuracy 1e-9) and ours (`eos-trainer star --skyrme SLy4 --masses ... --tolerance 1e-10`). Prints one JSON object
with both values and their relative differences; exits 1 if I or M_B differs by more than --limit (1e-4).
R and Lambda are printed for information: R differs by ~0.8 m (7e-5) because the two codes end the star differently
(ours: massless envelope from p = 1e-10 MeV fm^-3 to the iron surface, mu_0 = 930.412 MeV; RePrimAnd: its polytrope
below the table with rest mass m_u), which I (invariant outside the matter) and M_B do not feel.

Measured (RePrimAnd 1.7, 2026-12-06): I(1.338) = 1.2943103, I(1.4) = 1.3732683 [1e45 g cm^2] (ours -4.6e-6, -4.5e-6);
M_B(1.338) = 1.4705368, M_B(1.4) = 1.5471317 Msun (ours +7e-8, +6e-8); R -7e-5; Lambda -1.1e-4.

Usage: python3 scripts/crosscheck/reprimand_sly4.py [--bin .build/debug] [--masses 1.338,1.4] [--limit 1e-4]
(build first: swift build --product eos-trainer && swift build --product physics-benchmark)
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

try:
    import pyreprimand as pr
except ImportError as exc:
    print(json.dumps({"skipped": f"pyreprimand not importable: {exc} (pip install reprimand)"}))
    sys.exit(0)

G_SI = 6.67430e-11
MSUN_SI = 1.3271244e20 / G_SI            # IAU 2015 nominal GM_sun / G: the solar mass our solver uses
MEV_J = 1.602176634e-13
MU_MEV = 931.49410242                    # atomic mass unit: the rest mass per baryon of M_B
MU_KG = MU_MEV * MEV_J / 299792458.0 ** 2
MEV_FM3_PA = 1.602176634e32


def main():
    ap = argparse.ArgumentParser()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--bin", default=os.path.join(root, ".build", "debug"))
    ap.add_argument("--masses", default="1.338,1.4")
    ap.add_argument("--limit", type=float, default=1e-4)
    args = ap.parse_args()
    masses = [float(m) for m in args.masses.split(",")]

    with tempfile.TemporaryDirectory() as tmp:
        table = os.path.join(tmp, "sly4.txt")
        subprocess.run([os.path.join(args.bin, "physics-benchmark"), "--repeat", "1", "--table", table],
                       check=True, stdout=subprocess.DEVNULL)
        n, eps, p, cs2 = np.loadtxt(table, comments="#", unpack=True)
    # The Skyrme core table runs on to n_B = 2.5 fm^-3, where SLy4 turns acausal; RePrimAnd refuses c_s >= 1. Keep
    # the rows below c_s^2 = 0.995 (the maximum-mass star's centre has 0.977).
    keep = np.arange(len(n)) < np.argmax(cs2 >= 0.995) if np.any(cs2 >= 0.995) else np.ones(len(n), bool)
    n, eps, p, cs2 = n[keep], eps[keep], p[keep], cs2[keep]
    ours = json.loads(subprocess.run([os.path.join(args.bin, "eos-trainer"), "star", "--skyrme", "SLy4", "--masses", args.masses,
                                      "--tolerance", "1e-10", "--curve-points", "0", "--json"],
                                     check=True, capture_output=True, text=True).stdout)["at_masses"]

    u = pr.units.geom_solar(msun_si=MSUN_SI, g_si=G_SI)
    rho = n * 1e45 * MU_KG / u.density
    press = p * MEV_FM3_PA / u.pressure
    specific = eps / (n * MU_MEV) - 1
    eos = pr.make_eos_barotr_spline(list(rho), list(specific), list(press), list(np.sqrt(cs2)), [], [], True,
                                    pr.range(rho[0], rho[-1]), 1.5, u)
    acc = pr.star_acc_detailed(acc_mass=1e-9, acc_radius=1e-9, acc_minertia=1e-9, acc_deform=1e-7)
    rho_max = pr.find_rhoc_tov_max_mass(eos, rho[np.searchsorted(n, 0.3)], rho[-1] * 0.999, 40, 1e-9, 200)
    rows, worst = [], 0.0
    for mass, mine in zip(masses, ours):
        rhoc = pr.find_rhoc_tov_of_mass(eos, mass, rho[np.searchsorted(n, 0.1)], rho_max, 1e-9, 200)
        star = pr.get_tov_properties(eos, rhoc, acc)
        theirs = {
            "mass": star.grav_mass,
            "radius_km": star.circ_radius * u.length / 1e3,
            "lambda": star.deformability.lambda_tidal,
            "moment_of_inertia": star.moment_inertia * u.mom_inertia * 1e7 / 1e45,   # kg m^2 -> 1e45 g cm^2
            "baryon_mass": star.bary_mass,
            "central_pressure": star.center_press * u.pressure / MEV_FM3_PA,
        }
        diff = {k: theirs[k] / mine[k] - 1 for k in ["radius_km", "lambda", "moment_of_inertia", "baryon_mass", "central_pressure"]}
        worst = max(worst, *(abs(diff[k]) for k in ["moment_of_inertia", "baryon_mass"]))
        rows.append({"mass": mass, "reprimand": theirs,
                     "ours": {k: mine[k] for k in theirs if k != "mass"}, "relative_difference": diff,
                     "binding_energy_msun": {"reprimand": theirs["baryon_mass"] - theirs["mass"], "ours": mine["baryon_mass"] - mass}})
    print(json.dumps({"reprimand_version": getattr(pr, "__version__", "1.7 (PyPI reprimand)"), "limit": args.limit,
                      "worst_relative_difference": worst, "stars": rows}, indent=1))
    sys.exit(0 if worst <= args.limit else 1)


if __name__ == "__main__":
    main()

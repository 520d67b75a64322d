#!/usr/bin/env python3
"""Python baseline of the TOV benchmark: TOV + tidal (Hinderer) y equation integrated in r with
scipy.integrate.solve_ivp(method="LSODA"), as a typical Python neutron-star code does it.

The EOS is the table written by `physics-benchmark --table FILE` (n_B [fm^-3], eps, p [MeV fm^-3], c_s^2),
interpolated log-log linearly with numpy.interp. The surface is a terminal event at p = P_SURF (the lowest
table pressure, 1e-10 MeV fm^-3); the massless envelope above it and the exterior y equation are added as in
the Swift solver (Shared physics notes, section 8), so that the accuracy of the two solvers can be compared.

Full evaluation (same recipe as Sources/NeutronStarPhysics/StarSequence.swift): a 20-point scan in ln p_c
from 5 MeV fm^-3 that stops after two decreases of M, bounded Brent for M_max
(scipy.optimize.minimize_scalar(method="bounded")), brentq for the 1.4 Msun star, and a 50-point M-R curve.

Prints one JSON line. CPU time is time.process_time (median of repeats).

Usage: baseline_lsoda.py TABLE [--rtol 1e-7] [--repeat 3] [--no-jump] [--no-envelope]
"""
import argparse
import json
import math
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq, minimize_scalar

MEV_FM3_TO_KM2 = 1.3238333e-6          # MeV fm^-3 -> km^-2 (G = c = 1)
MSUN_KM = 1.4766250                    # G Msun / c^2 [km]
MU_IRON = 55.93493633 * 931.49410242 / 56   # energy per baryon of 56Fe at zero pressure [MeV]
DELTA = 1e-8                           # starting offset p = p_c (1 - DELTA)
FOUR_PI = 4.0 * math.pi


class TabulatedEOS:
    """Log-log linear interpolation of eps(p) and c_s^2(p) on the benchmark table (geometrized units)."""

    def __init__(self, path):
        n, eps, p, cs2 = np.loadtxt(path, comments="#", unpack=True)
        self.n = n
        self.lnp = np.log(p * MEV_FM3_TO_KM2)
        self.lne = np.log(eps * MEV_FM3_TO_KM2)
        self.lncs2 = np.log(cs2)
        self.eps_mev = eps
        self.p_mev = p
        self.p_min_mev = p[0]
        self.p_max_mev = p[-1]
        self.p_cc, self.eps_jump = self._crust_core_jump(eps, p, cs2)

    @staticmethod
    def _crust_core_jump(eps, p, cs2):
        """The crust-core transition: the one table segment whose log-log slope d ln eps / d ln p disagrees
        with the tabulated c_s^2 (eps jumps there). Returns p_cc (segment midpoint, geometrized) and the jump
        eps_core(p_cc) - eps_crust(p_cc) (geometrized), both sides extrapolated with their own c_s^2."""
        lp, le = np.log(p), np.log(eps)
        slope = np.diff(le) / np.diff(lp)
        expected = 0.5 * (p[:-1] / (eps[:-1] * cs2[:-1]) + p[1:] / (eps[1:] * cs2[1:]))
        ratio = slope / expected
        i = int(np.argmax(ratio))
        if ratio[i] < 1.5:
            return 0.0, 0.0
        lpcc = 0.5 * (lp[i] + lp[i + 1])
        e_crust = eps[i] * math.exp((lpcc - lp[i]) * p[i] / (eps[i] * cs2[i]))
        e_core = eps[i + 1] * math.exp((lpcc - lp[i + 1]) * p[i + 1] / (eps[i + 1] * cs2[i + 1]))
        return float(math.exp(lpcc) * MEV_FM3_TO_KM2), float((e_core - e_crust) * MEV_FM3_TO_KM2)

    def eps_cs2(self, p):
        lp = math.log(p)
        return (math.exp(np.interp(lp, self.lnp, self.lne)),
                math.exp(np.interp(lp, self.lnp, self.lncs2)))

    def surface_enthalpy(self):
        """h_s = ln((eps_s + p_s) / (n_s mu_Fe)) at the lowest table point (the surface pressure)."""
        return math.log((self.eps_mev[0] + self.p_mev[0]) / (self.n[0] * MU_IRON))


class LSODASolver:
    def __init__(self, eos, rtol=1e-7, envelope=True, jump=True):
        self.eos = eos
        self.rtol = rtol
        self.envelope = envelope
        self.jump = bool(jump and eos.eps_jump > 0)
        self.p_surf = eos.p_min_mev * MEV_FM3_TO_KM2 * (1 + 1e-9)
        self.h_s = eos.surface_enthalpy()
        self.nfev = 0

    def rhs(self, r, u):
        self.nfev += 1
        p, m, y = u
        if p < self.p_surf:
            p = self.p_surf
        e, cs2 = self.eos.eps_cs2(p)
        r2 = r * r
        a = m + FOUR_PI * r2 * r * p
        f = 1.0 - 2.0 * m / r
        dpdr = -(e + p) * a / (r2 * f)
        dmdr = FOUR_PI * r2 * e
        big_f = (1.0 - FOUR_PI * r2 * (e - p)) / f
        arf = a / (r * f)
        r2q = FOUR_PI * r2 * (5.0 * e + 9.0 * p + (e + p) / cs2) / f - 6.0 / f - 4.0 * arf * arf
        dydr = -(y * y + y * big_f + r2q) / r
        return [dpdr, dmdr, dydr]

    def _integrate(self, r0, u0, p_stop):
        def stop(r, u):
            return u[0] - p_stop
        stop.terminal = True
        stop.direction = -1
        sol = solve_ivp(self.rhs, (r0, 50.0), u0, method="LSODA", rtol=self.rtol,
                        atol=[self.p_surf * 1e-3, 1e-14, 1e-12], events=stop)
        if sol.status != 1 or len(sol.t_events[0]) == 0:
            raise RuntimeError(f"integration did not reach p = {p_stop}: {sol.message}")
        return sol.t_events[0][0], list(sol.y_events[0][0])

    def star(self, pc_mev):
        """(M [Msun], R [km], k2, Lambda, rhs evaluations) for central pressure pc [MeV fm^-3]."""
        pc = pc_mev * MEV_FM3_TO_KM2
        ec, cs2c = self.eos.eps_cs2(pc)
        r0sq = 3.0 * DELTA * pc / (2.0 * math.pi * (ec + pc) * (ec + 3.0 * pc))
        r0 = math.sqrt(r0sq)
        m0 = FOUR_PI / 3.0 * ec * r0sq * r0
        y0 = 2.0 - FOUR_PI / 7.0 * (11.0 * pc + ec / 3.0 + (ec + pc) / cs2c) * r0sq
        start = self.nfev
        r, u = r0, [pc * (1 - DELTA), m0, y0]
        pcc = self.eos.p_cc
        if self.jump and u[0] > pcc:
            # core down to p_cc, interior jump condition on y (eps jumps there), then the crust
            r, u = self._integrate(r, u, pcc)
            r3 = r ** 3
            u[0] = pcc
            u[2] -= FOUR_PI * r3 * self.eos.eps_jump / (u[1] + FOUR_PI * r3 * pcc)
        rs, (_, mass, ys) = self._integrate(r, u, self.p_surf)
        radius, y = rs, ys
        if self.envelope:
            radius = 2 * mass / (1 - (1 - 2 * mass / rs) * math.exp(2 * self.h_s))
            y = exterior_y(rs, radius, ys, mass)
        c = mass / radius
        k2 = love_number(c, y)
        lam = 2.0 / 3.0 * k2 / c ** 5
        return mass / MSUN_KM, radius, k2, lam, self.nfev - start


def exterior_y(r0, r1, y, mass, steps=4):
    """RK4 for dy/dr = -(y^2 + y/f - 6/f - 4 M^2/(r f)^2)/r through the (~1 m) massless envelope."""
    def g(r, y):
        f = 1 - 2 * mass / r
        q = mass / (r * f)
        return -(y * y + y / f - 6 / f - 4 * q * q) / r
    h = (r1 - r0) / steps
    r = r0
    for _ in range(steps):
        k1 = g(r, y); k2 = g(r + h / 2, y + h / 2 * k1); k3 = g(r + h / 2, y + h / 2 * k2); k4 = g(r + h, y + h * k3)
        y += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        r += h
    return y


def love_number(c, y):
    num = 1.6 * c ** 5 * (1 - 2 * c) ** 2 * (2 + 2 * c * (y - 1) - y)
    den = (2 * c * (6 - 3 * y + 3 * c * (5 * y - 8))
           + 4 * c ** 3 * (13 - 11 * y + c * (3 * y - 2) + 2 * c * c * (1 + y))
           + 3 * (1 - 2 * c) ** 2 * (2 - y + 2 * c * (y - 1)) * math.log(1 - 2 * c))
    return num / den


def full_evaluation(star, p_lo, p_hi, curve_points=50, scan_points=20, canonical=1.4):
    """M_max, the 1.4 Msun star and a curve; `star(pc)` returns (M, R, k2, Lambda, ...). Counts stars."""
    count = [0]

    def mass(lnpc):
        count[0] += 1
        return star(math.exp(lnpc))
    lo, hi = math.log(p_lo), math.log(p_hi * (1 - 1e-9))
    scan = []
    decreases = 0
    for i in range(scan_points):
        x = lo + (hi - lo) * i / (scan_points - 1)
        s = mass(x)
        if scan and s[0] < scan[-1][1][0]:
            decreases += 1
        else:
            decreases = 0
        scan.append((x, s))
        if decreases == 2:
            break
    k = max(range(len(scan)), key=lambda j: scan[j][1][0])
    if k == 0 or k == len(scan) - 1:
        raise RuntimeError("maximum mass not bracketed by the scan")
    res = minimize_scalar(lambda x: -mass(x)[0], bounds=(scan[k - 1][0], scan[k + 1][0]),
                          method="bounded", options={"xatol": 1e-6})
    x_max = res.x
    top = mass(x_max)
    if top[0] < scan[k][1][0]:
        x_max, top = scan[k]
    stable = [(x, s) for x, s in scan if x < x_max] + [(x_max, top)]
    j = next(j for j in range(len(stable) - 1) if stable[j][1][0] <= canonical <= stable[j + 1][1][0])
    x14 = brentq(lambda x: mass(x)[0] - canonical, stable[j][0], stable[j + 1][0], xtol=1e-10)
    s14 = mass(x14)
    curve = [mass(lo + (x_max - lo) * i / (curve_points - 1)) for i in range(curve_points)]
    return {"m_max": top[0], "r_14_km": s14[1], "lambda_14": s14[3], "pc_14": math.exp(x14),
            "curve": [(s[0], s[1]) for s in curve], "stars": count[0]}


def median_time(fn, repeat):
    samples = []
    out = None
    for _ in range(repeat):
        t0 = time.process_time()
        out = fn()
        samples.append(time.process_time() - t0)
    samples.sort()
    return samples[len(samples) // 2], out


REFERENCE = {"m_max": 2.05446, "r_14_km": 11.7497, "lambda_14": 303.81}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("table")
    ap.add_argument("--rtol", type=float, default=1e-7)
    ap.add_argument("--repeat", type=int, default=3, help="repeats of the full evaluation (per-star: 10x)")
    ap.add_argument("--no-jump", action="store_true", help="ignore the eps jump at p_cc in the y equation")
    ap.add_argument("--no-envelope", action="store_true")
    args = ap.parse_args()

    eos = TabulatedEOS(args.table)
    solver = LSODASolver(eos, rtol=args.rtol, envelope=not args.no_envelope, jump=not args.no_jump)
    p_lo = 5.0

    t_full, ev = median_time(lambda: full_evaluation(solver.star, p_lo, eos.p_max_mev), args.repeat)
    pc14 = ev["pc_14"]
    solver.nfev = 0
    t_star, s14 = median_time(lambda: solver.star(pc14), 10 * args.repeat)
    nfev = s14[4]

    out = {
        "method": "scipy LSODA in r",
        "rtol": args.rtol,
        "jump": solver.jump,
        "p_cc": eos.p_cc / MEV_FM3_TO_KM2,
        "envelope": not args.no_envelope,
        "star_us": t_star * 1e6,
        "star_rhs_evaluations": nfev,
        "full_evaluation_ms": t_full * 1e3,
        "stars_per_full_evaluation": ev["stars"],
        "m_max": ev["m_max"],
        "r_14_km": ev["r_14_km"],
        "lambda_14": ev["lambda_14"],
    }
    for key, ref in REFERENCE.items():
        out[key + "_rel_error_vs_sly4_ref"] = abs(out[key] / ref - 1)
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    sys.exit(main())

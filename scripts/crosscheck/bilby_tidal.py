#!/usr/bin/env python3
"""Reference values of the binary tidal parameters from bilby's conversion functions (PyPI `bilby`, module
bilby.gw.conversion): lambda_1_lambda_2_to_lambda_tilde and lambda_1_lambda_2_to_delta_lambda_tilde (Wade et al.
2014), for the cases that Tests/NeutronStarPhysicsTests/BinaryTidalTests.swift checks BinaryTidalParameters against.

bilby documents body 1 as the more massive one; its delta_lambda_tilde uses sqrt(1 - 4 eta) for (m1 - m2)/M, so for
m1 < m2 it is not the relabelled value. The script prints, per case (m1, m2, Lambda1, Lambda2): bilby's lambda_tilde
and delta_lambda_tilde, and for m1 < m2 also bilby on the relabelled (heavier first) binary, whose negated
delta_lambda_tilde is the value our signed-delta convention gives.

Usage: python3 scripts/crosscheck/bilby_tidal.py   (pip install bilby)
"""
import json
import sys

try:
    from bilby.gw import conversion
except ImportError as exc:
    print(json.dumps({"skipped": f"bilby not importable: {exc} (pip install bilby)"}))
    sys.exit(0)

CASES = [
    (1.4, 1.4, 300.0, 300.0),        # symmetric: lambda_tilde = Lambda, delta = 0
    (1.46, 1.27, 200.0, 450.0),      # GW170817-like
    (2.0, 1.0, 10.0, 2000.0),        # strongly asymmetric
    (1.6, 1.2, 150.0, 150.0),        # equal Lambdas, unequal masses
    (1.27, 1.46, 450.0, 200.0),      # the GW170817-like binary with the lighter body first
]


def main():
    rows = []
    for m1, m2, l1, l2 in CASES:
        row = {"m1": m1, "m2": m2, "lambda1": l1, "lambda2": l2,
               "lambda_tilde": conversion.lambda_1_lambda_2_to_lambda_tilde(l1, l2, m1, m2),
               "delta_lambda_tilde": conversion.lambda_1_lambda_2_to_delta_lambda_tilde(l1, l2, m1, m2)}
        if m1 < m2:
            row["relabelled_lambda_tilde"] = conversion.lambda_1_lambda_2_to_lambda_tilde(l2, l1, m2, m1)
            row["relabelled_delta_lambda_tilde"] = conversion.lambda_1_lambda_2_to_delta_lambda_tilde(l2, l1, m2, m1)
        rows.append(row)
    import bilby
    print(json.dumps({"bilby_version": bilby.__version__, "cases": rows}, indent=1))


if __name__ == "__main__":
    main()

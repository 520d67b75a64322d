#!/usr/bin/env python3
"""Checks `eos-client decode --format lalsuite` with LALSimulation: the exported EOS file, loaded by
lalsimulation.SimNeutronStarEOSFromFile, reproduces the decoded M_max and R_1.4 within lalsuite's own accuracy.

lalsuite's two-column reader starts the surface at its own pseudo-enthalpy, which puts its R_1.4 about 4 m below
ours on an identical table (Benchmarks/tov/README.md); the export is a 2000-row table log-spaced in pressure, which
lalsuite interpolates. Allowed: |dM_max| / M_max < 1e-3, |dR_1.4| < 20 m. Also checks `--format macro` columns
against the JSON answer's mass-radius curve.

Starts the server on a free port (127.0.0.1) with the committed model, decodes a few points, prints one line per
point and exits 1 on a mismatch. Installs lalsuite from PyPI when it is not importable.

Usage: lalsuite_export.py --server BIN --client BIN [--model-dir models]
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

POINTS = [(2.05, 11.75), (2.2, 12.6), (2.0, 12.0)]


def lalsuite():
    try:
        import lal  # noqa: F401
        import lalsimulation  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "lalsuite"], check=True)
    import lal
    import lalsimulation
    return lal, lalsimulation


def start_server(binary, model_dir):
    """Starts the server on a free loopback port; returns the process and its base URL once /readyz answers."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    log = tempfile.NamedTemporaryFile(prefix="lal-export-server-", suffix=".log", delete=False)
    process = subprocess.Popen([binary, "--host", "127.0.0.1", "--port", str(port), "--model-dir", model_dir, "--no-access-log"],
                               stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        time.sleep(0.1)
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=2) as answer:
                if answer.status == 200:
                    return process, url
        except OSError:
            pass
        if process.poll() is not None:
            sys.exit("server exited: " + open(log.name).read())
    process.kill()
    sys.exit("server did not become ready in 30 s")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--client", required=True)
    ap.add_argument("--model-dir", default="models")
    args = ap.parse_args()
    lal, lalsim = lalsuite()
    process, url = start_server(args.server, args.model_dir)
    failures = 0
    try:
        for m_max, r_14 in POINTS:
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "eos.dat")
                common = [args.client, "decode", "--server", url, "--m-max", str(m_max), "--r14", str(r_14)]
                subprocess.run(common + ["--format", "lalsuite", "-o", path], check=True)
                answer = json.loads(subprocess.run(common + ["--format", "json"], check=True, capture_output=True, text=True).stdout)
                macro = subprocess.run(common + ["--format", "macro"], check=True, capture_output=True, text=True).stdout
                rows = [list(map(float, line.split())) for line in macro.splitlines() if line and not line.startswith("#")]
                curve = answer["mass_radius"]
                if [r[0] for r in rows] != curve["radius"] or [r[1] for r in rows] != curve["mass"]:
                    print(f"FAIL ({m_max}, {r_14}): --format macro columns differ from the JSON curve")
                    failures += 1
                eos = lalsim.SimNeutronStarEOSFromFile(path)
                family = lalsim.CreateSimNeutronStarFamily(eos)
                lal_m_max = lalsim.SimNeutronStarMaximumMass(family) / lal.MSUN_SI
                lal_r_14 = lalsim.SimNeutronStarRadius(1.4 * lal.MSUN_SI, family) / 1e3
                dm = lal_m_max / answer["m_max"] - 1
                dr = (lal_r_14 - answer["r_14"]) * 1e3
                ok = abs(dm) < 1e-3 and abs(dr) < 20
                failures += not ok
                print(f"{'ok  ' if ok else 'FAIL'} ({m_max}, {r_14}): M_max ours {answer['m_max']:.6f} lalsuite {lal_m_max:.6f} "
                      f"(rel {dm:+.1e}); R_1.4 ours {answer['r_14']:.4f} km lalsuite {lal_r_14:.4f} km ({dr:+.1f} m)")
    finally:
        process.terminate()
        process.wait(timeout=30)
    print(f"lalsuite export: {len(POINTS) - failures} passed, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

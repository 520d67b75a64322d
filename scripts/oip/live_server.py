"""Starts a built eos-server on a free loopback port with models/default and stops it (for the OIP scripts)."""

import contextlib
import os
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def server_binary() -> Path:
    """The eos-server to run: $EOS_SERVER, else the debug build of this checkout."""
    path = Path(os.environ.get("EOS_SERVER", ROOT / ".build/debug/eos-server"))
    if not path.is_file():
        raise FileNotFoundError(f"no eos-server at {path}: build it (swift build --product eos-server) or set EOS_SERVER")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def live_server(timeout_s: float = 30.0):
    """Yields the base URL (http://127.0.0.1:PORT) of an eos-server serving models/default, ready to answer."""
    port = free_port()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [str(server_binary()), "--host", "127.0.0.1", "--port", str(port), "--model-dir", str(ROOT / "models"),
             "--model", "default", "--no-access-log"],
            stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout_s
            while True:
                if process.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"eos-server exited with {process.returncode}: {log.read().decode(errors='replace')}")
                try:
                    with urllib.request.urlopen(url + "/readyz", timeout=1) as answer:
                        if answer.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError(f"eos-server not ready on port {port} after {timeout_s} s")
                time.sleep(0.1)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

"""deploy/systemd/eos-server.service: `systemd-analyze verify`, its hardening options, its offline security
score, and a syscall trace of the real server under load checked against the unit's SystemCallFilter and
RestrictAddressFamilies (so the filter does not kill the service in production)."""

from __future__ import annotations

import http.client
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from deploylib import DEPLOY, RunningServer, free_port, model_directory, server_binary, wait_until

UNIT = DEPLOY / "systemd" / "eos-server.service"
BINARY = server_binary()


def directives() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in UNIT.read_text().splitlines():
        if line and not line.startswith(("#", "[")) and "=" in line:
            key, _, value = line.partition("=")
            found.setdefault(key.strip(), []).append(value.strip())
    return found


D = directives()


def test_hardening_options():
    required = {
        "DynamicUser": "yes", "NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes",
        "PrivateTmp": "yes", "PrivateDevices": "yes", "ProtectKernelTunables": "yes", "ProtectKernelModules": "yes",
        "ProtectControlGroups": "yes", "RestrictNamespaces": "yes", "RestrictRealtime": "yes",
        "LockPersonality": "yes", "MemoryDenyWriteExecute": "yes", "SystemCallArchitectures": "native",
        "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX", "CapabilityBoundingSet": "",
        "KillSignal": "SIGTERM",
    }
    for key, value in required.items():
        assert D.get(key) == [value], f"{key}={D.get(key)}"
    assert D["SystemCallFilter"] == ["@system-service", "~@privileged"]
    assert D["ExecStart"] == ["/usr/local/bin/eos-server"]
    drain = float(dict(e.split("=", 1) for e in D["Environment"]).get("EOS_DRAIN_TIMEOUT", "25"))
    assert float(D["TimeoutStopSec"][0]) > drain


def verify_copy(tmp_path: Path) -> Path:
    """The unit with ExecStart pointing at the built binary (verify checks that the command exists)."""
    executable = BINARY if BINARY.exists() else Path(shutil.which("true"))
    copy = tmp_path / "eos-server.service"
    copy.write_text(UNIT.read_text().replace("ExecStart=/usr/local/bin/eos-server", f"ExecStart={executable}"))
    return copy


def test_systemd_analyze_verify(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        pytest.skip("systemd-analyze not installed (apt-get install systemd)")
    result = subprocess.run([analyze, "verify", str(verify_copy(tmp_path))], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_systemd_analyze_security_exposure(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        pytest.skip("systemd-analyze not installed")
    result = subprocess.run([analyze, "security", "--offline=yes", "--no-pager", str(verify_copy(tmp_path))],
                            capture_output=True, text=True, timeout=60)
    match = re.search(r"Overall exposure level for \S+: ([0-9.]+)", result.stdout)
    if not match:
        pytest.skip(f"systemd-analyze security --offline unsupported: {result.stderr.strip()[:200]}")
    exposure = float(match.group(1))
    print(f"systemd-analyze security exposure: {exposure} (0 = fully locked down, 10 = unprotected)")
    assert exposure <= 2.0


def syscall_groups(analyze: str) -> dict[str, set[str]]:
    out = subprocess.run([analyze, "syscall-filter", "--no-pager"], capture_output=True, text=True, check=True).stdout
    groups: dict[str, set[str]] = {}
    current = None
    for line in out.splitlines():
        if line.startswith("@"):
            current = line.strip()
            groups[current] = set()
        elif current and line.strip() and not line.strip().startswith("#"):
            groups[current].add(line.strip())
    return groups


def expand(name: str, groups: dict[str, set[str]]) -> set[str]:
    if not name.startswith("@"):
        return {name}
    return set().union(*(expand(member, groups) for member in groups[name]))


def test_syscalls_of_a_live_server_pass_the_unit_filter(tmp_path):
    """strace -f the server through start-up, every kind of request and a SIGTERM drain; every syscall must be
    in @system-service minus @privileged, and every socket in AF_INET/AF_INET6/AF_UNIX."""
    analyze, strace = shutil.which("systemd-analyze"), shutil.which("strace")
    models = model_directory()
    if not analyze or not strace or not BINARY.exists() or models is None:
        pytest.skip("needs systemd-analyze, strace (apt-get install strace), the built binary and a model")
    groups = syscall_groups(analyze)
    allowed = (expand("@system-service", groups) | expand("@default", groups)) - expand("@privileged", groups)
    port = free_port()
    trace = tmp_path / "trace"
    env = {"EOS_HOST": "127.0.0.1", "EOS_PORT": str(port), "EOS_MODEL_DIR": str(models), "EOS_LOG_FORMAT": "json"}
    prefix = [strace, "-f", "-qq", "-o", str(trace), "-e", "trace=all", "-e", "signal=none"]
    with RunningServer([str(BINARY)], env, port, prefix=prefix) as server:
        assert wait_until(port, "/readyz", server.process, timeout=60) == 200, server.stop()[2]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        body = json.dumps({"points": [{"m_max": 2.0 + 0.02 * i, "r_14": 11.6 + 0.05 * i} for i in range(8)],
                           "include": "scalars"})
        for method, path, payload in [("GET", "/healthz", None), ("GET", "/metrics", None),
                                      ("GET", "/v1/models", None), ("POST", "/v1/decode/batch", body),
                                      ("POST", "/v1/decode", json.dumps({"m_max": 2.1, "r_14": 12.0})),
                                      ("GET", "/openapi.yaml", None), ("GET", "/nope", None)]:
            connection.request(method, path, payload, {"Content-Type": "application/json", "Accept-Encoding": "gzip"})
            connection.getresponse().read()
        connection.close()
        code, _, err = server.stop(timeout=60)
    assert code == 0, err[-2000:]
    used: set[str] = set()
    families: set[str] = set()
    pattern = re.compile(r"^\d+\s+(?:<\.\.\. )?([a-z0-9_]+)[( ]")
    for line in trace.read_text().splitlines():
        match = pattern.match(line)
        if match and match.group(1) not in {"exited", "killed", "resumed"}:
            used.add(match.group(1))
        family = re.search(r"\bsocket\((AF_[A-Z0-9]+)", line)
        if family:
            families.add(family.group(1))
    used.discard("execve")  # strace's own exec of the binary; systemd allows execve in @default anyway
    print(f"syscalls used: {len(used)}; socket families: {sorted(families)}")
    assert used, "empty trace"
    assert not used - allowed, f"syscalls the unit's SystemCallFilter would refuse: {sorted(used - allowed)}"
    assert families <= {"AF_INET", "AF_INET6", "AF_UNIX"}, families

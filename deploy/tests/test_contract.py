"""The entrypoint, arguments and environment that deploy/ gives eos-server are exactly ones the built binary
accepts: they are parsed out of the Dockerfile, the Deployment (+ ConfigMap), compose.yaml and the systemd
unit, checked against `eos-server --help` / `--experimental-dump-help`, each EOS_* variable is shown to be
read by the binary (an invalid value makes it refuse to start, naming the variable), and the binary is then
started exactly that way on a loopback port and must answer /healthz and /readyz and drain on SIGTERM.

Three substitutions are made to run outside a container, and only these: EOS_HOST 0.0.0.0 → 127.0.0.1
(loopback only), EOS_PORT → a free port, EOS_MODEL_DIR → the repository's models/ (or $EOS_TEST_MODEL_DIR)."""

from __future__ import annotations

import math
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from deploylib import (DEPLOY, K8S, REPO, Contract, RunningServer, exec_form, free_port, http_get,
                       invalid_arguments, model_directory, parse_dockerfile, read_contract, server_binary,
                       stage_env, wait_until)

BINARY = server_binary()
pytestmark = pytest.mark.skipif(not BINARY.exists(), reason=f"{BINARY} not built (deploy/check.sh builds it)")

# Where every deployment puts the binary (Dockerfile COPY, Deployment command, systemd ExecStart).
INSTALLED_PATH = "/usr/local/bin/eos-server"
# Non-EOS variables a deployment may set: OpenBLAS's own knobs (documented, optional).
OTHER_ALLOWED = {"OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "OPENBLAS_L2_SIZE"}


@dataclass
class Launch:
    """How one deployment starts eos-server."""
    source: str
    argv: list[str]
    env: dict[str, str]


def dockerfile_launch() -> Launch:
    stages = parse_dockerfile(DEPLOY / "Dockerfile")
    runtime = next(s for s in stages if s.name == "runtime")
    entrypoint = exec_form(runtime.last("ENTRYPOINT").value)
    cmd = runtime.last("CMD")
    argv = entrypoint + (exec_form(cmd.value) if cmd else [])
    return Launch("Dockerfile", argv, stage_env(stages, runtime))


def deployment_launch() -> Launch:
    deployment = yaml.safe_load((K8S / "deployment.yaml").read_text())
    configmap = yaml.safe_load((K8S / "configmap.yaml").read_text())
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        assert source["configMapRef"]["name"] == configmap["metadata"]["name"]
        env.update({k: str(v) for k, v in configmap["data"].items()})
    for item in container.get("env", []):
        if "value" in item:
            env[item["name"]] = str(item["value"])
        else:  # resourceFieldRef limits.cpu with divisor 1: the kubelet rounds up to whole CPUs
            reference = item["valueFrom"]["resourceFieldRef"]
            assert reference["resource"] == "limits.cpu" and str(reference.get("divisor", "1")) == "1"
            cpu = str(container["resources"]["limits"]["cpu"])
            env[item["name"]] = str(math.ceil(float(cpu[:-1]) / 1000 if cpu.endswith("m") else float(cpu)))
    return Launch("Deployment", container.get("command", []) + container.get("args", []), env)


def compose_launch() -> Launch:
    image = dockerfile_launch()
    service = yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"]["eos-server"]
    env = dict(image.env)
    env.update({k: str(v) for k, v in (service.get("environment") or {}).items()})
    argv = service.get("entrypoint", image.argv[:1]) + service.get("command", image.argv[1:])
    return Launch("compose", argv, env)


def systemd_launch() -> Launch:
    env: dict[str, str] = {}
    argv: list[str] = []
    for line in (DEPLOY / "systemd" / "eos-server.service").read_text().splitlines():
        key, _, value = line.partition("=")
        if key == "Environment":
            env.update(dict(word.split("=", 1) for word in shlex.split(value)))
        elif key == "ExecStart":
            argv = shlex.split(value.lstrip("-@:+!"))
    return Launch("systemd", argv, env)


LAUNCHES = [dockerfile_launch(), deployment_launch(), compose_launch(), systemd_launch()]


@pytest.fixture(scope="module")
def contract() -> Contract:
    return read_contract(BINARY)


def test_help_documents_the_environment(contract):
    assert {"EOS_HOST", "EOS_PORT", "EOS_MODEL_DIR", "EOS_MODEL"} <= contract.environment
    assert {"--host", "--port", "--model-dir", "--model"} <= contract.valued_flags


@pytest.mark.parametrize("launch", LAUNCHES, ids=lambda l: l.source)
def test_entrypoint_arguments_and_environment_are_accepted(launch, contract):
    assert launch.argv and launch.argv[0] == INSTALLED_PATH, f"{launch.source}: starts {launch.argv[:1]}"
    assert not invalid_arguments(launch.argv[1:], contract), f"{launch.source}: unknown flags"
    unknown = sorted(n for n in launch.env if n not in contract.environment and n not in OTHER_ALLOWED)
    assert not unknown, f"{launch.source} sets variables eos-server does not read: {unknown}"


def test_every_deployment_agrees_on_port_and_model():
    for launch in LAUNCHES:
        assert launch.env.get("EOS_PORT", "8080") == "8080", launch.source
        assert launch.env.get("EOS_MODEL", "default") == "default", launch.source


# An invalid value for each variable; the binary must refuse to start and name the variable or the value.
PROBES = {"EOS_HOST": "", "EOS_MODEL_DIR": "/nonexistent/eos-probe", "EOS_MODEL": "eos/probe"}


def used_variables() -> list[str]:
    return sorted({n for l in LAUNCHES for n in l.env if n.startswith("EOS_")})


@pytest.mark.parametrize("name", used_variables())
def test_binary_reads_each_variable(name, tmp_path):
    value = PROBES.get(name, "eos-probe-invalid")
    env = {k: v for k, v in os.environ.items() if not k.startswith("EOS_")}
    env["EOS_PORT"] = "0"  # never the real port, should a probe be accepted
    env[name] = value
    try:
        result = subprocess.run([str(BINARY)], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail(f"eos-server started with {name}={value!r}: the variable is ignored or the probe is valid")
    assert result.returncode != 0
    assert name in result.stderr or (value and value in result.stderr), result.stderr


def localised(launch: Launch, port: int, models: Path) -> dict[str, str]:
    env = dict(launch.env)
    if env.get("EOS_HOST", "127.0.0.1") == "0.0.0.0":
        env["EOS_HOST"] = "127.0.0.1"
    env["EOS_PORT"] = str(port)
    env["EOS_MODEL_DIR"] = str(models)
    return env


def needs_model() -> Path:
    models = model_directory()
    if models is None:
        pytest.skip("no model: models/default is not committed and EOS_TEST_MODEL_DIR is not set")
    return models


@pytest.mark.parametrize("launch", LAUNCHES, ids=lambda l: l.source)
def test_binary_starts_as_deployed_and_drains(launch):
    models = needs_model()
    port = free_port()
    env = localised(launch, port, models)
    with RunningServer([str(BINARY)] + launch.argv[1:], env, port) as server:
        assert wait_until(port, "/healthz", server.process) == 200, server.stop()[2]
        assert wait_until(port, "/readyz", server.process) == 200
        status, body = http_get(port, "/v1/models")
        assert status == 200 and env.get("EOS_MODEL", "default").encode() in body
        status, body = http_get(port, "/metrics")
        assert status == 200 and b"# TYPE" in body
        health = subprocess.run(["bash", str(DEPLOY / "healthcheck.sh")], env={**os.environ, "EOS_PORT": str(port)},
                                capture_output=True, text=True, timeout=10)
        assert health.returncode == 0, health.stderr
        code, _, err = server.stop()
    assert code == 0, f"SIGTERM did not drain to exit 0: {err[-2000:]}"


def test_healthcheck_fails_when_nothing_listens():
    port = free_port()
    health = subprocess.run(["bash", str(DEPLOY / "healthcheck.sh")], env={**os.environ, "EOS_PORT": str(port)},
                            capture_output=True, text=True, timeout=10)
    assert health.returncode != 0


def test_sigterm_as_pid_1_drains_and_exits_0(tmp_path):
    """In a container eos-server is PID 1 (exec-form ENTRYPOINT, no init). PID 1 gets no default signal
    actions, so SIGTERM must be handled by the server itself: checked in a new PID namespace."""
    models = needs_model()
    if not shutil.which("unshare") or subprocess.run(["unshare", "--pid", "--fork", "true"],
                                                     capture_output=True).returncode != 0:
        pytest.skip("unshare --pid is not permitted here")
    launch = dockerfile_launch()
    port = free_port()
    with RunningServer([str(BINARY)] + launch.argv[1:], localised(launch, port, models), port,
                       prefix=["unshare", "--pid", "--fork", "--mount-proc"]) as server:
        assert wait_until(port, "/readyz", server.process) == 200
        children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children").read_text().split()
        assert len(children) == 1
        inner = Path(f"/proc/{children[0]}/status").read_text()
        assert re.search(r"^NSpid:\s+\d+\s+1$", inner, re.M), "the server is not PID 1 of its namespace"
        os.kill(int(children[0]), 15)
        code = server.process.wait(timeout=40)  # unshare --fork exits with its child's status
    assert code == 0


MDWE_WRAPPER = ("import ctypes, os, sys\n"
                "libc = ctypes.CDLL(None, use_errno=True)\n"
                "if libc.prctl(65, 1, 0, 0, 0) != 0: sys.exit(77)  # PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN\n"
                "os.execv(sys.argv[1], sys.argv[1:])\n")


def test_memory_deny_write_execute_is_compatible():
    """The systemd unit sets MemoryDenyWriteExecute=yes: run the server under the same kernel restriction
    (prctl PR_SET_MDWE, inherited across execve) and exercise the decoder, OpenBLAS and gzip paths."""
    models = needs_model()
    probe = subprocess.run([sys.executable, "-c", MDWE_WRAPPER, "/bin/true"])
    if probe.returncode != 0:
        pytest.skip("PR_SET_MDWE not supported by this kernel (Linux ≥ 6.3)")
    # The restriction survives execve and is enforced: a writable+executable mapping is refused.
    enforced = subprocess.run([sys.executable, "-c", MDWE_WRAPPER, sys.executable, "-c",
                               "import mmap; mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)"],
                              capture_output=True, text=True)
    assert enforced.returncode != 0 and "PermissionError" in enforced.stderr, enforced.stderr
    launch = systemd_launch()
    port = free_port()
    with RunningServer([str(BINARY)] + launch.argv[1:], localised(launch, port, models), port,
                       prefix=[sys.executable, "-c", MDWE_WRAPPER]) as server:
        assert wait_until(port, "/readyz", server.process) == 200, server.stop()[2]
        import http.client
        import json
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        body = json.dumps({"points": [{"m_max": 2.0 + 0.02 * i, "r_14": 11.6 + 0.05 * i} for i in range(8)]})
        connection.request("POST", "/v1/decode/batch", body, {"Content-Type": "application/json",
                                                               "Accept-Encoding": "gzip"})
        response = connection.getresponse()
        response.read()
        assert response.status == 200
        code, _, err = server.stop()
    assert code == 0, err[-2000:]

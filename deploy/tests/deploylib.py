"""Helpers shared by the deploy/ tests: a small Dockerfile parser, the eos-server command-line contract read
from the built binary, and a way to start that binary on a loopback port and wait for it."""

from __future__ import annotations

import http.client
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent.parent
REPO = DEPLOY.parent
K8S = DEPLOY / "k8s"


# --------------------------------------------------------------------------------------------------------------
# Dockerfile


@dataclass
class Instruction:
    keyword: str  # upper case, e.g. "FROM"
    value: str  # the rest of the logical line, continuations joined
    line: int  # 1-based line of the instruction's first physical line


@dataclass
class Stage:
    base: str  # image or earlier stage name
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]

    def last(self, keyword: str) -> Instruction | None:
        found = self.all(keyword)
        return found[-1] if found else None


def parse_dockerfile(path: Path) -> list[Stage]:
    """Splits a Dockerfile into stages of instructions (comments dropped, `\\` continuations joined)."""
    stages: list[Stage] = []
    logical, start = "", 0
    lines = path.read_text().splitlines()
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if not logical and (not stripped or stripped.startswith("#")):
            continue
        if logical and stripped.startswith("#"):
            continue  # comment lines inside a continued instruction are skipped by Docker too
        if not logical:
            start = number
        if stripped.endswith("\\"):
            logical += stripped[:-1] + " "
            continue
        logical += stripped
        keyword, _, value = logical.partition(" ")
        instruction = Instruction(keyword.upper(), value.strip(), start)
        logical = ""
        if instruction.keyword == "FROM":
            words = [w for w in instruction.value.split() if not w.startswith("--")]
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            stages.append(Stage(base=words[0], name=name))
        if stages:
            stages[-1].instructions.append(instruction)
    return stages


def exec_form(value: str) -> list[str] | None:
    """The JSON array of an exec-form ENTRYPOINT/CMD/HEALTHCHECK CMD, or None for shell form."""
    value = value.strip()
    if not value.startswith("["):
        return None
    return json.loads(value)


def env_pairs(value: str) -> dict[str, str]:
    """`ENV A=1 B="x y"` (or the legacy `ENV A 1`) → {"A": "1", "B": "x y"}."""
    words = shlex.split(value)
    if words and "=" not in words[0]:
        return {words[0]: " ".join(words[1:])}
    return dict(word.split("=", 1) for word in words)


def stage_env(stages: list[Stage], stage: Stage) -> dict[str, str]:
    """Environment of a stage, inherited through `FROM <earlier stage>`."""
    by_name = {s.name: s for s in stages if s.name}
    chain = [stage]
    while chain[-1].base in by_name:
        chain.append(by_name[chain[-1].base])
    env: dict[str, str] = {}
    for s in reversed(chain):
        for instruction in s.all("ENV"):
            env.update(env_pairs(instruction.value))
    return env


# --------------------------------------------------------------------------------------------------------------
# eos-server's command-line contract, read from the binary


def server_binary() -> Path:
    """The built eos-server: $EOS_SERVER_BIN, else the release build in .build-deploy (deploy/check.sh builds it)."""
    explicit = os.environ.get("EOS_SERVER_BIN")
    if explicit:
        return Path(explicit)
    return REPO / ".build-deploy" / "release" / "eos-server"


@dataclass
class Contract:
    flags: set[str]  # every accepted long flag, e.g. "--port", "--no-access-log"
    valued_flags: set[str]  # flags that take a value
    environment: set[str]  # EOS_* variables documented in --help
    help_text: str


def read_contract(binary: Path) -> Contract:
    help_text = subprocess.run([str(binary), "--help"], capture_output=True, text=True, timeout=30, check=True).stdout
    dump = json.loads(subprocess.run([str(binary), "--experimental-dump-help"], capture_output=True, text=True,
                                     timeout=30, check=True).stdout)
    flags: set[str] = set()
    valued: set[str] = set()
    for argument in dump["command"].get("arguments", []):
        for name in argument.get("names", []):
            spelled = ("--" if name["kind"] == "long" else "-") + name["name"]
            flags.add(spelled)
            if argument["kind"] == "option":
                valued.add(spelled)
    # The help wraps lines; "(env EOS_X; …)" may be split across them.
    joined = " ".join(help_text.split())
    environment = set(re.findall(r"\benv (EOS_[A-Z0-9_]+)", joined))
    return Contract(flags, valued, environment, help_text)


def invalid_arguments(arguments: list[str], contract: Contract) -> list[str]:
    """Arguments that are not flags of the contract (values of valued flags are skipped)."""
    bad, expect_value = [], False
    for argument in arguments:
        if expect_value:
            expect_value = False
            continue
        name = argument.split("=", 1)[0]
        if name not in contract.flags:
            bad.append(argument)
        elif name in contract.valued_flags and "=" not in argument:
            expect_value = True
    return bad


# --------------------------------------------------------------------------------------------------------------
# Running the binary


def model_directory() -> Path | None:
    """Parent directory holding the model the live tests serve: $EOS_TEST_MODEL_DIR, else the committed models/."""
    explicit = os.environ.get("EOS_TEST_MODEL_DIR")
    if explicit:
        return Path(explicit)
    if (REPO / "models" / "default" / "model.json").exists():
        return REPO / "models"
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(port: int, path: str, timeout: float = 2.0) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_until(port: int, path: str, process: subprocess.Popen | None = None, timeout: float = 20.0) -> int:
    """Polls GET path until 200 (returns 200) or the timeout / the process's exit (returns the last status or 0)."""
    deadline, status = time.monotonic() + timeout, 0
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return status
        try:
            status, _ = http_get(port, path)
            if status == 200:
                return status
        except OSError:
            pass
        time.sleep(0.1)
    return status


class RunningServer:
    """An eos-server process started with an exact argv and environment; stopped with SIGTERM on exit."""

    def __init__(self, argv: list[str], env: dict[str, str], port: int, prefix: list[str] | None = None):
        self.port = port
        self.argv = argv
        base = {k: v for k, v in os.environ.items() if not k.startswith("EOS_")}
        base.update(env)
        self.process = subprocess.Popen((prefix or []) + argv, env=base, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)

    def __enter__(self) -> "RunningServer":
        return self

    def server_pid(self) -> int:
        """The eos-server process: the started one, or its only child when a prefix (strace, unshare --fork)
        forked it."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children")
        try:
            forked = children.read_text().split()
        except OSError:
            return pid
        return int(forked[0]) if len(forked) == 1 else pid

    def stop(self, timeout: float = 40.0) -> tuple[int, str, str]:
        """SIGTERM to eos-server itself (not to a wrapper), then its exit status (a wrapper passes it on)."""
        if self.process.poll() is None:
            os.kill(self.server_pid(), signal.SIGTERM)
        try:
            out, err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate()
        return self.process.returncode, out, err

    def __exit__(self, *exc) -> None:
        if self.process.poll() is None:
            self.stop()

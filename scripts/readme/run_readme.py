#!/usr/bin/env python3
"""Runs every command of the README's ```sh blocks against a live eos-server and checks its exit code.

    scripts/readme/run_readme.py [--bin-dir DIR] [--readme README.md] [--timeout S] [--total-timeout S] [--list]

How it runs them, so that the README can be written for a user:
- Commands are the lines of each ```sh block (a trailing backslash joins the next line; comment-only lines are
  skipped). A command whose comment holds `readme-runner: skip (reason)` is not run; the reason is required and
  printed, so skips stay few and visible (the build and test commands, the server start, hours of training).
- The release server is started on a free loopback port (8080 may be taken, e.g. by another server on a CI machine)
  with models/default, and `localhost:8080` / `127.0.0.1:8080` in the commands are rewritten to that port;
  EOS_SERVER points eos-client at it.
- The commands run in a scratch directory holding symlinks to the repository's top-level entries (so files such
  as `examples/points.csv` are found and written files such as `results.csv` stay out of the repository) and a
  `.build/release` symlink to --bin-dir (default: the repository's .build/release, where `swift build -c release`
  puts the programs; CI passes its own scratch path).
- Each runs under `bash -e -o pipefail` with a time limit; curl fails on HTTP errors (a scratch .curlrc with
  `fail-with-body`), so an error answer fails the command as a non-zero exit code would.

Exit status: 0 when every command passed, 1 when one failed or the server did not start, 2 usage.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

SKIP_MARKER = re.compile(r"readme-runner:\s*skip\b\s*(?:\((?P<reason>[^)]*)\))?")
PORT_IN_COMMAND = re.compile(r"\b(?:localhost|127\.0\.0\.1):8080\b")
FENCE_OPEN = re.compile(r"^```sh\s*$")


@dataclasses.dataclass
class Command:
    """One command of the README: its text, the README line it starts on, and why it is skipped (None: run)."""

    text: str
    line: int
    skip: str | None = None


def extract_commands(markdown: str) -> list[Command]:
    """The commands of the ```sh blocks of `markdown`, in order; raises ValueError for a skip without a reason."""
    commands: list[Command] = []
    in_block = False
    pending: list[str] = []
    start = 0
    for number, line in enumerate(markdown.splitlines(), start=1):
        if not in_block:
            in_block = bool(FENCE_OPEN.match(line))
            continue
        if line.strip() == "```":
            if pending:
                raise ValueError(f"README line {start}: the command continues past the end of its block")
            in_block = False
            continue
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if not pending:
            start = number
        if line.rstrip().endswith("\\"):
            pending.append(line.rstrip())  # bash joins backslash-newline itself
            continue
        pending.append(line)
        text = "\n".join(pending)
        pending = []
        skip = None
        marker = SKIP_MARKER.search(text)
        if marker:
            skip = (marker.group("reason") or "").strip()
            if not skip:
                raise ValueError(f"README line {start}: 'readme-runner: skip' needs a reason in parentheses")
        commands.append(Command(text=text, line=start, skip=skip))
    if in_block:
        raise ValueError("the README ends inside a ```sh block")
    return commands


def rewrite_port(command: str, port: int) -> str:
    """`command` with the README's server address (localhost:8080, 127.0.0.1:8080) replaced by 127.0.0.1:`port`."""
    return PORT_IN_COMMAND.sub(f"127.0.0.1:{port}", command)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def scratch_directory(repository: Path, bin_dir: Path) -> Path:
    """A temporary working directory: symlinks to the repository's entries, `.build/release` to `bin_dir`, a .curlrc."""
    scratch = Path(tempfile.mkdtemp(prefix="readme-runner-"))
    for entry in repository.iterdir():
        if entry.name.startswith(".build") or entry.name == ".git":
            continue
        (scratch / entry.name).symlink_to(entry)
    (scratch / ".build").mkdir()
    (scratch / ".build" / "release").symlink_to(bin_dir)
    curl_help = subprocess.run(["curl", "--help", "all"], capture_output=True, text=True).stdout
    fail_option = "fail-with-body" if "--fail-with-body" in curl_help else "fail"
    (scratch / ".curlrc").write_text(f"{fail_option}\nshow-error\n")
    return scratch


def start_server(binary: Path, repository: Path, port: int, log: Path) -> subprocess.Popen:
    """Starts eos-server on 127.0.0.1:`port` with models/default and waits (60 s at most) until /readyz answers."""
    server = subprocess.Popen(
        [str(binary), "--host", "127.0.0.1", "--port", str(port), "--model-dir", str(repository / "models"),
         "--model", "default", "--no-access-log"],
        stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"eos-server exited with status {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            pass
        time.sleep(0.2)
    stop(server)
    raise RuntimeError(f"eos-server was not ready within 60 s:\n{log.read_text()}")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the process group, SIGKILL after 10 s."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def run_command(command: str, cwd: Path, environment: dict[str, str], timeout: float) -> tuple[int | None, str, float]:
    """Runs `command` under bash -e -o pipefail; returns (exit status or None on time-out, output tail, seconds)."""
    started = time.monotonic()
    process = subprocess.Popen(["bash", "-e", "-o", "pipefail", "-c", command], cwd=cwd, env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
        status: int | None = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        status = None
    text = output.decode("utf-8", "replace")
    return status, text[-2000:], time.monotonic() - started


def main() -> int:
    repository = Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readme", type=Path, default=repository / "README.md")
    parser.add_argument("--bin-dir", type=Path, default=repository / ".build" / "release",
                        help="directory holding the release eos-server, eos-client and eos-trainer")
    parser.add_argument("--timeout", type=float, default=120, help="seconds one command may take")
    parser.add_argument("--total-timeout", type=float, default=900, help="seconds all commands may take together")
    parser.add_argument("--list", action="store_true", help="print the commands and skips, run nothing")
    arguments = parser.parse_args()

    try:
        commands = extract_commands(arguments.readme.read_text())
    except (OSError, ValueError) as error:
        print(f"run_readme: {error}", file=sys.stderr)
        return 1
    if arguments.list:
        for command in commands:
            print(f"{arguments.readme.name}:{command.line}: {'SKIP (' + command.skip + ') ' if command.skip else ''}{command.text}")
        return 0
    bin_dir = arguments.bin_dir.resolve()
    missing = [name for name in ("eos-server", "eos-client", "eos-trainer") if not (bin_dir / name).is_file()]
    if missing:
        print(f"run_readme: {bin_dir} lacks {', '.join(missing)} (build them: swift build -c release)", file=sys.stderr)
        return 2

    scratch = scratch_directory(repository, bin_dir)
    port = free_port()
    environment = dict(os.environ, EOS_SERVER=f"http://127.0.0.1:{port}", CURL_HOME=str(scratch))
    failures = 0
    server = None
    try:
        server = start_server(bin_dir / "eos-server", repository, port, scratch / "server.log")
        print(f"== README commands against eos-server on port {port} (scratch {scratch})")
        deadline = time.monotonic() + arguments.total_timeout
        for command in commands:
            label = f"{arguments.readme.name}:{command.line}"
            if command.skip:
                print(f"skip {label}: {command.text.splitlines()[0][:100]}  ({command.skip})")
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                print(f"FAIL {label}: the total time limit of {arguments.total_timeout:.0f} s is used up")
                failures += 1
                continue
            status, output, seconds = run_command(rewrite_port(command.text, port), scratch, environment,
                                                  min(arguments.timeout, remaining))
            if status == 0:
                print(f"ok   {label} ({seconds:.1f} s): {command.text.splitlines()[0][:100]}")
            else:
                failures += 1
                why = "timed out" if status is None else f"exit status {status}"
                print(f"FAIL {label} ({why}, {seconds:.1f} s): {command.text}\n{output}")
    except RuntimeError as error:
        print(f"run_readme: {error}", file=sys.stderr)
        return 1
    finally:
        if server is not None:
            stop(server)
        if failures == 0:
            shutil.rmtree(scratch, ignore_errors=True)
    ran = sum(1 for command in commands if not command.skip)
    skipped = len(commands) - ran
    print(f"== {ran - failures} of {ran} README commands passed, {skipped} skipped"
          + (f"; the scratch directory {scratch} is kept" if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

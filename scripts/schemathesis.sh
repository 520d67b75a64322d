#!/usr/bin/env bash
# Property-based API test: builds eos-server, starts it on a free loopback port with the committed model
# (models/default, or the tiny test model when it is absent), runs `schemathesis run` with every check against
# the server's own /openapi.yaml, and stops the server.
#
# Usage: scripts/schemathesis.sh            (environment: MAX_EXAMPLES, default 30; SCRATCH_PATH, default .build;
#                                           SCHEMATHESIS, default: a venv in $SCRATCH_PATH/schemathesis-venv;
#                                           EOS_SERVER: an already built eos-server binary, skipping the build)
set -euo pipefail
cd "$(dirname "$0")/.."

MAX_EXAMPLES="${MAX_EXAMPLES:-30}"
SCRATCH_PATH="${SCRATCH_PATH:-.build}"
SCHEMATHESIS_VERSION="4.32.5"

if [[ -z "${SCHEMATHESIS:-}" ]]; then
    venv="$SCRATCH_PATH/schemathesis-venv"
    if [[ ! -x "$venv/bin/schemathesis" ]]; then
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
    fi
    SCHEMATHESIS="$venv/bin/schemathesis"
fi

if [[ -n "${EOS_SERVER:-}" ]]; then
    server="$EOS_SERVER"
else
    swift build -c release --product eos-server --scratch-path "$SCRATCH_PATH"
    server="$SCRATCH_PATH/release/eos-server"
fi

if [[ -f models/default/model.json ]]; then
    model_dir=models model=default
else
    model_dir=Tests/InferenceServiceTests/Fixtures model=tiny
fi
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
log="$(mktemp)"
"$server" --host 127.0.0.1 --port "$port" --model-dir "$model_dir" --model "$model" --no-access-log >"$log" 2>&1 &
server_pid=$!
stop_server() {
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
}
trap stop_server EXIT

for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then cat "$log"; echo "eos-server exited" >&2; exit 1; fi
    sleep 0.1
done
echo "eos-server (model $model_dir/$model) on port $port; schemathesis $("$SCHEMATHESIS" --version | awk '{print $NF}'), $MAX_EXAMPLES examples per operation"

# Run from a scratch directory: schemathesis keeps a cache in ./.schemathesis.
root="$PWD"
SCHEMATHESIS="$(cd "$(dirname "$SCHEMATHESIS")" && pwd)/$(basename "$SCHEMATHESIS")"
cd "$(mktemp -d)"
"$SCHEMATHESIS" --config-file "$root/scripts/schemathesis.toml" run "http://127.0.0.1:$port/openapi.yaml" \
    --url "http://127.0.0.1:$port" --checks all --max-examples "$MAX_EXAMPLES" --workers 1 --seed 2026 \
    --generation-database none --generation-codec utf-8 --request-timeout 30 --no-color

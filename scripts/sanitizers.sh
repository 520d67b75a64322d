#!/usr/bin/env bash
# The concurrent code under ThreadSanitizer and the numerical code under AddressSanitizer:
#   thread:  the live tests of MiniHTTP, InferenceService and EOSClient (servers on 127.0.0.1, real sockets,
#            worker pools, batch threads, the eos-client binary)            scratch path .build-tsan
#   address: the numerics, physics, network and decoding tests, and the readers of untrusted bytes (model files,
#            HTTP parser and router, strict request bodies, EOS tables)   scratch path .build-asan
#
#   scripts/sanitizers.sh [thread|address ...]     (default: both)
#
# A sanitizer report fails the run (halt_on_error), as does any failing test.
#
# The project's locks are `Locking.Locked` (pthread mutexes): ThreadSanitizer cannot see the toolchain's
# `Synchronization.Mutex` on Linux (its lock and unlock are not instrumented), which made every access to
# mutex-protected state look like a race.
set -euo pipefail
cd "$(dirname "$0")/.."

thread_filter='MiniHTTPTests\.(Live|SignalTests)|InferenceServiceTests\.(LiveTests|OpenInferenceClientTests)|EOSClientTests\.'
address_filter='NumericalMethodsTests\.|NeutronStarPhysicsTests\.|NeuralNetworkTests\.|EOSDecodingTests\.'
address_filter+='|ModelFormatTests\.|APIModelsTests\.|MiniHTTPTests\.(Parser|Router)'
address_filter+='|InferenceServiceTests\.(RoutingTests|StrictInputTests|EncodeTableTests)'

run() {  # sanitizer, scratch directory, filter
    local started=$SECONDS
    printf '\n== %s sanitizer: build (%s)\n' "$1" "$2"
    mkdir -p "$2"
    swift build --build-tests --sanitize "$1" --scratch-path "$PWD/$2" >"$2/sanitizer-build.log" 2>&1 ||
        { tail -n 40 "$2/sanitizer-build.log"; return 1; }
    tail -n 1 "$2/sanitizer-build.log"
    printf '== %s sanitizer: tests matching %s\n' "$1" "$3"
    local log="$2/sanitizer-tests.log" status=0
    swift test --skip-build --sanitize "$1" --scratch-path "$PWD/$2" --filter "$3" >"$log" 2>&1 || status=$?
    if ((status)) || grep -qE 'ERROR: AddressSanitizer|WARNING: ThreadSanitizer' "$log"; then
        status=1
        grep -n -m 5 -A 40 -E 'ERROR: AddressSanitizer|WARNING: ThreadSanitizer' "$log" || tail -n 80 "$log"
    fi
    grep -E 'Test run with|Executed [0-9]+ tests' "$log" || true
    printf '== %s sanitizer: %s s, exit %s (full log %s)\n' "$1" "$((SECONDS - started))" "$status" "$log"
    return "$status"
}

export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
export ASAN_OPTIONS="halt_on_error=1 detect_leaks=0 ${ASAN_OPTIONS:-}"
kinds=("$@")
((${#kinds[@]})) || kinds=(thread address)
for kind in "${kinds[@]}"; do
    case "$kind" in
        thread) run thread .build-tsan "$thread_filter" ;;
        address) run address .build-asan "$address_filter" ;;
        *) echo "unknown sanitizer '$kind' (thread or address)" >&2; exit 2 ;;
    esac
done

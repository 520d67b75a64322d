#!/usr/bin/env bash
# Points/s of the service's decode paths on the committed model, in process and over HTTP (service-benchmark):
# a likelihood-style request (masses [1.34, 1.44, 2.07], one binary, two densities) with include "observables"
# against the same points with "full" and "scalars". Reports, never fails on a time; refuses a ratio when a side
# answers an error or other numbers.
#
# Usage: Benchmarks/service/run.sh [--smoke]      (--smoke: 4 points, 1 round, debug build (its numerical targets are
#                                                 optimised anyway), for CI: checks that the script and the
#                                                 benchmark still run; SCRATCH_PATH default .build)
set -euo pipefail
cd "$(dirname "$0")/../.."
SCRATCH_PATH="${SCRATCH_PATH:-.build}"
points=64 rounds=5 configuration=release
if [[ "${1:-}" == "--smoke" ]]; then points=4 rounds=1 configuration=debug; fi
swift build -c "$configuration" --scratch-path "$SCRATCH_PATH" --product service-benchmark >/dev/null
echo "service benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $configuration build)"
"$SCRATCH_PATH/$configuration/service-benchmark" --model-dir models/default --points "$points" --rounds "$rounds"

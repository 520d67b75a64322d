#!/usr/bin/env bash
# Training throughput of the Swift VAE (training-benchmark, NeuralNetwork target) against PyTorch on the identical
# network, measured back to back in the same run; prints both figures and their ratio. Reports, never fails on a
# time; refuses the ratio unless both sides printed their line with a positive rate and a finite validation loss.
#
#   Benchmarks/training/run.sh [epochs]     (default 20; needs: pip install torch numpy; PYTHON selects the interpreter)
#   Benchmarks/training/run.sh --smoke      (1 epoch, 640 + 128 rows, debug build in SCRATCH_PATH (default .build;
#                                           NeuralNetwork is optimised anyway): checks that the script and the
#                                           benchmark still run; PyTorch is skipped when it is not installed)
#
# Both sides: one thread, batch 64, 7000 training + 1500 validation rows, samples per process-CPU-second.
# OPENBLAS_CORETYPE is passed through when set, else chosen from the CPU's flags (see below).
set -euo pipefail
cd "$(dirname "$0")/../.."
python="${PYTHON:-python3}"
smoke=0 epochs=20 configuration=release scratch="${NN_SCRATCH_PATH:-.build-nn}" rows=(--training-rows 7000 --validation-rows 1500)
if [[ "${1:-}" == "--smoke" ]]; then
    smoke=1 epochs=1 configuration=debug scratch="${SCRATCH_PATH:-.build}" rows=(--training-rows 640 --validation-rows 128)
elif [[ -n "${1:-}" ]]; then
    [[ "$1" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [epochs | --smoke]" >&2; exit 2; }
    epochs="$1"
fi
package="${NN_PACKAGE_DIR:-.}"

# Debian's OpenBLAS 0.3.21 does not recognise recent CPUs and falls back to its slowest (Prescott) kernels; unless
# the caller chose a core, pick the newest one this CPU supports (a core it cannot run would crash it).
if [[ -z "${OPENBLAS_CORETYPE:-}" ]]; then
    if grep -qw avx512f /proc/cpuinfo; then export OPENBLAS_CORETYPE=SkylakeX
    elif grep -qw avx2 /proc/cpuinfo; then export OPENBLAS_CORETYPE=Haswell
    fi
fi
echo "training benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $configuration build, $epochs epochs," \
     "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-<OpenBLAS default>})"

swift build -c "$configuration" --package-path "$package" --scratch-path "$scratch" --product training-benchmark 2>&1 | tail -n 1
bench_args=(--epochs "$epochs" "${rows[@]}")
[[ "$smoke" == 1 ]] && bench_args+=(--gemm-repetitions 200)
swift_output=$("$scratch/$configuration/training-benchmark" "${bench_args[@]}")
echo "$swift_output"
swift_line=$(grep '^SWIFT_TRAINING' <<<"$swift_output") || { echo "FAIL: training-benchmark printed no SWIFT_TRAINING line" >&2; exit 1; }
# A side counts only if it trained: a positive rate and a finite validation loss.
field() { sed -nE "s/.*[ ]$1=([^ ]+).*/\1/p" <<<"$2"; }
valid() { python3 -c 'import math, sys; r, l = float(sys.argv[1]), float(sys.argv[2]); sys.exit(0 if r > 0 and math.isfinite(l) else 1)' "$1" "$2" 2>/dev/null; }
swift_rate=$(field samples_per_cpu_second "$swift_line")
if ! valid "$swift_rate" "$(field final_val_loss "$swift_line")"; then echo "FAIL: the Swift side did not train (no ratio)" >&2; exit 1; fi

if ! "$python" -c 'import torch' 2>/dev/null; then
    if [[ "$smoke" == 1 ]]; then echo "PyTorch is not installed for $python: no baseline, no ratio (smoke mode)"; exit 0; fi
    echo "FAIL: PyTorch is not installed for $python (python3 -m venv /tmp/torchenv && /tmp/torchenv/bin/pip install torch numpy;" \
         "then PYTHON=/tmp/torchenv/bin/python $0)" >&2
    exit 1
fi
torch_line=$("$python" Benchmarks/training/torch_throughput.py --epochs "$epochs" --threads 1 "${rows[@]}" | grep '^TORCH_TRAINING') \
    || { echo "FAIL: torch_throughput.py printed no TORCH_TRAINING line" >&2; exit 1; }
echo "$torch_line"
torch_rate=$(field samples_per_cpu_second "$torch_line")
if ! valid "$torch_rate" "$(field final_val_loss "$torch_line")"; then echo "FAIL: the PyTorch baseline did not train (no ratio)" >&2; exit 1; fi
awk -v s="$swift_rate" -v t="$torch_rate" 'BEGIN { printf "RATIO swift/torch = %.2f\n", s / t }'

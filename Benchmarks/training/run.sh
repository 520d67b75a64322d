#!/usr/bin/env bash
# Training throughput of the Swift VAE (NeuralNetwork target) against PyTorch on the identical network,
# measured back to back in the same run; prints both figures and their ratio.
#
#   Benchmarks/training/run.sh [epochs]          (default 20; needs: pip install torch numpy)
#
# Both sides: one thread, batch 64, 7000 training + 1500 validation rows, samples per process-CPU-second.
# PYTHON selects the interpreter (default python3). OPENBLAS_CORETYPE is passed through when set, else chosen from
# the CPU's flags (see below); the script reports the core in use.
set -euo pipefail
cd "$(dirname "$0")/../.."
epochs="${1:-20}"
python="${PYTHON:-python3}"
package="${NN_PACKAGE_DIR:-.}"
scratch="${NN_SCRATCH_PATH:-.build-nn}"

# Debian's OpenBLAS 0.3.21 does not recognise recent CPUs and falls back to its slowest (Prescott) kernels; unless
# the caller chose a core, pick the newest one this CPU supports (a core it cannot run would crash it).
if [[ -z "${OPENBLAS_CORETYPE:-}" ]]; then
    if grep -qw avx512f /proc/cpuinfo; then export OPENBLAS_CORETYPE=SkylakeX
    elif grep -qw avx2 /proc/cpuinfo; then export OPENBLAS_CORETYPE=Haswell
    fi
fi
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-<OpenBLAS default>}"

swift build -c release --package-path "$package" --scratch-path "$scratch" --build-tests >/dev/null
swift_line=$(NN_BENCH=1 NN_BENCH_EPOCHS="$epochs" swift test -c release --skip-build --package-path "$package" \
    --scratch-path "$scratch" --filter 'ThroughputBenchmark/training' 2>&1 | grep '^SWIFT_TRAINING')
torch_line=$("$python" Benchmarks/training/torch_throughput.py --epochs "$epochs" --threads 1 | grep '^TORCH_TRAINING')
echo "$swift_line"
echo "$torch_line"
swift_rate=$(sed -E 's/.*samples_per_cpu_second=([0-9]+).*/\1/' <<<"$swift_line")
torch_rate=$(sed -E 's/.*samples_per_cpu_second=([0-9]+).*/\1/' <<<"$torch_line")
awk -v s="$swift_rate" -v t="$torch_rate" 'BEGIN { printf "RATIO swift/torch = %.2f\n", s / t }'

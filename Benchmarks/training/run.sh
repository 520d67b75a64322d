#!/usr/bin/env bash
# Training throughput of the Swift VAE (NeuralNetwork target) against PyTorch on the identical network,
# measured back to back in the same run; prints both figures and their ratio.
#
#   Benchmarks/training/run.sh [epochs]          (default 20; needs: pip install torch numpy)
#
# Both sides: one thread, batch 64, 7000 training + 1500 validation rows, samples per process-CPU-second.
# PYTHON selects the interpreter (default python3). OPENBLAS_CORETYPE is passed through: OpenBLAS 0.3.21
# picks its slow Prescott kernels on CPUs it does not know, so the script also reports the core in use.
set -euo pipefail
cd "$(dirname "$0")/../.."
epochs="${1:-20}"
python="${PYTHON:-python3}"
package="${NN_PACKAGE_DIR:-.}"
scratch="${NN_SCRATCH_PATH:-.build-nn}"

swift build -c release --package-path "$package" --scratch-path "$scratch" --build-tests >/dev/null
swift_line=$(NN_BENCH=1 NN_BENCH_EPOCHS="$epochs" swift test -c release --skip-build --package-path "$package" \
    --scratch-path "$scratch" --filter 'ThroughputBenchmark/training' 2>&1 | grep '^SWIFT_TRAINING')
torch_line=$("$python" Benchmarks/training/torch_throughput.py --epochs "$epochs" --threads 1 | grep '^TORCH_TRAINING')
echo "$swift_line"
echo "$torch_line"
swift_rate=$(sed -E 's/.*samples_per_cpu_second=([0-9]+).*/\1/' <<<"$swift_line")
torch_rate=$(sed -E 's/.*samples_per_cpu_second=([0-9]+).*/\1/' <<<"$torch_line")
awk -v s="$swift_rate" -v t="$torch_rate" 'BEGIN { printf "RATIO swift/torch = %.2f\n", s / t }'

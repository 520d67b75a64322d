#!/usr/bin/env bash
# Multi-replica check without a container engine: N eos-server replicas on loopback behind nginx (or a built-in
# round-robin TCP proxy), a chunked batch workload with client retries, one replica killed mid-run; passes when
# no point is lost and every answer equals a direct single-replica run. Reports 2-vs-1 replica throughput.
#
#   deploy/multi-replica.sh [--replicas 3] [--points 1200] [--balancer auto|nginx|tcp] [--report FILE] ...
#
# Needs the release binary (.build-deploy/release/eos-server, built by deploy/check.sh, or $EOS_SERVER_BIN)
# and a model (models/default, or $EOS_TEST_MODEL_DIR). Bounded by --time-limit (default 110 s); every process
# it starts is stopped when it ends. All traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
exec timeout --signal=TERM --kill-after=10 170 python3 deploy/tools/multi_replica.py "$@"

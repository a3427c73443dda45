#!/usr/bin/env bash
# cnpg orchestration-overhead benchmark. The real checkpointd against the in-process
# Kubernetes API test server and the CNPG operator emulation, whose PITR is replaced by a
# scripted delay after one real warm-up restore (see overhead_run.hpp). Per iteration:
#   (a)  `fail` -> the recovery Cluster accepted by the API server     target: median < 50 ms
#   (b)  the Cluster reported Ready=True -> the daemon records the restore verified
#                                                                       target: median < 100 ms
# with baselines measured in the same run, interleaved: (a0) a bare create of an
# equivalent recovery Cluster with the daemon's client code, (b0) a bare watch seeing a
# Ready=True status patch. It prints every iteration, medians, p90s, the ratios a/a0 and
# b/b0 (absolute times on shared machines drift, ratios measured in one run do not) and
# PASS/MISS against the targets.
#
# $BENCH_ITERATIONS (default 15), $BENCH_DELAY_MS (scripted restore delay, default 300).
# $BENCH_BUILD_DIR (default /var/tmp/checkpointd-bench-cnpg/build) keeps the
# $BENCH_BUILD_TYPE (default Release) build between runs; it is built as the calling user
# and run as an unprivileged user when root ($BENCH_USER, default as scripts/lib.sh picks),
# who must be able to read the source tree and its ../shared/cnpg-crds.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

iterations=${BENCH_ITERATIONS:-15}
delay_ms=${BENCH_DELAY_MS:-300}
build_dir=${BENCH_BUILD_DIR:-/var/tmp/checkpointd-bench-cnpg/build}
build_type=${BENCH_BUILD_TYPE:-Release}

install_packages >/dev/null
user=${BENCH_USER:-$(unprivileged_user)}
as_user "$user" test -r "$CHECKPOINTD_ROOT/CMakeLists.txt" || {
  echo "$CHECKPOINTD_ROOT is not readable by $user, who runs the benchmark (set BENCH_USER)" >&2
  exit 1
}

say "build ($build_type) in $build_dir"
mkdir -p "$build_dir"
build_log=$build_dir/bench-build.log
{
  cmake -S "$CHECKPOINTD_ROOT" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" &&
    cmake --build "$build_dir" -j "$(nproc)" --target cnpg_overhead checkpointd
} >"$build_log" 2>&1 || {
  tail -30 "$build_log" >&2
  exit 1
}

say "run as $user on $(nproc) cores (load average $(cut -d' ' -f1-3 /proc/loadavg))"
as_user "$user" env HOME="${TMPDIR:-/tmp}" CHECKPOINTD_SOURCE_DIR="$CHECKPOINTD_ROOT" \
  CHECKPOINTD_BUILD_DIR="$build_dir" "$build_dir/bench/cnpg_overhead/cnpg_overhead" \
  --iterations "$iterations" --delay-ms "$delay_ms"

#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, Debian's clang, AddressSanitizer + UBSan) and runs
# each for a bounded time on a copy of its seed corpus; fails on the first crash, leak or
# sanitizer report. CI runs a short smoke pass (scripts/test.sh); for long runs:
#   bash scripts/fuzz.sh --seconds 3600
# Options: --seconds N (per target, default 60), --build-dir DIR, --only NAME.
# Findings are written to <build-dir>/findings/<target>/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

seconds=60
build_dir=${CHECKPOINTD_FUZZ_BUILD_DIR:-/var/tmp/checkpointd-fuzz}
only=
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --build-dir) build_dir=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "fuzz.sh: unknown option '$1' (use --seconds N, --build-dir DIR, --only NAME)" >&2; exit 2 ;;
  esac
done

CC=clang CXX=clang++ cmake -S "$CHECKPOINTD_ROOT" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCHECKPOINTD_FUZZ=ON >/dev/null
cmake --build "$build_dir" -j "$(nproc)" --target fuzzers

status=0
for corpus in "$CHECKPOINTD_ROOT"/fuzz/corpus/*/; do
  name=$(basename "$corpus")
  [ -n "$only" ] && [ "$name" != "$only" ] && continue
  binary=$build_dir/fuzz/${name}_fuzzer
  work=$(mktemp -d)
  cp -a "$corpus." "$work/"
  findings=$build_dir/findings/$name
  mkdir -p "$findings"
  echo "== $name: ${seconds}s"
  if ! "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
      -artifact_prefix="$findings/" "$work" 2>"$build_dir/$name.log"; then
    echo "fuzz.sh: $name failed; its log: $build_dir/$name.log, inputs: $findings/" >&2
    tail -40 "$build_dir/$name.log" >&2
    status=1
  fi
  grep -E '^stat::number_of_executed_units' "$build_dir/$name.log" | sed "s/^/   $name /"
  rm -rf "$work"
done
exit $status

#!/usr/bin/env bash
# Installs what is missing, builds checkpointd with warnings as errors, runs every test
# (unit and integration, against real PostgreSQL and Prometheus servers that the tests
# start on loopback ports), builds, installs, checks and purges the Debian package, builds
# the container image where a container tool works, then builds the unit tests with
# AddressSanitizer and UndefinedBehaviorSanitizer and runs them. Works as root or as a
# user with sudo; PostgreSQL refuses to run as root, so builds and tests run as an
# unprivileged user.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

say "packages"
install_packages

user=$(unprivileged_user)
workspace=${CHECKPOINTD_TEST_DIR:-/var/tmp/checkpointd-test}
source_dir=$CHECKPOINTD_ROOT
if [ "$(id -un)" != "$user" ]; then
  # The unprivileged user works on its own copy of the tree (and of ../shared, which
  # holds the CNPG CRD schemas some tests read), so no permission of ours leaks.
  say "workspace $workspace (as $user)"
  source_dir=$workspace/main
  as_root rm -rf "$source_dir" "$workspace/shared" "$workspace/src"
  as_root mkdir -p "$source_dir"
  (cd "$CHECKPOINTD_ROOT" && git ls-files -z --cached --others --exclude-standard | as_root xargs -0 cp --parents -t "$source_dir" 2>/dev/null) \
    || as_root cp -a "$CHECKPOINTD_ROOT/." "$source_dir/"
  if [ -d "$CHECKPOINTD_ROOT/../shared" ]; then
    as_root cp -a "$CHECKPOINTD_ROOT/../shared" "$workspace/shared"
  fi
  as_root chown -R "$user" "$workspace"
fi
# A build directory configured from another source tree cannot be reused.
for build_dir in "$workspace/build" "$workspace/build-asan" "$workspace/build-fuzz"; do
  if [ -f "$build_dir/CMakeCache.txt" ] && ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$source_dir" "$build_dir/CMakeCache.txt"; then
    as_root rm -rf "$build_dir"
  fi
done

run() { as_user "$user" env CCACHE_DIR="$workspace/ccache" HOME="$workspace" "$@"; }
jobs=$(nproc)

say "build (warnings are errors)"
run cmake -S "$source_dir" -B "$workspace/build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCHECKPOINTD_WERROR=ON
run cmake --build "$workspace/build" -j "$jobs"

say "tests"
run ctest --test-dir "$workspace/build" --output-on-failure --timeout 600 -j 2

say "Debian package: built (cpack -G DEB), installed, checked, purged"
bash "$CHECKPOINTD_ROOT/scripts/package_check.sh" "$workspace/build" "$workspace/packages"

say "container image (Dockerfile)"
bash "$CHECKPOINTD_ROOT/scripts/image_check.sh" "$source_dir"

say "fuzz targets (a bounded smoke run; bash scripts/fuzz.sh --seconds N for long runs)"
run env CHECKPOINTD_FUZZ_BUILD_DIR="$workspace/build-fuzz" bash "$source_dir/scripts/fuzz.sh" --seconds "${CHECKPOINTD_FUZZ_SECONDS:-30}"

say "unit tests under AddressSanitizer + UndefinedBehaviorSanitizer"
run cmake -S "$source_dir" -B "$workspace/build-asan" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCHECKPOINTD_WERROR=ON \
  -DCHECKPOINTD_SANITIZE=ON
run cmake --build "$workspace/build-asan" -j "$jobs" --target unit_tests
run env ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$workspace/build-asan" -L unit --output-on-failure --timeout 600 -j 2

#!/usr/bin/env bash
# Builds the container image from the Dockerfile of a source tree with the first container
# tool that works (docker, then podman) and checks it: the daemon is the entrypoint and
# runs, checkpointctl and psql are there, the user is not root. Without a working container
# tool it says so and builds nothing.
#   bash scripts/image_check.sh [SOURCE_DIR]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

source_dir=${1:-$CHECKPOINTD_ROOT}
tool=""
for candidate in docker podman; do
  if command -v "$candidate" >/dev/null && as_root "$candidate" info >/dev/null 2>&1; then
    tool=$candidate
    break
  fi
done
if [ -z "$tool" ]; then
  echo "no working container tool (docker or podman): the image is not built"
  exit 0
fi

fail() {
  echo "image check: $*" >&2
  exit 1
}

image=checkpointd-image-check:$$
as_root "$tool" build -t "$image" "$source_dir"
trap 'as_root "$tool" rmi -f "$image" >/dev/null 2>&1 || true' EXIT

version=$(sed -n 's/^project(checkpointd VERSION \([0-9.]*\).*/\1/p' "$source_dir/CMakeLists.txt")
[ "$(as_root "$tool" run --rm "$image" --version)" = "checkpointd $version" ] \
  || fail "the entrypoint does not run checkpointd $version"
as_root "$tool" run --rm --entrypoint /usr/bin/checkpointctl "$image" --version | grep -qx "checkpointctl $version" \
  || fail "checkpointctl $version is not in the image"
as_root "$tool" run --rm --entrypoint psql "$image" --version | grep -q '^psql (PostgreSQL) 15' \
  || fail "psql 15 is not in the image"
user=$(as_root "$tool" image inspect -f '{{.Config.User}}' "$image")
[ -n "$user" ] && [ "${user%%:*}" != 0 ] && [ "${user%%:*}" != root ] || fail "the image runs as '$user', not as a non-root user"
echo "image check passed ($tool)"

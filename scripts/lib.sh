# Shared helpers for the scripts in this folder (sourced, not run).
# shellcheck shell=bash

CHECKPOINTD_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_BIN=/usr/lib/postgresql/15/bin

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# The Debian 12 packages that configure and build checkpointd (also the container image's
# builder stage, Dockerfile).
BUILD_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-system1.81-dev libboost-program-options1.81-dev
  libpqxx-dev libpq-dev libyaml-cpp-dev prometheus-cpp-dev libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev libssl-dev libsystemd-dev libvalijson-dev libpg-query-dev
)
# The Debian 12 packages checkpointd needs to build, test, package and run its drill.
PACKAGES=(
  "${BUILD_PACKAGES[@]}" ccache git dpkg-dev file openssl
  clang libclang-rt-14-dev
  postgresql-15 postgresql-client-15 pgbackrest prometheus procps util-linux nodejs npm
  golang-go golang-github-masterminds-sprig-dev golang-k8s-sigs-yaml-dev golang-github-xeipuuv-gojsonschema-dev  # the Helm chart tests' renderer
)
# Packages whose command may come from elsewhere: NodeSource's nodejs bundles npm and
# conflicts with Debian's npm. A command already on PATH satisfies its package.
declare -A PACKAGE_COMMANDS=([nodejs]=node [npm]=npm)

install_packages() {
  local missing=()
  for package in "${PACKAGES[@]}"; do
    if [ -n "${PACKAGE_COMMANDS[$package]:-}" ] && command -v "${PACKAGE_COMMANDS[$package]}" >/dev/null; then
      continue
    fi
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    echo "all ${#PACKAGES[@]} packages are installed"
    return 0
  fi
  echo "installing: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Configures and builds into $1 with extra CMake arguments after it.
build_tree() {
  local dir=$1
  shift
  cmake -S "$CHECKPOINTD_ROOT" -B "$dir" -G Ninja "$@"
  cmake --build "$dir" -j "$(nproc)"
}

# An unprivileged account for PostgreSQL (it refuses to run as root).
unprivileged_user() {
  if [ "$(id -u)" -ne 0 ]; then
    id -un
    return
  fi
  id postgres >/dev/null 2>&1 || as_root useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  echo postgres
}

# Runs a command as the unprivileged user (or as ourselves when not root).
as_user() {
  local user=$1
  shift
  if [ "$(id -un)" = "$user" ]; then "$@"; else runuser -u "$user" -- "$@"; fi
}

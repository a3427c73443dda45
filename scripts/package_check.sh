#!/usr/bin/env bash
# Builds the Debian package of a build directory (cpack -G DEB), installs it with apt-get,
# checks what it installed (files, conffile, the account checkpointd, ownership of
# /etc/checkpointd, the binaries, the default config, the unit where systemd-analyze
# exists, checkpointctl's manual page and, where groff and man exist, that it renders
# without warnings), then purges it and checks that it is gone.
#   bash scripts/package_check.sh BUILD_DIR [PACKAGE_DIR]
# Run as root or as a user with sudo; cpack runs as the caller.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

build_dir=${1:?usage: package_check.sh BUILD_DIR [PACKAGE_DIR]}
package_dir=${2:-$build_dir/packages}

fail() {
  echo "package check: $*" >&2
  exit 1
}

rm -rf "$package_dir"
cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$package_dir"
debs=("$package_dir"/checkpointd_*.deb)
[ "${#debs[@]}" -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one checkpointd_*.deb in $package_dir"
deb=$(realpath "${debs[0]}")

man_page=/usr/share/man/man1/checkpointctl.1
grep -q " \.$man_page\$" <<<"$(dpkg-deb -c "$deb")" || fail "the package does not contain $man_page"

as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$deb"

for file in /usr/bin/checkpointd /usr/bin/checkpointctl; do
  [ -x "$file" ] || fail "$file is not installed as an executable"
done
for file in /usr/lib/systemd/system/checkpointd.service /etc/checkpointd/config.yaml \
  /usr/share/doc/checkpointd/README.md /usr/share/doc/checkpointd/docs/install.md "$man_page"; do
  [ -f "$file" ] || fail "$file is not installed"
done
dpkg-query -W -f='${Conffiles}\n' checkpointd | grep -q '^ /etc/checkpointd/config.yaml ' \
  || fail "/etc/checkpointd/config.yaml is not a conffile"
getent passwd checkpointd >/dev/null || fail "postinst did not create the user checkpointd"
getent group checkpointd >/dev/null || fail "postinst did not create the group checkpointd"
[ "$(stat -c '%U:%G %a' /etc/checkpointd)" = "root:checkpointd 750" ] \
  || fail "/etc/checkpointd is $(stat -c '%U:%G %a' /etc/checkpointd), not root:checkpointd 750"
[ "$(stat -c '%U:%G %a' /etc/checkpointd/config.yaml)" = "root:checkpointd 640" ] \
  || fail "/etc/checkpointd/config.yaml is $(stat -c '%U:%G %a' /etc/checkpointd/config.yaml)"

/usr/bin/checkpointd --version | grep -qx "checkpointd $(dpkg-query -W -f='${Version}' checkpointd)" \
  || fail "checkpointd --version does not print the package's version"
/usr/bin/checkpointctl --version | grep -q '^checkpointctl ' || fail "checkpointctl --version failed"
/usr/bin/checkpointd --config /etc/checkpointd/config.yaml --check-config \
  || fail "the installed default config does not pass --check-config"
if command -v systemd-analyze >/dev/null; then
  # The unit's Group= names the account postinst created.
  systemd-analyze verify /usr/lib/systemd/system/checkpointd.service \
    || fail "systemd-analyze verify rejects the installed unit"
else
  echo "systemd-analyze is not installed: the installed unit is not verified"
fi

if command -v groff >/dev/null; then
  warnings=$(groff -man -Tutf8 -ww -z "$man_page" 2>&1) || fail "groff cannot render $man_page: $warnings"
  [ -z "$warnings" ] || fail "groff warns about $man_page: $warnings"
else
  echo "groff is not installed: the manual page is not rendered"
fi
if command -v man >/dev/null; then
  grep -q 'checkpointctl - the client of checkpointd' <<<"$(MANWIDTH=80 man -l "$man_page" 2>/dev/null)" \
    || fail "man -l $man_page does not show the manual page"
fi

as_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q checkpointd
for path in /usr/bin/checkpointd /usr/bin/checkpointctl /usr/lib/systemd/system/checkpointd.service /etc/checkpointd \
  "$man_page"; do
  [ ! -e "$path" ] || fail "$path is still there after the purge"
done
dpkg-statoverride --list /etc/checkpointd >/dev/null && fail "the purge left the ownership override of /etc/checkpointd"
echo "package check passed: $(basename "$deb")"

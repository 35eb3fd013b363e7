#!/bin/sh
# Installs what building and testing Luna needs on Debian 12, if missing (needs root for apt-get).
# Usage: tools/deps.sh [build|test]   ("test" adds the oracles: Debian's lua5.4, its headers, the C
#   modules the ABI and module tests load, and downloads the source packages of those modules, whose
#   upstream test suites tests/modules runs; see fetch_module_sources below)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
need="g++ cmake ninja-build pkg-config libreadline8"
[ "${1:-build}" = test ] && need="$need googletest libgtest-dev python3 lua5.4 liblua5.4-dev lua-lpeg lua-cjson lua-filesystem locales lua-socket lua-posix lua-zlib zlib1g-dev dpkg-dev perl python3-yaml pybind11-dev python3-pytest python3-venv python3-dev"

install_missing() {
  missing=""
  for p in $need; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  echo "tools/deps.sh: installing$missing" >&2
  if [ "$(id -u)" != 0 ]; then
    echo "tools/deps.sh: not root; install these first: apt-get install$missing" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq $missing >/dev/null
}

# Source packages of the C modules tests/modules builds and whose upstream tests it runs, as
# "<module> <source package>/<suite>". lua-posix and lua-zlib come from trixie: bookworm's lua-posix
# (33.4) predates Lua 5.4 support (Debian builds it for 5.1-5.3 only), and the archive this project
# reaches serves neither bookworm tarball. Nothing downloaded here is committed: it all lands in
# build/module-sources (git-ignored), where tests/modules/CMakeLists.txt looks for it.
module_sources="lpeg lua-lpeg/bookworm
cjson lua-cjson/bookworm
lfs lua-filesystem/bookworm
socket luasocket/bookworm
zlib lua-zlib/trixie
posix lua-posix/trixie"

# Downloads each source package with a private apt configuration (its own deb-src list, package
# lists and cache under build/module-sources/apt; the machine's apt setup is left alone) and
# unpacks it into build/module-sources/<module>: with dpkg-source -x (Debian's patches applied)
# when the .dsc and Debian tarball came, else the upstream tarball alone. Modules already unpacked
# are skipped. Failures are reported, not fatal: the module tests then fail and say what is missing.
fetch_module_sources() {
  cache="$top/build/module-sources"
  apt_dir="$cache/apt"
  todo=""
  while read -r module package; do
    [ -f "$cache/$module/.luna-unpacked" ] || todo="$todo $module=$package"
  done <<EOF
$module_sources
EOF
  [ -z "$todo" ] && return 0
  echo "tools/deps.sh: fetching module source packages:$todo" >&2
  mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/download"
  for suite in bookworm trixie; do
    echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main"
  done > "$apt_dir/sources.list.d/luna-module-sources.list"
  set -- -o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d" \
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o APT::Sandbox::User=root
  if ! apt-get "$@" update -qq; then
    echo "tools/deps.sh: WARNING: apt-get update of the deb-src lists failed; module tests will fail" >&2
    return 0
  fi
  for entry in $todo; do
    module=${entry%%=*}
    package=${entry#*=}
    name=${package%/*}
    # A missing .dsc or Debian tarball only costs the Debian patches; the upstream tarball is needed.
    (cd "$apt_dir/download" && apt-get "$@" --only-source source --download-only -qq "$package" >/dev/null 2>&1) || true
    orig=$(ls "$apt_dir/download/${name}_"*.orig.tar.* 2>/dev/null | head -n 1)
    if [ -z "$orig" ]; then
      echo "tools/deps.sh: WARNING: could not download the source package $package (module $module)" >&2
      continue
    fi
    rm -rf "$cache/$module"
    dsc=$(ls "$apt_dir/download/${name}_"*.dsc 2>/dev/null | head -n 1)
    debian_tarball=$(ls "$apt_dir/download/${name}_"*.debian.tar.* 2>/dev/null | head -n 1)
    if [ -n "$dsc" ] && [ -n "$debian_tarball" ]; then
      # Unpacked beside the downloads (dpkg-source links the tarballs next to its target), then moved.
      rm -rf "$apt_dir/download/unpacked"
      (cd "$apt_dir/download" && dpkg-source --no-check -x "$dsc" unpacked >/dev/null)
      mv "$apt_dir/download/unpacked" "$cache/$module"
      echo "$(basename "$dsc") (Debian patches applied)" > "$cache/$module/.luna-unpacked"
    else
      mkdir -p "$cache/$module"
      tar -xf "$orig" -C "$cache/$module" --strip-components=1
      echo "$(basename "$orig") (upstream tarball only: the Debian tarball was not served)" > "$cache/$module/.luna-unpacked"
    fi
  done
}

install_missing
[ "${1:-build}" = test ] && fetch_module_sources
exit 0

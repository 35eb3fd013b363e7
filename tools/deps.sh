#!/bin/sh
# Installs what building and testing Luna needs on Debian 12, if missing (needs root for apt-get).
# Usage: tools/deps.sh [build|test]   ("test" adds the oracles: Debian's lua5.4, its headers, and C modules the ABI tests load)
set -eu
need="g++ cmake ninja-build pkg-config libreadline-dev"
[ "${1:-build}" = test ] && need="$need googletest libgtest-dev python3 lua5.4 liblua5.4-dev lua-lpeg lua-cjson lua-filesystem pybind11-dev python3-pytest python3-venv python3-dev"
missing=""
for p in $need; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "tools/deps.sh: installing$missing" >&2
if [ "$(id -u)" != 0 ]; then
  echo "tools/deps.sh: not root; install these first: apt-get install$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq $missing >/dev/null

#!/bin/sh
# The CTest test of the Python binding (registered by bindings/python/CMakeLists.txt):
#  1. a fresh venv in the build directory;
#  2. `pip install --no-index <source>` — the real PEP 517 path, build isolation on;
#  3. `pip wheel --no-index` of the same source (incremental: both share one CMake build dir);
#  4. pytest on the installed package, then the smoke script.
# Usage: run_ctest.sh PYTHON SOURCE_DIR BUILD_DIR
set -eu
python=$1 source=$2 build=$3
venv="$build/venv"
rm -rf "$venv" "$build/wheels"
# --system-site-packages only to see Debian's pytest; luna itself comes from the pip install.
"$python" -m venv --system-site-packages "$venv"
export PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
export LUNA_PYTHON_BUILD_DIR="$build/backend-build"
cd "$build"
echo "== pip install $source" >&2
"$venv/bin/python" -m pip install --no-index "$source"
echo "== pip wheel $source" >&2
"$venv/bin/python" -m pip wheel --no-index --no-deps -w "$build/wheels" "$source"
ls "$build"/wheels/luna-*.whl >/dev/null
"$venv/bin/python" -c "
import sys, zipfile, glob
names = zipfile.ZipFile(glob.glob(sys.argv[1] + '/luna-*.whl')[0]).namelist()
for needed in ('luna/__init__.py', 'luna/py.typed', 'luna/__init__.pyi', 'luna/_luna.pyi'):
    assert needed in names, needed
assert any(n.startswith('luna/_luna') and n.endswith('.so') for n in names), names
print('wheel contents ok:', len(names), 'files')" "$build/wheels"
echo "== pytest" >&2
LUNA_EXPECT_INSTALLED=1 "$venv/bin/python" -m pytest -p no:cacheprovider -v "$source/tests"
echo "== smoke" >&2
"$venv/bin/python" "$source/tests/smoke.py"

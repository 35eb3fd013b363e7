"""In-tree PEP 517 build backend for the `luna` Python package (pyproject.toml: requires = []).

It needs nothing from a package index: it runs CMake on bindings/python/CMakeLists.txt, which
builds libluna from this repository's sources together with the pybind11 extension (pybind11 from
the system, e.g. Debian's pybind11-dev), then writes the wheel itself (zip + dist-info + RECORD).

Environment:
  LUNA_SOURCE_DIR        Luna's source tree (default: ./luna-source in an sdist, else ../..)
  LUNA_PYTHON_BUILD_DIR  a persistent CMake build directory (default: a temporary one), so that
                         repeated builds (pip install, then pip wheel) are incremental
  LUNA_PYTHON_JOBS       parallel build jobs (default: the number of CPUs)
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import zipfile

NAME = "luna"
VERSION = "0.1.0"
SUMMARY = "Luna, a Lua 5.4 engine written in C++20, embedded in Python"
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE_FILES = ("__init__.py", "_runtime.py", "__init__.pyi", "_luna.pyi", "py.typed")


# ---- PEP 517 hooks ---------------------------------------------------------------------------------

def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    info = os.path.join(metadata_directory, _dist_info())
    os.makedirs(info, exist_ok=True)
    for name, data in _metadata_files().items():
        with open(os.path.join(info, name), "wb") as f:
            f.write(data)
    return _dist_info()


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    persistent = os.environ.get("LUNA_PYTHON_BUILD_DIR")
    build = persistent or tempfile.mkdtemp(prefix="luna-python-build-")
    try:
        extension = _build_extension(build)
        with open(extension, "rb") as f:
            extension_name, extension_data = os.path.basename(extension), f.read()
    finally:
        if not persistent:
            shutil.rmtree(build, ignore_errors=True)
    tag = _wheel_tag()
    wheel_name = f"{NAME}-{VERSION}-{tag}.whl"
    files = {}
    for name in PACKAGE_FILES:
        with open(os.path.join(HERE, "luna", name), "rb") as f:
            files[f"luna/{name}"] = f.read()
    files["luna/" + extension_name] = extension_data
    info = _dist_info()
    for name, data in _metadata_files(tag).items():
        files[f"{info}/{name}"] = data
    _write_wheel(os.path.join(wheel_directory, wheel_name), files, f"{info}/RECORD")
    return wheel_name


def build_sdist(sdist_directory, config_settings=None):
    """A self-contained source archive: the binding plus the engine sources it builds from."""
    root = f"{NAME}-{VERSION}"
    name = f"{root}.tar.gz"
    source = _luna_source_dir()
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz") as tar:
        for entry in ("pyproject.toml", "CMakeLists.txt", "_build", "src", "luna", "tests"):
            tar.add(os.path.join(HERE, entry), f"{root}/{entry}", filter=_no_caches)
        for entry in ("CMakeLists.txt", "engine", "stdlib", "cmake", "luna.pc.in"):
            tar.add(os.path.join(source, entry), f"{root}/luna-source/{entry}", filter=_no_caches)
        pkg_info = _metadata_files()["METADATA"]
        member = tarfile.TarInfo(f"{root}/PKG-INFO")
        member.size = len(pkg_info)
        tar.addfile(member, io.BytesIO(pkg_info))
    return name


# ---- helpers ---------------------------------------------------------------------------------------

def _no_caches(info):
    return None if "__pycache__" in info.name or info.name.endswith(".pyc") else info


def _dist_info():
    return f"{NAME}-{VERSION}.dist-info"


def _metadata_files(tag=None):
    metadata = (f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {VERSION}\nSummary: {SUMMARY}\n"
                "Requires-Python: >=3.9\nLicense: MIT\n").encode()
    files = {"METADATA": metadata, "top_level.txt": b"luna\n"}
    if tag is not None:
        files["WHEEL"] = (f"Wheel-Version: 1.0\nGenerator: luna_build_backend {VERSION}\n"
                          f"Root-Is-Purelib: false\nTag: {tag}\n").encode()
    return files


def _wheel_tag():
    version = f"{sys.version_info.major}{sys.version_info.minor}"
    implementation = {"cpython": "cp", "pypy": "pp"}.get(sys.implementation.name, "py")
    abi = f"{implementation}{version}" + ("d" if hasattr(sys, "gettotalrefcount") else "")
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return f"{implementation}{version}-{abi}-{platform}"


def _luna_source_dir():
    candidates = [os.environ.get("LUNA_SOURCE_DIR"), os.path.join(HERE, "luna-source"),
                  os.path.join(HERE, "..", "..")]
    for candidate in candidates:
        if candidate and os.path.isfile(os.path.join(candidate, "engine", "include", "luna.h")):
            return os.path.abspath(candidate)
    raise RuntimeError("Luna's sources not found: set LUNA_SOURCE_DIR to the repository root")


def _run(command):
    print("luna_build_backend:", " ".join(command), file=sys.stderr, flush=True)
    subprocess.run(command, check=True, stdout=sys.stderr)


def _build_extension(build):
    if shutil.which("cmake") is None:
        raise RuntimeError("building luna needs cmake (Debian: apt-get install cmake g++ pybind11-dev)")
    os.makedirs(build, exist_ok=True)
    configure = ["cmake", "-S", HERE, "-B", build, "-DCMAKE_BUILD_TYPE=Release",
                 f"-DPython_EXECUTABLE={sys.executable}", f"-DLUNA_SOURCE_DIR={_luna_source_dir()}"]
    if shutil.which("ninja") and not os.path.exists(os.path.join(build, "Makefile")):
        configure += ["-G", "Ninja"]
    _run(configure)
    jobs = os.environ.get("LUNA_PYTHON_JOBS") or str(os.cpu_count() or 1)
    _run(["cmake", "--build", build, "--target", "_luna", "-j", jobs])
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    extension = os.path.join(build, "_luna" + suffix)
    if not os.path.isfile(extension):
        raise RuntimeError(f"the build did not produce {extension}")
    return extension


def _record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}\n"


def _write_wheel(target, files, record_path):
    record = "".join(_record_line(path, data) for path, data in files.items()) + f"{record_path},,\n"
    temporary = target + ".part"
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as wheel:
        for path, data in files.items():
            info = zipfile.ZipInfo(path, date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = (0o755 if path.endswith(".so") else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(info, data)
        wheel.writestr(zipfile.ZipInfo(record_path, date_time=(2026, 1, 1, 0, 0, 0)), record)
    os.replace(temporary, target)

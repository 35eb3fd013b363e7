#!/usr/bin/env python3
"""Behaviour-test runner for tests/lua (see tests/lua/README.md for the conventions).

A test is `X.lua` (run as `$LUNA X.lua`) or `X.sh` (run as `sh X.sh` with $LUNA and $LUNAC
exported), executed in the test's own directory with an empty stdin and a clean environment (no
LUA_INIT*, LUA_PATH*, LUA_CPATH*). Its stdout must equal `X.expected` byte for byte. Its stderr must
equal `X.expected_err` when that file exists, and must be empty otherwise. In both expected files
the placeholders `@LUA@` and `@LUAC@` stand for the interpreter and compiler paths as invoked.
Its exit status must equal the integer in `X.status` (default 0).

Usage: run.py [--luna PATH] [--lunac PATH] [--timeout SECONDS] [--skip-list FILE] [--verbose]
              [--generate] PATH...
PATH is a test file or a directory searched recursively. The interpreter comes from --luna, else
from the LUNA environment variable; the compiler from --lunac, else LUNAC (needed by tests that use
it; without one, $LUNAC is unset and such tests fail). Files inside a directory named `helpers` are never tests.
Exit status: 0 when every selected test passed, 1 otherwise. The last line is `N passed, N failed`
(`, N skipped` follows when a skip list excluded tests; skipped tests are not counted as passed).
--generate writes the expected files of tests that have no `X.expected` yet from what the given
interpreter does (meant for Debian's lua5.4); the results must be reviewed before they are committed.
"""

import argparse
import difflib
import os
import subprocess
import sys
from pathlib import Path

INTERPRETER_PLACEHOLDER = b"@LUA@"
COMPILER_PLACEHOLDER = b"@LUAC@"
TEST_SUFFIXES = (".lua", ".sh")
STRIPPED_VARIABLES = ("LUA_INIT", "LUA_INIT_5_4", "LUA_PATH", "LUA_PATH_5_4", "LUA_CPATH",
                      "LUA_CPATH_5_4")


def is_helper(path: Path) -> bool:
    return "helpers" in path.parts


def discover(paths):
    """Every test file under the given paths, sorted, without helpers."""
    found = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for candidate in sorted(p.rglob("*")):
                if candidate.suffix in TEST_SUFFIXES and candidate.is_file() and not is_helper(
                        candidate.relative_to(p)):
                    found.append(candidate)
        elif p.is_file():
            found.append(p)
        else:
            raise SystemExit(f"run.py: no such test or directory: {given}")
    return found


def read_skip_list(path):
    """Skip list: one test path (relative to tests/lua) per line, '#' starts a comment."""
    skipped = set()
    if path is None:
        return skipped
    for line in Path(path).read_text().splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            skipped.add(entry.split()[0])
    return skipped


def show_difference(label, expected: bytes, actual: bytes):
    lines = difflib.unified_diff(
        expected.decode("utf-8", "replace").splitlines(keepends=True),
        actual.decode("utf-8", "replace").splitlines(keepends=True),
        fromfile=f"expected {label}", tofile=f"actual {label}", n=2)
    text = "".join(lines)
    if len(text) > 4000:
        text = text[:4000] + "\n... (difference truncated)\n"
    return text


def execute(test: Path, tools, timeout: float):
    luna, lunac = tools
    environment = {k: v for k, v in os.environ.items() if k not in STRIPPED_VARIABLES + ("LUNAC",)}
    environment["LUNA"] = luna
    if lunac:
        environment["LUNAC"] = lunac
    environment["LC_ALL"] = "C"
    command = ["sh", test.name] if test.suffix == ".sh" else [luna, test.name]
    return subprocess.run(command, cwd=test.parent, env=environment, stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=timeout)


def to_placeholders(output: bytes, tools) -> bytes:
    luna, lunac = tools
    if lunac:
        output = output.replace(lunac.encode(), COMPILER_PLACEHOLDER)
    return output.replace(luna.encode(), INTERPRETER_PLACEHOLDER)


def from_placeholders(expected: bytes, tools) -> bytes:
    luna, lunac = tools
    if lunac:
        expected = expected.replace(COMPILER_PLACEHOLDER, lunac.encode())
    return expected.replace(INTERPRETER_PLACEHOLDER, luna.encode())


def generate(test: Path, tools, timeout: float):
    """Writes X.expected (+ X.expected_err, X.status when non-empty/non-zero) from a run."""
    test = test.resolve()
    stem = str(test.with_suffix(""))
    if Path(stem + ".expected").exists():
        return False
    completed = execute(test, tools, timeout)
    Path(stem + ".expected").write_bytes(to_placeholders(completed.stdout, tools))
    if completed.stderr:
        Path(stem + ".expected_err").write_bytes(to_placeholders(completed.stderr, tools))
    if completed.returncode != 0:
        Path(stem + ".status").write_text(f"{completed.returncode}\n")
    return True


def run_one(test: Path, tools, timeout: float):
    """Runs one test; returns a list of failure descriptions (empty when it passed)."""
    test = test.resolve()
    stem = test.with_suffix("")
    expected_out = Path(str(stem) + ".expected")
    expected_err = Path(str(stem) + ".expected_err")
    expected_status = Path(str(stem) + ".status")
    if not expected_out.exists():
        return [f"missing {expected_out.name} (every test needs its expected stdout)"]

    try:
        completed = execute(test, tools, timeout)
    except subprocess.TimeoutExpired:
        return [f"timed out after {timeout} s"]

    failures = []
    want_status = int(expected_status.read_text().strip()) if expected_status.exists() else 0
    if completed.returncode != want_status:
        failures.append(f"exit status {completed.returncode}, expected {want_status}")
    want_out = from_placeholders(expected_out.read_bytes(), tools)
    if completed.stdout != want_out:
        failures.append(show_difference("stdout", want_out, completed.stdout))
    want_err = b""
    if expected_err.exists():
        want_err = from_placeholders(expected_err.read_bytes(), tools)
    if completed.stderr != want_err:
        failures.append(show_difference("stderr", want_err, completed.stderr))
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--luna", default=os.environ.get("LUNA"))
    parser.add_argument("--lunac", default=os.environ.get("LUNAC"))
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--skip-list")
    parser.add_argument("--root", default=str(Path(__file__).resolve().parent),
                        help="directory that skip-list entries are relative to")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--generate", action="store_true")
    parser.add_argument("paths", nargs="+")
    options = parser.parse_args()
    if not options.luna:
        raise SystemExit("run.py: no interpreter: pass --luna PATH or set LUNA")
    tools = (options.luna, options.lunac)

    if options.generate:
        written = [str(t) for t in discover(options.paths) if generate(t, tools, options.timeout)]
        print("\n".join(written))
        print(f"generated expected files for {len(written)} tests: review them before committing")
        return

    skipped_names = read_skip_list(options.skip_list)
    root = Path(options.root).resolve()
    passed = failed = skipped = 0
    for test in discover(options.paths):
        try:
            name = str(test.resolve().relative_to(root))
        except ValueError:
            name = str(test)
        if name in skipped_names:
            skipped += 1
            if options.verbose:
                print(f"SKIP {name} (listed in {options.skip_list})")
            continue
        failures = run_one(test, tools, options.timeout)
        if failures:
            failed += 1
            print(f"FAIL {name}")
            for failure in failures:
                print("  " + failure.rstrip("\n").replace("\n", "\n  "))
        else:
            passed += 1
            if options.verbose:
                print(f"ok   {name}")
    summary = f"{passed} passed, {failed} failed"
    if skipped:
        summary += f", {skipped} skipped"
    print(summary)
    sys.exit(1 if failed or passed == 0 else 0)


if __name__ == "__main__":
    main()

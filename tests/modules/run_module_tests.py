#!/usr/bin/env python3
"""Runs the upstream test scripts of one C module under luna, with the oracle lua5.4 first.

Usage: run_module_tests.py --module M --mode prebuilt|source --luna PATH --reference PATH
           --sources DIR --work DIR --tests-dir DIR [--prefix DIR --pkgconfig-dir DIR --cc CC --pkg-config PATH]

  prebuilt  Debian's binary package (the .so in /usr/lib/x86_64-linux-gnu/lua/5.4, Lua parts in
            /usr/share/lua/5.4) is loaded.
  source    the module is compiled (-O1) from its Debian source package (unpacked by
            `tools/deps.sh test` into DIR/<module>) with `pkg-config --cflags luna` of Luna's
            installed prefix (--prefix), and only that build is on the search paths.

Each case (one upstream script) runs in a fresh copy of the module's source tree. A case passes
when the interpreter exits 0, the script's own completion marker is printed, no failure marker is,
and it made at least one check; the count of checks (see suite_runner.lua, or a per-suite output
pattern) is reported for luna and lua5.4 and, where the script is deterministic, must agree.
A case that fails under lua5.4 as well is an environment problem: unless it is listed in the
module's `excluded` table with its reason, the test fails. Missing sources fail the test.
"""
import argparse
import glob
import os
import pwd
import re
import shutil
import subprocess
import sys

import spec_to_lua
from module_suites import DEBIAN_CPATH, DEBIAN_LPATH, SUITES

TIMEOUT_SECONDS = 240


class Failure(Exception):
    pass


def run(command, cwd, env=None, timeout=TIMEOUT_SECONDS):
    try:
        return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                              errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired as expired:
        raise Failure(f"timed out after {timeout} s: {' '.join(command)}") from expired


def build_module(suite, source_tree, lib_dir, args):
    """Compiles every shared object of the suite into lib_dir against the installed headers."""
    env = dict(os.environ)
    pkgconfig_dir = args.pkgconfig_dir
    env["PKG_CONFIG_LIBDIR"] = pkgconfig_dir
    env["PKG_CONFIG_PATH"] = pkgconfig_dir
    cflags = run([args.pkg_config, "--cflags", "luna"], source_tree, env)
    if cflags.returncode != 0 or "-I" + os.path.join(args.prefix, "include") not in cflags.stdout:
        raise Failure(f"pkg-config --cflags luna (prefix {args.prefix}) failed:\n{cflags.stderr}")
    # --libs too (the issue asks for both); a module must not link libluna, so only the
    # -L part is kept (the symbols come from the host interpreter).
    libs = run([args.pkg_config, "--libs", "luna"], source_tree, env)
    if libs.returncode != 0:
        raise Failure(f"pkg-config --libs luna failed:\n{libs.stderr}")
    library_dirs = [flag for flag in libs.stdout.split() if flag.startswith("-L")]
    for target, spec in suite["build"].items():
        output = os.path.join(lib_dir, target)
        os.makedirs(os.path.dirname(output), exist_ok=True)
        command = [args.cc, "-O1", "-fPIC", "-shared", "-w", *cflags.stdout.split(),
                   *spec.get("flags", []), *[os.path.join(source_tree, s) for s in spec["sources"]],
                   "-o", output, *library_dirs, *spec.get("libs", [])]
        result = run(command, source_tree)
        if result.returncode != 0:
            raise Failure(f"building {target} failed:\n{' '.join(command)}\n{result.stderr}")
        # As documented for C modules: the API comes from the host, never a libluna dependency.
        dynamic = run([shutil.which("readelf") or "readelf", "-d", output], source_tree)
        if dynamic.returncode != 0 or re.search(r"NEEDED.*libluna", dynamic.stdout):
            raise Failure(f"{target} links libluna (or readelf failed):\n{dynamic.stdout}{dynamic.stderr}")
    for target, source in suite.get("lua_files", {}).items():
        destination = os.path.join(lib_dir, target)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copyfile(os.path.join(source_tree, source), destination)
    for target, (source, substitutions) in suite.get("generated_lua_files", {}).items():
        with open(os.path.join(source_tree, source)) as template:
            text = template.read()
        for key, value in substitutions.items():
            text = text.replace(key, value)
        with open(os.path.join(lib_dir, target), "w") as generated:
            generated.write(text)


def count_checks(case, stdout, stderr):
    if "count_pattern" in case:
        # A pattern with a group counts the numbers it captures (a line saying "<n> ... ok").
        found = re.findall(case["count_pattern"], stdout, re.MULTILINE)
        if re.compile(case["count_pattern"]).groups:
            return sum(int(number) for number in found)
        return len(found)
    found = re.findall(r"^suite_runner: checks (\d+)$", stderr, re.MULTILINE)
    return int(found[-1]) if found else 0


def run_case(interpreter, case, suite, case_dir, paths, args):
    """Runs one case in a fresh copy of the sources; returns (passed, checks, explanation)."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("LUA_INIT", "LUA_PATH", "LUA_CPATH"))}
    env["LUA_PATH"], env["LUA_CPATH"] = paths[0], paths[1]
    cwd = os.path.join(case_dir, case.get("cwd", "."))
    script_args = [arg.replace("@CPATH_DIR@", paths[2]) for arg in case.get("args", [])]
    script = case["script"]
    if script.startswith("@TESTS@/"):
        script = os.path.join(args.tests_dir, script[len("@TESTS@/"):])
    runner = os.path.join(args.tests_dir, "suite_runner.lua")
    command = [interpreter, runner, case.get("count_calls", "-"), script, *script_args]
    result = run(command, cwd, env)
    checks = count_checks(case, result.stdout, result.stderr)
    problems = []
    if result.returncode != 0:
        problems.append(f"exit status {result.returncode}")
    if not re.search(case["done"], result.stdout, re.MULTILINE):
        problems.append(f"completion marker /{case['done']}/ not printed")
    if "fail" in case and re.search(case["fail"], result.stdout, re.MULTILINE):
        problems.append(f"failure marker /{case['fail']}/ printed")
    if checks == 0:
        problems.append("no check counted")
    explanation = ""
    if problems:
        explanation = (f"{'; '.join(problems)}\n--- command: {' '.join(command)} (in {cwd})\n"
                       f"--- stdout (last 40 lines):\n" + "\n".join(result.stdout.splitlines()[-40:]) +
                       "\n--- stderr (last 40 lines):\n" + "\n".join(result.stderr.splitlines()[-40:]))
    return not problems, checks, explanation


def run_specl_case(interpreter, case, case_dir, paths, args):
    """Runs a specl suite (spec_runner.lua); returns ({example: (status, message)}, problem)."""
    spec_dir = os.path.join(case_dir, case["spec_dir"])
    converted_dir = os.path.join(case_dir, ".converted-specs")
    os.makedirs(converted_dir)
    converted = []
    for spec in sorted(glob.glob(os.path.join(spec_dir, "*.yaml"))):
        target = os.path.join(converted_dir, os.path.basename(spec)[:-len(".yaml")] + ".lua")
        spec_to_lua.convert(spec, target)
        converted.append(target)
    if not converted:
        return {}, f"no spec files in {spec_dir}"
    # The specs run child interpreters as `lua` (through PATH and $LUA): the one under test.
    bin_dir = os.path.join(case_dir, ".bin")
    os.makedirs(bin_dir)
    os.symlink(interpreter, os.path.join(bin_dir, "lua"))
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("LUA_INIT", "LUA_PATH", "LUA_CPATH"))}
    env["LUA_PATH"], env["LUA_CPATH"] = paths[0], paths[1]
    env["LUA"] = interpreter
    env["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin")
    account = pwd.getpwuid(os.getuid())  # the specs compare with $USER and $HOME
    env["USER"], env["HOME"] = account.pw_name, account.pw_dir
    # The specs make their temporary files and directories under $TMPDIR, and leave some.
    env["TMPDIR"] = os.path.join(case_dir, ".tmp")
    os.makedirs(env["TMPDIR"])
    not_run = case.get("not_run", []) + (case.get("not_run_sanitized", []) if args.sanitized else [])
    env["SPEC_RUNNER_NOT_RUN"] = "".join(f"{path}\t{why}\n" for path, why in not_run)
    report = os.path.join(case_dir, ".spec-report")
    command = [interpreter, os.path.join(args.tests_dir, "spec_runner.lua"), report,
               os.path.join(case_dir, case["helper"]), *converted]
    result = run(command, case_dir, env)
    examples = {}
    done = False
    if os.path.exists(report):
        with open(report, errors="replace") as lines:
            for line in lines:
                line = line.rstrip("\n")
                if line == "spec: DONE":
                    done = True
                    continue
                status, _, rest = line[len("spec: "):].partition(" ")
                path, _, message = rest.partition("\t")
                examples[path] = (status, message)
    problem = None
    if result.returncode != 0 or not done:
        problem = (f"spec_runner.lua did not finish (exit status {result.returncode})\n"
                   f"--- stderr (last 40 lines):\n" + "\n".join(result.stderr.splitlines()[-40:]))
    return examples, problem


def compare_specl(label, case, oracle, luna, failures, summary):
    """Per example: passed under both, or failing under lua5.4 and excluded, or a failure."""
    passed, excluded, skipped, pending = 0, {}, {}, 0
    for path in sorted(set(oracle) | set(luna)):
        oracle_status, oracle_message = oracle.get(path, ("MISSING", ""))
        status, message = luna.get(path, ("MISSING", ""))
        if oracle_status == "PENDING" and status == "PENDING":
            pending += 1
        elif oracle_status == "SKIP" and status == "SKIP":
            skipped[message] = skipped.get(message, 0) + 1
        elif oracle_status == "PASS" and status == "PASS":
            passed += 1
        elif oracle_status == "FAIL":
            reason = next((why for pattern, why in case.get("excluded", [])
                           if re.search(pattern, path)), None)
            if reason is None:
                failures.append(f"{label}: {path}: fails under lua5.4 too (environment?), not excluded: {oracle_message}")
            elif status not in ("FAIL", "PASS"):
                failures.append(f"{label}: {path}: {status} under luna ({message})")
            else:
                excluded[reason] = excluded.get(reason, 0) + 1
        else:
            failures.append(f"{label}: {path}: {status} under luna, {oracle_status} under lua5.4: {message}")
    details = "; ".join([f"{count} skipped: {why}" for why, count in skipped.items()] +
                        [f"{count} excluded: {why}" for why, count in excluded.items()])
    summary.append(f"{label}: passed, {passed} checks (examples passing under luna and lua5.4); "
                   f"{pending} pending upstream; {details}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--module", required=True)
    parser.add_argument("--mode", choices=("prebuilt", "source"), required=True)
    parser.add_argument("--luna", required=True)
    parser.add_argument("--reference", required=True)
    parser.add_argument("--sources", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--tests-dir", required=True)
    parser.add_argument("--prefix", help="Luna's install prefix (source mode)")
    parser.add_argument("--pkgconfig-dir", help="the prefix's directory holding luna.pc")
    parser.add_argument("--sanitized", action="store_true", help="luna is built with ASan/UBSan")
    parser.add_argument("--cc", default="cc")
    parser.add_argument("--pkg-config", default="pkg-config")
    args = parser.parse_args()
    suite = SUITES[args.module]
    name = f"modules/{args.module}/{args.mode}"

    source_tree = os.path.join(args.sources, args.module)
    if not os.path.isfile(os.path.join(source_tree, ".luna-unpacked")):
        print(f"{name}: FAILED: the source package of {args.module} ({suite['package']}) is not in "
              f"{args.sources}: run `tools/deps.sh test` (as root; it downloads it once)")
        return 1
    with open(os.path.join(source_tree, ".luna-unpacked")) as stamp:
        print(f"{name}: sources {stamp.read().strip()}")

    work = os.path.join(args.work, args.module, args.mode)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    try:
        if args.mode == "prebuilt":
            for file in suite["prebuilt_files"]:
                if not os.path.exists(file):
                    raise Failure(f"Debian's {suite['binary_package']} is not installed ({file} "
                                  "missing): run `tools/deps.sh test` (as root)")
            lua_path = ";".join(suite.get("extra_path", []) + [DEBIAN_LPATH, DEBIAN_LPATH.replace("?.lua", "?/init.lua")])
            cpath_dir = os.path.dirname(DEBIAN_CPATH) + "/"
        else:
            lib_dir = os.path.join(work, "lib")
            build_module(suite, source_tree, lib_dir, args)
            lua_path = ";".join(suite.get("extra_path", []) + [lib_dir + "/?.lua", lib_dir + "/?/init.lua"])
            cpath_dir = lib_dir + "/"
        paths = (lua_path, cpath_dir + "?.so", cpath_dir)

        failures = []
        summary = []
        for index, case in enumerate(suite["cases"]):
            label = case.get("label", case["script"].replace("@TESTS@/", ""))
            results = {}
            for flavour, interpreter in (("lua5.4", args.reference), ("luna", args.luna)):
                case_dir = os.path.join(work, f"case{index}-{flavour}")
                shutil.copytree(source_tree, case_dir, symlinks=True)
                for step in case.get("prepare", []):
                    prepared = run(step, case_dir)
                    if prepared.returncode != 0:
                        raise Failure(f"preparing {label}: {' '.join(step)} failed:\n{prepared.stderr}")
                if case.get("kind") == "specl":
                    for step in case.get("cleanup", []):  # state a previous run may have left
                        run(step, case_dir)
                    results[flavour] = run_specl_case(interpreter, case, case_dir, paths, args)
                    for step in case.get("cleanup", []):
                        run(step, case_dir)
                else:
                    results[flavour] = run_case(interpreter, case, suite, case_dir, paths, args)
            if case.get("kind") == "specl":
                (oracle, oracle_problem), (luna, luna_problem) = results["lua5.4"], results["luna"]
                for flavour, problem in (("lua5.4", oracle_problem), ("luna", luna_problem)):
                    if problem:
                        failures.append(f"{label} under {flavour}: {problem}")
                if not oracle_problem and not luna_problem:
                    compare_specl(label, case, oracle, luna, failures, summary)
                continue
            oracle_passed, oracle_checks, oracle_why = results["lua5.4"]
            passed, checks, why = results["luna"]
            excluded = suite.get("excluded", {}).get(label)
            if not oracle_passed:
                if excluded:
                    summary.append(f"{label}: excluded ({excluded})")
                    continue
                failures.append(f"{label}: fails under lua5.4 too (environment?), not excluded:\n{oracle_why}")
                continue
            if not passed:
                failures.append(f"{label}: fails under luna (passes under lua5.4 with {oracle_checks} checks):\n{why}")
                continue
            if case.get("deterministic", True) and checks != oracle_checks:
                failures.append(f"{label}: luna made {checks} checks, lua5.4 {oracle_checks}")
                continue
            summary.append(f"{label}: passed, {checks} checks (lua5.4: {oracle_checks})")
        for line in summary:
            print(f"{name}: {line}")
        if failures:
            for failure in failures:
                print(f"{name}: FAILED: {failure}")
            return 1
    except Failure as failure:
        print(f"{name}: FAILED: {failure}")
        return 1
    counts = [int(m) for m in re.findall(r": passed, (\d+) checks", "\n".join(summary))]
    print(f"{name}: {len(counts)} scripts passed, {sum(counts)} checks; "
          f"{len(summary) - len(counts)} scripts excluded")
    return 0


if __name__ == "__main__":
    sys.exit(main())

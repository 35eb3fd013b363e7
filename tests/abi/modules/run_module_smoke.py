#!/usr/bin/env python3
"""Runs one script under Debian's lua5.4 and under luna and compares the output (stdout and stderr).

With --module, the script is a module smoke test: exit status 77 (skip) when that module is not
installed for lua5.4, so a missing test-time dependency shows up as "skipped", never as "passed".
Otherwise: 0 same output, 1 different.
"""
import argparse
import os
import subprocess
import sys


def run(interpreter, script, timeout, env):
    result = subprocess.run([interpreter, script], capture_output=True, text=True, timeout=timeout, env=env)
    return result.returncode, result.stdout + result.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference", required=True)
    parser.add_argument("--luna", required=True)
    parser.add_argument("--module")
    parser.add_argument("--timeout", type=int, default=60)
    parser.add_argument("--cpath", help="directory searched first for C modules (?.so)")
    parser.add_argument("script")
    args = parser.parse_args()

    env = dict(os.environ)
    if args.cpath:
        # ";;" keeps the default path after ours; the versioned variable wins over LUA_CPATH.
        env["LUA_CPATH_5_4"] = env["LUA_CPATH"] = os.path.join(args.cpath, "?.so") + ";;"
    if args.module:
        probe = subprocess.run([args.reference, "-e", f"require '{args.module}'"], capture_output=True, env=env)
        if probe.returncode != 0:
            print(f"module '{args.module}' is not installed for lua5.4: skipped")
            return 77
    ref_status, ref_output = run(args.reference, args.script, args.timeout, env)
    luna_status, luna_output = run(args.luna, args.script, args.timeout, env)
    if (ref_status, ref_output) == (luna_status, luna_output):
        print(ref_output, end="")
        return 0
    print(f"lua5.4 (status {ref_status}):\n{ref_output}\nluna (status {luna_status}):\n{luna_output}")
    return 1


if __name__ == "__main__":
    sys.exit(main())

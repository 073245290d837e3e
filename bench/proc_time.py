#!/usr/bin/env python3
"""Time whole processes (start-up included), several commands side by side.

usage: proc_time.py [--runs N] [--warmup W] [--base NAME] [--json FILE]
                    --case NAME DIR COMMAND [--case NAME DIR COMMAND ...]

Each COMMAND is one string, split like a shell would split it (no shell is
started) and run in DIR. The cases are interleaved: every round runs each
case once, in reverse order on odd rounds, so that a noisy neighbour hits
them all alike. W uncounted rounds come first (default 1).

Per case it prints median / min / max of wall seconds, CPU seconds (user +
sys, of the process and anything it waited for) and peak RSS in MiB, and
the ratio of medians to the --base case (default: the first). If a command
prints a JSON object as its last line of output, the numbers in it are
summarised too (e.g. a script's own inner timings).

Peak RSS is taken in separate, untimed runs under GNU time (/usr/bin/time):
a child started from this Python process inherits its memory high-water mark
across exec (about 15 MiB), which would hide anything smaller. GNU time is a
small C program, so what it reports is the command's own. Without it the
figure falls back to this process's view and is marked as a floor.
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

GNU_TIME = "/usr/bin/time"


def run_once(argv, cwd):
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    proc.stderr.close()
    return {
        "wall s": wall,
        "cpu s": usage.ru_utime + usage.ru_stime,
        "peak MiB": usage.ru_maxrss / 1024,  # KiB on Linux
        "code": proc.returncode,
        "stdout": out.decode(errors="replace"),
        "stderr": err.decode(errors="replace"),
    }


def peak_rss_mib(argv, cwd):
    """The command's peak RSS as GNU time reports it, or None."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as f:
        code = subprocess.call([GNU_TIME, "-f", "%M", "-o", f.name] + argv, cwd=cwd,
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        text = f.read().strip().splitlines()
    if code != 0 or not text or not text[-1].isdigit():
        return None
    return int(text[-1]) / 1024


def numbers(stdout):
    """The numeric fields of a JSON object on the last line, flattened."""
    lines = [l for l in stdout.strip().splitlines() if l.strip()]
    if not lines:
        return {}
    try:
        obj = json.loads(lines[-1])
    except ValueError:
        return {}
    flat = {}

    def walk(d, prefix):
        for k, v in d.items():
            if isinstance(v, dict):
                walk(v, prefix + k + ".")
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                flat[prefix + k] = float(v)

    if isinstance(obj, dict):
        walk(obj, "")
    return flat


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--base")
    ap.add_argument("--rss-runs", type=int, default=3,
                    help="untimed runs under GNU time for peak RSS (default 3)")
    ap.add_argument("--json", help="also write every sample to this file")
    ap.add_argument("--case", nargs=3, action="append", required=True,
                    metavar=("NAME", "DIR", "COMMAND"))
    args = ap.parse_args()
    cases = [(name, d, shlex.split(cmd)) for name, d, cmd in args.case]
    base = args.base or cases[0][0]
    samples = {name: [] for name, _, _ in cases}

    for rnd in range(args.warmup + args.runs):
        order = cases if rnd % 2 == 0 else cases[::-1]
        for name, d, argv in order:
            r = run_once(argv, d)
            if r["code"] != 0:
                sys.stderr.write(f"{name}: exit {r['code']}\n{r['stderr'][-2000:]}")
                sys.exit(1)
            if rnd >= args.warmup:
                samples[name].append(r)

    # Peak RSS: the command's own (see above), else this process's floored view.
    have_gnu_time = os.access(GNU_TIME, os.X_OK)
    metrics = {}
    for name, d, argv in cases:
        rows = samples[name]
        rss = []
        if have_gnu_time:
            rss = [x for x in (peak_rss_mib(argv, d) for _ in range(args.rss_runs)) if x is not None]
        metrics[name] = {
            "wall s": [r["wall s"] for r in rows],
            "cpu s": [r["cpu s"] for r in rows],
            "peak MiB": rss or [r["peak MiB"] for r in rows],
        }
        printed = [numbers(r["stdout"]) for r in rows]
        for key in printed[0] if printed else {}:
            metrics[name][key] = [p[key] for p in printed if key in p]
    rss_floor = not have_gnu_time

    print(f"{args.runs} runs each after {args.warmup} warm-up round(s), interleaved;"
          f" peak RSS from {args.rss_runs} untimed runs" + ("" if have_gnu_time else " (floors)"))
    own = ("wall s", "cpu s", "peak MiB")
    med = {}
    for name, d, argv in cases:
        print(f"{name}:  (in {d}) {shlex.join(argv)}")
        for key, xs in metrics[name].items():
            med[(name, key)] = statistics.median(xs)
            note = "" if key in own else "   (printed by the command)"
            print(f"  {key:10s} median {statistics.median(xs):9.3f}"
                  f"   min {min(xs):9.3f}   max {max(xs):9.3f}{note}")
    if rss_floor:
        print("  (peak MiB: no GNU time here, so these are floors: at least this process's own RSS)")
    others = [n for n, _, _ in cases if n != base]
    if others:
        width = max(len(n) for n in others)
        print(f"ratio of medians, case / {base}:")
        for name in others:
            parts = [f"{key} {med[(name, key)] / med[(base, key)]:6.2f}x"
                     for key in own if med[(base, key)] > 0]
            print(f"  {name:{width}s}  " + "   ".join(parts))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(metrics, f, indent=1)

if __name__ == "__main__":
    main()

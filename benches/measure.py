#!/usr/bin/env python3
"""Times commands side by side, interleaved, for benches/run.sh.

    measure.py --runs R [--warmup W] --json OUT.json [--log FILE]
               (--name NAME [--prepare SHELL] --cmd SHELL)...

Each round runs every command once, in the order given, after its --prepare (run by bash,
not timed). Interleaving rounds, rather than all runs of one command then all of the next,
means a change in the machine's load (other people's builds) falls on every command alike,
so the ratios between commands measured in one call hold up better than their absolute times.

For each run it records the wall time (from just before the command starts until it has
exited), the CPU time (user + system) and the peak resident memory of the command's own
process (GNU time's %M; the CPU time from wait4(2)). A command is split like a shell line
(shlex) and run directly, its output sent to --log (or discarded). A non-zero exit stops
everything with the tail of that log.

OUT.json gets, per command, the lists of wall seconds, CPU seconds and peak RSS in KiB of the
timed runs (the warmup rounds are left out), their medians, and the load averages before and
after.
"""

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time


def load() -> str:
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def run_once(cmd: str, log, rss_file: str) -> tuple[float, float, int]:
    # GNU time reports the peak RSS: a child of this Python process would inherit its memory
    # high-water mark until exec (Linux keeps the larger), time's is a megabyte or two.
    argv = ["/usr/bin/time", "-f", "%M", "-o", rss_file, "--"] + shlex.split(cmd)
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"`{cmd}` exited with {proc.returncode}")
    with open(rss_file) as f:
        rss = int(f.read().split()[-1])
    # The CPU time of `time` and the command together: `time` itself uses next to none.
    return wall, usage.ru_utime + usage.ru_stime, rss


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, required=True)
    ap.add_argument("--warmup", type=int, default=0)
    ap.add_argument("--json", required=True)
    ap.add_argument("--log", default=os.devnull)
    # --name starts a command; its --prepare and --cmd follow it. Everything else is global.
    cmds, cur = [], None
    argv = sys.argv[1:]
    i = 0
    global_args = []
    while i < len(argv):
        a = argv[i]
        if a == "--name":
            cur = {"name": argv[i + 1], "prepare": "", "cmd": None}
            cmds.append(cur)
        elif a in ("--prepare", "--cmd"):
            if cur is None:
                ap.error(f"{a} before --name")
            cur[a[2:]] = argv[i + 1]
        else:
            global_args += argv[i : i + 2]
        i += 2
    args = ap.parse_args(global_args)
    if not cmds or any(c["cmd"] is None for c in cmds):
        ap.error("every --name needs a --cmd")

    results = {c["name"]: {"wall": [], "cpu": [], "rss_kib": []} for c in cmds}
    before = load()
    with open(args.log, "a") as log:
        for r in range(args.warmup + args.runs):
            timed = r >= args.warmup
            for c in cmds:
                if c["prepare"]:
                    subprocess.run(["bash", "-c", c["prepare"]], check=True)
                log.write(f"\n== {c['name']} ({'run' if timed else 'warmup'} {r + 1})\n")
                log.flush()
                try:
                    wall, cpu, rss = run_once(c["cmd"], log, args.json + ".rss")
                except RuntimeError as e:
                    print(f"measure.py: {e}; see {args.log}", file=sys.stderr)
                    return 1
                print(f"  {c['name']:<24} {'run' if timed else 'warmup':<6} {wall:8.3f} s  "
                      f"cpu {cpu:7.2f} s  {rss / 1024:6.0f} MiB  (load {load()})", file=sys.stderr)
                if timed:
                    res = results[c["name"]]
                    res["wall"].append(wall)
                    res["cpu"].append(cpu)
                    res["rss_kib"].append(rss)
    for res in results.values():
        res["median_wall"] = statistics.median(res["wall"])
        res["median_cpu"] = statistics.median(res["cpu"])
        res["median_rss_kib"] = statistics.median(res["rss_kib"])
    out = {"runs": args.runs, "warmup": args.warmup, "load_before": before, "load_after": load(),
           "commands": results}
    with open(args.json, "w") as f:
        json.dump(out, f, indent=1)
    os.remove(args.json + ".rss")
    return 0


if __name__ == "__main__":
    sys.exit(main())

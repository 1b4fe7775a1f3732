#!/usr/bin/env python3
"""Turns benches/run.sh's raw measurements into Markdown: one table per shape and file system.

    report.py --raw DIR --shapes a,b --sizes 1000,10000 --fs tmpfs,disk --fs-types tmpfs,ext4
              --watch-size N --labels 'label1|label2'

First a table of every shape and file system side by side at the watch size, then one per
shape and file system whose columns are (size, rounds binary) pairs. The last column is issue
19's target (for 10,000 articles). Medians throughout; the watch rows are median / p95 / max of
save-to-page, then the median of save-to-done (every file of the rebuild written) and of the
watcher's CPU time per save.
"""

import argparse
import json
import os
import re


def secs(x):
    if x is None:
        return "-"
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def mib(kib):
    return "-" if kib is None else f"{kib / 1024:.0f} MiB"


def read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except FileNotFoundError:
        return None


def cmd(data, name, key="median_wall"):
    if not data:
        return None
    c = data["commands"].get(name)
    return None if c is None else c[key]


def watch_results(path):
    """{kind: {field: value}} from the RESULT lines, and the loads noted before and after."""
    out, loads = {}, []
    try:
        with open(path) as f:
            for line in f:
                if line.startswith("RESULT "):
                    kv = dict(p.split("=", 1) for p in line.split()[1:])
                    out[kv.pop("kind")] = kv
                elif line.startswith("load "):
                    loads.append(line.split()[1])
    except FileNotFoundError:
        pass
    return out, loads


TARGETS = {
    "ratio168": "≤ 0.25 on tmpfs",
    "nochange": "< 0.5 s",
    "rss": "< 500 MiB",
    "wrss": "< 500 MiB",
    "body": "median < 80 ms, p95 < 150 ms",
    "title": "median < 250 ms",
    "tags": "median < 250 ms",
    "demo": "< 50 ms",
}


ORDER = [
    ("files", "rounds output"),
    ("cold", "**cold build: rounds**"),
    ("h168", "cold build: Hugo 0.168"),
    ("h111", "cold build: Hugo 0.111"),
    ("ratio168", "**rounds / Hugo 0.168**"),
    ("ratio111", "rounds / Hugo 0.111"),
    ("cpu", "CPU time (user + sys): rounds / Hugo 0.168"),
    ("floor", "`cp -r` floor (rounds cold / floor)"),
    ("nochange", "**no-change rebuild** (CPU time)"),
    ("rss", "**peak RSS: rounds build**"),
    ("hrss", "peak RSS: Hugo 0.168 / 0.111"),
    ("wrss", "**peak RSS: watcher** (first build; edits)"),
    ("wfirst", "watch: first build"),
    ("body", "**watch save-to-page, body edit**: median / p95 / max (done; CPU)"),
    ("title", "**watch save-to-page, title edit**: median / p95 / max (done; CPU)"),
    ("tags", "**watch save-to-page, tags edit**: median / p95 / max (done; CPU)"),
    ("demo", "**demo blog, cold** (CPU time)"),
    ("load", "load average (1 min) during the measurements"),
]


def cells_of(raw, shape, fs, n, i, label):
    """Every measure of one shape, file system, size and rounds binary, as table cells."""
    d = os.path.join(raw, shape, fs, f"n{n}")
    cold = read_json(os.path.join(d, "cold.json"))
    noch = read_json(os.path.join(d, "nochange.json"))
    demo = read_json(os.path.join(raw, f"demo-{fs}.json"))
    loads = [float(j[k].split()[0]) for j in (cold, noch) if j for k in ("load_before", "load_after")]
    name = f"rounds:{label}"
    r = cmd(cold, name)
    h168 = cmd(cold, "hugo 0.168")
    h111 = cmd(cold, "hugo 0.111")
    floor = cmd(cold, "cp -r floor")
    c = {}
    try:
        with open(os.path.join(d, "output.txt")) as f:
            for line in f:
                k, files, mb = line.split()
                if int(k) == i:
                    c["files"] = f"{int(files):,} files, {mb} MB"
    except FileNotFoundError:
        pass
    c["cold"] = f"**{secs(r)}**"
    c["h168"] = secs(h168)
    c["h111"] = secs(h111)
    c["ratio168"] = f"**{r / h168:.2f}**" if r and h168 else "-"
    c["ratio111"] = f"{r / h111:.2f}" if r and h111 else "-"
    rc, hc = cmd(cold, name, "median_cpu"), cmd(cold, "hugo 0.168", "median_cpu")
    if rc:
        c["cpu"] = f"{secs(rc)} / {secs(hc)}" + (f" ({rc / hc:.2f})" if hc else "")
    c["floor"] = f"{secs(floor)} ({r / floor:.2f})" if r and floor else secs(floor)
    nc = cmd(noch, name, "median_cpu")
    c["nochange"] = f"**{secs(cmd(noch, name))}**" + (f" (CPU {secs(nc)})" if nc else "")
    c["rss"] = f"**{mib(cmd(cold, name, 'median_rss_kib'))}**"
    if h168 or h111:
        c["hrss"] = (f"{mib(cmd(cold, 'hugo 0.168', 'median_rss_kib'))} / "
                     f"{mib(cmd(cold, 'hugo 0.111', 'median_rss_kib'))}")
    w, wl = watch_results(os.path.join(d, f"watch-{i}.txt"))
    loads += [float(x) for x in wl]
    if w:
        start = w.get("start", {})
        peaks = [float(v["vmhwm_mib"]) for v in w.values() if "vmhwm_mib" in v]
        c["wrss"] = (f"**{max(peaks):.0f} MiB** ({start.get('vmhwm_mib', '-')}; "
                     + ", ".join(f"{k} {v['vmhwm_mib']}" for k, v in w.items() if k != "start") + ")")
        c["wfirst"] = f"{float(start.get('first_build_s', 'nan')):.2f} s"
        for kind in ("body", "title", "tags"):
            if kind in w:
                k = w[kind]
                to = f", {k['timeouts']} timed out" if k["timeouts"] != "0" else ""
                cpu = f"; CPU {float(k['cpu_median_ms']):.0f}" if "cpu_median_ms" in k else ""
                c[kind] = (f"**{float(k['median_ms']):.0f}** / {float(k['p95_ms']):.0f} / "
                           f"{float(k['max_ms']):.0f} ms ({float(k['done_median_ms']):.0f}{cpu}){to}")
    dc = cmd(demo, name, "median_cpu")
    c["demo"] = f"**{secs(cmd(demo, name))}**" + (f" (CPU {secs(dc)})" if dc else "")
    c["load"] = f"{min(loads):.1f}-{max(loads):.1f}" if loads else "-"
    return c


def table(out, head, columns):
    """Rows in ORDER, one column per dict in `columns`, and the target last."""
    out.append("| measure | " + " | ".join(head) + " | target (10,000) |")
    out.append("|---|" + "---:|" * len(columns) + "---|")
    for key, title in ORDER:
        cells = [col.get(key, "-") for col in columns]
        if all(x in ("-", "**-**") for x in cells):
            continue
        out.append(f"| {title} | " + " | ".join(cells) + f" | {TARGETS.get(key, '')} |")
    out.append("")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--raw", required=True)
    ap.add_argument("--shapes", required=True)
    ap.add_argument("--sizes", required=True)
    ap.add_argument("--fs", required=True)
    ap.add_argument("--fs-types", required=True)
    ap.add_argument("--watch-size", required=True)
    ap.add_argument("--labels", required=True)
    a = ap.parse_args()
    labels = a.labels.split("|")
    sizes = a.sizes.split(",")
    shapes = a.shapes.split(",")
    fss = a.fs.split(",")
    fs_types = dict(zip(fss, a.fs_types.split(",")))
    out = []
    desc = {}
    for shape in shapes:
        try:
            with open(os.path.join(a.raw, f"shape-{shape}.txt")) as f:
                m = re.search(r"gen-corpus: (shape .*)", f.read())
                desc[shape] = m.group(1) if m else ""
        except FileNotFoundError:
            desc[shape] = ""

    # First, side by side: every shape and file system at the watch size, per binary.
    n = a.watch_size
    for i, label in enumerate(labels):
        out.append(f"### {int(n):,} articles, every shape and file system"
                   + (f": {label}" if len(labels) > 1 else ""))
        out.append("")
        head = [f"{shape}, {fs}" for shape in shapes for fs in fss]
        cols = [cells_of(a.raw, shape, fs, n, i, label) for shape in shapes for fs in fss]
        table(out, head, cols)
    for shape in shapes:
        out.append(f"Corpus {desc[shape] or 'shape ' + shape}.")
        out.append("")

    # Then one table per shape and file system, every size and binary.
    for shape in shapes:
        for fs in fss:
            kind = fs_types.get(fs, fs)
            out.append(f"### {shape}, output on {fs}" + (f" ({kind})" if kind != fs else ""))
            out.append("")
            cols = [(n, i) for n in sizes for i in range(len(labels))]
            head = [f"{int(n):,}" + (f", {labels[i]}" if len(labels) > 1 else "") for n, i in cols]
            table(out, head, [cells_of(a.raw, shape, fs, n, i, labels[i]) for n, i in cols])
    print("\n".join(out))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Turns benches/run.sh's raw measurements into Markdown: one table per shape and file system.

    report.py --raw DIR --shapes a,b --sizes 1000,10000 --fs tmpfs,disk --fs-types tmpfs,ext4
              --watch-size N --labels 'label1|label2'

Rows are measures, columns are (size, rounds binary) pairs, and the last column is issue 19's
target (for 10,000 articles). Medians throughout; the watch rows are median / p95 / max of
save-to-page, and the median of save-to-done (every file of the rebuild written).
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
    fss = a.fs.split(",")
    fs_types = dict(zip(fss, a.fs_types.split(",")))
    out = []
    for shape in a.shapes.split(","):
        desc = ""
        try:
            with open(os.path.join(a.raw, f"shape-{shape}.txt")) as f:
                m = re.search(r"gen-corpus: (shape .*)", f.read())
                desc = m.group(1) if m else ""
        except FileNotFoundError:
            pass
        for fs in fss:
            demo = read_json(os.path.join(a.raw, f"demo-{fs}.json"))
            cols = [(n, i) for n in sizes for i in range(len(labels))]
            head = [f"{int(n):,}" + (f", {labels[i]}" if len(labels) > 1 else "") for n, i in cols]
            rows = {}
            loads = []

            def put(key, title, n_i, value):
                rows.setdefault(key, [title, {}])[1][n_i] = value

            for n, i in cols:
                d = os.path.join(a.raw, shape, fs, f"n{n}")
                cold = read_json(os.path.join(d, "cold.json"))
                noch = read_json(os.path.join(d, "nochange.json"))
                for j in (cold, noch):
                    if j:
                        loads += [j["load_before"].split()[0], j["load_after"].split()[0]]
                name = f"rounds:{labels[i]}"
                r = cmd(cold, name)
                h168 = cmd(cold, "hugo 0.168")
                h111 = cmd(cold, "hugo 0.111")
                floor = cmd(cold, "cp -r floor")
                try:
                    with open(os.path.join(d, "output.txt")) as f:
                        for line in f:
                            k, files, mb = line.split()
                            if int(k) == i:
                                put("files", "rounds output", (n, i), f"{int(files):,} files, {mb} MB")
                except FileNotFoundError:
                    pass
                put("cold", "**cold build: rounds**", (n, i), f"**{secs(r)}**")
                put("h168", "cold build: Hugo 0.168", (n, i), secs(h168))
                put("h111", "cold build: Hugo 0.111", (n, i), secs(h111))
                put("ratio168", "**rounds / Hugo 0.168**", (n, i),
                    f"**{r / h168:.2f}**" if r and h168 else "-")
                put("ratio111", "rounds / Hugo 0.111", (n, i), f"{r / h111:.2f}" if r and h111 else "-")
                rc, hc = cmd(cold, name, "median_cpu"), cmd(cold, "hugo 0.168", "median_cpu")
                put("cpu", "CPU time (user + sys): rounds / Hugo 0.168", (n, i),
                    f"{secs(rc)} / {secs(hc)}" + (f" ({rc / hc:.2f})" if rc and hc else ""))
                put("floor", "`cp -r` floor (rounds cold / floor)", (n, i),
                    f"{secs(floor)} ({r / floor:.2f})" if r and floor else secs(floor))
                put("nochange", "**no-change rebuild**", (n, i), f"**{secs(cmd(noch, name))}**")
                put("rss", "**peak RSS: rounds build**", (n, i),
                    f"**{mib(cmd(cold, name, 'median_rss_kib'))}**")
                put("hrss", "peak RSS: Hugo 0.168 / 0.111", (n, i),
                    f"{mib(cmd(cold, 'hugo 0.168', 'median_rss_kib'))} / "
                    f"{mib(cmd(cold, 'hugo 0.111', 'median_rss_kib'))}")
                w, wl = watch_results(os.path.join(d, f"watch-{i}.txt"))
                loads += wl
                if w:
                    start = w.get("start", {})
                    peaks = [float(v["vmhwm_mib"]) for v in w.values() if "vmhwm_mib" in v]
                    put("wrss", "**peak RSS: watcher** (first build; edits)", (n, i),
                        f"**{max(peaks):.0f} MiB** ({start.get('vmhwm_mib', '-')}; "
                        + ", ".join(f"{k} {v['vmhwm_mib']}" for k, v in w.items() if k != "start") + ")")
                    put("wfirst", "watch: first build", (n, i), f"{float(start.get('first_build_s', 'nan')):.2f} s")
                    for kind in ("body", "title", "tags"):
                        if kind in w:
                            k = w[kind]
                            to = f", {k['timeouts']} timed out" if k["timeouts"] != "0" else ""
                            put(kind, f"**watch save-to-page, {kind} edit**: median / p95 / max (done)", (n, i),
                                f"**{float(k['median_ms']):.0f}** / {float(k['p95_ms']):.0f} / "
                                f"{float(k['max_ms']):.0f} ms ({float(k['done_median_ms']):.0f}){to}")
                put("demo", "**demo blog, cold**", (n, i), f"**{secs(cmd(demo, name))}**")
            load_range = (f"{min(map(float, loads)):.1f}-{max(map(float, loads)):.1f}" if loads else "-")
            kind = fs_types.get(fs, fs)
            out.append(f"### {shape}, output on {fs}" + (f" ({kind})" if kind != fs else ""))
            out.append("")
            if desc:
                out.append(f"Corpus: {desc}. Load average (1 min) over the measurements: {load_range}.")
                out.append("")
            out.append("| measure | " + " | ".join(head) + " | target (10,000) |")
            out.append("|---|" + "---:|" * len(cols) + "---|")
            for key, (title, vals) in rows.items():
                if all(v in ("-", "**-**", "- / -", "-- / -") or v is None for v in vals.values()) and key != "cold":
                    continue
                cells = [vals.get(c, "-") for c in cols]
                out.append(f"| {title} | " + " | ".join(cells) + f" | {TARGETS.get(key, '')} |")
            out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()

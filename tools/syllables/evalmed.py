import ts, re, subprocess
from eval import run
ws = sorted(set(w for w in re.findall(r"[a-z'\-]+", open('medical.txt').read()) if ts.cmu(w) is not None))
g = run(ws)
bad=[(w,ts.cmu(w),x) for w,x in zip(ws,g) if ts.cmu(w)!=x]
print('medical in CMU:', 1-len(bad)/len(ws), len(ws)); print(bad)
h=[l.split('\t') for l in open('med_hand.tsv').read().splitlines()]
g=run([w for w,_ in h])
bad=[(w,int(c),x) for (w,c),x in zip(h,g) if int(c)!=x]
print('medical hand (OOV):', 1-len(bad)/len(h), len(h)); print(bad)

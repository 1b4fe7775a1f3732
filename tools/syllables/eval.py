import subprocess, sys, collections
def run(words):
    p = subprocess.run(['../../target/release/examples/syllables'], input='\n'.join(words)+'\n', capture_output=True, text=True)
    return [int(l.split('\t')[1]) for l in p.stdout.splitlines()]
if __name__=="__main__":
    fr = [l.rstrip('\n').split('\t') for l in open('freq_cmu.tsv')]
    ws = [w for w,_,_ in fr]
    got = run(ws)
    tot=0; ok=0; wt=0; wok=0; miss=[]
    top10k_ok=0
    for (w,c,f),g in zip(fr,got):
        c=int(c); f=float(f)
        tot+=1; wt+=f
        if g==c: ok+=1; wok+=f
        else: miss.append((f,w,c,g))
    print(f"freq list types: {ok/tot:.4f} ({tot}), token-weighted {wok/wt:.4f}")
    for n in (5000,20000):
        s=sum(1 for (w,c,f),g in list(zip(fr,got))[:n] if int(c)==g); print(f" top{n}: {s/n:.4f}")
    al = [l.split('\t') for l in open('all_cmu.tsv')]
    g2 = run([w for w,_ in al])
    print("all cmudict:", sum(1 for (w,c),g in zip(al,g2) if int(c)==g)/len(al))
    miss.sort(reverse=True)
    k=int(sys.argv[1]) if len(sys.argv)>1 else 150
    print(' '.join(f"{w}:{c}/{g}" for f,w,c,g in miss[:k]))

# Shrinks a mini-notation string while Strudel and Phonon still disagree on it.
import json, os, subprocess, sys
def run(cases):
    js = subprocess.run(['node', os.environ.get('STRUDEL_BATCH', '/tmp/oracle/batch.mjs')], input='\n'.join(json.dumps({'src': s, 'a': a, 'b': b}) for s, a, b in cases) + '\n', capture_output=True, text=True).stdout.strip().split('\n')
    js = [l for l in js if l.startswith('[')]
    cc = subprocess.run([os.environ.get('PHONON_BATCH', '/tmp/batchc')], input='\n'.join('%s\t%s\t%s' % c for c in cases) + '\n', capture_output=True, text=True).stdout.rstrip('\n').split('\n')
    res = []
    for j, c in zip(js, cc):
        jl = json.loads(j)
        if jl and jl[0].startswith('ERROR'): res.append(False); continue
        if c.startswith('ERROR') or c.startswith('QERROR'): res.append(False); continue
        cl = c.split('|') if c else []
        def canon(l):
            p = l.split(' ', 4)
            try: v = repr(float(p[4]))
            except: v = p[4]
            return ' '.join(p[:4] + [v])
        res.append(sorted(map(canon, jl)) != sorted(map(canon, cl)))
    return res
src, a, b = sys.argv[1], sys.argv[2], sys.argv[3]
assert run([(src, a, b)])[0]
changed = True
while changed:
    changed = False
    toks = src.split(' ')
    cands = []
    for size in [8, 4, 2, 1]:
        for i in range(0, len(toks) - size + 1):
            cands.append(' '.join(toks[:i] + toks[i+size:]))
    # also char deletions of single chars
    for i in range(len(src)):
        cands.append(src[:i] + src[i+1:])
    cands = [c for c in cands if c.strip() and c != src]
    res = run([(c, a, b) for c in cands])
    good = [c for c, r in zip(cands, res) if r]
    if good:
        src = min(good, key=len)
        changed = True
        print(len(src), src, flush=True)
print('FINAL', src)

# Random mini-notation, queried by Strudel and by Phonon; prints every difference.
import json, os, random, subprocess, sys
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
N = int(sys.argv[2]) if len(sys.argv) > 2 else 300
words = ['a', 'b', 'c', '~', '1', '0', '-1', '0.5', 'c4']
def atom():
    w = random.choice(words)
    return w
def num():
    return random.choice(['2', '3', '1.5', '0.5', '<2 3>', '[1 2]', '4', '0.25', '<1 [2 3]>', '-1', '0'])
def elem(d):
    r = random.random()
    if d > 3 or r < 0.45: s = atom()
    elif r < 0.6: s = '[' + seqs(d+1, True) + ']'
    elif r < 0.75: s = '<' + seqs(d+1, False) + '>'
    elif r < 0.85: s = '{' + seqs(d+1, False) + '}' + (('%' + random.choice(['2','3','4','<2 4>'])) if random.random() < 0.5 else '')
    else: s = atom()
    for _ in range(random.choice([0,0,1,1,2])):
        o = random.random()
        if o < 0.12: s += '*' + num()
        elif o < 0.35: s += '/' + num()
        elif o < 0.45: s += '!' + random.choice(['', '2', '3'])
        elif o < 0.55: s += '@' + random.choice(['2', '1.5', '3'])
        elif o < 0.7: s += '?' + random.choice(['', '0.3', '0.7', '0.1'])
        elif o < 0.75: s += '(' + random.choice(['3','<3 5>','2','-3']) + ',' + random.choice(['8','<8 16>','5']) + (',' + random.choice(['1','2','<0 2>']) if random.random()<0.4 else '') + ')'
        elif o < 0.82: s += ':' + random.choice(['1','3','<1 2>'])
        elif o < 0.9: s += ' _'
        else: s += ' ..' + random.choice([' 3', ' 5', ' 0'])
    return s
def seq(d):
    return ' '.join(elem(d) for _ in range(random.randint(1, 4)))
def seqs(d, allow_choice):
    sep = random.choice([',', '|', '|', '.']) if allow_choice else ','
    if random.random() < 0.6: return seq(d)
    return (' %s ' % sep).join(seq(d) for _ in range(random.randint(2, 3)))
cases = []
for i in range(N):
    src = seqs(0, True)
    a, b = random.choice([('0','1'),('0','8'),('1/3','7/3'),('3','11'),('-5/2','1'),('1/2','1/2'),('100','103')])
    cases.append((src, a, b))
js = subprocess.run(['node', os.environ.get('STRUDEL_BATCH', '/tmp/oracle/batch.mjs')], input='\n'.join(json.dumps({'src': s, 'a': a, 'b': b}) for s, a, b in cases) + '\n', capture_output=True, text=True).stdout.strip().split('\n')
js = [l for l in js if l.startswith('[')]
cc = subprocess.run([os.environ.get('PHONON_BATCH', '/tmp/batchc')], input='\n'.join('%s\t%s\t%s' % c for c in cases) + '\n', capture_output=True, text=True).stdout.rstrip('\n').split('\n')
bad = 0
for (src, a, b), j, c in zip(cases, js, cc):
    jl = json.loads(j)
    if jl and jl[0].startswith('ERROR'):
        if not c.startswith('ERROR') and not c.startswith('QERROR'):
            if c != '': print('JS ERROR, C ok:', repr(src), a, b, jl[0], '| C:', c[:100]); bad += 1
        continue
    if any(l.split(' ', 4)[4].count(':') >= 2 for l in jl): continue
    cl = c.split('|') if c else []
    if c.startswith('ERROR') or c.startswith('QERROR'):
        print('C ERROR, JS ok:', repr(src), a, b, c, '| JS n=', len(jl)); bad += 1; continue
    def canon(l):
        p = l.split(' ', 4)
        try: v = repr(float(p[4]))
        except: v = p[4]
        return ' '.join(p[:4] + [v])
    if sorted(map(canon, jl)) != sorted(map(canon, cl)):
        bad += 1
        sj, sc = set(map(canon, jl)), set(map(canon, cl))
        print('DIFF', repr(src), a, b, 'js-only:', sorted(sj - sc)[:3], 'c-only:', sorted(sc - sj)[:3], len(jl), len(cl))
print('checked', len(cases), 'bad', bad, 'js lines', len(js))

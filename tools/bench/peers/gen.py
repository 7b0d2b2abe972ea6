#!/usr/bin/env python3
"""Generate the W1/W2/W3 workload sources for Csound, ChucK and Faust.

All workload constants live here (and are mirrored in sc/make_scores.scd and
bench/WORKLOADS.md).  Usage:  gen.py ENGINE OUTDIR [--dur SECONDS] [--ksmps K]
ENGINE is one of: csound, chuck, faust.  Writes one file per workload id:
null, w1_16, w1_64, w1_256, w2_1, w2_8, w3_16.
"""
import argparse
import math
import os

SR = 48000
# W1
W1_N = (16, 64, 256)
W1_FC, W1_Q = 2000.0, 2.0
def w1_freq(i):
    return 55.0 * 2.0 ** (i / 37.0)
# W2
W2_SEQS = (1, 8)
STEP = 3000            # samples between notes (16 notes/s at 48 kHz)
NOTE = 12000           # gate length in samples (250 ms)
ATT, DEC, SUS, REL = 0.005, 0.1, 0.5, 0.2
W2_AMP, W2_Q = 0.1, 2.0
def w2_midi(k, s):
    return 36 + ((7 * k + 5 * s) % 24)
def mtof(m):
    return 440.0 * 2.0 ** ((m - 69) / 12.0)
def w2_cutoff_expr_doc():
    return "1200 + 1000*sin(2*pi*(0.25*t + s/8))"
# W3
W3_M = 16
W3_FB = 0.6
W3_AMP = 0.1
def w3_freq(j):
    return 110.0 * 2.0 ** (j / 12.0)
def w3_delay_samples(j):
    return 4800.5 + 1280.0 * j          # 0.10001 s .. 0.50001 s, fractional -> interpolated
W3_LP_FC = 2000.0
W3_POLE = math.exp(-2 * math.pi * W3_LP_FC / SR)

WORKLOADS = ["null"] + [f"w1_{n}" for n in W1_N] + [f"w2_{s}" for s in W2_SEQS] + [f"w3_{W3_M}"]


# ---------------------------------------------------------------- Csound
def csound(outdir, dur, ksmps):
    head = f"""<CsoundSynthesizer>
<CsOptions>
-n -d -m0
</CsOptions>
<CsInstruments>
sr = {SR}
ksmps = {ksmps}
nchnls = 1
0dbfs = 1
"""
    tail = "</CsScore>\n</CsoundSynthesizer>\n"
    files = {}
    # null: start-up baseline, 10 ms of one trivial instrument
    files["null"] = head + """instr 1
 out a(0)
endin
</CsInstruments>
<CsScore>
i1 0 0.01
""" + tail
    for n in W1_N:
        body = head + f"""instr 1
 asaw vco2 {1.0/n:.8f}, p4
 alp lowpass2 asaw, {W1_FC}, {W1_Q}
 out alp
endin
</CsInstruments>
<CsScore>
"""
        body += "".join(f"i1 0 {dur} {w1_freq(i):.6f}\n" for i in range(n))
        files[f"w1_{n}"] = body + tail
    for S in W2_SEQS:
        body = head + f"""instr 99
 ; stop exactly at the nominal duration (notes still in release are cut, as in the other engines)
 exitnow
endin
instr 2
 ; p4 = freq, p5 = sequencer index s
 kt timeinsts
 kcf = 1200 + 1000*sin(2*$M_PI*(0.25*(p2 + kt) + p5/8))
 asaw vco2 {W2_AMP}, p4
 alp lowpass2 asaw, kcf, {W2_Q}
 aenv madsr {ATT}, {DEC}, {SUS}, {REL}
 out alp*aenv
endin
</CsInstruments>
<CsScore>
"""
        lines = []
        nnotes = int(round(dur * SR / STEP))
        for k in range(nnotes):
            t = k * STEP / SR
            for s in range(S):
                lines.append(f"i2 {t:.6f} {NOTE/SR} {mtof(w2_midi(k, s)):.6f} {s}\n")
        files[f"w2_{S}"] = body + "".join(lines) + f"i99 {dur} 1\n" + tail
    body = head + f"""instr 3
 ; p4 = freq, p5 = delay (s)
 asrc vco2 {W3_AMP}, p4
 abuf delayr 0.6
 atap deltapi p5
 alp tone atap, {W3_LP_FC}
 ay = asrc + {W3_FB}*alp
 delayw ay
 out ay
endin
</CsInstruments>
<CsScore>
"""
    body += "".join(f"i3 0 {dur} {w3_freq(j):.6f} {w3_delay_samples(j)/SR:.8f}\n" for j in range(W3_M))
    files[f"w3_{W3_M}"] = body + tail
    for name, text in files.items():
        with open(os.path.join(outdir, name + ".csd"), "w") as f:
            f.write(text)


# ---------------------------------------------------------------- ChucK
def chuck(outdir, dur):
    files = {}
    files["null"] = "SinOsc s => dac;\n10::ms => now;\n"
    for n in W1_N:
        files[f"w1_{n}"] = f"""// W1: {n} x (BlitSaw -> LPF) summed
{n} => int N;
BlitSaw s[N]; LPF f[N];
for (0 => int i; i < N; i++) {{
  s[i] => f[i] => dac;
  55.0 * Math.pow(2.0, i / 37.0) => s[i].freq;
  1.0 / N => s[i].gain;
  {W1_FC} => f[i].freq; {W1_Q} => f[i].Q;
}}
{dur}::second => now;
"""
    for S in W2_SEQS:
        files[f"w2_{S}"] = f"""// W2: {S} sequencer(s), 16 notes/s, BlitSaw -> LPF -> ADSR, cutoff LFO 0.25 Hz
{S} => int S;
fun void update(LPF f, float ph, dur len) {{
  now + len => time end;
  while (now < end) {{
    1200.0 + 1000.0 * Math.sin(2.0 * pi * (0.25 * (now / second) + ph)) => f.freq;
    64::samp => now;
  }}
}}
fun void voice(float freq, float ph) {{
  BlitSaw o => LPF f => ADSR e => dac;
  freq => o.freq; {W2_AMP} => o.gain; {W2_Q} => f.Q;
  e.set({ATT*1000}::ms, {DEC*1000}::ms, {SUS}, {REL*1000}::ms);
  e.keyOn();
  update(f, ph, {NOTE}::samp);
  e.keyOff();
  update(f, ph, {REL*1000}::ms);
  e =< dac;
}}
fun void seq(int s) {{
  for (0 => int k; k < {int(round(dur * SR / STEP))}; k++) {{
    spork ~ voice(Std.mtof(36 + ((7 * k + 5 * s) % 24)), s / 8.0);
    {STEP}::samp => now;
  }}
}}
for (0 => int s; s < S; s++) spork ~ seq(s);
{dur}::second => now;
"""
    M = W3_M
    files[f"w3_{M}"] = f"""// W3: {M} feedback loops: BlitSaw -> (+) -> DelayL -> OnePole -> *{W3_FB} -> back to (+)
{M} => int M;
BlitSaw s[M]; Gain sum[M]; DelayL d[M]; OnePole lp[M]; Gain fb[M];
for (0 => int j; j < M; j++) {{
  s[j] => sum[j] => dac;
  sum[j] => d[j] => lp[j] => fb[j] => sum[j];
  110.0 * Math.pow(2.0, j / 12.0) => s[j].freq; {W3_AMP} => s[j].gain;
  0.6::second => d[j].max;
  // the graph cycle adds one sample of delay
  ({4800.5} + 1280.0 * j - 1.0)::samp => d[j].delay;
  {W3_POLE:.10f} => lp[j].pole;
  {W3_FB} => fb[j].gain;
}}
{dur}::second => now;
"""
    for name, text in files.items():
        with open(os.path.join(outdir, name + ".ck"), "w") as f:
            f.write(text)


# ---------------------------------------------------------------- Faust
def faust(outdir, dur):
    files = {}
    files["null"] = 'import("stdfaust.lib");\nprocess = os.osc(440);\n'
    for n in W1_N:
        files[f"w1_{n}"] = f"""import("stdfaust.lib");
// W1: {n} x (os.sawtooth = saw2ptr -> fi.resonlp) summed
N = {n};
voice(i) = os.sawtooth(55.0 * pow(2.0, i / 37.0)) : fi.resonlp({W1_FC}, {W1_Q}, 1.0 / N);
process = par(i, N, voice(i)) :> _;
"""
    freqs = ",".join(f"{mtof(36 + m):.6f}" for m in range(24))
    for S in W2_SEQS:
        files[f"w2_{S}"] = f"""import("stdfaust.lib");
// W2: {S} sequencer(s); sample-accurate sequencer inside the DSP, 8 round-robin voice slots each
S = {S};
V = 8;
STEP = {STEP};
NOTE = {NOTE};
n = ba.time;
k = int(n / STEP);
freqs = waveform{{{freqs}}};
sequencer(s) = par(j, V, voice(j)) :> _
with {{
  cf = 1200.0 + 1000.0 * sin(2.0 * ma.PI * (0.25 * float(n) / ma.SR + s / 8.0));
  voice(j) = os.sawtooth(f) * {W2_AMP} : fi.resonlp(cf, {W2_Q}, 1.0) : *(env)
  with {{
    kj = max(0, k - ((k - j + V) % V));      // latest note index routed to slot j
    gate = (k >= j) & ((n - kj * STEP) < NOTE);
    f = freqs, ((7 * kj + 5 * s) % 24) : rdtable;
    env = en.adsr({ATT}, {DEC}, {SUS}, {REL}, gate);
  }};
}};
process = par(s, S, sequencer(s)) :> _;
"""
    M = W3_M
    files[f"w3_{M}"] = f"""import("stdfaust.lib");
// W3: {M} feedback loops; the ~ operator adds one sample of delay
M = {M};
P = exp(-2.0 * ma.PI * {W3_LP_FC} / ma.SR);
lp = *(1.0 - P) : fi.pole(P);
loop(j) = os.sawtooth(110.0 * pow(2.0, j / 12.0)) * {W3_AMP}
        : (+ ~ (de.fdelay(32768, 4800.5 + 1280.0 * j - 1.0) : lp : *({W3_FB})));
process = par(j, M, loop(j)) :> _;
"""
    for name, text in files.items():
        with open(os.path.join(outdir, name + ".dsp"), "w") as f:
            f.write(text)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("engine", choices=["csound", "chuck", "faust"])
    ap.add_argument("outdir")
    ap.add_argument("--dur", type=float, default=60.0)
    ap.add_argument("--ksmps", type=int, default=64)
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    dur = int(a.dur) if a.dur == int(a.dur) else a.dur
    if a.engine == "csound":
        csound(a.outdir, dur, a.ksmps)
    elif a.engine == "chuck":
        chuck(a.outdir, dur)
    else:
        faust(a.outdir, dur)

#!/usr/bin/env python3
"""tests/ardour: measures what Ardour recorded from Phonon's plugins.

Usage: check.py SESSION_DIR LOG1 [LOG2 ...]
Each log is the output of one Ardour run (create.lua, reopen.lua): its CHECK lines are
facts Ardour reported, its RESULT lines name the recorded WAVs (32-bit float, 48 kHz, a
take from the session start; at Ardour's default 120 BPM 4/4 a bar is 2 s). Prints one
line per check and "N passed, N failed"; exits 1 on any failure.
"""
import glob
import math
import os
import struct
import sys

BAR = 2.0
passed = failed = 0


def report(ok, name, detail):
    global passed, failed
    print("%s - %s: %s" % ("ok" if ok else "FAIL", name, detail))
    if ok:
        passed += 1
    else:
        failed += 1


def read_wav(path):
    """(rate, samples) of a mono 32-bit float WAV (Ardour writes one file per channel)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] not in (b"RIFF", b"RF64") or data[8:12] != b"WAVE":
        raise ValueError("not a WAV file")
    pos, fmt, body = 12, None, None
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if cid == b"fmt ":
            fmt = struct.unpack("<HHIIHH", data[pos + 8:pos + 24])
        elif cid == b"data":
            body = data[pos + 8:pos + 8 + size]
        pos += 8 + size + (size & 1)
    tag, channels, rate, _, _, bits = fmt
    if tag not in (3, 0xFFFE) or bits != 32 or channels != 1:
        raise ValueError("unexpected format %r" % (fmt,))
    n = len(body) // 4
    return rate, struct.unpack("<%df" % n, body[:n * 4])


def window(x, rate, t0, t1):
    return x[int(t0 * rate):int(t1 * rate)]


def rms(seg):
    return math.sqrt(sum(v * v for v in seg) / len(seg)) if seg else 0.0


def amplitude(seg, rate, hz):
    """Amplitude of the component at hz (Goertzel)."""
    k = 2.0 * math.cos(2.0 * math.pi * hz / rate)
    s1 = s2 = 0.0
    for v in seg:
        s1, s2 = v + k * s1 - s2, s1
    return math.sqrt(max(s1 * s1 + s2 * s2 - k * s1 * s2, 0.0)) * 2.0 / len(seg)


def db(a, b):
    return 20.0 * math.log10(max(a, 1e-12) / max(b, 1e-12))


def zero_cross_hz(seg, rate):
    n = sum(1 for i in range(1, len(seg)) if (seg[i - 1] < 0) != (seg[i] < 0))
    return n / 2.0 / (len(seg) / rate)


def sane(name, x):
    finite = all(math.isfinite(v) for v in x)
    peak = max((abs(v) for v in x), default=0.0)
    report(finite and peak <= 1.0, name + " finite", "peak %.3f over %.2f s" % (peak, len(x) / 48000.0))


def pitch_halves(name, x, rate, first, second, min_db):
    """In each of the first two bars: `first` Hz rules the first half, `second` the second."""
    for bar in range(2):
        for half, (want, other) in enumerate(((first, second), (second, first))):
            t0 = bar * BAR + half * BAR / 2
            seg = window(x, rate, t0 + 0.2, t0 + 0.7)
            a, b = amplitude(seg, rate, want), amplitude(seg, rate, other)
            report(db(a, b) >= min_db and rms(seg) > 0.01, "%s bar %d half %d" % (name, bar + 1, half + 1),
                   "%g Hz %.1f dB above %g Hz (rms %.3f)" % (want, db(a, b), other, rms(seg)))


def gate(name, x, rate, ref_level):
    """Open in the first half of each bar at the input's level, closed in the second, the
    edges on the bar's half and bar lines."""
    for bar in range(2):
        t0 = bar * BAR
        lo = rms(window(x, rate, t0 + 0.1, t0 + 0.9))
        hi = rms(window(x, rate, t0 + 1.1, t0 + 1.9))
        report(abs(db(lo, ref_level)) < 0.5, "%s bar %d open" % (name, bar + 1),
               "%.1f dB against the dry input" % db(lo, ref_level))
        report(db(hi, ref_level) < -60, "%s bar %d closed" % (name, bar + 1),
               "%.1f dB against the dry input" % db(hi, ref_level))
    # the envelope (10 ms windows) crosses half the open level at the edges
    w = rate // 100
    env = [rms(x[i:i + w]) for i in range(0, len(x) - w, w)]
    edges = [i * w / rate for i in range(1, len(env)) if (env[i] > ref_level / 2) != (env[i - 1] > ref_level / 2)]
    want = [1.0, 2.0, 3.0, 4.0]
    near = [min((abs(e - t) for e in edges), default=9) for t in want if t < len(x) / rate - 0.1]
    report(near and max(near) <= 0.015, name + " edges on the bar lines",
           "edges at %s s" % ", ".join("%.3f" % e for e in edges))


def main():
    session, logs = sys.argv[1], sys.argv[2:]
    for run, log in enumerate(logs, 1):
        tag = "run %d" % run
        checks, wavs = 0, {}
        with open(log, errors="replace") as f:
            for line in f:
                parts = line.rstrip("\n").split(" ", 3)
                if parts[0] == "CHECK" and len(parts) >= 3:
                    checks += 1
                    report(parts[2] == "ok", "%s: ardour %s" % (tag, parts[1]), parts[3] if len(parts) > 3 else "")
                elif parts[0] == "RESULT" and len(parts) == 4:
                    wavs.setdefault(parts[1], {})[int(parts[2])] = parts[3]
        report(checks > 0, tag + ": Ardour reported", "%d checks, %d recordings" % (checks, len(wavs)))
        audio = {}
        for name, chans in wavs.items():
            for c, path in chans.items():
                try:
                    rate, x = read_wav(path)
                except (OSError, ValueError) as e:
                    report(False, "%s: %s channel %d" % (tag, name, c), "%s: %s" % (path, e))
                    continue
                audio[(name, c)] = x
                sane("%s: %s ch%d" % (tag, name, c), x)
        need = [("inst", 0), ("inst", 1), ("p16main", 0), ("p16stems", 0), ("p16stems", 1), ("dry", 0),
                ("fx", 0), ("fx", 1), ("fxmono", 0), ("fxmono", 1), ("acesynth", 0), ("keys", 0), ("keys", 1)]
        missing = [n for n in need if n not in audio]
        report(not missing, tag + ": every recording", "missing %s" % missing if missing else "%d files" % len(audio))
        if missing:
            continue
        r = 48000
        # 1. the instrument's text: pitches locked to the bar's halves, the level as written
        for c in (0, 1):
            pitch_halves("%s: Phonon ch%d" % (tag, c), audio[("inst", c)], r, 440, 660, 40)
        level = rms(window(audio[("inst", 0)], r, 0.2, 0.7))
        report(abs(db(level, 0.25 / math.sqrt(2))) < 0.5, tag + ": Phonon level", "rms %.4f (sine * 0.25: 0.1768)" % level)
        # 2. Phonon 16: the main outputs and two separate outputs, each its own pitch
        seg = window(audio[("p16main", 0)], r, 0.2, 1.8)
        a = {f: amplitude(seg, r, f) for f in (440, 550, 770)}
        report(db(a[440], max(a[550], a[770])) > 40, tag + ": Phonon 16 main output",
               "440 Hz %.1f dB above the stems" % db(a[440], max(a[550], a[770])))
        for c, want in ((0, 550), (1, 770)):
            seg = window(audio[("p16stems", c)], r, 0.2, 1.8)
            a = {f: amplitude(seg, r, f) for f in (440, 550, 770)}
            others = max(v for f, v in a.items() if f != want)
            report(db(a[want], others) > 40, "%s: Phonon 16 out%d" % (tag, 1 if c == 0 else 16),
                   "track output %d: %g Hz %.1f dB above the others" % (3 if c == 0 else 18, want, db(a[want], others)))
        # 3. Phonon FX: the track's input gated by the text, on the host's bars
        dry = audio[("dry", 0)]
        ref = rms(window(dry, r, 0.2, 1.8))
        hz = zero_cross_hz(window(dry, r, 0.2, 1.8), r)
        report(ref > 0.05, tag + ": the dry input", "rms %.4f, %.0f Hz" % (ref, hz))
        for c in (0, 1):
            gate("%s: Phonon FX stereo ch%d" % (tag, c), audio[("fx", c)], r, ref)
            gate("%s: Phonon FX mono ch%d" % (tag, c), audio[("fxmono", c)], r, ref)
            seg = window(audio[("fx", c)], r, 0.2, 0.8)
            report(abs(zero_cross_hz(seg, r) - hz) < 2, "%s: Phonon FX ch%d pitch" % (tag, c),
                   "%.0f Hz (the input's %.0f)" % (zero_cross_hz(seg, r), hz))
        # 4. Phonon MIDI's notes played by Ardour's synth and by Phonon on another track
        pitch_halves(tag + ": Phonon MIDI -> ACE Reasonable Synth", audio[("acesynth", 0)], r, 440, 659.26, 10)
        for c in (0, 1):
            pitch_halves("%s: Phonon MIDI -> keys track ch%d" % (tag, c), audio[("keys", c)], r, 440, 659.26, 30)
        # held for the whole half bar at velocity 0.9 (114): sine * 0.3 * 114/127
        want = 0.3 * 114 / 127 / math.sqrt(2)
        level = rms(window(audio[("keys", 0)], r, 0.05, 3.95))
        report(abs(db(level, want)) < 0.5, tag + ": Phonon MIDI notes held, velocity 0.9",
               "keys track rms %.4f over 4 s (continuous notes: %.4f)" % (level, want))
    # the session's state: every text Ardour saved, as the plugins' own state files
    states = ""
    for p in glob.glob(os.path.join(session, "plugins", "*", "*", "state.ttl")):
        with open(p, errors="replace") as f:
            states += f.read()
    for text in ('out: sine "440 660" * 0.25', "out16: sine 770 * 0.25", 'out: in * "1 0"', 'out: inL * "1 0"',
                 'out: n "9 16"', "out: sine midi * 0.3"):
        report(text in states, "session state", "saved text %r" % text)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

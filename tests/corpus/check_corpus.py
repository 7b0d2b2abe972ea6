#!/usr/bin/env python3
"""Programs in the seed project's style (tests/data/seed-style/*.ph), each carrying what its
audio must show, checked through `phonon check` and `phonon render`. Expectations are comment
lines in the program:

  -- render: --cycles 2          options for `phonon render` (default: --duration 2)
  -- expect: level HZ MIN [MAX]   amplitude of the tone HZ (left channel, after 50 ms)
  -- expect: onsets N             attacks on the left channel (rise above 0.05 after 20 ms below)
  -- expect: peak MAX             no sample above MAX
  -- expect: rms MIN MAX          overall level
  -- expect: warning TEXT         `phonon check` warns with TEXT (any other warning fails)
  -- expect: same-as FILE         renders to exactly the samples of FILE (another spelling)
  -- expect: differs-from FILE    does not

usage: check_corpus.py PHONON_BINARY CORPUS_DIR"""
import math
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs"))
from check_docs import read_float_wav  # noqa: E402

RATE = 48000


def render(phonon, path, opts, wav):
    r = subprocess.run([phonon, "render", path, wav] + opts, capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        raise RuntimeError("render failed: " + r.stderr.strip())
    x = read_float_wav(wav)
    return x[0::2], x[1::2]


def tone_level(x, hz):
    """Amplitude of a sine at hz (a Goertzel filter over a Hann window)."""
    n = len(x)
    w = 2.0 * math.pi * hz / RATE
    coeff = 2.0 * math.cos(w)
    s1 = s2 = 0.0
    wsum = 0.0
    for i, v in enumerate(x):
        h = 0.5 - 0.5 * math.cos(2.0 * math.pi * i / (n - 1))
        wsum += h
        s0 = v * h + coeff * s1 - s2
        s2, s1 = s1, s0
    power = s1 * s1 + s2 * s2 - coeff * s1 * s2
    return 2.0 * math.sqrt(max(power, 0.0)) / wsum


def onsets(x, thr=0.05, quiet_ms=20):
    quiet_n = RATE * quiet_ms // 1000
    quiet, count = quiet_n, 0
    for v in x:
        if abs(v) > thr:
            if quiet >= quiet_n:
                count += 1
            quiet = 0
        else:
            quiet += 1
    return count


def check_file(phonon, corpus, name, tmp, cache):
    path = os.path.join(corpus, name)
    text = open(path, encoding="utf-8").read()
    opts = ["--duration", "2"]
    expects = []
    for line in text.splitlines():
        m = re.match(r"\s*--\s*render:\s*(.*)$", line)
        if m:
            opts = m.group(1).split()
        m = re.match(r"\s*--\s*expect:\s*(\S+)\s*(.*)$", line)
        if m:
            expects.append((m.group(1), m.group(2).strip()))
    if not expects:
        return ["%s: no expectations" % name]
    errors = []
    r = subprocess.run([phonon, "check", path], capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        return ["%s: does not compile: %s" % (name, r.stderr.strip())]
    warnings = [w for w in r.stderr.splitlines() if "warning:" in w]
    wanted = [arg for kind, arg in expects if kind == "warning"]
    for w in wanted:
        if not any(w in line for line in warnings):
            errors.append("%s: no warning '%s' (got %s)" % (name, w, warnings))
    for line in warnings:
        if not any(w in line for w in wanted):
            errors.append("%s: unexpected %s" % (name, line))

    def audio(fname):
        if fname not in cache:
            cache[fname] = render(phonon, os.path.join(corpus, fname), opts,
                                  os.path.join(tmp, fname + ".wav"))
        return cache[fname]

    left, right = audio(name)
    if not all(math.isfinite(v) for v in left + right):
        return errors + ["%s: NaN or Inf" % name]
    body = left[RATE // 20:]
    for kind, arg in expects:
        a = arg.split()
        if kind == "level":
            hz, lo = float(a[0]), float(a[1])
            hi = float(a[2]) if len(a) > 2 else float("inf")
            got = tone_level(body, hz)
            if not lo <= got <= hi:
                errors.append("%s: level at %g Hz is %.4f, not in [%g, %g]" % (name, hz, got, lo, hi))
        elif kind == "onsets":
            got = onsets(left)
            if got != int(a[0]):
                errors.append("%s: %d onsets, not %s" % (name, got, a[0]))
        elif kind == "peak":
            got = max(max(map(abs, left)), max(map(abs, right)))
            if got > float(a[0]):
                errors.append("%s: peak %.3f above %s" % (name, got, a[0]))
        elif kind == "rms":
            got = math.sqrt(sum(v * v for v in left) / len(left))
            if not float(a[0]) <= got <= float(a[1]):
                errors.append("%s: rms %.4f not in [%s, %s]" % (name, got, a[0], a[1]))
        elif kind in ("same-as", "differs-from"):
            other = audio(a[0])
            same = other == (left, right)
            if same != (kind == "same-as"):
                errors.append("%s: %s %s" % (name, "differs from" if kind == "same-as" else "same as", a[0]))
        elif kind != "warning":
            errors.append("%s: unknown expectation '%s'" % (name, kind))
    return errors


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    phonon, corpus = argv[1], argv[2]
    names = sorted(f for f in os.listdir(corpus) if f.endswith(".ph") and not f.startswith("_"))
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        cache = {}
        for name in names:
            try:
                errors += check_file(phonon, corpus, name, tmp, cache)
            except (RuntimeError, subprocess.TimeoutExpired) as e:
                errors.append("%s: %s" % (name, e))
    for e in errors:
        print("FAIL seed-style " + e)
    print("seed-style corpus: %d programs, %d failures" % (len(names), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""The language reference tells the truth: docs/LANGUAGE.md's names table is exactly what
`phonon names --markdown` prints (every name the language accepts, nothing it does not), and
every ```ph program in LANGUAGE.md and README.md compiles without warnings and, rendered for two
cycles, makes sound (no silent example, no NaN, no clipping).

usage: check_docs.py PHONON_BINARY REPO_ROOT"""
import math
import os
import re
import struct
import subprocess
import sys
import tempfile

BEGIN, END = "<!-- names:begin -->", "<!-- names:end -->"



def read_float_wav(path):
    """Samples of a WAVE file of 32-bit IEEE floats (what `phonon render` writes)."""
    data = open(path, "rb").read()
    pos = 12
    fmt = None
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        body = data[pos + 8:pos + 8 + size]
        if cid == b"fmt ":
            fmt = struct.unpack("<HHIIHH", body[:16])
        elif cid == b"data":
            if not fmt or fmt[0] not in (3, 0xFFFE) or fmt[5] != 32:
                raise ValueError("%s: not 32-bit float" % path)
            return struct.unpack("<%df" % (len(body) // 4), body)
        pos += 8 + size + (size & 1)
    raise ValueError("%s: no data chunk" % path)


def check_names(phonon, root):
    doc = open(os.path.join(root, "docs", "LANGUAGE.md"), encoding="utf-8").read()
    if BEGIN not in doc or END not in doc:
        return ["docs/LANGUAGE.md: no names markers"]
    table = doc.split(BEGIN, 1)[1].split(END, 1)[0].strip("\n") + "\n"
    want = subprocess.run([phonon, "names", "--markdown"], capture_output=True, text=True,
                          check=True).stdout
    if table == want:
        return []
    have_names = set(re.findall(r"^\| `([^`]+)` \|", table, re.M))
    want_names = set(re.findall(r"^\| `([^`]+)` \|", want, re.M))
    msg = "docs/LANGUAGE.md names table is stale (run tools/docs/update-language-names)"
    if have_names != want_names:
        msg += ": missing %s; not in the language %s" % (sorted(want_names - have_names)[:20],
                                                          sorted(have_names - want_names)[:20])
    return [msg]


def check_programs(phonon, root):
    errors = []
    count = 0
    with tempfile.TemporaryDirectory() as tmp:
        for doc in ("docs/LANGUAGE.md", "README.md"):
            text = open(os.path.join(root, doc), encoding="utf-8").read()
            for k, m in enumerate(re.finditer(r"^```ph\n(.*?)^```", text, re.M | re.S)):
                count += 1
                line = text.count("\n", 0, m.start()) + 2
                where = "%s:%d" % (doc, line)
                src = os.path.join(tmp, "p%d.ph" % count)
                wav = os.path.join(tmp, "p%d.wav" % count)
                open(src, "w").write(m.group(1))
                r = subprocess.run([phonon, "check", src], capture_output=True, text=True,
                                   timeout=60)
                if r.returncode != 0 or r.stderr.strip():
                    errors.append("%s: phonon check: %s" % (where, (r.stderr or r.stdout).strip()))
                    continue
                r = subprocess.run([phonon, "render", src, wav, "--cycles", "2"],
                                   capture_output=True, text=True, timeout=120)
                if r.returncode != 0:
                    errors.append("%s: phonon render: %s" % (where, r.stderr.strip()))
                    continue
                x = read_float_wav(wav)
                if not all(math.isfinite(v) for v in x):
                    errors.append("%s: renders NaN or Inf" % where)
                    continue
                rms = math.sqrt(sum(v * v for v in x) / max(1, len(x)))
                peak = max(abs(v) for v in x) if x else 0.0
                if rms < 1e-3:
                    errors.append("%s: silent (rms %.2g)" % (where, rms))
                if peak > 1.0:
                    errors.append("%s: clips (peak %.3f)" % (where, peak))
    return errors, count


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    phonon, root = argv[1], argv[2]
    errors = check_names(phonon, root)
    prog_errors, count = check_programs(phonon, root)
    errors += prog_errors
    for e in errors:
        print("FAIL " + e)
    print("docs: names table, %d programs: %d failed" % (count, len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Runs the Strudel conformance cases (JSON lines, see tests/data/conformance/README.md)
through `phonon query` and compares the printed events with the expected ones as multisets
(times as exact fractions, numeric values numerically).

usage: check_query.py PHONON_BINARY CASES.jsonl [CASES.jsonl ...] [--verbose]

Prints one line per failing case, a summary per file, and last, alone on its line,
'N passed, N failed' over all files. Exit status: 1 if any case failed, 2 on usage errors,
else 0. Strudel's RNG is reproduced, so the random cases (random*.jsonl) are required too;
PHONON_ALLOW_RANDOM_FAILURES=1 reports their failures without failing."""
import json
import os
import subprocess
import sys
from collections import Counter
from fractions import Fraction


def ph_number(x):
    """A JSON number as .ph source: shortest form, negative ones parenthesised (in an
    argument list `f -1` would mean `f - 1`)."""
    if isinstance(x, bool):
        raise ValueError("boolean argument")
    s = repr(x) if isinstance(x, float) else str(x)
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        s = str(int(x))
    return "(%s)" % s if s.startswith("-") else s


def ph_string(s):
    if '"' in s or "\n" in s:
        raise ValueError("string argument with a quote or newline")
    return '"%s"' % s


def ph_control(obj):
    """{"n": "1"}: the control pattern `n "1"` (Strudel's n("1"))."""
    if len(obj) != 1:
        raise ValueError("a control argument has one key")
    (name, value), = obj.items()
    return "%s %s" % (name, ph_arg(value))


def ph_arg(a):
    if isinstance(a, list):
        return "(%s)" % ph_step(a)
    if isinstance(a, dict):
        return "(%s)" % ph_control(a)
    if isinstance(a, str):
        return ph_string(a)
    return ph_number(a)


def ph_step(step):
    return " ".join([step[0]] + [ph_arg(a) for a in step[1:]])


def case_expr(case):
    if case.get("construct"):
        # a constructor's case (`binary 5`): no mini-notation pattern to start from
        return " $ ".join(["(%s)" % ph_step(case["construct"])] + [ph_step(s) for s in case["chain"]])
    base = ph_string(case["mini"])
    if case.get("control"):
        base = "%s %s" % (case["control"], base)
    return " $ ".join([base] + [ph_step(s) for s in case["chain"]])


def read_exclusions(folder):
    """exclusions.txt beside the cases: `ID reason` per line, # comments."""
    out = {}
    path = os.path.join(folder, "exclusions.txt")
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if line:
                    cid, _, why = line.partition(" ")
                    out[cid] = why.strip()
    return out


def bound(b):
    return str(b) if isinstance(b, str) else ph_number(b).strip("()")


def norm_time(t):
    # Exact fractions, signs compared (a whole may begin before cycle 0).
    return None if t == "-" else Fraction(t)


def norm_value(v):
    try:
        f = float(v)
        if f == f and abs(f) != float("inf"):
            return ("num", round(f, 9))
    except ValueError:
        pass
    return ("word", v)


def norm_event(e):
    wb, we, pb, pe, v = e
    return (norm_time(wb), norm_time(we), norm_time(pb), norm_time(pe), norm_value(v))


def run_case(phonon, case):
    expr = case_expr(case)
    lo, hi = case["cycles"]
    cmd = [phonon, "query", "--from", bound(lo), "--to", bound(hi), expr]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        return False, expr, "timed out"
    if r.returncode != 0:
        return False, expr, "exit %d: %s" % (r.returncode, r.stderr.strip()[:300])
    got = []
    for line in r.stdout.splitlines():
        parts = line.split(" ", 4)
        if len(parts) != 5:
            return False, expr, "malformed line %r" % line
        got.append(norm_event(parts))
    want = Counter(norm_event(e) for e in case["events"])
    have = Counter(got)
    if want == have:
        return True, expr, ""
    missing = list((want - have).elements())[:3]
    extra = list((have - want).elements())[:3]
    fmt = lambda evs: "; ".join(" ".join("-" if x is None else str(x) for x in e[:4]) + " " +
                                str(e[4][1]) for e in evs)
    return False, expr, "%d events, want %d; missing [%s] extra [%s]" % (
        sum(have.values()), sum(want.values()), fmt(missing), fmt(extra))


# Behaviour of the command line itself: (arguments, exit status, text stdout must equal or
# stderr must contain).
CLI_CHECKS = [
    (['"bd sn"'], 0, "0/1 1/2 0/1 1/2 bd\n1/2 1/1 1/2 1/1 sn\n", None),
    (["--from", "1/3", "--to", "2/3", '"a b"'], 0,
     "0/1 1/2 1/3 1/2 a\n1/2 1/1 1/2 2/3 b\n", None),
    (["--from=1.5", "--to=2", '"a"'], 0, "1/1 2/1 3/2 2/1 a\n", None),
    (["--from", "-1", "--to", "0", '"a"'], 0, "-1/1 0/1 -1/1 0/1 a\n", None),
    (["--from", "1", "--to", "1", '"a"'], 0, "1/1 2/1 1/1 1/1 a\n", None),  # as Strudel: a point
    (['"0.1 0.2" + 0.2'], 0, "0/1 1/2 0/1 1/2 0.30000000000000004\n1/2 1/1 1/2 1/1 0.4\n", None),
    (['"bd:3 c4 -1.5"'], 0,
     "0/1 1/3 0/1 1/3 bd:3\n1/3 2/3 1/3 2/3 c4\n2/3 1/1 2/3 1/1 -1.5\n", None),
    (['"a b"', "$", "fast", "2"], 0,
     "0/1 1/4 0/1 1/4 a\n1/4 1/2 1/4 1/2 b\n1/2 3/4 1/2 3/4 a\n3/4 1/1 3/4 1/1 b\n", None),
    (["--to", "1/2", "sine"], 0, "- - 0/1 1/2 0.5\n", None),
    (['"bd sn" $ fsat 2'], 2, None, "1:11: unknown function 'fsat' (did you mean 'fast'?)"),
    (['"bd [sn"'], 2, None, "1:8:"),
    (['"bd sn" $ every 3 (fast 2'], 2, None, "1:19: unclosed '('"),
    (['"bd" $ fast 2)'], 2, None, "1:14: unmatched ')'"),
    (['"bd" $ rev\n  $ fast x'], 2, None, "2:10: unknown function 'x'"),
    (["rev"], 2, None, "1:1:"),
    (["--from", "x", '"a"'], 2, None, "not a time"),
    (["--from", "2", "--to", "1", '"a"'], 2, None, "--from must not be after --to"),
    (["--bogus", '"a"'], 2, None, "unknown option"),
    ([], 2, None, "usage"),
    # --locations: " @B-E" per source span, byte offsets into EXPR (the atom is EXPR[B:E])
    (["--locations", '"bd [sn cp]*2"'], 0,
     "0/1 1/2 0/1 1/2 bd @1-3\n1/2 5/8 1/2 5/8 sn @5-7 @12-13\n5/8 3/4 5/8 3/4 cp @8-10 @12-13\n"
     "3/4 7/8 3/4 7/8 sn @5-7 @12-13\n7/8 1/1 7/8 1/1 cp @8-10 @12-13\n", None),
    (["--locations", "--to", "2", '"a b" $ fast "<1 2>"'], 0,
     "0/1 1/2 0/1 1/2 a @15-16 @1-2\n1/2 1/1 1/2 1/1 b @15-16 @3-4\n"
     "1/1 5/4 1/1 5/4 a @17-18 @1-2\n5/4 3/2 5/4 3/2 b @17-18 @3-4\n"
     "3/2 7/4 3/2 7/4 a @17-18 @1-2\n7/4 2/1 7/4 2/1 b @17-18 @3-4\n", None),
    (["--locations", '"0 1"', "+", '"10"'], 0,
     "0/1 1/2 0/1 1/2 10 @9-11 @1-2\n1/2 1/1 1/2 1/1 11 @9-11 @3-4\n", None),
    (["--locations", "--to", "1/2", "sine"], 0, "- - 0/1 1/2 0.5\n", None),  # signals: none
]


def run_cli_checks(phonon):
    passed = failed = 0
    for args, status, out, err in CLI_CHECKS:
        args = [a.replace("\\n", "\n") for a in args]
        r = subprocess.run([phonon, "query"] + args, capture_output=True, text=True, timeout=20)
        ok = r.returncode == status and (out is None or r.stdout == out) and \
            (err is None or err in r.stderr)
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL cli %r: exit %d, stdout %r, stderr %r" % (args, r.returncode, r.stdout[:200],
                                                                 r.stderr[:200]))
    print("cli: %d passed, %d failed" % (passed, failed))
    return passed, failed


def main(argv):
    verbose = "--verbose" in argv
    args = [a for a in argv[1:] if a != "--verbose"]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    phonon, files = args[0], args[1:]
    require_random = os.environ.get("PHONON_ALLOW_RANDOM_FAILURES") != "1"
    total_pass, total_fail = run_cli_checks(phonon)
    hard_fail = total_fail > 0
    for path in files:
        name = os.path.basename(path)
        excluded = read_exclusions(os.path.dirname(os.path.abspath(path)))
        passed = failed = skipped = 0
        with open(path) as f:
            for line in f:
                if not line.strip():
                    continue
                case = json.loads(line)
                if case["id"] in excluded:
                    skipped += 1
                    continue
                try:
                    ok, expr, why = run_case(phonon, case)
                except ValueError as e:
                    ok, expr, why = False, case.get("mini"), "cannot express: %s" % e
                if ok:
                    passed += 1
                    if verbose:
                        print("ok   %s %s" % (case["id"], expr))
                else:
                    failed += 1
                    print("FAIL %s %s: %s  [%s]" % (name, case["id"], why, expr))
        print("%s: %d passed, %d failed%s" % (name, passed, failed,
                                               ", %d excluded" % skipped if skipped else ""))
        total_pass += passed
        total_fail += failed
        if failed and (require_random or not name.startswith("random")):
            hard_fail = True
    print("%d passed, %d failed" % (total_pass, total_fail))
    return 1 if hard_fail else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

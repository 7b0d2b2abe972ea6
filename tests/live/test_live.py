#!/usr/bin/env python3
"""`phonon live` and `phonon play` through real audio outputs, run by `./waf test`:

    test_live.py BUILD_DIR

- JACK: a private dummy server (`jackd -d dummy -r 48000 -p 256`, named so that it never
  meets another one) and a capture client (tests/live/jack_probe.c) that reports what it
  hears every 50 ms. `phonon live` plays a sine; an edit saved by rename, an edit written
  in place, a deleted file written again each change the frequency within a short time;
  a broken edit prints FILE:line:col and the old sound plays on; the status line's cycle
  never goes back and follows the text's tempo; Ctrl-C exits 0 with a fade (the last
  samples are near 0). `phonon play --duration 1` plays one second and exits.
- ALSA, with a configuration of its own (ALSA_CONFIG_PATH): a `file` device that writes
  what it is given, so `phonon play` through ALSA is checked to the sample.
- No output at all (no JACK server, an ALSA with no devices), a missing file, a broken
  file, a bad option: a clear message and an exit code, never a crash or a hang.

The JACK tests are skipped, saying so, only when jackd cannot start here; with
PHONON_REQUIRE_JACK=1 (CI) that is a failure. Ends with "N passed, N failed, N skipped".
"""
import array
import math
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time

RATE = 48000
FADE = 0.05  # phonon's fade-out, seconds

results = {"passed": 0, "failed": 0, "skipped": 0}


def check(ok, what, detail=""):
    results["passed" if ok else "failed"] += 1
    print("%s: %s%s" % ("ok" if ok else "FAIL", what, (" -- " + detail) if detail and (not ok or len(detail) < 80) else ""))
    sys.stdout.flush()
    return ok


def skip(what, why):
    results["skipped"] += 1
    print("SKIP: %s -- %s" % (what, why))


def write_file(path, text, by_rename=True):
    """Saves as editors do (a new file renamed over the old one) or in place."""
    if by_rename:
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, path)
    else:
        with open(path, "w") as f:
            f.write(text)


def read_wav_floats(path):
    """The data chunk of a 32-bit float WAV as an array of floats (interleaved)."""
    data = open(path, "rb").read()
    pos = 12
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if cid == b"data":
            a = array.array("f")
            a.frombytes(data[pos + 8:pos + 8 + size - size % 4])
            return a
        pos += 8 + size + (size & 1)
    return array.array("f")


def sine_freq(x, rate=RATE):
    """Frequency from the interpolated upward zero crossings."""
    ts = []
    for i in range(1, len(x)):
        p, q = x[i - 1], x[i]
        if p < 0 <= q:
            ts.append(i - 1 + p / (p - q))
    return (len(ts) - 1) * rate / (ts[-1] - ts[0]) if len(ts) >= 2 else 0.0


def took(t):
    return "took %.2f s" % t if t is not None else "not within the time"


def peak(x):
    return max((abs(v) for v in x), default=0.0)


class Lines:
    """Collects a stream's lines on a thread, with the time each arrived."""

    def __init__(self, stream):
        self.lines, self.lock = [], threading.Lock()
        self.t = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.t.start()

    def _read(self, stream):
        for line in iter(stream.readline, ""):
            with self.lock:
                self.lines.append((time.monotonic(), line.rstrip("\n")))

    def since(self, index):
        with self.lock:
            return self.lines[index:]

    def count(self):
        with self.lock:
            return len(self.lines)

    def text(self):
        with self.lock:
            return "\n".join(l for _, l in self.lines)

    def wait_for(self, pattern, timeout, start=0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for _, l in self.since(start):
                if re.search(pattern, l):
                    return l
            time.sleep(0.02)
        return None


class Probe:
    """The capture client: its readings (rms, freq, peak of the last 100 ms)."""
    LINE = re.compile(r"t=([\d.]+) rms=([\d.]+) freq=([\d.]+) peak=([\d.]+)")

    def __init__(self, exe, name, wav, env, seconds=60):
        self.wav = wav
        self.p = subprocess.Popen([exe, name, wav, str(seconds)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, env=env)
        self.out = Lines(self.p.stdout)
        self.err = Lines(self.p.stderr)

    def ready(self, timeout=5):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.out.wait_for(r"^ready", 0.05) is not None:
                return True
            if self.p.poll() is not None:  # exit 3: no server (yet)
                return False
        return False

    def readings(self, start=0):
        r = []
        for t, l in self.out.since(start):
            m = self.LINE.match(l)
            if m:
                r.append((t, float(m.group(2)), float(m.group(3)), float(m.group(4))))
        return r

    def wait_sine(self, freq, timeout, tol=0.02, start=None):
        """Seconds until two readings in a row hear a sine at freq (None: never)."""
        t0 = time.monotonic()
        start = self.out.count() if start is None else start
        while time.monotonic() - t0 < timeout:
            r = self.readings(start)
            for a, b in zip(r, r[1:]):
                if all(abs(x[2] - freq) <= tol * freq and x[1] > 0.2 for x in (a, b)):
                    return b[0] - t0
            time.sleep(0.02)
        return None

    def stop(self):
        self.p.send_signal(signal.SIGTERM)
        try:
            self.p.wait(10)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
        self.out.t.join(2)
        return read_wav_floats(self.wav) if os.path.exists(self.wav) else array.array("f")


def run(cmd, env, timeout=20):
    """Runs to the end; (exit code, stderr). A hang is a failure, not a stuck test."""
    try:
        p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stderr
    except subprocess.TimeoutExpired as e:
        return "timeout", (e.stderr or b"").decode() if isinstance(e.stderr, bytes) else (e.stderr or "")


def no_crash(err):
    return not re.search(r"Sanitizer|runtime error|Segmentation|core dumped|Aborted", err)


def tail_fade_ok(left, what):
    """The end of the sound: a fade, not a cut. The last samples before silence are near
    0, and FADE seconds before the end the sound was still loud."""
    idx = [i for i in range(len(left)) if abs(left[i]) > 1e-4]
    if not check(len(idx) > RATE // 2, what + ": there is sound before the end", "%d samples" % len(idx)):
        return
    e = idx[-1] + 1
    last = peak(left[e - 32:e])
    before = peak(left[e - int(2 * FADE * RATE):e - int(1.2 * FADE * RATE)])
    check(last < 0.03 and before > 0.4, what + ": fades out (no click)",
          "peak of the last 32 samples %.3f, of 60-100 ms before the end %.3f" % (last, before))


def alsa_conf(d, raw):
    path = os.path.join(d, "alsa.conf")
    with open(path, "w") as f:
        f.write('pcm.null { type null }\n'
                'pcm.phcap { type file slave.pcm "null" file "%s" format "raw" }\n' % raw)
    return path


def test_bad_input(phonon, d, env):
    empty = os.path.join(d, "empty.conf")
    open(empty, "w").close()
    nodev = dict(env, ALSA_CONFIG_PATH=empty, JACK_DEFAULT_SERVER="phonon-none-%d" % os.getpid())
    good = os.path.join(d, "good.ph")
    write_file(good, "out: sine 440 * 0.5\n")
    for cmd in ("live", "play"):
        rc, err = run([phonon, cmd, good], nodev)
        check(rc == 1 and "no audio output" in err and "no JACK server is running" in err and
              "ALSA device 'default' cannot be opened" in err and no_crash(err),
              "phonon %s with no JACK server and no ALSA device: a clear message, exit 1" % cmd,
              "rc %r, stderr: %s" % (rc, err.strip()))
    rc, err = run([phonon, "live", good, "--device", "jack"], nodev)
    check(rc == 1 and "no JACK server is running" in err and no_crash(err),
          "--device jack with no server: says so, exit 1", "rc %r, stderr: %s" % (rc, err.strip()))
    rc, err = run([phonon, "live", good, "--device", "hw:9"], nodev)
    check(rc == 1 and "ALSA device 'hw:9' cannot be opened" in err and no_crash(err),
          "--device hw:9 that does not exist: says so, exit 1", "rc %r, stderr: %s" % (rc, err.strip()))
    rc, err = run([phonon, "live", os.path.join(d, "missing.ph")], nodev)
    check(rc == 2 and "cannot open" in err and no_crash(err), "a missing file: exit 2 with a message",
          "rc %r, stderr: %s" % (rc, err.strip()))
    rc, err = run([phonon, "live", good, "--rate", "x"], nodev)
    check(rc == 2 and "bad value" in err, "a bad option value: exit 2", "rc %r, stderr: %s" % (rc, err.strip()))
    # a broken first version, with a device to open (ALSA's null device)
    nulldev = dict(env, ALSA_CONFIG_PATH=alsa_conf(d, os.path.join(d, "unused.raw")),
                   JACK_DEFAULT_SERVER=nodev["JACK_DEFAULT_SERVER"])
    broken = os.path.join(d, "broken.ph")
    write_file(broken, "out: sine 440 # lpff 300\n")
    for cmd in ("live", "play"):
        rc, err = run([phonon, cmd, broken, "--device", "null"], nulldev)
        check(rc == 2 and re.search(r"^%s:1:\d+: " % re.escape(broken), err, re.M) and no_crash(err),
              "phonon %s on a broken file: FILE:line:col: message, exit 2" % cmd,
              "rc %r, stderr: %s" % (rc, err.strip()))


def test_play_alsa(phonon, d, env):
    raw = os.path.join(d, "alsa.raw")
    e = dict(env, ALSA_CONFIG_PATH=alsa_conf(d, raw), JACK_DEFAULT_SERVER="phonon-none-%d" % os.getpid())
    f = os.path.join(d, "play.ph")
    write_file(f, "tempo: 2\nout: sine 440 * 0.5\n")
    rc, err = run([phonon, "play", f, "--device", "phcap", "--cycles", "1"], e)
    ok = check(rc == 0 and "ALSA 'phcap'" in err and no_crash(err), "phonon play through an ALSA device: exit 0",
               "rc %r, stderr: %s" % (rc, err.strip()))
    if not ok or not os.path.exists(raw):
        return
    a = array.array("f")
    a.frombytes(open(raw, "rb").read())
    left = a[0::2]
    n = RATE // 2  # one cycle at tempo 2
    fade = int(FADE * RATE)
    f0 = sine_freq(left[:n - fade])
    check(abs(f0 - 440) < 1 and abs(peak(left[:n - fade]) - 0.5) < 0.01, "ALSA: a 440 Hz sine at 0.5",
          "%.2f Hz, peak %.3f" % (f0, peak(left[:n - fade])))
    check(peak(left[n:]) == 0 and peak(left[n - 8:n]) < 0.01 and peak(left[n - fade:n - fade + 200]) > 0.45,
          "ALSA: one cycle at the text's tempo (0.5 s), the last 50 ms faded to exactly 0",
          "after the end %.3g, last 8 %.3g" % (peak(left[n:]), peak(left[n - 8:n])))


def start_jack(env, d):
    """A private dummy server; None (and why) when it cannot start here."""
    jackd = shutil.which("jackd")
    if not jackd:
        return None, "jackd is not installed (Debian package jackd2; tools/install-deps installs it)"
    log = open(os.path.join(d, "jackd.log"), "w")
    p = subprocess.Popen([jackd, "--no-realtime", "-n", env["JACK_DEFAULT_SERVER"], "-d", "dummy", "-r", str(RATE),
                          "-p", "256"], stdout=log, stderr=subprocess.STDOUT, env=env)
    return p, None


def stop_jack(p):
    if p and p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def cycles_of(lines):
    return [float(m.group(1)) for m in (re.match(r"cycle ([\d.]+) ", l) for _, l in lines) if m]


def sine_file_and_probe(probe_exe, d, env, name):
    """d/NAME.ph playing a 440 Hz sine, and a capture client NAME; (path, probe or None)."""
    f = os.path.join(d, name + ".ph")
    write_file(f, "out: sine 440 * 0.5\n")
    probe = Probe(probe_exe, name, os.path.join(d, name + ".wav"), env)
    if not check(probe.ready(), "the capture client runs"):
        probe.stop()
        return f, None
    return f, probe


def test_live_jack(phonon, probe_exe, d, env):
    f, probe = sine_file_and_probe(probe_exe, d, env, "phprobe")
    if not probe:
        return
    ph = subprocess.Popen([phonon, "live", f, "--device", "jack:phprobe"], stderr=subprocess.PIPE, text=True, env=env)
    err = Lines(ph.stderr)
    try:
        t = probe.wait_sine(440, 5)
        check(t is not None, "phonon live plays the file (440 Hz heard)", err.text())
        check(err.wait_for(r"playing .* through JACK", 1) is not None, "it names its output", err.text())
        # The tempo is the engine's default (0.5 cycles a second) until the text sets one.
        time.sleep(2.2)
        c = cycles_of(err.since(0))
        check(len(c) >= 2 and 0.35 < c[-1] - c[-2] < 0.65, "status line: about 0.5 cycles a second", str(c))

        n = err.count()
        write_file(f, "out: sine 660 * 0.5\n")
        t = probe.wait_sine(660, 2)
        check(t is not None, "an edit saved by rename changes the sound (660 Hz) within 2 s",
              took(t))
        check(err.wait_for(r"reloaded", 1, n) is not None, "and says it reloaded")

        n = err.count()
        write_file(f, "cps: 1\nout: sine 550 * 0.5\n", by_rename=False)
        t = probe.wait_sine(550, 2)
        check(t is not None, "an edit written in place changes the sound (550 Hz) within 2 s", took(t))
        time.sleep(2.2)
        c = cycles_of(err.since(n))
        check(len(c) >= 2 and 0.8 < c[-1] - c[-2] < 1.2, "the text's tempo (cps: 1) is taken",
              str(c))

        n, r0 = err.count(), probe.out.count()
        write_file(f, "cps: 1\nout: sine 880 * 0.5 # lpff 300\n")
        line = err.wait_for(r"^%s:\d+:\d+: " % re.escape(f), 3, n)
        check(line is not None and line.startswith(f + ":2:"), "a broken edit prints FILE:line:col: message",
              repr(line))
        time.sleep(1.0)
        r = probe.readings(r0)
        steady = [x for x in r if abs(x[2] - 550) <= 11 and x[1] > 0.3]
        check(len(r) >= 15 and len(steady) == len(r), "and the old sound plays on (550 Hz, every reading)",
              "%d of %d readings" % (len(steady), len(r)))

        n = err.count()
        os.unlink(f)
        check(err.wait_for(r"is gone", 2, n) is not None, "a removed file is reported")
        r0 = probe.out.count()
        time.sleep(0.5)
        r = probe.readings(r0)
        check(r and all(abs(x[2] - 550) <= 11 for x in r), "and the sound plays on")
        write_file(f, "cps: 1\nout: sine 330 * 0.5\n", by_rename=False)
        t = probe.wait_sine(330, 2)
        check(t is not None, "the file written again is played (330 Hz) within 2 s", took(t))

        c = cycles_of(err.since(0))
        check(len(c) >= 5 and all(b >= a for a, b in zip(c, c[1:])),
              "the cycle count never goes back across swaps (the clock runs on)", str(c))

        time.sleep(0.3)
        ph.send_signal(signal.SIGINT)
        try:
            rc = ph.wait(5)
        except subprocess.TimeoutExpired:
            ph.kill()
            rc = "hang"
        check(rc == 0, "Ctrl-C: exits 0", "rc %r" % rc)
        time.sleep(0.3)
    finally:
        if ph.poll() is None:
            ph.kill()
            ph.wait()
        audio = probe.stop()
    check(no_crash(err.text()), "no crash or sanitizer report", err.text())
    left = audio[0::2]
    tail_fade_ok(left, "Ctrl-C")


def test_play_jack(phonon, probe_exe, d, env):
    f, probe = sine_file_and_probe(probe_exe, d, env, "phprobe2")
    if not probe:
        return
    t0 = time.monotonic()
    rc, err = run([phonon, "play", f, "--duration", "1", "--device", "jack:phprobe2"], env)
    took = time.monotonic() - t0
    time.sleep(0.2)
    left = probe.stop()[0::2]
    check(rc == 0 and took < 4 and no_crash(err), "phonon play --duration 1 plays and exits 0",
          "rc %r after %.1f s, stderr: %s" % (rc, took, err.strip()))
    idx = [i for i in range(len(left)) if abs(left[i]) > 1e-4]
    length = (idx[-1] - idx[0]) / RATE if idx else 0
    check(0.9 < length <= 1.0, "about one second of sound (the first blocks play before the ports connect)",
          "%.3f s" % length)
    if idx:
        f0 = sine_freq(left[idx[0]:idx[0] + RATE // 2])
        check(abs(f0 - 440) < 2, "at 440 Hz", "%.1f Hz" % f0)
    tail_fade_ok(left, "play's end")


def main():
    build = os.path.abspath(sys.argv[1])
    phonon = os.path.join(build, "phonon")
    probe_exe = os.path.join(build, "tests", "phonon-jack-probe")
    env = dict(os.environ)
    # a server of our own, never a developer's
    env["JACK_DEFAULT_SERVER"] = "phonon-test-%d" % os.getpid()
    env["JACK_NO_AUDIO_RESERVATION"] = "1"
    with tempfile.TemporaryDirectory(prefix="phonon-live-") as d:
        test_bad_input(phonon, d, env)
        test_play_alsa(phonon, d, env)
        jack, why = start_jack(env, d)
        try:
            if jack:
                up, deadline = False, time.monotonic() + 10
                while not up and time.monotonic() < deadline and jack.poll() is None:
                    probe = Probe(probe_exe, "phprobe0", os.path.join(d, "p0.wav"), env)
                    up = probe.ready(2)
                    probe.stop()
                    time.sleep(0 if up else 0.2)
                if not up:
                    why = "jackd did not start: " + open(os.path.join(d, "jackd.log")).read()[-500:]
            if why:
                if os.environ.get("PHONON_REQUIRE_JACK") == "1":
                    check(False, "JACK tests", why)
                else:
                    skip("JACK tests (phonon live / play against a dummy server)", why)
            else:
                test_live_jack(phonon, probe_exe, d, env)
                test_play_jack(phonon, probe_exe, d, env)
        finally:
            stop_jack(jack)
    print("live: %d passed, %d failed, %d skipped" % (results["passed"], results["failed"], results["skipped"]))
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())

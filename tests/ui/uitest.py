"""Helpers shared by the editor's end-to-end tests (jalv_test.py, edit_test.py): running
tools, a JACK dummy server of their own, recording a port, counting screenshot pixels."""
import os
import struct
import subprocess
import wave

ACTIVE = (0xFF, 0xC8, 0x28)     # ui/ph_ui_theme.h: outline of a sounding atom
UNDERLINE = (0xF0, 0x3C, 0x3C)  # the error underline


def run(*cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def start_jack(server):
    """A JACK dummy server named `server` (JACK_DEFAULT_SERVER must name it too)."""
    p = subprocess.Popen(["jackd", "-r", "-n", server, "-d", "dummy", "-r", "48000", "-p", "512"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    run("jack_wait", "-w", "-t", "10")
    return p


def stop(procs):
    """Terminates what a test started, newest first, killing what does not stop."""
    for p in reversed(procs):
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()


def rms_of_port(port, seconds, out):
    """Records a JACK port for `seconds` and returns the RMS (full scale = 1)."""
    run("jack_rec", "-f", out, "-d", str(seconds), port, timeout=seconds + 20)
    with wave.open(out) as f:
        data = f.readframes(f.getnframes())
        width = f.getsampwidth()
    if width != 2 or not data:
        return 0.0
    s = struct.unpack("<%dh" % (len(data) // 2), data)
    return (sum(x * x for x in s) / len(s)) ** 0.5 / 32768.0


def count_pixels(path, color, y_max):
    """Pixels of exactly `color` in the top y_max rows of an image (through ImageMagick)."""
    w, h = (int(x) for x in run("identify", "-format", "%w %h", path).split())
    raw = subprocess.run(["convert", path, "-depth", "8", "rgb:-"], check=True,
                         capture_output=True).stdout
    end = min(len(raw), w * 3 * min(h, y_max))
    return sum(1 for i in range(0, end, 3) if (raw[i], raw[i + 1], raw[i + 2]) == color)


def screenshot(win, path):
    run("import", "-window", win, path)
    return path


class Checks:
    """Prints each check as it is made and the closing 'N passed, N failed' line."""

    def __init__(self):
        self.passed = self.failed = 0

    def __call__(self, ok, what):
        print(("ok   " if ok else "FAIL ") + what, flush=True)
        if ok:
            self.passed += 1
        else:
            self.failed += 1

    def finish(self):
        print("%d passed, %d failed" % (self.passed, self.failed))
        return 1 if self.failed else 0

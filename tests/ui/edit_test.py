#!/usr/bin/env python3
"""`phonon edit FILE.ph` on a JACK dummy server, under the X server in $DISPLAY: the file
plays when the window opens; a program typed and evaluated with Ctrl+Enter plays and is
saved to the file; a broken one shows its error in place while the old one plays on;
Ctrl+. hushes; SIGTERM saves what is in the window and exits cleanly.

Usage: edit_test.py BUILD_DIR"""
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import wave

UNDERLINE = (0xF0, 0x3C, 0x3C)  # ui/ph_ui_theme.h


def run(*cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def rms(port, tmp, name):
    out = os.path.join(tmp, name)
    run("jack_rec", "-f", out, "-d", "1", port, timeout=30)
    with wave.open(out) as f:
        data = f.readframes(f.getnframes())
    s = struct.unpack("<%dh" % (len(data) // 2), data)
    return (sum(x * x for x in s) / max(1, len(s))) ** 0.5 / 32768.0


def red_pixels(win, tmp):
    shot = os.path.join(tmp, "edit.png")
    run("import", "-window", win, shot)
    w, h = (int(x) for x in run("identify", "-format", "%w %h", shot).split())
    raw = subprocess.run(["convert", shot, "-depth", "8", "rgb:-"], check=True,
                         capture_output=True).stdout
    return sum(1 for i in range(0, min(len(raw), w * 3 * 200), 3)
               if (raw[i], raw[i + 1], raw[i + 2]) == UNDERLINE)


def main():
    build = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="phonon-edit-")
    server = "phonon-edit-test-%d" % os.getpid()
    os.environ.update(JACK_DEFAULT_SERVER=server, XDG_CONFIG_HOME=os.path.join(tmp, "cfg"))
    path = os.path.join(tmp, "song.ph")
    with open(path, "w") as f:
        f.write("out: sine 440 * 0.3\n")
    failures = []

    def check(ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)

    procs = []
    try:
        procs.append(subprocess.Popen(["jackd", "-r", "-n", server, "-d", "dummy", "-r", "48000",
                                       "-p", "512"], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL))
        run("jack_wait", "-w", "-t", "10")
        log = open(os.path.join(tmp, "edit.log"), "w")
        edit = subprocess.Popen([os.path.join(build, "phonon"), "edit", path], stdout=log,
                                stderr=subprocess.STDOUT)
        procs.append(edit)
        win = run("timeout", "30", "xdotool", "search", "--sync", "--onlyvisible", "--classname",
                  "phonon-editor").split()[0]
        time.sleep(0.5)
        r = rms("phonon:out_l", tmp, "open.wav")
        check(r > 0.15, "the file plays when the window opens (RMS %.3f)" % r)

        program = 'out: s "bd*4 sn" # gain 0.5'
        run("xdotool", "mousemove", "--window", win, "300", "30", "click", "1")
        time.sleep(0.2)
        run("xdotool", "key", "ctrl+a")
        run("xdotool", "type", "--delay", "10", program)
        run("xdotool", "key", "ctrl+Return")
        time.sleep(0.5)
        check(open(path).read() == program, "Ctrl+Enter saves the file")
        r = rms("phonon:out_l", tmp, "typed.wav")
        check(0.01 < r < 0.15, "the typed program plays (RMS %.3f, not the sine)" % r)

        run("xdotool", "key", "ctrl+End")
        run("xdotool", "type", "--delay", "10", " # lfp 800")
        run("xdotool", "key", "ctrl+Return")
        time.sleep(0.5)
        check(red_pixels(win, tmp) > 0, "the error is underlined in place")
        r = rms("phonon:out_l", tmp, "error.wav")
        check(0.01 < r < 0.15, "the old program plays on (RMS %.3f)" % r)

        run("xdotool", "key", "ctrl+period")
        time.sleep(0.3)
        r = rms("phonon:out_l", tmp, "hush.wav")
        check(r == 0.0, "Ctrl+. hushes (RMS %.4f)" % r)

        run("xdotool", "type", "--delay", "10", "0")
        edit.send_signal(signal.SIGTERM)
        rc = edit.wait(10)
        check(rc == 0, "SIGTERM exits cleanly (%d)" % rc)
        check(open(path).read() == program + " # lfp 8000", "what is in the window is saved")
    except Exception as e:
        check(False, "edit test ran to the end (%s)" % e)
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(5)
                except subprocess.TimeoutExpired:
                    p.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (8 - len(failures), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

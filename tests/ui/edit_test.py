#!/usr/bin/env python3
"""`phonon edit FILE.ph` on a JACK dummy server, under the X server in $DISPLAY: the file
plays when the window opens; a program typed and evaluated with Ctrl+Enter plays and is
saved to the file; a broken one shows its error in place while the old one plays on;
Ctrl+. hushes; SIGTERM saves what is in the window and exits cleanly.

Usage: edit_test.py BUILD_DIR"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from uitest import UNDERLINE, Checks, count_pixels, rms_of_port, run, screenshot, start_jack, stop


def rms(port, tmp, name):
    return rms_of_port(port, 1, os.path.join(tmp, name))


def red_pixels(win, tmp):
    return count_pixels(screenshot(win, os.path.join(tmp, "edit.png")), UNDERLINE, 200)


def main():
    build = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="phonon-edit-")
    server = "phonon-edit-test-%d" % os.getpid()
    os.environ.update(JACK_DEFAULT_SERVER=server, XDG_CONFIG_HOME=os.path.join(tmp, "cfg"))
    path = os.path.join(tmp, "song.ph")
    with open(path, "w") as f:
        f.write("out: sine 440 * 0.3\n")
    check = Checks()
    procs = []
    try:
        procs.append(start_jack(server))
        log = open(os.path.join(tmp, "edit.log"), "w")
        edit = subprocess.Popen([os.path.join(build, "phonon"), "edit", path], stdout=log,
                                stderr=subprocess.STDOUT)
        procs.append(edit)
        win = run("timeout", "30", "xdotool", "search", "--sync", "--onlyvisible", "--classname",
                  "phonon-editor").split()[0]
        time.sleep(0.5)
        r = rms("phonon:out_left", tmp, "open.wav")
        check(r > 0.15, "the file plays when the window opens (RMS %.3f)" % r)

        program = 'out: s "bd*4 sn" # gain 0.5'
        run("xdotool", "mousemove", "--window", win, "300", "30", "click", "1")
        time.sleep(0.2)
        run("xdotool", "key", "ctrl+a")
        run("xdotool", "type", "--delay", "10", program)
        run("xdotool", "key", "ctrl+Return")
        time.sleep(0.5)
        check(open(path).read() == program, "Ctrl+Enter saves the file")
        r = rms("phonon:out_left", tmp, "typed.wav")
        check(0.003 < r < 0.15, "the typed program plays (RMS %.3f, not the sine)" % r)

        run("xdotool", "key", "ctrl+End")
        run("xdotool", "type", "--delay", "10", " # lfp 800")
        run("xdotool", "key", "ctrl+Return")
        time.sleep(0.5)
        check(red_pixels(win, tmp) > 0, "the error is underlined in place")
        r = rms("phonon:out_left", tmp, "error.wav")
        check(0.003 < r < 0.15, "the old program plays on (RMS %.3f)" % r)

        run("xdotool", "key", "ctrl+period")
        time.sleep(0.3)
        r = rms("phonon:out_left", tmp, "hush.wav")
        check(r == 0.0, "Ctrl+. hushes (RMS %.4f)" % r)

        run("xdotool", "type", "--delay", "10", "0")
        edit.send_signal(signal.SIGTERM)
        rc = edit.wait(10)
        check(rc == 0, "SIGTERM exits cleanly (%d)" % rc)
        check(open(path).read() == program + " # lfp 8000", "what is in the window is saved")
    except Exception as e:
        check(False, "edit test ran to the end (%s)" % e)
    finally:
        stop(procs)
        shutil.rmtree(tmp, ignore_errors=True)
    return check.finish()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The editor inside a real host: jalv.gtk3 (suil's X11-in-GTK3 embedding) on a JACK
dummy server, under the X server in $DISPLAY. Checks, as a user would see and hear it:

1. a program typed into the plugin's window and evaluated with Ctrl+Enter is what the
   plugin plays (it notifies that text back) and it sounds (recorded from its port);
2. the sounding atoms are outlined while the transport rolls (screenshot pixels);
3. a broken program shows its error underlined in the window while the old one plays on;
4. the evaluated text and the unevaluated draft are saved with the state (a preset saved
   through jalv's own menu).

Usage: jalv_test.py BUILD_DIR [SCREENSHOT_DIR]"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from uitest import (ACTIVE, UNDERLINE, Checks, count_pixels, rms_of_port, run, start_jack,
                    stop)


def xdo(*args):
    return run("xdotool", *args)


def plugin_texts(dump):
    """Every value the plugin notified for ph:text, in order (jalv -d's Turtle dump)."""
    texts = []
    for block in dump.split("## ")[1:]:
        if not block.startswith("Plugin => UI") or "<urn:phonon:text>" not in block:
            continue
        m = re.search(r'patch:value\s+(""".*?"""|".*?(?<!\\)")', block, re.S)
        if m:
            v = m.group(1)
            v = v[3:-3] if v.startswith('"""') else v[1:-1]
            texts.append(v.replace('\\"', '"'))
    return texts


def main():
    build = os.path.abspath(sys.argv[1])
    shots = sys.argv[2] if len(sys.argv) > 2 else None
    for tool in ("jalv.gtk3", "jackd", "jack_rec", "jack_transport", "xdotool", "convert"):
        if not shutil.which(tool):
            print("jalv_test: %s missing (tools/install-deps installs it)" % tool)
            return 1
    tmp = tempfile.mkdtemp(prefix="phonon-jalv-")
    server = "phonon-ui-test-%d" % os.getpid()
    env = dict(os.environ, JACK_DEFAULT_SERVER=server, HOME=os.path.join(tmp, "home"),
               XDG_CONFIG_HOME=os.path.join(tmp, "config"))
    os.makedirs(env["HOME"])
    lv2 = os.path.join(tmp, "lv2")
    os.makedirs(lv2)
    os.symlink(os.path.join(build, "phonon.lv2"), os.path.join(lv2, "phonon.lv2"))
    env["LV2_PATH"] = lv2 + ":/usr/lib/lv2"
    os.environ.update(env)
    procs = []
    check = Checks()
    try:
        procs.append(start_jack(server))
        dump_path = os.path.join(tmp, "jalv.out")
        dump = open(dump_path, "w")
        jalv = subprocess.Popen(["stdbuf", "-oL", "jalv.gtk3", "-d", "urn:phonon:phonon"],
                                stdout=dump, stderr=subprocess.STDOUT)
        procs.append(jalv)
        win = run("timeout", "30", "xdotool", "search", "--sync", "--onlyvisible",
                  "--classname", "phonon-editor").split()[0]
        subprocess.run(["jack_transport"], input="play\nquit\n", text=True,
                       capture_output=True, timeout=10)
        time.sleep(1.0)

        # 1. type, evaluate, hear it
        program = 'out: s "bd*2 [sn cp]" # gain 0.9'
        xdo("mousemove", "--window", win, "300", "60", "click", "1")
        time.sleep(0.3)
        xdo("key", "ctrl+a")
        xdo("type", "--delay", "12", program)
        xdo("key", "ctrl+Return")
        time.sleep(1.5)
        texts = plugin_texts(open(dump_path).read())
        check(program in texts, "the plugin plays the typed program (it notified %r)" % texts[-1:])
        rms = rms_of_port("Phonon:out_l", 2, os.path.join(tmp, "play.wav"))
        check(rms > 0.003, "the typed program sounds (RMS %.4f)" % rms)

        # 2. the sounding atoms light up while the transport rolls
        lit = 0
        for i in range(6):
            shot = os.path.join(tmp, "playing.png")
            run("import", "-window", win, shot)
            lit = max(lit, count_pixels(shot, ACTIVE, 120))
            if lit:
                if shots:
                    shutil.copy(shot, os.path.join(shots, "jalv-playing.png"))
                break
            time.sleep(0.13)
        check(lit > 0, "sounding atoms are outlined (%d pixels)" % lit)

        # 3. a broken program: error in place, the old one plays on
        xdo("key", "ctrl+End")
        xdo("type", "--delay", "12", "\n~x: saw 55 # lfp 800\n")
        xdo("key", "ctrl+Return")
        time.sleep(1.0)
        shot = os.path.join(tmp, "error.png")
        run("import", "-window", win, shot)
        if shots:
            shutil.copy(shot, os.path.join(shots, "jalv-error.png"))
        red = count_pixels(shot, UNDERLINE, 200)
        check(red > 0, "the error is underlined in the window (%d pixels)" % red)
        rms = rms_of_port("Phonon:out_l", 2, os.path.join(tmp, "after-error.wav"))
        check(rms > 0.003, "the old program plays on after the error (RMS %.4f)" % rms)

        # 4. state: save a preset with jalv's menu; text = evaluated, draft = the broken one
        time.sleep(0.6)  # the draft goes to the plugin 0.4 s after the last key
        jwin = [w for w in xdo("search", "--onlyvisible", "--name", "^Phonon$").split() if w != win]
        xdo("mousemove", "--window", jwin[0] if jwin else win, "70", "12", "click", "1")
        time.sleep(0.5)
        xdo("mousemove", "110", "37", "click", "1")  # Presets -> Save Preset...
        dlg = run("timeout", "10", "xdotool", "search", "--sync", "--onlyvisible", "--name",
                  "Save Preset").split()[0]
        time.sleep(0.5)
        # No window manager here gives the new dialog the focus (the editor holds it):
        # do what a window manager would, then click into its Name entry.
        xdo("windowfocus", "--sync", dlg)
        xdo("mousemove", "--window", dlg, "500", "26", "click", "1")
        time.sleep(0.2)
        xdo("type", "editortest")
        geo = run("xdotool", "getwindowgeometry", "--shell", dlg)
        g = dict(line.split("=") for line in geo.split())
        time.sleep(0.3)
        xdo("mousemove", str(int(g["X"]) + int(g["WIDTH"]) - 45),
            str(int(g["Y"]) + int(g["HEIGHT"]) - 24), "sleep", "0.3", "click", "1")
        time.sleep(1.0)
        if os.environ.get("PHONON_UI_DEBUG"):
            print(g, jwin, win, os.listdir(env["HOME"]))
            subprocess.run(["import", "-window", "root", "/tmp/jalv-save.png"])
        preset = os.path.join(env["HOME"], "Phonon_editortest.preset.lv2", "editortest.ttl")
        saved = open(preset).read() if os.path.exists(preset) else ""
        check("bd*2 [sn cp]" in saved and "<urn:phonon:text>" in saved,
              "the evaluated program is saved with the state")
        check("<urn:phonon:draft>" in saved and "lfp 800" in saved,
              "the unevaluated (broken) text is saved as the draft")
    except Exception as e:  # a missing window, a tool that failed: report, never hang
        check(False, "jalv test ran to the end (%s)" % e)
        if os.environ.get("PHONON_UI_DEBUG"):
            subprocess.run(["import", "-window", "root", "/tmp/jalv-fail.png"])
    finally:
        stop(procs)
        shutil.rmtree(tmp, ignore_errors=True)
    return check.finish()


if __name__ == "__main__":
    sys.exit(main())

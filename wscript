#!/usr/bin/env python3
# Phonon build: the engine and the lilv host as static libraries, the `phonon` tool, the
# LV2 bundle and the tests. Sources are found by glob so that adding a file needs no edit here.
import os
import subprocess
import sys

from waflib import Logs, Options
from waflib.Build import BuildContext

APPNAME = "phonon"
VERSION = "0.1.0"
top = "."
out = "build"

# pkg-config name -> (uselib name, Debian package that provides it)
DEPS = [
    ("lv2", "LV2", "lv2-dev"),
    ("lilv-0", "LILV", "liblilv-dev"),
    ("serd-0", "SERD", "libserd-dev"),
    ("sord-0", "SORD", "libsord-dev"),
    ("sndfile", "SNDFILE", "libsndfile1-dev"),
    # the editor UI (ui/): Xlib, cairo and pango, no toolkit
    ("x11", "X11", "libx11-dev"),
    ("cairo", "CAIRO", "libcairo2-dev"),
    ("pangocairo", "PANGOCAIRO", "libpango1.0-dev"),
    # `phonon live` / `play` / `edit`: JACK (or PipeWire's JACK) first, else ALSA
    ("jack", "JACK", "libjack-jackd2-dev"),
    ("alsa", "ALSA", "libasound2-dev"),
]
TEST_DEPS = [("criterion", "CRITERION", "libcriterion-dev"),
             ("xtst", "XTST", "libxtst-dev")]  # the UI test host types through XTEST


# Editor files that need no X (unit-tested without a display).
UI_LOGIC = ["ph_ed_text.c", "ph_ed_undo.c", "ph_ed_spans.c", "ph_ed_syntax.c", "ph_ed_keys.c",
            "ph_editor.c", "ph_ui_source.c", "ph_ui_events.c"]


def options(opt):
    opt.load("compiler_c")
    g = opt.add_option_group("Phonon options")
    g.add_option("--lv2dir", default=None,
                 help="where the phonon.lv2 bundle is installed [default: PREFIX/lib/lv2; "
                      "per user: ~/.lv2]")
    g.add_option("--debug", action="store_true", default=False, help="build -O0 -g")
    g.add_option("--sanitize", action="store_true", default=False,
                 help="build with AddressSanitizer and UndefinedBehaviorSanitizer")
    g.add_option("--no-tests", action="store_true", default=False,
                 help="do not build the tests (criterion not needed)")


def configure(conf):
    conf.load("compiler_c")
    env = conf.env
    env.PH_TESTS = not Options.options.no_tests
    env.PH_SANITIZE = Options.options.sanitize
    deps = DEPS + (TEST_DEPS if env.PH_TESTS else [])
    for pkg, uselib, debpkg in deps:
        conf.check_cfg(package=pkg, uselib_store=uselib, args=["--cflags", "--libs"],
                       msg="Checking for %s" % pkg,
                       errmsg="not found -- install the Debian package '%s' "
                              "(or run tools/install-deps)" % debpkg)
    conf.check_cc(lib="m", uselib_store="M")
    # The lane kernels' AVX2 build (engine/dsp/ph_lanes_avx2.c), chosen at run time when
    # the CPU has AVX2; without compiler support only the baseline build is made.
    env.PH_AVX2 = conf.check_cc(fragment="int main(void) { return 0; }\n", cflags=["-mavx2"],
                                msg="Checking for -mavx2", mandatory=False)
    conf.check_cc(lib="pthread", uselib_store="PTHREAD")

    env.append_value("CFLAGS", ["-std=c11", "-Wall", "-Wextra", "-Werror", "-fPIC",
                                "-D_GNU_SOURCE", "-fno-math-errno"])
    if Options.options.debug:
        env.append_value("CFLAGS", ["-O0", "-g"])
    else:
        env.append_value("CFLAGS", ["-O2", "-g"])
    if env.PH_SANITIZE:
        san = ["-fsanitize=address,undefined", "-fno-omit-frame-pointer",
               "-fno-sanitize-recover=undefined"]
        env.append_value("CFLAGS", san)
        env.append_value("LINKFLAGS", san)
    env.LV2DIR = Options.options.lv2dir or os.path.join(env.PREFIX, "lib", "lv2")
    env.LV2DIR = os.path.expanduser(env.LV2DIR)
    conf.msg("LV2 bundle directory", env.LV2DIR)
    conf.msg("Tests", "yes" if env.PH_TESTS else "no")
    conf.msg("Sanitizers", "yes" if env.PH_SANITIZE else "no")


def build(bld):
    engine_src = bld.path.ant_glob("engine/**/*.c")
    # The render path (dsp/, graph/, render/, compile/ nodes) at -O3, after the global -O2 so it wins:
    # gcc 12 vectorises their loops only with -O3's cost model (docs/PERFORMANCE.md).
    hot = ["engine/dsp", "engine/graph", "engine/nodes", "engine/render", "engine/core"]
    avx2_src = [bld.path.find_node("engine/dsp/ph_lanes_avx2.c"), bld.path.find_node("engine/dsp/ph_fused_avx2.c")]
    engine_src = [f for f in engine_src if f not in avx2_src]
    hot_src = [f for f in engine_src if any(f.is_child_of(bld.path.find_dir(d)) for d in hot)]
    opt = [] if Options.options.debug else ["-O3"]
    kernels_use = ["SNDFILE", "M", "PTHREAD"]
    defines = []
    if bld.env.PH_AVX2:
        bld.objects(source=avx2_src, target="phonon-kernels-avx2", includes=["engine", "include"],
                    use=["M"], cflags=opt + ["-mavx2"])
        kernels_use.append("phonon-kernels-avx2")
        defines.append("PH_LANES_HAVE_AVX2")
    # Only the public include folder is exported: plugins/ and tools/ cannot reach an
    # engine-internal header (the tests add engine/ to their own path).
    bld.objects(source=hot_src, target="phonon-kernels", includes=["engine", "include"],
                use=kernels_use, cflags=opt, defines=defines)
    bld.stlib(source=[f for f in engine_src if f not in hot_src], target="phonon-engine",
              includes=["engine", "include"], export_includes=["include"],
              use=["phonon-kernels", "SNDFILE", "M", "PTHREAD"])

    # The one lilv host, shared by `phonon plugin-render` and the test host: it drives the
    # plugin through LV2 only, so it needs neither the engine nor its headers.
    bld.stlib(source=bld.path.ant_glob("tools/lv2host/*.c"), target="phonon-lv2host",
              includes=["tools/lv2host"], export_includes=["tools/lv2host"],
              use=["LILV", "LV2", "M", "PTHREAD"])

    plugin_src = bld.path.ant_glob("plugins/*.c")
    if plugin_src:
        bld.shlib(source=plugin_src, target="phonon.lv2/phonon", use=["phonon-engine", "LV2", "M",
                  "PTHREAD"], install_path="${LV2DIR}/phonon.lv2",
                  linkflags=["-Wl,--version-script=" + bld.path.find_node("plugins/phonon.map").abspath()])
        bld.env.cshlib_PATTERN = "%s.so"
        for ttl in bld.path.ant_glob("ttl/*.ttl") + bld.path.ant_glob("presets/*.ttl"):
            bld(features="subst", source=ttl, target="phonon.lv2/" + ttl.name,
                install_path="${LV2DIR}/phonon.lv2", LIB_EXT=".so", VERSION=VERSION)

    # The editor UI: its logic (no X) as a library the unit tests link too, and the
    # LV2 UI binary (phonon_ui.so) that adds the window, drawing and LV2 glue.
    # The window and view (everything but the LV2 glue) are shared with `phonon edit`.
    ui_logic = [bld.path.find_node("ui/" + f) for f in UI_LOGIC]
    ui_glue = [bld.path.find_node("ui/ph_lv2_ui.c")]
    ui_view = [f for f in bld.path.ant_glob("ui/*.c") if f not in ui_logic and f not in ui_glue]
    bld.stlib(source=ui_logic, target="phonon-editor", includes=["ui"], export_includes=["ui"],
              use=["phonon-engine", "X11"], install_path=None)
    bld.stlib(source=ui_view, target="phonon-ui-view", includes=["ui"], export_includes=["ui"],
              use=["phonon-editor", "X11", "CAIRO", "PANGOCAIRO"], install_path=None)
    bld.shlib(source=ui_glue, target="phonon.lv2/phonon_ui", includes=["ui"],
              use=["phonon-ui-view", "phonon-editor", "phonon-engine", "X11", "CAIRO",
                   "PANGOCAIRO", "LV2", "M", "PTHREAD"], install_path="${LV2DIR}/phonon.lv2",
              linkflags=["-Wl,--version-script=" + bld.path.find_node("ui/phonon_ui.map").abspath(),
                         "-Wl,-z,nodelete"])

    tool_src = bld.path.ant_glob("tools/phonon/*.c")
    if tool_src:
        bld.program(source=tool_src, target="phonon",
                    use=["phonon-ui-view", "phonon-editor", "phonon-engine", "phonon-lv2host", "LILV",
                         "SNDFILE", "X11", "CAIRO", "PANGOCAIRO", "JACK", "ALSA", "M", "PTHREAD"],
                    includes=["tools/phonon"])

    if bld.env.PH_TESTS:
        ui_test_src = bld.path.ant_glob("tests/ui/test_*.c")
        if ui_test_src:
            bld.program(source=ui_test_src, target="tests/phonon-ui-tests", install_path=None,
                        use=["phonon-editor", "phonon-engine", "CRITERION", "M", "PTHREAD"],
                        includes=["ui", "tests/ui"])
        ui_host_src = bld.path.ant_glob("tests/ui/host/*.c")
        if ui_host_src:
            bld.program(source=ui_host_src, target="tests/phonon-ui-host", install_path=None,
                        use=["X11", "XTST", "LV2", "CRITERION", "M", "PTHREAD"],
                        includes=["ui", "tests/ui/host"], lib=["dl"],
                        defines=['PH_SOURCE_DIR="%s"' % bld.path.abspath()])
        unit_src = bld.path.ant_glob("tests/unit/**/*.c")
        bld.program(source=unit_src, target="tests/phonon-tests", install_path=None,
                    use=["phonon-engine", "CRITERION", "M", "PTHREAD"], includes=["engine", "tests", "tests/unit"],
                    defines=['PH_SOURCE_DIR="%s"' % bld.path.abspath()])
        # the JACK capture client of tests/live/test_live.py
        bld.program(source="tests/live/jack_probe.c", target="tests/phonon-jack-probe", install_path=None,
                    use=["JACK", "SNDFILE", "M"])
        # phonon live's pieces (player, file watch, audio output), with the host's allocator guard
        live_src = ["tools/phonon/" + n for n in ("ph_player.c", "ph_file_watch.c", "ph_audio_out.c",
                                                  "ph_audio_jack.c", "ph_audio_alsa.c")]
        bld.program(source=bld.path.ant_glob("tests/live/unit/*.c") + live_src + ["tests/host/rt_guard.c"],
                    target="tests/phonon-live-tests", install_path=None,
                    use=["phonon-engine", "JACK", "ALSA", "CRITERION", "M", "PTHREAD"],
                    includes=["tools/phonon", "tests/host"], lib=["dl"])
        host_src = bld.path.ant_glob("tests/host/*.c")
        if host_src:
            # the MIDI file writer of `phonon render --midi-out` is tested with the plugin
            host_src.append(bld.path.find_node("tools/phonon/smf.c"))
            bld.program(source=host_src, target="tests/phonon-lv2-host", install_path=None,
                        use=["phonon-engine", "phonon-lv2host", "LILV", "LV2", "CRITERION", "M",
                             "PTHREAD"],
                        includes=["tests/host", "tools/phonon"], defines=['PH_SOURCE_DIR="%s"' % bld.path.abspath()])

    if bld.cmd == "test":
        bld.add_post_fun(run_tests)


class TestContext(BuildContext):
    """./waf test: build, then run every test program; non-zero exit on any failure."""
    cmd = "test"
    fun = "build"


def run_tests(bld):
    outdir = bld.bldnode.abspath()
    env = dict(os.environ)
    env["LV2_PATH"] = outdir + os.pathsep + env.get("LV2_PATH", "")
    env["PHONON_BUILD_DIR"] = outdir
    env["PHONON_SOURCE_DIR"] = bld.path.abspath()
    # ASan's leak checker runs each forked criterion worker; keep reports readable.
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=1")
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
    env["PHONON_SANITIZE"] = "1" if bld.env.PH_SANITIZE else "0"
    suites = []
    for name in ("tests/phonon-tests", "tests/phonon-lv2-host", "tests/phonon-ui-tests",
                 "tests/phonon-live-tests"):
        path = os.path.join(outdir, name)
        if os.path.exists(path):
            suites.append([path, "--jobs=2"])
    extra = os.path.join(bld.path.abspath(), "tests", "run-extra-tests")
    if os.path.exists(extra):
        suites.append([extra, outdir])
    # The editor under Xvfb: the UI test host (XTEST keys, screenshots) and jalv.gtk3.
    ui_run = os.path.join(bld.path.abspath(), "tests", "ui", "run")
    if os.path.exists(ui_run):
        suites.append([ui_run, outdir])
    # phonon live / play through JACK (a private dummy server) and ALSA
    suites.append([sys.executable, os.path.join(bld.path.abspath(), "tests", "live", "test_live.py"), outdir])
    failed = []
    for cmd in suites:
        Logs.info("Running %s" % " ".join(cmd))
        rc = subprocess.call(cmd, env=env)
        if rc != 0:
            failed.append((cmd[0], rc))
    if failed:
        for name, rc in failed:
            Logs.error("FAILED: %s (exit %d)" % (name, rc))
        bld.fatal("%d test suite(s) failed" % len(failed))
    Logs.info("All test suites passed")

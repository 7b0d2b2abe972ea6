/* phonon render FILE.ph OUT.wav [--duration S | --cycles N] [--rate 48000] [--block 512]
 *                               [--channels 2|16|18] [--samples DIR] [--threads N]
 *                               [--eval block|sample] [--input FILE]
 * Renders offline through the engine (ph_engine_render) into a 32-bit float WAV. Channels:
 * 2 = the main stereo out, 16 = out1..out16, 18 = both. A progress bar is drawn only when
 * stderr is a terminal. --input feeds an audio file to `in` / `inL` / `inR` (as Phonon FX
 * hears its track): the render runs at the file's rate unless --rate is given (they must
 * agree) and lasts the file's length plus one second of tail unless told otherwise.
 * --midi-out FILE.mid compiles the program for MIDI (as Phonon MIDI plays it) and writes
 * the MIDI it plays as a Standard MIDI File (smf.h; 960 ticks a quarter note, 4 quarter
 * notes a cycle); the WAV is then optional. */
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "graphtool_io.h"
#include "render_input.h"
#include "smf.h"
#include <phonon/phonon.h>

static int usage(void)
{
    fprintf(stderr, "usage: phonon render FILE.ph OUT.wav [--duration S | --cycles N] [--rate 48000]\n"
                    "                     [--block 512] [--channels 2|16|18] [--samples DIR] [--threads N (default: cores)]\n"
                    "                     [--eval block|sample] [--input FILE] [--midi-out FILE.mid]\n");
    return 2;
}


/* `phonon render --plugin ...` renders through the LV2 plugin via lilv, proving the plugin
 * path end to end: the same work as `phonon plugin-render`, which takes the other
 * arguments (--duration, --rate, --block, --bpm, --multi, --bundle, --preset). */
static int render_through_plugin(int argc, char **argv)
{
    char *args[argc];
    int n = 0;
    args[n++] = "plugin-render";
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--plugin")) args[n++] = argv[i];
    return cmd_plugin_render(n, args);
}

#define PH_SMF_PPQ 960

/* Appends the MIDI of the last render call (which started at frame `at`) as SMF events. */
static bool collect_midi(ph_engine *e, int64_t at, double rate, double bpm, ph_smf_event **ev, size_t *n, size_t *cap)
{
    const ph_midi_event *m;
    const uint32_t count = ph_engine_midi_out(e, &m);
    for (uint32_t i = 0; i < count; i++) {
        if (*n == *cap) {
            const size_t c = *cap ? *cap * 2 : 1024;
            ph_smf_event *p = realloc(*ev, c * sizeof *p);
            if (!p) return false;
            *ev = p;
            *cap = c;
        }
        ph_smf_event *s = &(*ev)[(*n)++];
        s->tick = ph_smf_tick((uint64_t)(at + m[i].frame), rate, bpm, PH_SMF_PPQ);
        s->size = m[i].size;
        memcpy(s->data, m[i].data, sizeof s->data);
    }
    return true;
}

int cmd_render(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--plugin")) return render_through_plugin(argc, argv);
    const char *in = NULL, *out = NULL, *samples = NULL, *input_path = NULL, *midi_path = NULL;
    bool rate_given = false;
    /* threads: the machine's cores by default (the output is the same for any count) */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    double duration = -1, cycles = -1, rate = 48000, block = 512, channels = 2,
           threads = cores < 1 ? 1 : cores > 8 ? 8 : (double)cores;
    bool eval_sample = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool ok = true;
        if (!strcmp(a, "--duration") && v) ok = ph_graphtool_num_arg(v, 0, 86400, &duration), i++;
        else if (!strcmp(a, "--cycles") && v) ok = ph_graphtool_num_arg(v, 0, 1e6, &cycles), i++;
        else if (!strcmp(a, "--rate") && v) ok = ph_graphtool_num_arg(v, 22050, 192000, &rate), rate_given = true, i++;
        else if (!strcmp(a, "--input") && v) input_path = v, i++;
        else if (!strcmp(a, "--midi-out") && v) midi_path = v, i++;
        else if (!strcmp(a, "--block") && v) ok = ph_graphtool_num_arg(v, 1, 65536, &block), i++;
        else if (!strcmp(a, "--channels") && v) {
            ok = ph_graphtool_num_arg(v, 2, 18, &channels) && (channels == 2 || channels == 16 || channels == 18);
            i++;
        } else if (!strcmp(a, "--threads") && v) ok = ph_graphtool_num_arg(v, 1, 64, &threads), i++;
        else if (!strcmp(a, "--samples") && v) samples = v, i++;
        else if (!strcmp(a, "--eval") && v) {
            ok = !strcmp(v, "block") || !strcmp(v, "sample");
            eval_sample = !strcmp(v, "sample");
            i++;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "phonon render: unknown or incomplete option '%s'\n", a);
            return usage();
        } else if (!in) in = a;
        else if (!out) out = a;
        else return usage();
        if (!ok) {
            fprintf(stderr, "phonon render: bad value for '%s'\n", a);
            return 2;
        }
    }
    if (!in || (!out && !midi_path)) return usage();
    if (duration >= 0 && cycles >= 0) {
        fprintf(stderr, "phonon render: give --duration or --cycles, not both\n");
        return 2;
    }
    ph_render_input *input = NULL;
    if (input_path) {
        input = ph_render_input_open(input_path, (uint32_t)block);
        if (!input) return 2;
        if (rate_given && rate != ph_render_input_rate(input)) {
            fprintf(stderr, "phonon render: the input is at %.0f Hz, not %.0f: resample it first\n",
                    ph_render_input_rate(input), rate);
            ph_render_input_close(input);
            return 2;
        }
        rate = ph_render_input_rate(input);
        if (!(rate >= 22050 && rate <= 192000)) {
            fprintf(stderr, "phonon render: the input's rate (%.0f Hz) is outside 22050..192000\n", rate);
            ph_render_input_close(input);
            return 2;
        }
        if (duration < 0 && cycles < 0) duration = (double)ph_render_input_frames(input) / rate + 1.0;
    }
    size_t len;
    char *text = ph_graphtool_read_file(in, &len);
    if (!text) {
        ph_render_input_close(input);
        return 2;
    }
    ph_settings s = {.sample_rate = rate, .max_block = (uint32_t)block, .threads = (uint32_t)threads,
                     .sample_dir = samples, .midi_out = midi_path != NULL};
    ph_program *p = ph_graphtool_compile(in, text, len, &s);
    free(text);
    if (!p) {
        ph_render_input_close(input);
        return 2;
    }
    double cps = ph_program_cps(p) > 0 ? ph_program_cps(p) : 0.5;
    if (duration < 0) duration = (cycles >= 0 ? cycles : 4) / cps;
    ph_program_set_eval(p, eval_sample ? PH_EVAL_SAMPLE : PH_EVAL_BLOCK);
    ph_engine *e = ph_engine_new(&s);
    if (!e) {
        fprintf(stderr, "phonon render: cannot create the engine\n");
        ph_program_free(p);
        ph_render_input_close(input);
        return 1;
    }
    ph_engine_set_cps(e, cps);
    ph_engine_set_program(e, p);

    int nch = (int)channels;
    SF_INFO info = {.samplerate = (int)rate, .channels = nch, .format = SF_FORMAT_WAV | SF_FORMAT_FLOAT};
    SNDFILE *f = out ? sf_open(out, SFM_WRITE, &info) : NULL;
    if (out && !f) {
        fprintf(stderr, "phonon render: cannot write '%s': %s\n", out, sf_strerror(NULL));
        ph_engine_free(e);
        ph_render_input_close(input);
        return 1;
    }
    uint32_t bs = (uint32_t)block;
    float *buf = calloc((size_t)bs * PH_MAX_CHANNELS, sizeof(float));
    float *inter = calloc((size_t)bs * (size_t)nch, sizeof(float));
    float *outs[PH_MAX_CHANNELS];
    for (int c = 0; c < PH_MAX_CHANNELS; c++) outs[c] = buf + (size_t)c * bs;
    int first = nch == 16 ? PH_MAIN_CHANNELS : 0;
    int64_t total = (int64_t)llround(duration * rate), done = 0;
    bool tty = isatty(2);
    int last_pct = -1;
    int rc = 0;
    const double bpm = cps * 240.0; /* a cycle is a bar of four quarter notes */
    ph_smf_event *midi = NULL;
    size_t n_midi = 0, cap_midi = 0;
    while (done < total && buf && inter) {
        uint32_t n = total - done < bs ? (uint32_t)(total - done) : bs;
        if (input) ph_engine_process(e, ph_render_input_next(input, n), 2, outs, PH_MAX_CHANNELS, n);
        else ph_engine_render(e, outs, PH_MAX_CHANNELS, n);
        for (uint32_t i = 0; i < n; i++)
            for (int c = 0; c < nch; c++) inter[(size_t)i * nch + c] = outs[first + c][i];
        if (midi_path && !collect_midi(e, done, rate, bpm, &midi, &n_midi, &cap_midi)) rc = 1;
        if (f && sf_writef_float(f, inter, n) != (sf_count_t)n) {
            fprintf(stderr, "phonon render: write error: %s\n", sf_strerror(f));
            rc = 1;
            break;
        }
        for (ph_program *r; (r = ph_engine_take_retired(e));) ph_program_free(r);
        done += n;
        int pct = (int)(100 * done / (total ? total : 1));
        if (tty && pct != last_pct) {
            last_pct = pct;
            fprintf(stderr, "\r[%-40.*s] %3d%%", pct * 40 / 100, "########################################", pct);
            fflush(stderr);
        }
    }
    if (tty) fprintf(stderr, "\n");
    if (!buf || !inter) rc = 1;
    if (midi_path && rc == 0) {
        /* the notes still sounding end where the render ends (muted: nothing new starts) */
        ph_engine_midi_mute(e, true);
        ph_engine_render(e, outs, PH_MAX_CHANNELS, 1);
        if (!collect_midi(e, done, rate, bpm, &midi, &n_midi, &cap_midi) ||
            !ph_smf_write(midi_path, midi, n_midi, PH_SMF_PPQ, bpm)) {
            fprintf(stderr, "phonon render: cannot write '%s'\n", midi_path);
            rc = 1;
        }
    }
    free(midi);
    if (f) sf_close(f);
    free(buf);
    free(inter);
    ph_engine_free(e);
    ph_render_input_close(input);
    return rc;
}

/* phonon plugin-render: renders a .ph file (or a factory preset) through the LV2 plugin
 * loaded with lilv, exactly as a host would drive it: the text goes in as a patch:Set
 * on the control port, the worker compiles it, run() plays it. It proves the plugin
 * path end to end and is handy to hear what a DAW will play. The host is the one the
 * plugin tests use (tools/lv2host/), so what the tests check is what this plays.
 *
 *   phonon plugin-render FILE.ph OUT.wav [--duration S] [--rate HZ] [--block N]
 *                        [--bpm X] [--multi] [--bundle DIR]
 *   phonon plugin-render --preset NAME OUT.wav [...]
 *
 * --bpm sends a host transport position (4/4, rolling, bar 0) at the start; without it
 * the plugin free-runs at the text's tempo. --multi uses Phonon 16 and writes 18
 * channels (main left/right, then out1..out16). --bundle loads the bundle
 * folder phonon.lv2 (such as build/phonon.lv2) instead of searching LV2_PATH. */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sndfile.h>

#include "commands.h"
#include "ph_lv2host.h"

/* The plugin's log is shown while it is instantiated; after that, compile errors are
 * reported from the notify port, with the file's name. */
static void print_log(void *user, const char *line)
{
    if (!*(const bool *)user) fputs(line, stderr);
}

typedef struct pr_errors {
    const char *name; /* the file or preset, for the message */
    LV2_URID key;     /* urn:phonon:error */
    bool seen;
} pr_errors;

/* Each non-empty patch:Set of the error property is a compile error. */
static void print_error(void *user, LV2_URID property, const LV2_Atom *value)
{
    pr_errors *e = user;
    const char *msg = LV2_ATOM_BODY_CONST(value);
    if (property != e->key || value->size <= 1 || !*msg) return;
    fprintf(stderr, "%s: %s\n", e->name, msg);
    e->seen = true;
}

/* Restores a preset's state and port values, with no features, so that the plugin
 * compiles the text in restore(). */
static bool load_preset(LilvWorld *world, ph_lv2host *h, const char *preset)
{
    char full[512];
    snprintf(full, sizeof full, "%s%s", strchr(preset, ':') ? "" : "urn:phonon:preset:", preset);
    LilvNode *pnode = lilv_new_uri(world, full);
    lilv_world_load_resource(world, pnode);
    LilvState *st = lilv_state_new_from_world(world, ph_lv2host_map_feature(), pnode);
    lilv_node_free(pnode);
    if (!st) {
        fprintf(stderr, "phonon plugin-render: no preset %s\n", full);
        return false;
    }
    lilv_state_restore(st, ph_lv2host_instance(h), ph_lv2host_set_port_value, h, 0, NULL);
    lilv_state_free(st);
    return true;
}

/* Runs the plugin block by block on the events, writing interleaved frames. */
static void render_to_wav(ph_lv2host *h, const ph_lv2host_stream *events, int64_t total,
                          uint32_t block, SNDFILE *wav)
{
    const uint32_t n_channels = ph_lv2host_channels(h);
    float *out[PH_LV2HOST_MAX_CHANNELS];
    for (uint32_t c = 0; c < n_channels; c++) out[c] = malloc(block * sizeof(float));
    float *frame = malloc((size_t)block * n_channels * sizeof(float));
    for (int64_t done = 0; done < total;) {
        const uint32_t n = (uint32_t)(total - done < block ? total - done : block);
        ph_lv2host_render(h, events, n, NULL, 0, out);
        for (uint32_t i = 0; i < n; i++)
            for (uint32_t c = 0; c < n_channels; c++) frame[i * n_channels + c] = out[c][i];
        sf_writef_float(wav, frame, n);
        done += n;
    }
    free(frame);
    for (uint32_t c = 0; c < n_channels; c++) free(out[c]);
}

static char *read_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "phonon plugin-render: cannot open %s: %s\n", path, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (n == cap && !(buf = realloc(buf, cap *= 2))) break;
        size_t got = fread(buf + n, 1, cap - n, f);
        if (!got) break;
        n += got;
    }
    fclose(f);
    *len = n;
    return buf;
}

static void usage(void)
{
    fprintf(stderr, "usage: phonon plugin-render FILE.ph OUT.wav [--duration S] [--rate HZ] "
                    "[--block N] [--bpm X] [--multi] [--bundle DIR]\n"
                    "       phonon plugin-render --preset NAME OUT.wav [same options]\n");
}

int cmd_plugin_render(int argc, char **argv)
{
    const char *in = NULL, *out = NULL, *preset = NULL, *bundle = NULL;
    double duration = 8.0, rate = 48000.0, bpm = 0.0;
    long block = 512;
    bool multi = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const bool more = i + 1 < argc;
        if (!strcmp(a, "--duration") && more) duration = atof(argv[++i]);
        else if (!strcmp(a, "--rate") && more) rate = atof(argv[++i]);
        else if (!strcmp(a, "--block") && more) block = atol(argv[++i]);
        else if (!strcmp(a, "--bpm") && more) bpm = atof(argv[++i]);
        else if (!strcmp(a, "--bundle") && more) bundle = argv[++i];
        else if (!strcmp(a, "--preset") && more) preset = argv[++i];
        else if (!strcmp(a, "--multi")) multi = true;
        else if (a[0] == '-' && a[1]) {
            usage();
            return 2;
        } else if (!in && !preset) in = a;
        else if (!out) out = a;
        else {
            usage();
            return 2;
        }
    }
    if ((!in && !preset) || !out || !(duration > 0) || duration > 3600 || block < 1 ||
        block > 8192 || !(rate >= 22050 && rate <= 192000)) {
        usage();
        return 2;
    }

    size_t text_len = 0;
    char *text = NULL;
    if (in && !(text = read_text(in, &text_len))) return 1;

    LilvWorld *world = ph_lv2host_world_new(NULL);
    /* --bundle: the bundle folder itself, e.g. build/phonon.lv2 */
    if (bundle && !ph_lv2host_load_bundle(world, bundle)) {
        fprintf(stderr, "phonon plugin-render: no bundle at %s\n", bundle);
        free(text);
        lilv_world_free(world);
        return 1;
    }
    const char *uri = multi ? PH_LV2HOST_PLUGIN16_URI : PH_LV2HOST_PLUGIN_URI;
    const LilvPlugin *plugin = ph_lv2host_find_plugin(world, uri);
    int rc = 1;
    ph_lv2host *h = NULL;
    if (!plugin) {
        fprintf(stderr, "phonon plugin-render: %s not found (install the plugin or pass "
                        "--bundle DIR, e.g. --bundle build/phonon.lv2)\n", uri);
        goto out;
    }

    /* Offline rendering: a synchronous worker, as hosts use while exporting. */
    bool quiet = false;
    const ph_lv2host_config config = {
        .world = world,
        .plugin = plugin,
        .rate = rate,
        .max_block = (uint32_t)block,
        .min_block = 1,
        .nominal_block = (uint32_t)block,
        .worker = PH_LV2HOST_WORKER_SYNC,
        .on_log = print_log,
        .on_log_user = &quiet,
    };
    if (!(h = ph_lv2host_new(&config))) {
        fprintf(stderr, "phonon plugin-render: cannot instantiate %s\n", uri);
        goto out;
    }
    quiet = true;
    if (preset && !load_preset(world, h, preset)) goto out;
    ph_lv2host_activate(h);

    const uint32_t n_channels = ph_lv2host_channels(h);
    SF_INFO info = {.samplerate = (int)rate, .channels = (int)n_channels,
                    .format = SF_FORMAT_WAV | SF_FORMAT_FLOAT};
    SNDFILE *wav = sf_open(out, SFM_WRITE, &info);
    if (!wav) {
        fprintf(stderr, "phonon plugin-render: cannot write %s: %s\n", out, sf_strerror(NULL));
        goto out;
    }
    /* the transport (4/4, rolling, bar 0) and the text, both at the first sample */
    ph_lv2host_stream events = {0};
    if (bpm > 0) ph_lv2host_stream_position(&events, 0, bpm, 4, 0, 0, 1, 0);
    if (text) ph_lv2host_stream_text(&events, 0, text, text_len);
    pr_errors errors = {in ? in : preset, ph_lv2host_map(PH_LV2HOST_ERROR_URI), false};
    ph_lv2host_on_set(h, print_error, &errors);
    render_to_wav(h, &events, (int64_t)llround(duration * rate), (uint32_t)block, wav);
    sf_close(wav);
    ph_lv2host_stream_free(&events);
    rc = errors.seen ? 1 : 0;
    if (!errors.seen)
        printf("%s: %.2f s, %u channels, %.0f Hz, through %s\n", out, duration, n_channels, rate, uri);
out:
    ph_lv2host_free(h);
    lilv_world_free(world);
    free(text);
    return rc;
}

/* phonon plugin-render: renders a .ph file (or a factory preset) through the LV2 plugin
 * loaded with lilv, exactly as a host would drive it: the text goes in as a patch:Set
 * on the control port, the worker compiles it, run() plays it. It proves the plugin
 * path end to end and is handy to hear what a DAW will play.
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
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lilv/lilv.h>
#include <lv2/atom/forge.h>
#include <lv2/atom/util.h>
#include <lv2/buf-size/buf-size.h>
#include <lv2/log/log.h>
#include <lv2/options/options.h>
#include <lv2/parameters/parameters.h>
#include <lv2/patch/patch.h>
#include <lv2/presets/presets.h>
#include <lv2/state/state.h>
#include <lv2/time/time.h>
#include <lv2/urid/urid.h>
#include <lv2/worker/worker.h>
#include <sndfile.h>

#include "commands.h"

#define PR_ATOM_CAPACITY (1u << 20)
#define PR_MAX_CHANNELS 18

typedef struct pr_host {
    char **uris;
    size_t n_uris;
    LilvInstance *inst;
    const LV2_Worker_Interface *worker;
    bool quiet; /* once instantiated, compile errors are reported from the notify port */
} pr_host;

static pr_host host;

static LV2_URID map_uri(LV2_URID_Map_Handle h, const char *uri)
{
    (void)h;
    for (size_t i = 0; i < host.n_uris; i++)
        if (!strcmp(host.uris[i], uri)) return (LV2_URID)(i + 1);
    char **grown = realloc(host.uris, (host.n_uris + 1) * sizeof *grown);
    if (!grown) return 0;
    host.uris = grown;
    host.uris[host.n_uris] = strdup(uri);
    return (LV2_URID)++host.n_uris;
}

static const char *unmap_uri(LV2_URID_Unmap_Handle h, LV2_URID id)
{
    (void)h;
    return id >= 1 && id <= host.n_uris ? host.uris[id - 1] : NULL;
}

static int log_vprintf(LV2_Log_Handle h, LV2_URID type, const char *fmt, va_list ap)
{
    (void)h;
    (void)type;
    return host.quiet ? 0 : vfprintf(stderr, fmt, ap);
}

static int log_printf(LV2_Log_Handle h, LV2_URID type, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = log_vprintf(h, type, fmt, ap);
    va_end(ap);
    return n;
}

/* Offline rendering: a synchronous worker, as hosts use while exporting. */
static LV2_Worker_Status respond(LV2_Worker_Respond_Handle h, uint32_t size, const void *data)
{
    (void)h;
    return host.worker->work_response(lilv_instance_get_handle(host.inst), size, data);
}

static LV2_Worker_Status schedule_work(LV2_Worker_Schedule_Handle h, uint32_t size,
                                       const void *data)
{
    (void)h;
    return host.worker->work(lilv_instance_get_handle(host.inst), respond, NULL, size, data);
}

typedef struct pr_ports {
    const LilvPlugin *plugin;
    LilvWorld *world;
    float *controls;
} pr_ports;

/* Port values stored in a preset (lv2:port [ lv2:symbol ...; pset:value ... ]). */
static void set_port_value(const char *symbol, void *user_data, const void *value,
                           uint32_t size, uint32_t type)
{
    pr_ports *p = user_data;
    LilvNode *sym = lilv_new_string(p->world, symbol);
    const LilvPort *port = lilv_plugin_get_port_by_symbol(p->plugin, sym);
    lilv_node_free(sym);
    if (!port) return;
    float v;
    if (type == map_uri(NULL, LV2_ATOM__Float) && size == sizeof(float)) v = *(const float *)value;
    else if (type == map_uri(NULL, LV2_ATOM__Double) && size == sizeof(double)) v = (float)*(const double *)value;
    else if (type == map_uri(NULL, LV2_ATOM__Int) && size == sizeof(int32_t)) v = (float)*(const int32_t *)value;
    else return;
    p->controls[lilv_port_get_index(p->plugin, port)] = v;
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

    LV2_URID_Map map = {NULL, map_uri};
    LV2_URID_Unmap unmap = {NULL, unmap_uri};
    LilvWorld *world = lilv_world_new();
    lilv_world_load_all(world);
    if (bundle) {
        /* the bundle folder itself, e.g. build/phonon.lv2 (lilv wants a trailing slash) */
        char *abs = realpath(bundle, NULL);
        if (!abs) {
            fprintf(stderr, "phonon plugin-render: no bundle at %s\n", bundle);
            free(text);
            lilv_world_free(world);
            return 1;
        }
        char *dir = malloc(strlen(abs) + 2);
        sprintf(dir, "%s/", abs);
        LilvNode *b = lilv_new_file_uri(world, NULL, dir);
        lilv_world_load_bundle(world, b);
        lilv_node_free(b);
        free(dir);
        free(abs);
    }
    const char *uri = multi ? "urn:phonon:phonon16" : "urn:phonon:phonon";
    LilvNode *uri_node = lilv_new_uri(world, uri);
    const LilvPlugin *plugin =
        lilv_plugins_get_by_uri(lilv_world_get_all_plugins(world), uri_node);
    lilv_node_free(uri_node);
    int rc = 1;
    if (!plugin) {
        fprintf(stderr, "phonon plugin-render: %s not found (install the plugin or pass "
                        "--bundle DIR, e.g. --bundle build/phonon.lv2)\n", uri);
        goto out_world;
    }

    int32_t min_block = 1, max_block = (int32_t)block, seq = PR_ATOM_CAPACITY;
    float f_rate = (float)rate;
    const LV2_URID t_int = map_uri(NULL, LV2_ATOM__Int), t_float = map_uri(NULL, LV2_ATOM__Float);
    LV2_Options_Option options[] = {
        {LV2_OPTIONS_INSTANCE, 0, map_uri(NULL, LV2_BUF_SIZE__minBlockLength), 4, t_int, &min_block},
        {LV2_OPTIONS_INSTANCE, 0, map_uri(NULL, LV2_BUF_SIZE__maxBlockLength), 4, t_int, &max_block},
        {LV2_OPTIONS_INSTANCE, 0, map_uri(NULL, LV2_BUF_SIZE__nominalBlockLength), 4, t_int, &max_block},
        {LV2_OPTIONS_INSTANCE, 0, map_uri(NULL, LV2_BUF_SIZE__sequenceSize), 4, t_int, &seq},
        {LV2_OPTIONS_INSTANCE, 0, map_uri(NULL, LV2_PARAMETERS__sampleRate), 4, t_float, &f_rate},
        {LV2_OPTIONS_INSTANCE, 0, 0, 0, 0, NULL},
    };
    LV2_Log_Log log = {NULL, log_printf, log_vprintf};
    LV2_Worker_Schedule schedule = {NULL, schedule_work};
    LV2_Feature f_map = {LV2_URID__map, &map}, f_unmap = {LV2_URID__unmap, &unmap},
                f_log = {LV2_LOG__log, &log}, f_opts = {LV2_OPTIONS__options, options},
                f_bounded = {LV2_BUF_SIZE__boundedBlockLength, NULL},
                f_sched = {LV2_WORKER__schedule, &schedule};
    const LV2_Feature *features[] = {&f_map, &f_unmap, &f_log, &f_opts, &f_bounded, &f_sched, NULL};

    host.inst = lilv_plugin_instantiate(plugin, rate, features);
    if (!host.inst) {
        fprintf(stderr, "phonon plugin-render: cannot instantiate %s\n", uri);
        goto out_world;
    }
    host.worker = lilv_instance_get_extension_data(host.inst, LV2_WORKER__interface);
    host.quiet = true;

    const uint32_t n_ports = lilv_plugin_get_num_ports(plugin);
    float *controls = calloc(n_ports, sizeof(float));
    lilv_plugin_get_port_ranges_float(plugin, NULL, NULL, controls);
    float *audio[PR_MAX_CHANNELS] = {0};
    uint32_t n_channels = 0;
    LV2_Atom_Sequence *in_buf = aligned_alloc(64, PR_ATOM_CAPACITY);
    LV2_Atom_Sequence *notify = aligned_alloc(64, PR_ATOM_CAPACITY);
    LilvNode *audio_class = lilv_new_uri(world, LV2_CORE__AudioPort);
    LilvNode *control_class = lilv_new_uri(world, LV2_CORE__ControlPort);
    LilvNode *input_class = lilv_new_uri(world, LV2_CORE__InputPort);
    for (uint32_t i = 0; i < n_ports; i++) {
        const LilvPort *port = lilv_plugin_get_port_by_index(plugin, i);
        void *buf;
        if (lilv_port_is_a(plugin, port, audio_class) && n_channels < PR_MAX_CHANNELS)
            buf = audio[n_channels++] = calloc((size_t)block, sizeof(float));
        else if (lilv_port_is_a(plugin, port, control_class))
            buf = &controls[i];
        else
            buf = lilv_port_is_a(plugin, port, input_class) ? (void *)in_buf : (void *)notify;
        if (isnan(controls[i])) controls[i] = 0;
        lilv_instance_connect_port(host.inst, i, buf);
    }
    lilv_node_free(audio_class);
    lilv_node_free(control_class);
    lilv_node_free(input_class);

    if (preset) {
        char full[512];
        snprintf(full, sizeof full, "%s%s", strchr(preset, ':') ? "" : "urn:phonon:preset:", preset);
        LilvNode *pnode = lilv_new_uri(world, full);
        lilv_world_load_resource(world, pnode);
        LilvState *st = lilv_state_new_from_world(world, &map, pnode);
        lilv_node_free(pnode);
        if (!st) {
            fprintf(stderr, "phonon plugin-render: no preset %s\n", full);
            goto out_instance;
        }
        pr_ports ports = {plugin, world, controls};
        lilv_state_restore(st, host.inst, set_port_value, &ports, 0, NULL);
        lilv_state_free(st);
    }

    lilv_instance_activate(host.inst);
    SF_INFO info = {.samplerate = (int)rate, .channels = (int)n_channels,
                    .format = SF_FORMAT_WAV | SF_FORMAT_FLOAT};
    SNDFILE *wav = sf_open(out, SFM_WRITE, &info);
    if (!wav) {
        fprintf(stderr, "phonon plugin-render: cannot write %s: %s\n", out, sf_strerror(NULL));
        goto out_instance;
    }
    const LV2_URID error_key = map_uri(NULL, "urn:phonon:error");
    const LV2_URID patch_set = map_uri(NULL, LV2_PATCH__Set);
    float *frame = malloc((size_t)block * n_channels * sizeof(float));
    const int64_t total = (int64_t)llround(duration * rate);
    bool compile_error = false;
    for (int64_t done = 0; done < total;) {
        const uint32_t n = (uint32_t)(total - done < block ? total - done : block);
        LV2_Atom_Forge forge;
        lv2_atom_forge_init(&forge, &map);
        lv2_atom_forge_set_buffer(&forge, (uint8_t *)in_buf, PR_ATOM_CAPACITY);
        LV2_Atom_Forge_Frame seqf, obj;
        lv2_atom_forge_sequence_head(&forge, &seqf, 0);
        if (done == 0 && bpm > 0) {
            lv2_atom_forge_frame_time(&forge, 0);
            lv2_atom_forge_object(&forge, &obj, 0, map_uri(NULL, LV2_TIME__Position));
            lv2_atom_forge_key(&forge, map_uri(NULL, LV2_TIME__bar));
            lv2_atom_forge_long(&forge, 0);
            lv2_atom_forge_key(&forge, map_uri(NULL, LV2_TIME__barBeat));
            lv2_atom_forge_float(&forge, 0);
            lv2_atom_forge_key(&forge, map_uri(NULL, LV2_TIME__beatsPerBar));
            lv2_atom_forge_float(&forge, 4);
            lv2_atom_forge_key(&forge, map_uri(NULL, LV2_TIME__beatsPerMinute));
            lv2_atom_forge_float(&forge, (float)bpm);
            lv2_atom_forge_key(&forge, map_uri(NULL, LV2_TIME__speed));
            lv2_atom_forge_float(&forge, 1);
            lv2_atom_forge_pop(&forge, &obj);
        }
        if (done == 0 && text) {
            lv2_atom_forge_frame_time(&forge, 0);
            lv2_atom_forge_object(&forge, &obj, 0, patch_set);
            lv2_atom_forge_key(&forge, map_uri(NULL, LV2_PATCH__property));
            lv2_atom_forge_urid(&forge, map_uri(NULL, "urn:phonon:text"));
            lv2_atom_forge_key(&forge, map_uri(NULL, LV2_PATCH__value));
            lv2_atom_forge_string(&forge, text, (uint32_t)text_len);
            lv2_atom_forge_pop(&forge, &obj);
        }
        lv2_atom_forge_pop(&forge, &seqf);
        notify->atom.size = PR_ATOM_CAPACITY - sizeof(LV2_Atom);
        notify->atom.type = map_uri(NULL, LV2_ATOM__Chunk);
        lilv_instance_run(host.inst, n);
        LV2_ATOM_SEQUENCE_FOREACH (notify, ev) {
            const LV2_Atom_Object *o = (const LV2_Atom_Object *)&ev->body;
            if (o->body.otype != patch_set) continue;
            const LV2_Atom *prop = NULL, *value = NULL;
            lv2_atom_object_get(o, map_uri(NULL, LV2_PATCH__property), &prop,
                                map_uri(NULL, LV2_PATCH__value), &value, 0);
            if (prop && value && ((const LV2_Atom_URID *)prop)->body == error_key &&
                value->size > 1 && *(const char *)LV2_ATOM_BODY_CONST(value)) {
                fprintf(stderr, "%s: %s\n", in ? in : preset,
                        (const char *)LV2_ATOM_BODY_CONST(value));
                compile_error = true;
            }
        }
        for (uint32_t i = 0; i < n; i++)
            for (uint32_t c = 0; c < n_channels; c++) frame[i * n_channels + c] = audio[c][i];
        sf_writef_float(wav, frame, n);
        done += n;
    }
    sf_close(wav);
    free(frame);
    rc = compile_error ? 1 : 0;
    if (!compile_error)
        printf("%s: %.2f s, %u channels, %.0f Hz, through %s\n", out, duration, n_channels, rate, uri);
    lilv_instance_deactivate(host.inst);
out_instance:
    lilv_instance_free(host.inst);
    for (uint32_t c = 0; c < n_channels; c++) free(audio[c]);
    free(controls);
    free(in_buf);
    free(notify);
out_world:
    lilv_world_free(world);
    free(text);
    for (size_t i = 0; i < host.n_uris; i++) free(host.uris[i]);
    free(host.uris);
    host = (pr_host){0};
    return rc;
}

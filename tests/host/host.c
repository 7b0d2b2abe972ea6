/* The test host (see host.h). */
#include "host.h"

#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lv2/state/state.h>

#include "rt_guard.h"

static LilvWorld *world;

static char path_dir[64];

static void remove_path_dir(void)
{
    char link[128];
    snprintf(link, sizeof link, "%s/phonon.lv2", path_dir);
    unlink(link);
    rmdir(path_dir);
}

/* The LV2 path lilv searches: the first phonon.lv2 found on LV2_PATH (./waf test puts
 * build/ there), linked into a private folder so that lilv does not try to read every
 * other folder of build/ as a bundle, then LV2_PATH's other entries and the system's
 * folders, for the LV2 specifications. */
static char *lv2_path(void)
{
    const char *env = getenv("LV2_PATH");
    size_t cap = (env ? strlen(env) : 0) + 256;
    char *path = calloc(1, cap);
    char *copy = strdup(env ? env : "");
    bool linked = false;
    strcpy(path_dir, "/tmp/phonon-lv2-path-XXXXXX");
    if (!mkdtemp(path_dir)) path_dir[0] = '\0';
    else atexit(remove_path_dir);
    char *save = NULL;
    for (char *e = strtok_r(copy, ":", &save); e; e = strtok_r(NULL, ":", &save)) {
        char bundle[4096], manifest[4200];
        snprintf(bundle, sizeof bundle, "%s/phonon.lv2", e);
        snprintf(manifest, sizeof manifest, "%s/manifest.ttl", bundle);
        if (access(manifest, R_OK) == 0) {
            if (!linked && path_dir[0]) {
                char link[128];
                snprintf(link, sizeof link, "%s/phonon.lv2", path_dir);
                char *abs = realpath(bundle, NULL);
                linked = abs && symlink(abs, link) == 0;
                free(abs);
                /* Keep the binary mapped after lilv unloads it, so that sanitizer
                 * reports at exit can name its functions. */
                char so[4200];
                snprintf(so, sizeof so, "%s/phonon.so", bundle);
                dlopen(so, RTLD_NOW | RTLD_NODELETE);
            }
            continue;
        }
        strcat(path, ":");
        strcat(path, e);
    }
    free(copy);
    char *full = calloc(1, cap + sizeof path_dir + 64);
    sprintf(full, "%s%s:/usr/lib/lv2:/usr/local/lib/lv2", linked ? path_dir : "", path);
    free(path);
    return full;
}

LilvWorld *host_world(void)
{
    if (!world) {
        char *path = lv2_path();
        world = ph_lv2host_world_new(path);
        free(path);
    }
    return world;
}

const LilvPlugin *host_plugin(const char *uri)
{
    return ph_lv2host_find_plugin(host_world(), uri);
}

/* ---------------------------------------------------------------- instances */

static host_options next_options = HOST_OPTIONS_ARDOUR;
void host_next_options(host_options o) { next_options = o; }
static bool next_no_midi, next_ardour_midi_out;
void host_next_no_midi(void) { next_no_midi = true; }
void host_next_ardour_midi_out(void) { next_ardour_midi_out = true; }

ph_lv2host *host_new(const char *uri, double rate, uint32_t max_block,
                     ph_lv2host_worker_mode mode)
{
    ph_lv2host_config c = {
        .world = host_world(),
        .plugin = host_plugin(uri),
        .rate = rate,
        .max_block = max_block,
        .min_block = 1,
        .nominal_block = max_block < 512 ? max_block : 512,
        .worker = mode,
        /* run() is counted by the RT guard; the synchronous worker's work() is not */
        .enter_run = rt_guard_enter,
        .leave_run = rt_guard_leave,
    };
    if (next_options == HOST_OPTIONS_JALV) { /* jalv: a fixed period, no nominal length */
        c.min_block = max_block;
        c.nominal_block = 0;
    }
    c.no_options = next_options == HOST_OPTIONS_NONE;
    c.no_midi = next_no_midi;
    c.ardour_midi_out = next_ardour_midi_out;
    next_options = HOST_OPTIONS_ARDOUR;
    next_no_midi = next_ardour_midi_out = false;
    ph_lv2host *h = ph_lv2host_new(&c);
    if (h) ph_lv2host_activate(h);
    return h;
}

/* ---------------------------------------------------------------- state */

static const char *capture_uri;

static const void *port_value(const char *symbol, void *user_data, uint32_t *size, uint32_t *type)
{
    const LilvPlugin *p = host_plugin(capture_uri);
    LilvNode *sym = lilv_new_string(host_world(), symbol);
    const LilvPort *port = lilv_plugin_get_port_by_symbol(p, sym);
    lilv_node_free(sym);
    if (!port) return NULL;
    static float v;
    v = ph_lv2host_control(user_data, lilv_port_get_index(p, port));
    *size = sizeof(float);
    *type = ph_lv2host_map(LV2_ATOM__Float);
    return &v;
}

LilvState *host_capture(ph_lv2host *h, const char *uri)
{
    capture_uri = uri;
    return lilv_state_new_from_instance(host_plugin(uri), ph_lv2host_instance(h), ph_lv2host_map_feature(), NULL,
                                        NULL, NULL, NULL, port_value, h, LV2_STATE_IS_POD | LV2_STATE_IS_PORTABLE,
                                        NULL);
}

/* ---------------------------------------------------------------- audio helpers */

float **audio_new(uint32_t channels, int64_t frames)
{
    float **a = calloc(channels, sizeof *a);
    for (uint32_t c = 0; c < channels; c++) a[c] = calloc((size_t)frames, sizeof(float));
    return a;
}

void audio_free(float **a, uint32_t channels)
{
    if (!a) return;
    for (uint32_t c = 0; c < channels; c++) free(a[c]);
    free(a);
}

double audio_rms(const float *x, int64_t n)
{
    double s = 0;
    for (int64_t i = 0; i < n; i++) s += (double)x[i] * x[i];
    return n > 0 ? sqrt(s / (double)n) : 0.0;
}

bool audio_finite(const float *x, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        if (!isfinite(x[i])) return false;
    return true;
}

int64_t audio_onset(const float *x, int64_t n, float thr)
{
    for (int64_t i = 0; i < n; i++)
        if (fabsf(x[i]) > thr) return i;
    return -1;
}

int64_t audio_diff(const float *a, const float *b, int64_t n)
{
    int64_t d = 0;
    for (int64_t i = 0; i < n; i++) d += memcmp(&a[i], &b[i], sizeof(float)) != 0;
    return d;
}

/* The lilv test host (see host.h). */
#include "host.h"

#include <dlfcn.h>

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lv2/atom/forge.h>
#include <lv2/atom/util.h>
#include <lv2/buf-size/buf-size.h>
#include <lv2/log/log.h>
#include <lv2/midi/midi.h>
#include <lv2/options/options.h>
#include <lv2/parameters/parameters.h>
#include <lv2/patch/patch.h>
#include <lv2/time/time.h>
#include <lv2/worker/worker.h>

#include "rt_guard.h"

/* ---------------------------------------------------------------- URID table */

static pthread_mutex_t map_lock = PTHREAD_MUTEX_INITIALIZER;
static char **uris;
static size_t n_uris;

static LV2_URID map_uri(LV2_URID_Map_Handle h, const char *uri)
{
    (void)h;
    pthread_mutex_lock(&map_lock);
    for (size_t i = 0; i < n_uris; i++) {
        if (!strcmp(uris[i], uri)) {
            pthread_mutex_unlock(&map_lock);
            return (LV2_URID)(i + 1);
        }
    }
    uris = realloc(uris, (n_uris + 1) * sizeof *uris);
    uris[n_uris] = strdup(uri);
    LV2_URID id = (LV2_URID)++n_uris;
    pthread_mutex_unlock(&map_lock);
    return id;
}

static const char *unmap_uri(LV2_URID_Unmap_Handle h, LV2_URID id)
{
    (void)h;
    pthread_mutex_lock(&map_lock);
    const char *s = id >= 1 && id <= n_uris ? uris[id - 1] : NULL;
    pthread_mutex_unlock(&map_lock);
    return s;
}

static LV2_URID_Map map_feature_data = {NULL, map_uri};
static LV2_URID_Unmap unmap_feature_data = {NULL, unmap_uri};
LV2_URID host_map(const char *uri) { return map_uri(NULL, uri); }
const char *host_unmap(LV2_URID id) { return unmap_uri(NULL, id); }
LV2_URID_Map *host_map_feature(void) { return &map_feature_data; }
LV2_URID_Unmap *host_unmap_feature(void) { return &unmap_feature_data; }

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
        world = lilv_world_new();
        char *path = lv2_path();
        LilvNode *p = lilv_new_string(world, path);
        lilv_world_set_option(world, LILV_OPTION_LV2_PATH, p);
        lilv_node_free(p);
        free(path);
        lilv_world_load_all(world);
    }
    return world;
}

const LilvPlugin *host_plugin(const char *uri)
{
    LilvWorld *w = host_world();
    LilvNode *n = lilv_new_uri(w, uri);
    const LilvPlugin *p = lilv_plugins_get_by_uri(lilv_world_get_all_plugins(w), n);
    lilv_node_free(n);
    return p;
}

/* ---------------------------------------------------------------- streams */

static void stream_push(host_stream *s, int64_t frame, const LV2_Atom *a)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->ev = realloc(s->ev, s->cap * sizeof *s->ev);
    }
    const size_t size = sizeof(LV2_Atom) + a->size;
    LV2_Atom *copy = malloc(size);
    memcpy(copy, a, size);
    /* keep the stream sorted by frame, stable for equal frames */
    size_t i = s->n;
    while (i > 0 && s->ev[i - 1].frame > frame) {
        s->ev[i] = s->ev[i - 1];
        i--;
    }
    s->ev[i] = (host_event){frame, copy};
    s->n++;
}

void stream_free(host_stream *s)
{
    for (size_t i = 0; i < s->n; i++) free(s->ev[i].atom);
    free(s->ev);
    *s = (host_stream){0};
}

typedef struct scratch_forge {
    LV2_Atom_Forge forge;
    uint8_t *buf;
} scratch_forge;

static void sf_begin(scratch_forge *f, size_t size)
{
    f->buf = calloc(1, size);
    lv2_atom_forge_init(&f->forge, host_map_feature());
    lv2_atom_forge_set_buffer(&f->forge, f->buf, size);
}

static void sf_end(scratch_forge *f, host_stream *s, int64_t frame)
{
    stream_push(s, frame, (const LV2_Atom *)f->buf);
    free(f->buf);
}

static void set_message(host_stream *s, int64_t frame, const char *property, LV2_URID type,
                        const char *value, size_t len, bool with_value)
{
    scratch_forge f;
    sf_begin(&f, len + 1024);
    LV2_Atom_Forge_Frame obj;
    lv2_atom_forge_object(&f.forge, &obj, 0, host_map(LV2_PATCH__Set));
    lv2_atom_forge_key(&f.forge, host_map(LV2_PATCH__property));
    lv2_atom_forge_urid(&f.forge, host_map(property));
    if (with_value) {
        lv2_atom_forge_key(&f.forge, host_map(LV2_PATCH__value));
        lv2_atom_forge_typed_string(&f.forge, type, value, (uint32_t)len);
    }
    lv2_atom_forge_pop(&f.forge, &obj);
    sf_end(&f, s, frame);
}

void stream_text(host_stream *s, int64_t frame, const char *text, size_t len)
{
    set_message(s, frame, HOST_TEXT_URI, host_map(LV2_ATOM__String), text, len, true);
}

void stream_path(host_stream *s, int64_t frame, const char *path)
{
    set_message(s, frame, HOST_FILE_URI, host_map(LV2_ATOM__Path), path, strlen(path), true);
}

void stream_string(host_stream *s, int64_t frame, const char *property, const char *text)
{
    set_message(s, frame, property, host_map(LV2_ATOM__String), text, strlen(text), true);
}

void stream_hush(host_stream *s, int64_t frame)
{
    scratch_forge f;
    sf_begin(&f, 256);
    LV2_Atom_Forge_Frame obj;
    lv2_atom_forge_object(&f.forge, &obj, 0, host_map(LV2_PATCH__Set));
    lv2_atom_forge_key(&f.forge, host_map(LV2_PATCH__property));
    lv2_atom_forge_urid(&f.forge, host_map(HOST_HUSH_URI));
    lv2_atom_forge_key(&f.forge, host_map(LV2_PATCH__value));
    lv2_atom_forge_bool(&f.forge, true);
    lv2_atom_forge_pop(&f.forge, &obj);
    sf_end(&f, s, frame);
}

void stream_set_novalue(host_stream *s, int64_t frame)
{
    set_message(s, frame, HOST_TEXT_URI, 0, NULL, 0, false);
}

void stream_get(host_stream *s, int64_t frame, const char *property)
{
    scratch_forge f;
    sf_begin(&f, 256);
    LV2_Atom_Forge_Frame obj;
    lv2_atom_forge_object(&f.forge, &obj, 0, host_map(LV2_PATCH__Get));
    if (property) {
        lv2_atom_forge_key(&f.forge, host_map(LV2_PATCH__property));
        lv2_atom_forge_urid(&f.forge, host_map(property));
    }
    lv2_atom_forge_pop(&f.forge, &obj);
    sf_end(&f, s, frame);
}

void stream_midi(host_stream *s, int64_t frame, uint8_t b0, uint8_t b1, uint8_t b2)
{
    struct {
        LV2_Atom atom;
        uint8_t msg[4];
    } m = {{3, host_map(LV2_MIDI__MidiEvent)}, {b0, b1, b2, 0}};
    stream_push(s, frame, &m.atom);
}

static void forge_number(LV2_Atom_Forge *f, double v, int kind)
{
    /* kind: 'f' float, 'd' double, 'i' int, 'l' long */
    switch (kind) {
    case 'f': lv2_atom_forge_float(f, (float)v); break;
    case 'd': lv2_atom_forge_double(f, v); break;
    case 'i': lv2_atom_forge_int(f, (int32_t)v); break;
    default: lv2_atom_forge_long(f, (int64_t)v); break;
    }
}

void stream_position(host_stream *s, int64_t frame, double bpm, double beats_per_bar,
                     int64_t bar, double bar_beat, double speed, int types)
{
    static const char kinds[3][5] = {
        /* bar, barBeat, bpm, beatsPerBar, speed */
        {'l', 'f', 'f', 'f', 'f'},
        {'d', 'd', 'd', 'd', 'd'},
        {'i', 'd', 'l', 'i', 'i'},
    };
    const char *k = kinds[types % 3];
    scratch_forge f;
    sf_begin(&f, 512);
    LV2_Atom_Forge_Frame obj;
    lv2_atom_forge_object(&f.forge, &obj, 0, host_map(LV2_TIME__Position));
    lv2_atom_forge_key(&f.forge, host_map(LV2_TIME__frame));
    lv2_atom_forge_long(&f.forge, frame);
    lv2_atom_forge_key(&f.forge, host_map(LV2_TIME__bar));
    forge_number(&f.forge, (double)bar, k[0]);
    lv2_atom_forge_key(&f.forge, host_map(LV2_TIME__barBeat));
    forge_number(&f.forge, bar_beat, k[1]);
    lv2_atom_forge_key(&f.forge, host_map(LV2_TIME__beatsPerMinute));
    forge_number(&f.forge, bpm, k[2]);
    lv2_atom_forge_key(&f.forge, host_map(LV2_TIME__beatsPerBar));
    forge_number(&f.forge, beats_per_bar, k[3]);
    lv2_atom_forge_key(&f.forge, host_map(LV2_TIME__beatUnit));
    lv2_atom_forge_int(&f.forge, 4);
    lv2_atom_forge_key(&f.forge, host_map(LV2_TIME__speed));
    forge_number(&f.forge, speed, k[4]);
    lv2_atom_forge_pop(&f.forge, &obj);
    sf_end(&f, s, frame);
}

/* ---------------------------------------------------------------- instances */

typedef struct host_job {
    uint32_t size;
    uint8_t data[64];
} host_job;

struct host {
    const LilvPlugin *plugin;
    LilvInstance *inst;
    const LV2_Worker_Interface *worker;
    double rate;
    uint32_t max_block;
    int64_t pos;
    uint32_t n_ports, n_channels;
    float *controls;
    float *audio[HOST_MAX_CHANNELS];
    LV2_Atom_Sequence *control_buf, *notify_buf;
    host_notify notes;
    char *log;
    size_t log_len;
    pthread_mutex_t log_lock;

    /* worker */
    host_worker_mode mode;
    bool refuse, late;
    host_job responses[64];
    size_t n_responses;
    /* threaded worker: a queue guarded by a mutex (the RT guard is off for those tests) */
    pthread_t thread;
    pthread_mutex_t q_lock;
    pthread_cond_t q_cond, q_idle;
    host_job queue[256];
    size_t q_head, q_tail;
    bool q_busy, q_quit;

    /* features */
    int32_t opt_min, opt_max, opt_nominal, opt_seq;
    float opt_rate;
    LV2_Options_Option options[6];
    LV2_Log_Log log_feature_data;
    LV2_Worker_Schedule schedule_data, restore_schedule_data;
    LV2_Feature f_map, f_unmap, f_log, f_options, f_bounded, f_schedule, f_restore_schedule;
    const LV2_Feature *features[8];
    const LV2_Feature *restore_features[4];
};

static int log_vprintf(LV2_Log_Handle handle, LV2_URID type, const char *fmt, va_list ap)
{
    (void)type;
    host *h = handle;
    char line[2048];
    int n = vsnprintf(line, sizeof line, fmt, ap);
    if (n < 0) return n;
    size_t len = strlen(line);
    pthread_mutex_lock(&h->log_lock);
    h->log = realloc(h->log, h->log_len + len + 1);
    memcpy(h->log + h->log_len, line, len + 1);
    h->log_len += len;
    pthread_mutex_unlock(&h->log_lock);
    return n;
}

static int log_printf(LV2_Log_Handle handle, LV2_URID type, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = log_vprintf(handle, type, fmt, ap);
    va_end(ap);
    return n;
}

/* respond() for the synchronous worker: queue until after run(). */
static LV2_Worker_Status respond_sync(LV2_Worker_Respond_Handle rh, uint32_t size, const void *data)
{
    host *h = rh;
    if (h->n_responses == 64 || size > sizeof h->responses[0].data) return LV2_WORKER_ERR_NO_SPACE;
    h->responses[h->n_responses].size = size;
    memcpy(h->responses[h->n_responses].data, data, size);
    h->n_responses++;
    return LV2_WORKER_SUCCESS;
}

static LV2_Worker_Status schedule_work(LV2_Worker_Schedule_Handle handle, uint32_t size,
                                       const void *data)
{
    host *h = handle;
    if (h->refuse || size > sizeof h->queue[0].data) return LV2_WORKER_ERR_NO_SPACE;
    if (h->mode == HOST_WORKER_SYNC) {
        /* The work happens "on the worker thread": not counted as real-time. */
        const bool rt = rt_guard_active();
        rt_guard_leave();
        LV2_Worker_Status st = h->worker->work(lilv_instance_get_handle(h->inst), respond_sync,
                                               h, size, data);
        if (rt) rt_guard_enter();
        return st;
    }
    pthread_mutex_lock(&h->q_lock);
    if (h->q_head - h->q_tail == 256) {
        pthread_mutex_unlock(&h->q_lock);
        return LV2_WORKER_ERR_NO_SPACE;
    }
    host_job *j = &h->queue[h->q_head++ % 256];
    j->size = size;
    memcpy(j->data, data, size);
    pthread_cond_signal(&h->q_cond);
    pthread_mutex_unlock(&h->q_lock);
    return LV2_WORKER_SUCCESS;
}

static LV2_Worker_Status respond_threaded(LV2_Worker_Respond_Handle rh, uint32_t size,
                                          const void *data)
{
    (void)rh;
    (void)size;
    (void)data;
    return LV2_WORKER_SUCCESS; /* phonon sends no responses */
}

static void *worker_thread(void *arg)
{
    host *h = arg;
    pthread_mutex_lock(&h->q_lock);
    for (;;) {
        while (h->q_head == h->q_tail && !h->q_quit) {
            h->q_busy = false;
            pthread_cond_broadcast(&h->q_idle);
            pthread_cond_wait(&h->q_cond, &h->q_lock);
        }
        if (h->q_quit) break;
        host_job j = h->queue[h->q_tail++ % 256];
        h->q_busy = true;
        pthread_mutex_unlock(&h->q_lock);
        h->worker->work(lilv_instance_get_handle(h->inst), respond_threaded, h, j.size, j.data);
        pthread_mutex_lock(&h->q_lock);
    }
    pthread_mutex_unlock(&h->q_lock);
    return NULL;
}

void host_worker_wait(host *h)
{
    if (h->mode != HOST_WORKER_THREADED) return;
    pthread_mutex_lock(&h->q_lock);
    while (h->q_head != h->q_tail || h->q_busy) pthread_cond_wait(&h->q_idle, &h->q_lock);
    pthread_mutex_unlock(&h->q_lock);
}

/* The "restore" scheduler of Ardour's preset loading: work() and work_response() at
 * once, on the calling thread. */
static LV2_Worker_Status restore_schedule(LV2_Worker_Schedule_Handle handle, uint32_t size,
                                          const void *data)
{
    host *h = handle;
    h->n_responses = 0;
    LV2_Worker_Status st = h->worker->work(lilv_instance_get_handle(h->inst), respond_sync, h,
                                           size, data);
    for (size_t i = 0; i < h->n_responses; i++)
        h->worker->work_response(lilv_instance_get_handle(h->inst), h->responses[i].size,
                                 h->responses[i].data);
    h->n_responses = 0;
    return st;
}

const LV2_Feature *const *host_restore_features(host *h, bool with_sync_worker)
{
    if (!with_sync_worker) return NULL;
    h->restore_features[0] = &h->f_map;
    h->restore_features[1] = &h->f_restore_schedule;
    h->restore_features[2] = NULL;
    return h->restore_features;
}

static host_options next_options = HOST_OPTIONS_ARDOUR;
void host_next_options(host_options o) { next_options = o; }

host *host_new(const char *uri, double rate, uint32_t max_block, host_worker_mode mode)
{
    const LilvPlugin *p = host_plugin(uri);
    if (!p) return NULL;
    host *h = calloc(1, sizeof *h);
    h->plugin = p;
    h->rate = rate;
    h->max_block = max_block;
    h->mode = mode;
    pthread_mutex_init(&h->log_lock, NULL);
    pthread_mutex_init(&h->q_lock, NULL);
    pthread_cond_init(&h->q_cond, NULL);
    pthread_cond_init(&h->q_idle, NULL);

    LV2_URID t_int = host_map(LV2_ATOM__Int), t_float = host_map(LV2_ATOM__Float);
    h->opt_min = 1;
    h->opt_max = (int32_t)max_block;
    h->opt_nominal = (int32_t)(max_block < 512 ? max_block : 512);
    h->opt_seq = HOST_ATOM_CAPACITY;
    h->opt_rate = (float)rate;
    int k = 0;
    h->options[k++] = (LV2_Options_Option){LV2_OPTIONS_INSTANCE, 0,
        host_map(LV2_BUF_SIZE__minBlockLength), sizeof(int32_t), t_int, &h->opt_min};
    h->options[k++] = (LV2_Options_Option){LV2_OPTIONS_INSTANCE, 0,
        host_map(LV2_BUF_SIZE__maxBlockLength), sizeof(int32_t), t_int, &h->opt_max};
    h->options[k++] = (LV2_Options_Option){LV2_OPTIONS_INSTANCE, 0,
        host_map(LV2_BUF_SIZE__nominalBlockLength), sizeof(int32_t), t_int, &h->opt_nominal};
    h->options[k++] = (LV2_Options_Option){LV2_OPTIONS_INSTANCE, 0,
        host_map(LV2_BUF_SIZE__sequenceSize), sizeof(int32_t), t_int, &h->opt_seq};
    h->options[k++] = (LV2_Options_Option){LV2_OPTIONS_INSTANCE, 0,
        host_map(LV2_PARAMETERS__sampleRate), sizeof(float), t_float, &h->opt_rate};
    h->options[k] = (LV2_Options_Option){LV2_OPTIONS_INSTANCE, 0, 0, 0, 0, NULL};
    if (next_options == HOST_OPTIONS_JALV) {
        h->opt_min = h->opt_max;
        h->options[2] = h->options[3]; /* drop nominalBlockLength */
        h->options[3] = h->options[4];
        h->options[4] = h->options[5];
    }

    h->log_feature_data = (LV2_Log_Log){h, log_printf, log_vprintf};
    h->schedule_data = (LV2_Worker_Schedule){h, schedule_work};
    h->restore_schedule_data = (LV2_Worker_Schedule){h, restore_schedule};
    h->f_map = (LV2_Feature){LV2_URID__map, &map_feature_data};
    h->f_unmap = (LV2_Feature){LV2_URID__unmap, &unmap_feature_data};
    h->f_log = (LV2_Feature){LV2_LOG__log, &h->log_feature_data};
    h->f_options = (LV2_Feature){LV2_OPTIONS__options, h->options};
    h->f_bounded = (LV2_Feature){LV2_BUF_SIZE__boundedBlockLength, NULL};
    h->f_schedule = (LV2_Feature){LV2_WORKER__schedule, &h->schedule_data};
    h->f_restore_schedule = (LV2_Feature){LV2_WORKER__schedule, &h->restore_schedule_data};
    const LV2_Feature *fs[] = {&h->f_map, &h->f_unmap, &h->f_log, &h->f_options,
                               &h->f_bounded, &h->f_schedule, NULL};
    memcpy(h->features, fs, sizeof fs);
    if (next_options == HOST_OPTIONS_NONE) {
        h->features[3] = &h->f_schedule; /* no options, no boundedBlockLength */
        h->features[4] = NULL;
    }
    next_options = HOST_OPTIONS_ARDOUR;

    h->inst = lilv_plugin_instantiate(p, rate, h->features);
    if (!h->inst) {
        free(h->log);
        free(h);
        return NULL;
    }
    h->worker = lilv_instance_get_extension_data(h->inst, LV2_WORKER__interface);
    if (mode == HOST_WORKER_THREADED) pthread_create(&h->thread, NULL, worker_thread, h);

    h->n_ports = lilv_plugin_get_num_ports(p);
    h->controls = calloc(h->n_ports, sizeof(float));
    float *defaults = calloc(h->n_ports, sizeof(float));
    lilv_plugin_get_port_ranges_float(p, NULL, NULL, defaults);
    h->control_buf = aligned_alloc(64, HOST_ATOM_CAPACITY);
    h->notify_buf = aligned_alloc(64, HOST_ATOM_CAPACITY);
    LilvWorld *w = host_world();
    LilvNode *audio = lilv_new_uri(w, LV2_CORE__AudioPort);
    LilvNode *control = lilv_new_uri(w, LV2_CORE__ControlPort);
    LilvNode *atom = lilv_new_uri(w, LV2_ATOM__AtomPort);
    LilvNode *input = lilv_new_uri(w, LV2_CORE__InputPort);
    for (uint32_t i = 0; i < h->n_ports; i++) {
        const LilvPort *port = lilv_plugin_get_port_by_index(p, i);
        void *buf = NULL;
        if (lilv_port_is_a(p, port, audio)) {
            h->audio[h->n_channels] = calloc(max_block, sizeof(float));
            buf = h->audio[h->n_channels++];
        } else if (lilv_port_is_a(p, port, control)) {
            h->controls[i] = isnan(defaults[i]) ? 0.0f : defaults[i];
            buf = &h->controls[i];
        } else if (lilv_port_is_a(p, port, atom)) {
            buf = lilv_port_is_a(p, port, input) ? (void *)h->control_buf : (void *)h->notify_buf;
        }
        lilv_instance_connect_port(h->inst, i, buf);
    }
    lilv_node_free(audio);
    lilv_node_free(control);
    lilv_node_free(atom);
    lilv_node_free(input);
    free(defaults);
    lilv_instance_activate(h->inst);
    return h;
}

void host_free(host *h)
{
    if (!h) return;
    if (h->mode == HOST_WORKER_THREADED) {
        host_worker_wait(h);
        pthread_mutex_lock(&h->q_lock);
        h->q_quit = true;
        pthread_cond_signal(&h->q_cond);
        pthread_mutex_unlock(&h->q_lock);
        pthread_join(h->thread, NULL);
    }
    lilv_instance_deactivate(h->inst);
    lilv_instance_free(h->inst);
    for (uint32_t c = 0; c < h->n_channels; c++) free(h->audio[c]);
    free(h->controls);
    free(h->control_buf);
    free(h->notify_buf);
    host_clear_notifications(h);
    free(h->log);
    free(h);
}

LilvInstance *host_instance(host *h) { return h->inst; }
uint32_t host_channels(const host *h) { return h->n_channels; }
void host_set_control(host *h, uint32_t i, float v) { if (i < h->n_ports) h->controls[i] = v; }
float host_control(const host *h, uint32_t i) { return i < h->n_ports ? h->controls[i] : NAN; }
int64_t host_position(const host *h) { return h->pos; }
const host_notify *host_notifications(const host *h) { return &h->notes; }
const char *host_log(const host *h) { return h->log ? h->log : ""; }
void host_worker_refuse(host *h, bool refuse) { h->refuse = refuse; }
void host_late_events(host *h, bool late) { h->late = late; }

void host_set_port_value(const char *symbol, void *user_data, const void *value, uint32_t size,
                         uint32_t type)
{
    host *h = user_data;
    LilvNode *sym = lilv_new_string(host_world(), symbol);
    const LilvPort *port = lilv_plugin_get_port_by_symbol(h->plugin, sym);
    lilv_node_free(sym);
    if (!port) return;
    float v;
    if (type == host_map(LV2_ATOM__Float) && size == sizeof(float)) v = *(const float *)value;
    else if (type == host_map(LV2_ATOM__Double) && size == sizeof(double)) v = (float)*(const double *)value;
    else if (type == host_map(LV2_ATOM__Int) && size == sizeof(int32_t)) v = (float)*(const int32_t *)value;
    else return;
    host_set_control(h, lilv_port_get_index(h->plugin, port), v);
}

void host_clear_notifications(host *h)
{
    free(h->notes.text);
    free(h->notes.file);
    free(h->notes.error);
    free(h->notes.draft);
    h->notes = (host_notify){0};
}

static char *dup_string(const LV2_Atom *a, size_t *len)
{
    const char *s = LV2_ATOM_BODY_CONST(a);
    size_t n = strnlen(s, a->size);
    char *d = malloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    if (len) *len = n;
    return d;
}

static void read_notify(host *h)
{
    const LV2_URID set = host_map(LV2_PATCH__Set), prop = host_map(LV2_PATCH__property),
                   value = host_map(LV2_PATCH__value),
                   changed = host_map(LV2_STATE__StateChanged),
                   text = host_map(HOST_TEXT_URI), file = host_map(HOST_FILE_URI),
                   error = host_map(HOST_ERROR_URI), draft = host_map(HOST_DRAFT_URI),
                   status = host_map("urn:phonon:Status");
    LV2_ATOM_SEQUENCE_FOREACH (h->notify_buf, ev) {
        const LV2_Atom_Object *obj = (const LV2_Atom_Object *)&ev->body;
        if (obj->body.otype == changed) {
            h->notes.n_state_changed++;
            continue;
        }
        if (obj->body.otype == status) {
            const LV2_Atom *c = NULL, *k = NULL, *r = NULL, *hu = NULL, *pl = NULL, *pr = NULL;
            lv2_atom_object_get(obj, host_map("urn:phonon:cycle"), &c, host_map("urn:phonon:cps"), &k,
                                host_map("urn:phonon:rolling"), &r, host_map("urn:phonon:hushed"), &hu,
                                host_map("urn:phonon:peakL"), &pl, host_map("urn:phonon:peakR"), &pr, 0);
            h->notes.n_status++;
            if (c) h->notes.status_cycle = ((const LV2_Atom_Double *)c)->body;
            if (k) h->notes.status_cps = ((const LV2_Atom_Double *)k)->body;
            if (r) h->notes.status_rolling = ((const LV2_Atom_Bool *)r)->body != 0;
            if (hu) h->notes.status_hushed = ((const LV2_Atom_Bool *)hu)->body != 0;
            if (pl) h->notes.status_peak[0] = ((const LV2_Atom_Float *)pl)->body;
            if (pr) h->notes.status_peak[1] = ((const LV2_Atom_Float *)pr)->body;
            continue;
        }
        if (obj->body.otype != set) {
            h->notes.n_other++;
            continue;
        }
        const LV2_Atom *p = NULL, *v = NULL;
        lv2_atom_object_get(obj, prop, &p, value, &v, 0);
        if (!p || !v) continue;
        LV2_URID key = ((const LV2_Atom_URID *)p)->body;
        if (key == text) {
            free(h->notes.text);
            h->notes.text = dup_string(v, &h->notes.text_len);
            h->notes.n_text++;
        } else if (key == file) {
            free(h->notes.file);
            h->notes.file = dup_string(v, NULL);
            h->notes.n_file++;
        } else if (key == error) {
            free(h->notes.error);
            h->notes.error = dup_string(v, NULL);
            h->notes.n_error++;
        } else if (key == draft) {
            free(h->notes.draft);
            h->notes.draft = dup_string(v, NULL);
            h->notes.n_draft++;
        }
    }
}

static void run_block(host *h, const host_stream *s, size_t *next_ev, uint32_t n)
{
    /* control input: the stream's events in [pos, pos + n), or [pos, pos + n] in the
     * "late" mode, where an event due at pos + n goes out at frame n as jalv does */
    LV2_Atom_Forge forge;
    lv2_atom_forge_init(&forge, host_map_feature());
    lv2_atom_forge_set_buffer(&forge, (uint8_t *)h->control_buf, HOST_ATOM_CAPACITY);
    LV2_Atom_Forge_Frame seq;
    lv2_atom_forge_sequence_head(&forge, &seq, 0);
    const int64_t end = h->pos + n + (h->late ? 1 : 0);
    while (s && *next_ev < s->n && s->ev[*next_ev].frame < end) {
        const host_event *e = &s->ev[*next_ev];
        int64_t t = e->frame - h->pos;
        if (t < 0) t = 0;
        lv2_atom_forge_frame_time(&forge, t);
        lv2_atom_forge_write(&forge, e->atom, sizeof(LV2_Atom) + e->atom->size);
        (*next_ev)++;
    }
    lv2_atom_forge_pop(&forge, &seq);

    h->notify_buf->atom.size = HOST_ATOM_CAPACITY - sizeof(LV2_Atom);
    h->notify_buf->atom.type = host_map(LV2_ATOM__Chunk);

    h->n_responses = 0;
    rt_guard_enter();
    lilv_instance_run(h->inst, n);
    rt_guard_leave();
    for (size_t i = 0; i < h->n_responses; i++)
        h->worker->work_response(lilv_instance_get_handle(h->inst), h->responses[i].size,
                                 h->responses[i].data);
    h->n_responses = 0;
    if (h->worker->end_run) h->worker->end_run(lilv_instance_get_handle(h->inst));
    read_notify(h);
    h->pos += n;
}

void host_render(host *h, const host_stream *s, int64_t frames, const uint32_t *sizes,
                 size_t n_sizes, float **out)
{
    size_t next_ev = 0;
    while (s && next_ev < s->n && s->ev[next_ev].frame < h->pos) next_ev++;
    int64_t done = 0;
    size_t k = 0;
    while (done < frames) {
        uint32_t n = sizes && n_sizes ? sizes[k++ % n_sizes] : h->max_block;
        if (n > h->max_block) n = h->max_block;
        if (n < 1) n = 1;
        if ((int64_t)n > frames - done) n = (uint32_t)(frames - done);
        run_block(h, s, &next_ev, n);
        if (out)
            for (uint32_t c = 0; c < h->n_channels; c++)
                if (out[c]) memcpy(out[c] + done, h->audio[c], n * sizeof(float));
        done += n;
    }
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

/* Phonon and Phonon 16: the LV2 descriptors, instantiate, ports and run().
 *
 * run() renders the block in slices split at event times (an event at frame f takes
 * effect at sample f, f clamped to the block), adopts a finished compile result at the
 * start of a slice, and applies the master gain and the click-free bypass per sample.
 * It never allocates, locks or does I/O. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lv2/atom/util.h>
#include <lv2/core/lv2_util.h>
#include <lv2/options/options.h>

#include "ph_lv2.h"

#define PH_LV2_SMOOTH_SECONDS 0.01 /* gain and bypass ramps */

static uint32_t block_length_option(const LV2_Options_Option *opts, const ph_lv2_uris *u)
{
    uint32_t max = 0, nominal = 0;
    for (const LV2_Options_Option *o = opts; o && o->key; o++) {
        if (o->type != u->atom_Int || o->size < sizeof(int32_t) || !o->value) continue;
        const int32_t v = *(const int32_t *)o->value;
        if (v <= 0) continue;
        if (o->key == u->bufsz_maxBlockLength) max = (uint32_t)v;
        if (o->key == u->bufsz_nominalBlockLength) nominal = (uint32_t)v;
    }
    uint32_t n = max ? max : nominal ? nominal : PH_LV2_DEFAULT_MAX_BLOCK;
    if (nominal > n) n = nominal;
    return n > 65536 ? 65536 : n;
}

static void cleanup(LV2_Handle h)
{
    ph_lv2 *self = h;
    if (!self) return;
    ph_engine_free(self->engine); /* frees the programs it holds */
    ph_lv2_result_free(atomic_load(&self->mailbox));
    ph_lv2_result_free(self->held);
    ph_lv2_result_free(self->current);
    ph_lv2_drain_retired(self);
    ph_lv2_suite_free(self);
    free(self->w_text);
    free(self->w_draft);
    free(self->draft);
    free(self->draft_stage);
    free(self->stage);
    free(self->pend);
    free(self->scratch);
    free(self->sink);
    pthread_mutex_destroy(&self->lock);
    free(self);
}

static LV2_Handle instantiate(const LV2_Descriptor *d, double rate, const char *bundle,
                              const LV2_Feature *const *features)
{
    (void)bundle;
    LV2_URID_Map *map = NULL;
    LV2_Worker_Schedule *schedule = NULL;
    LV2_Log_Log *log = NULL;
    const LV2_Options_Option *opts = NULL;
    const char *missing = lv2_features_query(features, LV2_URID__map, &map, true,
                                             LV2_WORKER__schedule, &schedule, true,
                                             LV2_LOG__log, &log, false,
                                             LV2_OPTIONS__options, &opts, false, NULL);
    LV2_Log_Logger logger;
    lv2_log_logger_init(&logger, map, log);
    if (missing) {
        lv2_log_error(&logger, "phonon: the host does not provide %s\n", missing);
        return NULL;
    }
    if (!(rate >= 22050.0 && rate <= 192000.0)) {
        lv2_log_error(&logger, "phonon: sample rate %.0f Hz is outside 22050..192000\n", rate);
        return NULL;
    }

    ph_lv2 *self = calloc(1, sizeof *self);
    if (!self) return NULL;
    pthread_mutex_init(&self->lock, NULL);
    self->multi = !strcmp(d->URI, PH_LV2_URI_16);
    self->n_channels = self->multi ? PH_MAX_CHANNELS : PH_MAIN_CHANNELS;
    self->rate = rate;
    self->map = map;
    self->schedule = schedule;
    self->logger = logger;
    ph_lv2_map_uris(&self->uris, map);
    lv2_atom_forge_init(&self->forge, map);
    self->max_block = block_length_option(opts, &self->uris);

    const char *samples = getenv("PHONON_SAMPLES");
    if (samples && strlen(samples) < sizeof self->sample_dir) strcpy(self->sample_dir, samples);
    self->settings = (ph_settings){.sample_rate = rate, .max_block = self->max_block,
                                   .threads = 1,
                                   .sample_dir = self->sample_dir[0] ? self->sample_dir : NULL};

    self->stage = malloc(PH_LV2_TEXT_MAX);
    self->pend = malloc(PH_LV2_TEXT_MAX);
    self->draft = malloc(PH_LV2_TEXT_MAX);
    self->draft_stage = malloc(PH_LV2_TEXT_MAX);
    self->scratch = calloc(self->max_block, sizeof(float));
    self->sink = calloc(self->max_block, sizeof(float));
    const bool suite_ok = ph_lv2_suite_init(self, d->URI); /* Phonon FX, Phonon MIDI */
    self->engine = ph_engine_new(&self->settings);
    if (!self->stage || !self->pend || !self->draft || !self->draft_stage || !self->scratch || !self->sink || !self->engine ||
        !suite_ok) {
        lv2_log_error(&logger, "phonon: out of memory\n");
        cleanup(self);
        return NULL;
    }
    self->smooth_coef = 1.0 - exp(-1.0 / (PH_LV2_SMOOTH_SECONDS * rate));
    self->gain = 1.0;
    self->enable = 1.0;
    for (int i = 0; i < PH_MACROS; i++) self->macro_shadow[i] = NAN;
    self->xfade_shadow = NAN;
    ph_lv2_transport_reset(self);

    /* The default program, until the host restores state or sets text. */
    pthread_mutex_lock(&self->lock);
    const char *text = ph_lv2_default_text(self);
    ph_lv2_publish(self, ph_lv2_compile(self, text, strlen(text), true));
    pthread_mutex_unlock(&self->lock);
    return self;
}

static void connect_port(LV2_Handle h, uint32_t port, void *data)
{
    ph_lv2 *self = h;
    if (!ph_lv2_suite_port(self, &port, data)) return; /* Phonon FX's and MIDI's own ports */
    switch (port) {
    case PH_PORT_CONTROL: self->control = data; return;
    case PH_PORT_NOTIFY: self->notify = data; return;
    case PH_PORT_OUT_L: self->out[0] = data; return;
    case PH_PORT_OUT_R: self->out[1] = data; return;
    case PH_PORT_GAIN: self->gain_port = data; return;
    case PH_PORT_CYCLES_PER_BAR: self->cpb_port = data; return;
    case PH_PORT_TEMPO: self->tempo_port = data; return;
    case PH_PORT_CROSSFADE: self->xfade_port = data; return;
    case PH_PORT_ENABLED: self->enabled_port = data; return;
    default: break;
    }
    if (port >= PH_PORT_MACRO1 && port < PH_PORT_MACRO1 + PH_MACROS)
        self->macro_port[port - PH_PORT_MACRO1] = data;
    else if (self->multi && port >= PH_PORT_AUX1 && port < PH_PORT_COUNT_16)
        self->out[PH_MAIN_CHANNELS + port - PH_PORT_AUX1] = data;
}

static void activate(LV2_Handle h)
{
    ph_lv2 *self = h;
    ph_lv2_transport_reset(self);
    self->watch_countdown = 0;
    ph_lv2_suite_activate(self);
}

/* Adopts the newest compile result, if any. [audio] */
static void adopt(ph_lv2 *self, uint32_t frame)
{
    ph_lv2_result *r = self->held;
    if (!r) r = atomic_exchange_explicit(&self->mailbox, NULL, memory_order_acq_rel);
    if (!r) return;
    const ph_lv2_uris *u = &self->uris;
    if (r->program) {
        const double cps = ph_program_cps(r->program);
        if (!ph_engine_set_program(self->engine, r->program)) {
            self->held = r; /* a crossfade is still running: next slice */
            return;
        }
        r->program = NULL; /* the engine owns it now */
        self->transport.text_cps = cps;
        ph_lv2_transport_apply(self);
    }
    self->held = NULL;
    if (r->has_path) {
        memcpy(self->cur_path, r->path, sizeof self->cur_path);
        self->watching = self->cur_path[0] != '\0';
        self->watch_countdown = (uint64_t)(PH_LV2_WATCH_SECONDS * self->rate);
        ph_lv2_notify_string(self, frame, u->ph_file, u->atom_Path, self->cur_path,
                             strlen(self->cur_path));
    }
    if (r->has_draft) { /* a restore: the state's draft, or none */
        const size_t n = r->draft && r->draft_len <= PH_LV2_TEXT_MAX ? r->draft_len : 0;
        if (n) memcpy(self->draft, r->draft, n);
        self->draft_len = n;
        self->draft_dirty = false;
        ph_lv2_notify_string(self, frame, u->ph_draft, u->atom_String, self->draft, n);
    }
    if (r->has_error) {
        memcpy(self->cur_error, r->error, sizeof self->cur_error);
        ph_lv2_notify_string(self, frame, u->ph_error, u->atom_String, self->cur_error,
                             strlen(self->cur_error));
    }
    /* Decided now: once retired, r belongs to the worker. */
    const bool dirty = (r->text || r->has_path) && !r->quiet;
    if (r->text) {
        ph_lv2_notify_string(self, frame, u->ph_text, u->atom_String, r->text, r->text_len);
        /* A text that did not come from patch:Set (restore, file) is the new reference
         * for echo suppression. */
        if (!self->pend_dirty && !atomic_load_explicit(&self->stage_full, memory_order_acquire))
            self->pend_valid = false;
        if (self->current && !ph_lv2_retire(self, NULL, self->current)) {
            /* Ring full (the worker is stuck): keep the old text rather than leak it. */
            ph_lv2_retire(self, NULL, r);
        } else {
            self->current = r;
        }
    } else {
        /* A full ring (a stuck worker) leaks r rather than block or free here. */
        (void)ph_lv2_retire(self, NULL, r);
    }
    if (dirty) ph_lv2_notify_state_changed(self, frame);
}

static void render(ph_lv2 *self, uint32_t from, uint32_t to)
{
    adopt(self, from);
    while (from < to) {
        const uint32_t n = to - from > self->max_block ? self->max_block : to - from;
        float *outs[PH_MAX_CHANNELS];
        for (uint32_t c = 0; c < self->n_channels; c++)
            outs[c] = self->out[c] ? self->out[c] + from : self->sink;
        ph_lv2_suite_render(self, outs, from, n); /* ph_engine_render, with input or MIDI */
        from += n;
    }
}

static void block_controls(ph_lv2 *self)
{
    for (int i = 0; i < PH_MACROS; i++) {
        const float *p = self->macro_port[i];
        if (!p) continue;
        float v = isfinite(*p) ? *p : 0.0f;
        v = v < 0 ? 0 : v > 1 ? 1 : v;
        if (v != self->macro_shadow[i]) {
            self->macro_shadow[i] = v;
            ph_engine_set_macro(self->engine, i, v);
        }
    }
    if (self->xfade_port && *self->xfade_port != self->xfade_shadow && isfinite(*self->xfade_port)) {
        self->xfade_shadow = *self->xfade_port;
        float ms = self->xfade_shadow < 0 ? 0 : self->xfade_shadow > 2000 ? 2000 : self->xfade_shadow;
        ph_engine_set_crossfade(self->engine, ms / 1000.0);
    }
    ph_lv2_transport_controls(self);
}

/* Master gain (dB) and bypass, smoothed per sample; the smoother's state carries
 * across blocks so any split of the same stream gives the same output. */
static void apply_gain(ph_lv2 *self, uint32_t n)
{
    float db = self->gain_port && isfinite(*self->gain_port) ? *self->gain_port : 0.0f;
    db = db < -60 ? -60 : db > 12 ? 12 : db;
    const double target = db <= -60 ? 0.0 : pow(10.0, db / 20.0);
    /* Bypass and the editor's hush share the 10 ms fade. */
    const double enabled =
        (self->enabled_port && *self->enabled_port <= 0.0f) || self->hushed ? 0.0 : 1.0;
    double g = self->gain, e = self->enable;
    const double k = self->smooth_coef;
    float *gs = self->scratch;
    for (uint32_t i = 0; i < n; i++) {
        g += (target - g) * k;
        e += (enabled - e) * k;
        if (fabs(target - g) < 1e-6) g = target;
        if (fabs(enabled - e) < 1e-6) e = enabled;
        gs[i] = (float)(g * e);
    }
    self->gain = g;
    self->enable = e;
    if (g == 1.0 && e == 1.0) return;
    for (uint32_t c = 0; c < self->n_channels; c++) {
        float *o = self->out[c];
        if (!o) continue;
        for (uint32_t i = 0; i < n; i++) o[i] *= gs[i];
    }
}

/* Output peaks for the editor's meters, and a status report every 1/30 s of audio:
 * a few small atoms, nothing that grows with the program. */
static void report_tick(ph_lv2 *self, uint32_t n)
{
    for (int c = 0; c < 2; c++) {
        const float *o = self->out[c];
        if (!o) continue;
        float p = self->peak[c];
        for (uint32_t i = 0; i < n; i++) {
            const float a = fabsf(o[i]);
            if (a > p) p = a;
        }
        self->peak[c] = p;
    }
    /* The period is kept on average whatever the block size: the remainder carries. */
    self->report_countdown -= (int64_t)n;
    if (self->report_countdown > 0) return;
    const int64_t period = (int64_t)(self->rate / PH_LV2_REPORT_HZ);
    self->report_countdown += period;
    if (self->report_countdown <= 0) self->report_countdown = period;
    ph_lv2_notify_status(self, n ? n - 1 : 0);
    self->peak[0] = self->peak[1] = 0.0f;
}

static void watch_tick(ph_lv2 *self, uint32_t n)
{
    if (!self->watching) return;
    if (self->watch_countdown > n) {
        self->watch_countdown -= n;
        return;
    }
    self->watch_countdown = (uint64_t)(PH_LV2_WATCH_SECONDS * self->rate);
    if (atomic_load_explicit(&self->watch_outstanding, memory_order_acquire)) return;
    atomic_store_explicit(&self->watch_outstanding, 1, memory_order_release);
    const uint32_t t = PH_TOKEN_WATCH;
    if (self->schedule->schedule_work(self->schedule->handle, sizeof t, &t) != LV2_WORKER_SUCCESS)
        atomic_store_explicit(&self->watch_outstanding, 0, memory_order_release);
}

/* Walking an input sequence; NULL at its end (or for an unconnected port). */
static const LV2_Atom_Event *first_event(const LV2_Atom_Sequence *seq)
{
    if (!seq) return NULL;
    const LV2_Atom_Event *ev = lv2_atom_sequence_begin(&seq->body);
    return lv2_atom_sequence_is_end(&seq->body, seq->atom.size, ev) ? NULL : ev;
}

static const LV2_Atom_Event *next_event(const LV2_Atom_Sequence *seq, const LV2_Atom_Event *ev)
{
    ev = lv2_atom_sequence_next(ev);
    return lv2_atom_sequence_is_end(&seq->body, seq->atom.size, ev) ? NULL : ev;
}

static void run(LV2_Handle h, uint32_t n_samples)
{
    ph_lv2 *self = h;
    /* every buffer is sized for max_block: a host that runs a longer block (it promised not
     * to, or gave no bound) gets silence after max_block rather than an overrun, the bound
     * applied here once for every hook */
    if (n_samples > self->max_block) {
        for (uint32_t c = 0; c < self->n_channels; c++)
            if (self->out[c]) memset(self->out[c] + self->max_block, 0, (n_samples - self->max_block) * sizeof(float));
        n_samples = self->max_block;
    }
    ph_lv2_notify_begin(self);
    ph_lv2_suite_run_begin(self, n_samples);
    /* Hand back what the engine finished with, while the ring has room. */
    for (;;) {
        const unsigned used = atomic_load_explicit(&self->retire_head, memory_order_relaxed) -
                              atomic_load_explicit(&self->retire_tail, memory_order_acquire);
        if (used >= PH_LV2_RETIRE_CAP) break;
        ph_program *old = ph_engine_take_retired(self->engine);
        if (!old) break;
        ph_lv2_retire(self, old, NULL);
    }
    block_controls(self);
    ph_lv2_flush_requests(self);

    /* The control port's events and the transport port's (Phonon FX) in time order; at
     * equal times the control port's first. */
    uint32_t pos = 0;
    const LV2_Atom_Event *a = first_event(self->control), *b = first_event(self->position_in);
    while (a || b) {
        const bool from_b = b && (!a || b->time.frames < a->time.frames);
        const LV2_Atom_Event *ev = from_b ? b : a;
        const int64_t t = ev->time.frames;
        const uint32_t at = t < (int64_t)pos ? pos : t > (int64_t)n_samples ? n_samples : (uint32_t)t;
        if (at > pos) {
            render(self, pos, at);
            pos = at;
        }
        if (from_b) {
            ph_lv2_handle_position_event(self, ev);
            b = next_event(self->position_in, b);
        } else {
            ph_lv2_handle_event(self, ev, pos);
            a = next_event(self->control, a);
        }
    }
    if (n_samples > pos) render(self, pos, n_samples);
    else adopt(self, n_samples); /* a result made by an event at the very end */
    apply_gain(self, n_samples);
    report_tick(self, n_samples);
    ph_lv2_suite_run_end(self, n_samples);
    watch_tick(self, n_samples);
    ph_lv2_flush_requests(self);
    ph_lv2_notify_end(self);
}

static const void *extension_data(const char *uri)
{
    static const LV2_Worker_Interface worker = {ph_lv2_work, ph_lv2_work_response, NULL};
    static const LV2_State_Interface state = {ph_lv2_save, ph_lv2_restore};
    if (!strcmp(uri, LV2_WORKER__interface)) return &worker;
    if (!strcmp(uri, LV2_STATE__interface)) return &state;
    return NULL;
}

static const LV2_Descriptor descriptors[] = {
    {PH_LV2_URI, instantiate, connect_port, activate, run, NULL, cleanup, extension_data},
    {PH_LV2_URI_16, instantiate, connect_port, activate, run, NULL, cleanup, extension_data},
    {PH_LV2_URI_FX, instantiate, connect_port, activate, run, NULL, cleanup, extension_data},
    {PH_LV2_URI_MIDI, instantiate, connect_port, activate, run, NULL, cleanup, extension_data},
};

LV2_SYMBOL_EXPORT const LV2_Descriptor *lv2_descriptor(uint32_t index)
{
    return index < sizeof descriptors / sizeof descriptors[0] ? &descriptors[index] : NULL;
}

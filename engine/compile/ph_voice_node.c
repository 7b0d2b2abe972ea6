/* Voice nodes (see ph_voice_node.h). The event side (queries, controls, exact onsets)
 * lives here; playing a sound is table playback from the kit / sample bank, and the
 * supersaw/superpwm synths. */
#include "compile/ph_voice_node.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/ph_drums.h"
#include "dsp/ph_osc.h"

#define VOICE_ARENA_BYTES (128u * 1024u)
#define MAX_EVENTS 256
#define FADE_SLOTS 16
#define DECLICK_SECONDS 0.003

/* ---- the kit, shared by every program at one sample rate --------------------------- */

static pthread_mutex_t kit_lock = PTHREAD_MUTEX_INITIALIZER;
static ph_kit *kits[4];
static double kit_rates[4];

static const ph_kit *kit_for(double rate)
{
    pthread_mutex_lock(&kit_lock);
    const ph_kit *k = NULL;
    for (int i = 0; i < 4 && !k; i++)
        if (kits[i] && kit_rates[i] == rate) k = kits[i];
    if (!k) {
        int slot = 0;
        while (slot < 3 && kits[slot]) slot++;
        if (kits[slot]) ph_kit_destroy(kits[slot]); /* more than 4 rates: recycle the last slot */
        kits[slot] = ph_kit_create(rate);
        kit_rates[slot] = rate;
        k = kits[slot];
    }
    pthread_mutex_unlock(&kit_lock);
    return k;
}

/* ---- events and voices ------------------------------------------------------------- */

typedef struct vev {
    int64_t on, len; /* onset sample, event length in samples */
    ph_word s;
    int32_t index;
    float gain, pan, speed, note, begin, end, attack, release, legato, freq;
    int cut;
    bool has_freq;
} vev;

typedef enum vkind { V_OFF, V_TABLE, V_SAW, V_PWM } vkind;

typedef struct voice {
    vkind kind;
    const ph_table *t;
    double pos, inc, end_pos;
    float gl, gr;
    int64_t start;    /* first sample */
    int64_t stop_at;  /* release starts here (INT64_MAX: plays to the end) */
    float att_inc;    /* per-sample attack increment (>= 1: none) */
    float rel_dec;    /* per-sample release decrement */
    float env;        /* attack/release envelope 0..1 */
    bool releasing;
    int cut;
    uint64_t serial;
    ph_osc osc[3];
    float freq;
} voice;

typedef struct voice_node {
    const ph_pat *pat;
    ph_arena *arena;
    const ph_kit *kit;
    double rate;
    vev ev[MAX_EVENTS];
    uint32_t n_ev, next, dropped;
    voice v[PH_VOICES_PER_NODE + FADE_SLOTS];
    uint64_t serial;
    int n_sig;
    ph_word sig_key[8];
    ph_word k_s, k_n, k_gain, k_pan, k_speed, k_note, k_begin, k_end, k_cut, k_attack, k_release, k_legato,
        k_freq;
    ph_word w_supersaw, w_superpwm;
} voice_node;

static float num_or(ph_value map, ph_word key, float dflt)
{
    ph_value v;
    double x;
    if (ph_cmap_get(map, key, &v) && ph_value_to_number(v, &x) && isfinite(x)) return (float)x;
    return dflt;
}

static void read_event(voice_node *s, const ph_event *e, const ph_window *w, vev *o)
{
    ph_value m = e->value;
    memset(o, 0, sizeof *o);
    o->on = ph_window_sample_of(w, e->whole.begin);
    o->len = ph_window_sample_of(w, e->whole.end) - o->on;
    ph_value sv;
    o->index = 0;
    if (ph_cmap_get(m, s->k_s, &sv)) {
        if (sv.kind == PH_VAL_WORD) o->s = sv.u.word;
        if (sv.index != PH_NO_INDEX) o->index = sv.index;
    }
    o->index += (int32_t)num_or(m, s->k_n, 0.0f);
    o->gain = num_or(m, s->k_gain, 1.0f);
    o->pan = num_or(m, s->k_pan, 0.5f);
    o->speed = num_or(m, s->k_speed, 1.0f);
    o->note = num_or(m, s->k_note, 0.0f);
    o->begin = num_or(m, s->k_begin, 0.0f);
    o->end = num_or(m, s->k_end, 1.0f);
    o->attack = num_or(m, s->k_attack, 0.0f);
    o->release = num_or(m, s->k_release, -1.0f);
    o->legato = num_or(m, s->k_legato, 0.0f);
    o->cut = (int)num_or(m, s->k_cut, 0.0f);
    ph_value fv;
    double f;
    if (ph_cmap_get(m, s->k_freq, &fv)) {
        if (fv.kind == PH_VAL_WORD) {
            size_t len;
            const char *txt = ph_word_str(fv.u.word, &len);
            if (ph_note_to_midi(txt, len, &f)) {
                o->freq = (float)(440.0 * exp2((f - 69.0) / 12.0));
                o->has_freq = true;
            }
        } else if (ph_value_to_number(fv, &f) && isfinite(f)) {
            o->freq = (float)f;
            o->has_freq = true;
        }
    }
}

static void voice_prepare(ph_node *n, const ph_window *w)
{
    voice_node *s = n->state;
    s->n_ev = s->next = 0;
    if (!w->rolling || !ph_rat_lt(w->cycle_begin, w->cycle_end)) return;
    ph_arena_reset(s->arena);
    ph_events evs;
    ph_events_init(&evs);
    if (ph_query(s->pat, ph_span_make(w->cycle_begin, w->cycle_end), s->arena, &evs) != PH_Q_OK) s->dropped++;
    for (uint32_t i = 0; i < evs.count; i++) {
        const ph_event *e = &evs.ev[i];
        if (!e->has_whole || !ph_event_has_onset(e)) continue;
        if (s->n_ev == MAX_EVENTS) {
            s->dropped++;
            break;
        }
        vev ev;
        read_event(s, e, w, &ev);
        uint32_t k = s->n_ev++;
        while (k > 0 && s->ev[k - 1].on > ev.on) {
            s->ev[k] = s->ev[k - 1];
            k--;
        }
        s->ev[k] = ev;
    }
}

static void release_voice(voice *v, int64_t at, float seconds, double rate)
{
    if (v->kind == V_OFF || v->releasing) return;
    v->stop_at = at;
    float samples = seconds * (float)rate;
    v->rel_dec = samples >= 1.0f ? 1.0f / samples : 1.0f;
}

static void start_voice(voice_node *s, ph_node *n, const vev *e, uint32_t offset)
{
    /* signal controls, sampled at the onset */
    vev ev = *e;
    for (int k = 0; k < s->n_sig; k++) {
        float x = n->in[k][0][offset];
        ph_word key = s->sig_key[k];
        if (key == s->k_gain) ev.gain = x;
        else if (key == s->k_pan) ev.pan = x;
        else if (key == s->k_speed) ev.speed = x;
        else if (key == s->k_note) ev.note = x;
        else if (key == s->k_begin) ev.begin = x;
        else if (key == s->k_end) ev.end = x;
        else if (key == s->k_cut) ev.cut = (int)x;
        else if (key == s->k_attack) ev.attack = x;
        else if (key == s->k_release) ev.release = x;
        else if (key == s->k_legato) ev.legato = x;
        else if (key == s->k_n) ev.index += (int32_t)x;
    }
    vkind kind = V_TABLE;
    const ph_table *t = NULL;
    if (ev.s == s->w_supersaw) kind = V_SAW;
    else if (ev.s == s->w_superpwm) kind = V_PWM;
    else {
        const char *name = ph_word_str(ev.s, NULL);
        t = s->kit ? ph_kit_find(s->kit, name, ev.index) : NULL;
        if (!t || !t->frames) return; /* unknown sound: silent, like Tidal */
    }
    if (!(ev.gain > 0.0f)) return;
    /* cut groups: a new voice silences the others of its group */
    if (ev.cut > 0)
        for (int i = 0; i < PH_VOICES_PER_NODE + FADE_SLOTS; i++)
            if (s->v[i].kind != V_OFF && s->v[i].cut == ev.cut)
                release_voice(&s->v[i], e->on, (float)DECLICK_SECONDS, s->rate);
    /* a free slot, else steal the oldest into a fade slot */
    int slot = -1;
    for (int i = 0; i < PH_VOICES_PER_NODE; i++)
        if (s->v[i].kind == V_OFF) {
            slot = i;
            break;
        }
    if (slot < 0) {
        int oldest = 0;
        for (int i = 1; i < PH_VOICES_PER_NODE; i++)
            if (s->v[i].serial < s->v[oldest].serial) oldest = i;
        int fade = -1;
        for (int i = PH_VOICES_PER_NODE; i < PH_VOICES_PER_NODE + FADE_SLOTS; i++)
            if (s->v[i].kind == V_OFF) {
                fade = i;
                break;
            }
        if (fade >= 0) {
            s->v[fade] = s->v[oldest];
            release_voice(&s->v[fade], e->on, (float)DECLICK_SECONDS, s->rate);
        }
        slot = oldest;
    }
    voice *v = &s->v[slot];
    memset(v, 0, sizeof *v);
    v->kind = kind;
    v->t = t;
    v->start = e->on;
    v->stop_at = INT64_MAX;
    v->serial = ++s->serial;
    v->cut = ev.cut;
    float pan = ev.pan < 0.0f ? 0.0f : ev.pan > 1.0f ? 1.0f : ev.pan;
    float g = ev.gain > 4.0f ? 4.0f : ev.gain;
    v->gl = g * cosf(pan * 1.5707963f) * 1.41421356f;
    v->gr = g * sinf(pan * 1.5707963f) * 1.41421356f;
    float att = ev.attack > 0.0f ? ev.attack * (float)s->rate : 0.0f;
    v->att_inc = att >= 1.0f ? 1.0f / att : 1.0f;
    v->env = att >= 1.0f ? 0.0f : 1.0f;
    double speed = (double)ev.speed * exp2((double)ev.note / 12.0);
    if (!isfinite(speed) || fabs(speed) < 1e-3) speed = speed < 0 ? -1e-3 : 1e-3;
    if (fabs(speed) > 64.0) speed = speed < 0 ? -64.0 : 64.0;
    float rel = ev.release >= 0.0f ? ev.release : (float)DECLICK_SECONDS;
    if (kind == V_TABLE) {
        double b = ev.begin < 0 ? 0 : ev.begin > 1 ? 1 : ev.begin;
        double en = ev.end < 0 ? 0 : ev.end > 1 ? 1 : ev.end;
        if (en <= b) return;
        double frames = (double)t->frames;
        v->inc = speed * t->rate / s->rate;
        if (speed >= 0) {
            v->pos = b * frames;
            v->end_pos = en * frames;
        } else {
            v->pos = en * frames - 1.0;
            v->end_pos = b * frames;
        }
    } else {
        float f = ev.has_freq ? ev.freq : 110.0f;
        v->freq = (float)(f * speed);
        for (int k = 0; k < 3; k++) ph_osc_init(&v->osc[k], s->rate, 0.13 * k);
        /* synths hold for the event (times legato, default 1) then release */
        if (ev.release < 0.0f) rel = 0.1f;
    }
    int64_t hold = -1;
    if (ev.legato > 0.0f) hold = (int64_t)((double)ev.legato * (double)e->len);
    else if (kind != V_TABLE) hold = e->len;
    if (hold >= 0) release_voice(v, e->on + hold, rel, s->rate);
}

static void render_table(voice *v, float *l, float *r, uint32_t from, uint32_t to, int64_t t0)
{
    const ph_table *t = v->t;
    const float *d = t->data;
    uint32_t ch = t->channels, last = t->frames - 1;
    for (uint32_t i = from; i < to; i++) {
        int64_t tt = t0 + i;
        if (tt >= v->stop_at) v->releasing = true;
        if (v->releasing) {
            v->env -= v->rel_dec;
            if (v->env <= 0.0f) {
                v->kind = V_OFF;
                return;
            }
        } else if (v->env < 1.0f) {
            v->env = fminf(1.0f, v->env + v->att_inc);
        }
        bool fwd = v->inc >= 0;
        if (fwd ? v->pos >= v->end_pos : v->pos < v->end_pos || v->pos < 0) {
            v->kind = V_OFF;
            return;
        }
        uint32_t i0 = (uint32_t)v->pos;
        float fr = (float)(v->pos - i0);
        uint32_t i1 = i0 < last ? i0 + 1 : last;
        float a = d[i0 * ch] + (d[i1 * ch] - d[i0 * ch]) * fr;
        float b = ch > 1 ? d[i0 * ch + 1] + (d[i1 * ch + 1] - d[i0 * ch + 1]) * fr : a;
        l[i] += a * v->gl * v->env;
        r[i] += b * v->gr * v->env;
        v->pos += v->inc;
    }
}

static void render_synth(voice *v, float *l, float *r, uint32_t from, uint32_t to, int64_t t0, float *tmp,
                         float *fbuf, float *acc)
{
    uint32_t n = to - from;
    if (!n) return;
    static const float detune[3] = {1.0f, 1.0061f, 0.9941f};
    memset(acc, 0, n * sizeof(float));
    for (int k = 0; k < 3; k++) {
        for (uint32_t i = 0; i < n; i++) fbuf[i] = v->freq * detune[k];
        if (v->kind == V_SAW) ph_osc_saw(&v->osc[k], tmp, fbuf, n, (uint64_t)(t0 + from));
        else {
            float pw[PH_CHUNK];
            for (uint32_t i = 0; i < n; i++) pw[i] = 0.5f + 0.3f * (float)k / 3.0f;
            ph_osc_square(&v->osc[k], tmp, fbuf, pw, n, (uint64_t)(t0 + from));
        }
        for (uint32_t i = 0; i < n; i++) acc[i] += tmp[i] * 0.3f;
    }
    for (uint32_t i = 0; i < n; i++) {
        int64_t tt = t0 + from + i;
        if (tt >= v->stop_at) v->releasing = true;
        if (v->releasing) {
            v->env -= v->rel_dec;
            if (v->env <= 0.0f) {
                v->kind = V_OFF;
                return;
            }
        } else if (v->env < 1.0f) {
            v->env = fminf(1.0f, v->env + v->att_inc);
        }
        l[from + i] += acc[i] * v->gl * v->env;
        r[from + i] += acc[i] * v->gr * v->env;
    }
}

static void render_voices(voice_node *s, float *l, float *r, uint32_t from, uint32_t to, int64_t t0)
{
    float tmp[PH_CHUNK], fbuf[PH_CHUNK], acc[PH_CHUNK];
    for (int i = 0; i < PH_VOICES_PER_NODE + FADE_SLOTS; i++) {
        voice *v = &s->v[i];
        if (v->kind == V_OFF) continue;
        if (v->kind == V_TABLE) render_table(v, l, r, from, to, t0);
        else render_synth(v, l, r, from, to, t0, tmp, fbuf, acc);
    }
}

static void voice_render(ph_node *n, const ph_ctx *ctx)
{
    voice_node *s = n->state;
    float *l = n->out[0], *r = n->out[1];
    memset(l, 0, ctx->n * sizeof(float));
    memset(r, 0, ctx->n * sizeof(float));
    int64_t t0 = ctx->sample, end = t0 + ctx->n;
    uint32_t i = 0;
    while (i < ctx->n) {
        while (s->next < s->n_ev && s->ev[s->next].on <= t0 + (int64_t)i) {
            const vev *e = &s->ev[s->next++];
            if (e->on >= t0) start_voice(s, n, e, (uint32_t)(e->on - t0) < ctx->n ? (uint32_t)(e->on - t0) : 0);
        }
        int64_t stop = s->next < s->n_ev && s->ev[s->next].on < end ? s->ev[s->next].on : end;
        uint32_t to = (uint32_t)(stop - t0);
        render_voices(s, l, r, i, to, t0);
        i = to;
    }
}

static void voice_destroy(ph_node *n)
{
    voice_node *s = n->state;
    if (s) ph_arena_free(s->arena);
    free(s);
}

static const ph_node_ops voice_ops = {
    .kind = "voices", .render = voice_render, .prepare = voice_prepare, .destroy = voice_destroy};

int ph_cc_voice_node(ph_cc *c, cv *v)
{
    voice_node *s = calloc(1, sizeof *s);
    if (!s) {
        ph_cc_error(c, v->at, "out of memory");
        return -1;
    }
    s->arena = ph_arena_new_fixed(VOICE_ARENA_BYTES);
    s->rate = c->set->sample_rate > 0 ? c->set->sample_rate : 48000.0;
    s->kit = kit_for(s->rate);
    if (!s->arena || !s->kit) {
        voice_destroy(&(ph_node){.state = s});
        ph_cc_error(c, v->at, "out of memory");
        return -1;
    }
    s->pat = v->pat;
    s->k_s = ph_intern_cstr("s");
    s->k_n = ph_intern_cstr("n");
    s->k_gain = ph_intern_cstr("gain");
    s->k_pan = ph_intern_cstr("pan");
    s->k_speed = ph_intern_cstr("speed");
    s->k_note = ph_intern_cstr("note");
    s->k_begin = ph_intern_cstr("begin");
    s->k_end = ph_intern_cstr("end");
    s->k_cut = ph_intern_cstr("cut");
    s->k_attack = ph_intern_cstr("attack");
    s->k_release = ph_intern_cstr("release");
    s->k_legato = ph_intern_cstr("legato");
    s->k_freq = ph_intern_cstr("freq");
    s->w_supersaw = ph_intern_cstr("supersaw");
    s->w_superpwm = ph_intern_cstr("superpwm");
    ph_ref in[8];
    s->n_sig = v->n_sig_ctrl;
    for (int k = 0; k < v->n_sig_ctrl; k++) {
        in[k] = ph_ref_audio(v->sig_ctrl_node[k]);
        s->sig_key[k] = v->sig_ctrl_key[k];
    }
    int id = ph_graph_add(c->g, &voice_ops, s, 2, 0, in, (uint32_t)v->n_sig_ctrl);
    if (id < 0) {
        voice_destroy(&(ph_node){.state = s});
        ph_cc_error(c, v->at, "out of memory");
    }
    return id;
}

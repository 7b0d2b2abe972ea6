/* Voice nodes (see ph_voice_node.h). The event side (queries, controls, exact onsets)
 * lives here; playing a sound is table playback from the kit / sample bank, and the
 * supersaw/superpwm synths. */
#include "compile/ph_voice_node.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/ph_drums.h"
#include "dsp/ph_samples.h"
#include "dsp/ph_voices.h"

#define VOICE_ARENA_BYTES (128u * 1024u)
#define MAX_EVENTS 256

/* ---- the kit and sample banks, shared by the programs that use them ----------------- */

/* Reference counted (compile and free only, never the audio thread), so that nothing
 * outlives the last program -- a plugin may be unloaded. */
static pthread_mutex_t share_lock = PTHREAD_MUTEX_INITIALIZER;

#define MAX_SHARED 8
static struct {
    ph_kit *kit;
    double rate;
    int refs;
} kits[MAX_SHARED];
static struct {
    ph_sample_bank *bank;
    char *dir;
    double rate;
    int refs;
} banks[MAX_SHARED];

static ph_kit *kit_acquire(double rate)
{
    pthread_mutex_lock(&share_lock);
    ph_kit *k = NULL;
    for (int i = 0; i < MAX_SHARED && !k; i++)
        if (kits[i].kit && kits[i].rate == rate) {
            k = kits[i].kit;
            kits[i].refs++;
        }
    for (int i = 0; i < MAX_SHARED && !k; i++)
        if (!kits[i].kit && (k = ph_kit_create(rate))) {
            kits[i].kit = k;
            kits[i].rate = rate;
            kits[i].refs = 2; /* one for the caller, one for the cache (see below) */
        }
    pthread_mutex_unlock(&share_lock);
    return k;
}

static void kit_release(const ph_kit *k)
{
    if (!k) return;
    pthread_mutex_lock(&share_lock);
    for (int i = 0; i < MAX_SHARED; i++)
        if (kits[i].kit == k && --kits[i].refs == 0) {
            ph_kit_destroy(kits[i].kit);
            kits[i].kit = NULL;
        }
    pthread_mutex_unlock(&share_lock);
}

/* The cache keeps each kit it made (synthesis takes ~50 ms, and live coding recompiles
 * often) until the library is unloaded or the process exits. */
__attribute__((destructor)) static void release_cached_kits(void)
{
    for (int i = 0; i < MAX_SHARED; i++)
        if (kits[i].kit) kit_release(kits[i].kit);
}

static ph_sample_bank *bank_acquire(const char *dir, double rate, char *err, size_t errlen)
{
    pthread_mutex_lock(&share_lock);
    ph_sample_bank *b = NULL;
    for (int i = 0; i < MAX_SHARED && !b; i++)
        if (banks[i].bank && banks[i].rate == rate && !strcmp(banks[i].dir, dir)) {
            b = banks[i].bank;
            banks[i].refs++;
        }
    if (!b) {
        int slot = -1;
        for (int i = 0; i < MAX_SHARED && slot < 0; i++)
            if (!banks[i].bank) slot = i;
        if (slot < 0) {
            snprintf(err, errlen, "too many sample folders in use");
        } else {
            b = ph_sample_bank_open(dir, rate, err, errlen);
            char *d = b ? strdup(dir) : NULL;
            if (b && d) {
                banks[slot].bank = b;
                banks[slot].dir = d;
                banks[slot].rate = rate;
                banks[slot].refs = 1;
            } else {
                if (b) ph_sample_bank_free(b);
                free(d);
                b = NULL;
            }
        }
    }
    pthread_mutex_unlock(&share_lock);
    return b;
}

static void bank_release(ph_sample_bank *b)
{
    if (!b) return;
    pthread_mutex_lock(&share_lock);
    for (int i = 0; i < MAX_SHARED; i++)
        if (banks[i].bank == b && --banks[i].refs == 0) {
            ph_sample_bank_free(banks[i].bank);
            free(banks[i].dir);
            banks[i].bank = NULL;
            banks[i].dir = NULL;
        }
    pthread_mutex_unlock(&share_lock);
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

typedef struct voice_node {
    const ph_pat *pat;
    ph_arena *arena;
    const ph_kit *kit;
    ph_sample_bank *bank; /* NULL without a sample folder */
    double rate;
    vev ev[MAX_EVENTS];
    uint32_t n_ev, next, dropped;
    ph_voices *pool;
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
    ph_voice_event v;
    ph_voice_event_defaults(&v);
    if (!ph_voice_event_sound(&v, s->kit, s->bank, ph_word_str(ev.s, NULL), ev.index)) return;
    v.offset = offset;
    v.gain = ev.gain;
    v.pan = ev.pan;
    v.speed = ev.speed;
    v.note = ev.note;
    if (ev.has_freq) v.freq = ev.freq;
    v.begin = ev.begin;
    v.end = ev.end;
    v.attack = ev.attack;
    if (ev.release >= 0.0f) v.release = ev.release;
    v.cut = ev.cut;
    /* held for legato x the event (synths: the event) before the release */
    double len = 0;
    if (ev.legato > 0.0f) len = (double)ev.legato * (double)e->len;
    else if (v.kind != PH_VOICE_TABLE) len = (double)e->len;
    if (len > 0) v.length = len > 4e9 ? 4000000000u : (uint32_t)(len < 1 ? 1 : len);
    ph_voices_trigger(s->pool, &v);
}

static void voice_render(ph_node *n, const ph_ctx *ctx)
{
    voice_node *s = n->state;
    int64_t t0 = ctx->sample, end = t0 + ctx->n;
    while (s->next < s->n_ev && s->ev[s->next].on < end) {
        const vev *e = &s->ev[s->next++];
        if (e->on >= t0) start_voice(s, n, e, (uint32_t)(e->on - t0));
    }
    ph_voices_render(s->pool, n->out[0], n->out[1], ctx->n, (uint64_t)t0);
}

static void voice_destroy(ph_node *n)
{
    voice_node *s = n->state;
    if (!s) return;
    ph_arena_free(s->arena);
    ph_voices_destroy(s->pool);
    kit_release(s->kit);
    bank_release(s->bank);
    free(s);
}

/* Loads every bank sound whose name is a word of one of the program's strings, so that a
 * sound first played late (`"<bd sn>/100"`) or by a rare random choice is there too:
 * words are runs of letters, digits, '_' and '-' (`"bd:3*2"` gives bd and 3). */
static void load_named_in_strings(voice_node *s, ph_cc *c, const ph_ast_node *n)
{
    if (!n || !ph_cc_ok(c)) return;
    if (n->kind == PH_AST_STR && n->text) {
        for (size_t i = 0; i < n->len;) {
            size_t j = i;
            while (j < n->len && (isalnum((unsigned char)n->text[j]) || n->text[j] == '_' || n->text[j] == '-')) j++;
            if (j > i && j - i < 128) {
                char name[128];
                memcpy(name, n->text + i, j - i);
                name[j - i] = 0;
                char err[256];
                if (ph_sample_bank_count(s->bank, name) > 0 && ph_sample_bank_load(s->bank, name, err, sizeof err) != 0)
                    ph_cc_error(c, n, "sample '%s': %s", name, err);
            }
            i = j > i ? j : i + 1;
        }
    }
    load_named_in_strings(s, c, n->lhs);
    load_named_in_strings(s, c, n->rhs);
    for (size_t k = 0; k < n->n_items; k++) load_named_in_strings(s, c, n->items[k]);
}

/* Loads the bank's sounds that the pattern names in its first 64 cycles (what a computed
 * name - `s ("bd" + ...)` - may come to), and those named in the program's strings. */
static void load_used_samples(voice_node *s, ph_cc *c)
{
    ph_arena *a = ph_arena_new_growable(64 * 1024);
    if (!a) return;
    ph_word seen[64];
    int n_seen = 0;
    for (int cyc = 0; cyc < 64 && ph_cc_ok(c); cyc++) {
        ph_arena_reset(a);
        ph_events evs;
        ph_events_init(&evs);
        if (ph_query(s->pat, ph_span_make(ph_rat_int(cyc), ph_rat_int(cyc + 1)), a, &evs) != PH_Q_OK) break;
        for (uint32_t i = 0; i < evs.count && i < 4096; i++) {
            ph_value sv;
            if (!ph_cmap_get(evs.ev[i].value, s->k_s, &sv) || sv.kind != PH_VAL_WORD) continue;
            bool known = false;
            for (int k = 0; k < n_seen && !known; k++) known = seen[k] == sv.u.word;
            if (known || n_seen == 64) continue;
            seen[n_seen++] = sv.u.word;
            const char *name = ph_word_str(sv.u.word, NULL);
            char err[256];
            if (ph_sample_bank_count(s->bank, name) > 0 && ph_sample_bank_load(s->bank, name, err, sizeof err) != 0)
                ph_cc_error(c, NULL, "sample '%s': %s", name, err);
        }
    }
    ph_arena_free(a);
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
    s->kit = kit_acquire(s->rate);
    s->pool = ph_voices_create(s->rate, PH_VOICES_PER_NODE);
    if (!s->arena || !s->kit || !s->pool) {
        voice_destroy(&(ph_node){.state = s});
        ph_cc_error(c, v->at, "out of memory");
        return -1;
    }
    s->pat = v->pat;
    s->k_s = ph_intern_cstr("s");
    if (c->set->sample_dir && c->set->sample_dir[0]) {
        char err[256] = "";
        s->bank = bank_acquire(c->set->sample_dir, s->rate, err, sizeof err);
        if (!s->bank) {
            voice_destroy(&(ph_node){.state = s});
            ph_cc_error(c, NULL, "%s", err[0] ? err : "cannot read the sample folder");
            return -1;
        }
        load_used_samples(s, c);
        for (size_t k = 0; c->ast && k < c->ast->n_stmts; k++) load_named_in_strings(s, c, c->ast->stmts[k].expr);
        if (!ph_cc_ok(c)) {
            voice_destroy(&(ph_node){.state = s});
            return -1;
        }
    }
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

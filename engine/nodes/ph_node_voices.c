/* Voice nodes: a pattern of control maps played by voices. Once per query window the
 * pattern is queried (into a fixed arena sized here); each event onset starts a voice at
 * its exact sample with the event's controls; voices render stereo (their dry sound) into
 * the node's buffers and, once ph_node_voices_sends has made it send, their orbit sends
 * into its own buffers, which sends nodes copy out. Playing a sound is table playback from the kit
 * (dsp/ph_drums.h) or a sample folder (dsp/ph_samples.h), or a synth voice (supersaw,
 * superpwm); the per-sound controls (dsp/ph_voice_fx.h, docs/CONTROLS.md) ride along. */
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/ph_voices.h"
#include "nodes/ph_nodes.h"
#include "nodes/ph_sound_share.h"

#define VOICE_ARENA_BYTES (128u * 1024u)
#define MAX_EVENTS 256

/* ---- events and voices ------------------------------------------------------------- */

typedef enum { UNIT_RATE, UNIT_CYCLES } unit_kind;

typedef struct vev {
    int64_t on, len; /* onset sample, event length in samples */
    ph_word s;
    int32_t index;
    float n;       /* the index as a number (s "x:3" plus n): a synth's note when note is absent */
    bool has_note; /* note given (a sample's transposition, a synth's pitch) */
    /* numeric controls, in the order of num_ctls */
    float gain, pan, speed, note, begin, end, attack, release, legato, sustain, cut, amp, accelerate, loop, orbit,
        room, delay, dry;
    ph_vfx_params fx;
    float freq;
    bool has_freq;
    unit_kind unit;
    double cps;
    /* a synth's parameters (superkick 60 0.5 ...: keys from dsp/ph_synthv.h) */
    const ph_synthv_def *synth;
    float sp[PH_SYNTHV_PARAMS];
    uint32_t sp_given;
} vev;

/* The numeric controls the voices play: the control map key, where it goes, its default
 * and, for the per-voice effects, the bit that turns the effect on. */
typedef struct num_ctl {
    const char *key;
    size_t off;
    float dflt;
    uint32_t fx_bit;
} num_ctl;

#define V(field) offsetof(vev, field)
static const num_ctl num_ctls[] = {
    {"gain", V(gain), 1, 0},
    {"pan", V(pan), 0.5f, 0},
    {"speed", V(speed), 1, 0},
    {"note", V(note), 0, 0},
    {"begin", V(begin), 0, 0},
    {"end", V(end), 1, 0},
    {"attack", V(attack), 0, 0},
    {"release", V(release), -1, 0},
    {"legato", V(legato), 0, 0},
    {"sustain", V(sustain), 0, 0},
    {"cut", V(cut), 0, 0},
    {"amp", V(amp), 1, 0},
    {"accelerate", V(accelerate), 0, 0},
    {"loop", V(loop), 1, 0},
    {"orbit", V(orbit), 0, 0},
    {"room", V(room), 0, 0},
    {"delay", V(delay), 0, 0},
    {"dry", V(dry), 1, 0},
    {"cutoff", V(fx.cutoff), 0, PH_VFX_LPF},
    {"resonance", V(fx.resonance), 1, 0},
    {"hcutoff", V(fx.hcutoff), 0, PH_VFX_HPF},
    {"hresonance", V(fx.hresonance), 1, 0},
    {"bandf", V(fx.bandf), 0, PH_VFX_BPF},
    {"bandq", V(fx.bandq), 1, 0},
    {"coarse", V(fx.coarse), 0, PH_VFX_COARSE},
    {"crush", V(fx.crush), 0, PH_VFX_CRUSH},
    {"shape", V(fx.shape), 0, PH_VFX_SHAPE},
    {"squiz", V(fx.squiz), 0, PH_VFX_SQUIZ},
};
#undef V
#define N_NUM (sizeof num_ctls / sizeof num_ctls[0])

/* The synths' names and parameter keys, interned when the node is made. */
#define VOICE_SYNTHS 8
typedef struct synth_keys {
    const ph_synthv_def *def;
    ph_word name, key[PH_SYNTHV_PARAMS];
} synth_keys;

/* A bus rendered into a table, played under its `~name` (s "~synth*4"). */
#define VOICE_BUS_TABLES 8
typedef struct bus_table {
    ph_word name;
    ph_table table;
} bus_table;

#define VOWELS_MAX 32 /* at least dsp/ph_voice_fx.c's vowels */

typedef struct voice_node {
    bus_table buses[VOICE_BUS_TABLES];
    uint32_t n_buses;
    const ph_pat *pat;
    ph_arena *arena;
    const ph_kit *kit;
    ph_sample_bank *bank; /* NULL without a sample folder */
    double rate;
    vev ev[MAX_EVENTS];
    uint32_t n_ev, next, dropped;
    ph_voices *pool;
    uint32_t orbits; /* orbits the voices send to (ph_node_voices_sends) */
    float *send_buf; /* per orbit: reverb, delay left, delay right; PH_CHUNK each */
    uint32_t n_sig;
    ph_word sig_key[PH_VOICE_MAX_SIGNALS];
    ph_word k_s, k_n, k_note, k_freq, k_vowel, k_unit, k_num[N_NUM];
    ph_word w_cycles;            /* unit "c" */
    ph_word w_vowel[VOWELS_MAX]; /* ph_vfx_vowel_names(), interned: vowel k is w_vowel[k - 1] */
    uint32_t n_vowels;
    vev dflt; /* an event with no controls */
    synth_keys syn[VOICE_SYNTHS];
    uint32_t n_syn;
} voice_node;

static void set_num(vev *o, size_t k, float x)
{
    memcpy((char *)o + num_ctls[k].off, &x, sizeof x);
    o->fx.on |= num_ctls[k].fx_bit;
}

/* A numeric value (numbers, numeric words, note names) or false. */
static bool number_of(ph_value v, double *x) { return ph_value_to_number(v, x) && isfinite(*x); }

/* The event's controls: one pass over its map (a few entries), each key matched against the
 * ones the voices play, over the defaults made when the node was. */
static void read_event(voice_node *s, const ph_event *e, const ph_window *w, vev *o)
{
    ph_value m = e->value;
    *o = s->dflt;
    o->on = ph_clock_sample_of(&w->clock, e->whole.begin);
    o->len = ph_clock_sample_of(&w->clock, e->whole.end) - o->on;
    o->cps = ph_rat_to_double(w->clock.cps);
    uint32_t count = m.kind == PH_VAL_MAP ? m.u.map->count : 0;
    const ph_centry *ent = count ? m.u.map->e : NULL;
    int32_t s_index = 0;
    double n = 0, x;
    for (uint32_t i = 0; i < count; i++) {
        ph_word key = ent[i].key;
        ph_value v = ent[i].val;
        if (key == s->k_s) {
            if (v.kind == PH_VAL_WORD) o->s = v.u.word;
            if (v.index != PH_NO_INDEX) s_index = v.index;
        } else if (key == s->k_n) {
            if (number_of(v, &x)) n = x;
        } else if (key == s->k_vowel) {
            o->fx.vowel = 0; /* words compared by id: a query reads no text */
            for (uint32_t k = 0; v.kind == PH_VAL_WORD && k < s->n_vowels && !o->fx.vowel; k++)
                if (v.u.word == s->w_vowel[k]) o->fx.vowel = (int)k + 1;
            if (o->fx.vowel) o->fx.on |= PH_VFX_VOWEL;
        } else if (key == s->k_unit) {
            if (v.kind == PH_VAL_WORD && v.u.word == s->w_cycles) o->unit = UNIT_CYCLES;
        } else if (key == s->k_freq) {
            size_t len;
            const char *txt = v.kind == PH_VAL_WORD ? ph_word_str(v.u.word, &len) : NULL;
            if (txt ? ph_note_to_midi(txt, len, &x) : number_of(v, &x)) {
                o->freq = (float)(txt ? 440.0 * exp2((x - 69.0) / 12.0) : x);
                o->has_freq = true;
            }
        } else {
            if (key == s->k_note) o->has_note = true;
            for (size_t c = 0; c < N_NUM; c++)
                if (key == s->k_num[c]) {
                    if (number_of(v, &x)) set_num(o, c, (float)x);
                    break;
                }
        }
    }
    o->index = s_index + (int32_t)n;
    o->n = (float)(s_index + n);
    for (uint32_t k = 0; k < s->n_syn; k++) { /* a synth's parameters (dsp/ph_synthv.h) */
        if (s->syn[k].name != o->s) continue;
        o->synth = s->syn[k].def;
        for (uint32_t j = 0; j < o->synth->n_params; j++) {
            ph_value v;
            if (ph_cmap_get(m, s->syn[k].key[j], &v) && number_of(v, &x)) o->sp[j] = (float)x, o->sp_given |= 1u << j;
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

/* The orbit an event's `orbit` control names: its integer part modulo PH_VOICE_ORBITS. */
int ph_voice_orbit_of(double orbit)
{
    if (!isfinite(orbit)) return 0;
    double k = fmod(floor(orbit), PH_VOICE_ORBITS);
    return (int)(k < 0 ? k + PH_VOICE_ORBITS : k);
}

static void start_voice(voice_node *s, ph_node *n, const vev *e, uint32_t offset)
{
    /* signal controls, sampled at the onset */
    vev ev = *e;
    for (uint32_t k = 0; k < s->n_sig; k++) {
        float x = n->in[k][0][offset];
        ph_word key = s->sig_key[k];
        if (key == s->k_n) ev.index += (int32_t)x, ev.n += x;
        if (key == s->k_note) ev.has_note = true;
        for (size_t c = 0; c < N_NUM; c++)
            if (key == s->k_num[c]) set_num(&ev, c, x);
        for (uint32_t j = 0; ev.synth && j < ev.synth->n_params; j++)
            for (uint32_t q = 0; q < s->n_syn; q++)
                if (s->syn[q].def == ev.synth && key == s->syn[q].key[j]) ev.sp[j] = x, ev.sp_given |= 1u << j;
    }
    ph_voice_event v;
    ph_voice_event_defaults(&v);
    const bus_table *bus = NULL;
    for (uint32_t k = 0; k < s->n_buses && !bus; k++)
        if (s->buses[k].name == ev.s) bus = &s->buses[k];
    if (bus) {
        v.kind = PH_VOICE_TABLE;
        v.table = &bus->table;
    } else if (!ph_voice_event_sound(&v, s->kit, s->bank, ph_word_str(ev.s, NULL), ev.index)) {
        return;
    }
    /* superkick, supersnare, superhat: the kit's tables, unless the event gives the synth a
     * pitch or a parameter (as `superkick 60 0.5` does): then the live synth */
    if (!bus && ev.synth && (ev.has_freq || ev.sp_given)) ph_voice_event_play_synth(&v, ev.synth);
    memcpy(v.sp, ev.sp, sizeof v.sp);
    v.sp_given = ev.sp_given;
    v.offset = offset;
    v.gain = ev.gain * ev.amp;
    v.pan = ev.pan;
    v.speed = ev.speed;
    if (ev.unit == UNIT_CYCLES && v.kind == PH_VOICE_TABLE) /* speed 1: the whole sample lasts a cycle */
        v.speed = (float)(ev.speed * ev.cps * (double)v.table->frames / v.table->rate);
    v.note = ev.note;
    if (v.kind != PH_VOICE_TABLE && !ev.has_note) v.note = ev.n; /* SuperDirt: note, else n */
    if (ev.has_freq) v.freq = ev.freq;
    v.begin = ev.begin;
    v.end = ev.end;
    v.attack = ev.attack;
    if (ev.release >= 0.0f) v.release = ev.release;
    v.cut = (int)ev.cut;
    v.fx = ev.fx;
    v.accelerate = ev.accelerate;
    v.loop = ev.loop;
    v.orbit = ph_voice_orbit_of(ev.orbit);
    v.room = ev.room;
    v.delay = ev.delay;
    v.dry = ev.dry;
    /* held for sustain seconds (SuperDirt's; the seed's dur), else legato x the event
     * (synths: the event) before the release */
    double len = 0;
    if (ev.sustain > 0.0f) len = (double)ev.sustain * s->rate;
    else if (ev.legato > 0.0f) len = (double)ev.legato * (double)e->len;
    else if (v.kind != PH_VOICE_TABLE && !(v.synth && v.synth->drum)) len = (double)e->len; /* drums: one shot */
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
    ph_voice_sends sends = {.orbits = s->orbits};
    for (uint32_t k = 0; k < s->orbits; k++) {
        sends.room[k] = s->send_buf + (3 * k) * PH_CHUNK;
        sends.delay_l[k] = s->send_buf + (3 * k + 1) * PH_CHUNK;
        sends.delay_r[k] = s->send_buf + (3 * k + 2) * PH_CHUNK;
    }
    ph_voices_render_sends(s->pool, n->out[0], n->out[1], &sends, ctx->n, (uint64_t)t0);
}

/* ---- sends: one orbit's send lines of a voice node ------------------------------------
 * The voice node renders its voices' sends into its own buffers (a node has at most
 * PH_NODE_MAX_OUT outputs, and twelve send lines would widen every node); a sends
 * node copies one orbit's three lines out as its audio and aux 1, 2. It reads the voice
 * node as an input, so it renders after the voice node each chunk, and the voice node does
 * not render the next chunk before its readers are done with this one (render/ph_plan.h). */
typedef struct sends_node {
    const voice_node *voices;
    uint32_t orbit;
} sends_node;

static void sends_render(ph_node *n, const ph_ctx *ctx)
{
    const sends_node *s = n->state;
    const float *src = s->voices->send_buf + 3 * s->orbit * PH_CHUNK;
    for (uint32_t c = 0; c < 3; c++) memcpy(n->out[c], src + c * PH_CHUNK, ctx->n * sizeof(float));
}

static void sends_destroy(ph_node *n) { free(n->state); }

const ph_node_ops ph_kind_voice_sends = {.kind = "voice_sends", .render = sends_render, .destroy = sends_destroy};

static void voice_destroy(ph_node *n)
{
    voice_node *s = n->state;
    if (!s) return;
    for (uint32_t k = 0; k < s->n_buses; k++) free((void *)s->buses[k].table.data);
    free(s->send_buf);
    ph_arena_free(s->arena);
    ph_voices_destroy(s->pool);
    ph_unshare_kit(s->kit);
    ph_unshare_bank(s->bank);
    free(s);
}

/* Loads the bank's sounds that the pattern names in its first 64 cycles (what a computed
 * name - `s ("bd" + ...)` - may come to). */
static int load_used_samples(voice_node *s, char *err, size_t errlen)
{
    ph_arena *a = ph_arena_new_growable(64 * 1024);
    if (!a) return 0;
    ph_word seen[64];
    int n_seen = 0, rc = 0;
    for (int cyc = 0; cyc < 64 && rc == 0; cyc++) {
        ph_arena_reset(a);
        ph_events evs;
        ph_events_init(&evs);
        if (ph_query(s->pat, ph_span_make(ph_rat_int(cyc), ph_rat_int(cyc + 1)), a, &evs) != PH_Q_OK) break;
        for (uint32_t i = 0; i < evs.count && i < 4096 && rc == 0; i++) {
            ph_value sv;
            if (!ph_cmap_get(evs.ev[i].value, s->k_s, &sv) || sv.kind != PH_VAL_WORD) continue;
            bool known = false;
            for (int k = 0; k < n_seen && !known; k++) known = seen[k] == sv.u.word;
            if (known || n_seen == 64) continue;
            seen[n_seen++] = sv.u.word;
            const char *name = ph_word_str(sv.u.word, NULL);
            char why[256];
            if (ph_sample_bank_count(s->bank, name) > 0 && ph_sample_bank_load(s->bank, name, why, sizeof why) != 0) {
                snprintf(err, errlen, "sample '%s': %s", name, why);
                rc = -1;
            }
        }
    }
    ph_arena_free(a);
    return rc;
}

const ph_node_ops ph_kind_voices = {
    .kind = "voices", .render = voice_render, .prepare = voice_prepare, .destroy = voice_destroy};

static const char *control_keys[N_NUM + 6];
static pthread_once_t control_keys_once = PTHREAD_ONCE_INIT;

static void list_control_keys(void)
{
    static const char *const words[] = {"s", "n", "freq", "vowel", "unit"};
    size_t k = 0;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) control_keys[k++] = words[i];
    for (size_t i = 0; i < N_NUM; i++) control_keys[k++] = num_ctls[i].key;
}

const char *const *ph_voice_controls(void)
{
    pthread_once(&control_keys_once, list_control_keys);
    return control_keys;
}

int ph_node_voices(ph_graph *g, const ph_pat *pat, double rate, const char *sample_dir, const ph_ref *sig,
                   const ph_word *sig_key, uint32_t n_sig, char *err, size_t errlen)
{
    if (n_sig > PH_VOICE_MAX_SIGNALS) {
        snprintf(err, errlen, "too many signal controls on one sound (at most %d)", PH_VOICE_MAX_SIGNALS);
        return -1;
    }
    voice_node *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    s->arena = ph_arena_new_fixed(VOICE_ARENA_BYTES);
    s->rate = rate > 0 ? rate : 48000.0;
    s->kit = ph_share_kit(s->rate);
    s->pool = ph_voices_create(s->rate, PH_VOICES_PER_NODE);
    s->pat = pat;
    s->k_s = ph_intern_cstr("s");
    if (!s->arena || !s->kit || !s->pool) {
        voice_destroy(&(ph_node){.state = s});
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (sample_dir && sample_dir[0]) {
        char why[256] = "";
        s->bank = ph_share_bank(sample_dir, s->rate, why, sizeof why);
        if (!s->bank || load_used_samples(s, err, errlen) != 0) {
            if (!s->bank) snprintf(err, errlen, "%s", why[0] ? why : "cannot read the sample folder");
            voice_destroy(&(ph_node){.state = s});
            return -1;
        }
    }
    s->k_n = ph_intern_cstr("n");
    s->k_note = ph_intern_cstr("note");
    s->k_freq = ph_intern_cstr("freq");
    s->k_vowel = ph_intern_cstr("vowel");
    s->k_unit = ph_intern_cstr("unit");
    s->w_cycles = ph_intern_cstr("c");
    for (const char *const *v = ph_vfx_vowel_names(); *v && s->n_vowels < VOWELS_MAX; v++)
        s->w_vowel[s->n_vowels++] = ph_intern_cstr(*v);
    for (size_t k = 0; k < N_NUM; k++) {
        s->k_num[k] = ph_intern_cstr(num_ctls[k].key);
        memcpy((char *)&s->dflt + num_ctls[k].off, &num_ctls[k].dflt, sizeof(float));
    }
    for (const ph_synthv_def *const *d = ph_synthv_defs(); *d && s->n_syn < VOICE_SYNTHS; d++) {
        synth_keys *k = &s->syn[s->n_syn++];
        k->def = *d;
        k->name = ph_intern_cstr((*d)->name);
        for (uint32_t j = 0; j < (*d)->n_params; j++) k->key[j] = ph_intern_cstr((*d)->param[j]);
    }
    s->n_sig = n_sig;
    for (uint32_t k = 0; k < n_sig; k++) s->sig_key[k] = sig_key[k];
    int id = ph_graph_add(g, &ph_kind_voices, s, 2, 0, sig, n_sig);
    if (id < 0) {
        voice_destroy(&(ph_node){.state = s});
        snprintf(err, errlen, "out of memory");
    }
    return id;
}

int ph_node_voices_sends(ph_graph *g, int node, uint32_t orbits, uint32_t orbit)
{
    if (node < 0 || (uint32_t)node >= g->n_nodes || g->nodes[node].ops != &ph_kind_voices || g->finalized ||
        orbits < 1 || orbits > PH_VOICE_ORBITS || orbit >= orbits)
        return -1;
    voice_node *v = g->nodes[node].state;
    if (v->orbits != orbits) { /* the first: the voices start sending */
        float *buf = calloc((size_t)3 * orbits * PH_CHUNK, sizeof *buf);
        if (!buf) return -1;
        free(v->send_buf);
        v->send_buf = buf;
        v->orbits = orbits;
    }
    sends_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    s->voices = v;
    s->orbit = orbit;
    ph_ref in = ph_ref_audio(node); /* for the order, not read */
    int id = ph_graph_add(g, &ph_kind_voice_sends, s, 1, 2, &in, 1);
    if (id < 0) free(s);
    else snprintf(g->nodes[id].label, sizeof g->nodes[id].label, "sends to orbit %u", orbit);
    return id;
}

const ph_pat *ph_node_voices_pattern(const ph_graph *g, int node)
{
    if (node < 0 || (uint32_t)node >= g->n_nodes || g->nodes[node].ops != &ph_kind_voices) return NULL;
    return ((const voice_node *)g->nodes[node].state)->pat;
}

uint32_t ph_node_voices_unknown(const ph_graph *g, int node, const char **names, uint32_t max)
{
    if (node < 0 || (uint32_t)node >= g->n_nodes || g->nodes[node].ops != &ph_kind_voices) return 0;
    const voice_node *s = g->nodes[node].state;
    ph_arena *a = ph_arena_new_growable(64 * 1024);
    if (!a) return 0;
    ph_word seen[64];
    uint32_t n_seen = 0, n = 0;
    for (int cyc = 0; cyc < 64 && n < max; cyc++) {
        ph_arena_reset(a);
        ph_events evs;
        ph_events_init(&evs);
        if (ph_query(s->pat, ph_span_make(ph_rat_int(cyc), ph_rat_int(cyc + 1)), a, &evs) != PH_Q_OK) break;
        for (uint32_t i = 0; i < evs.count && i < 4096 && n < max; i++) {
            ph_value sv;
            if (!ph_cmap_get(evs.ev[i].value, s->k_s, &sv) || sv.kind != PH_VAL_WORD) continue;
            bool known = false;
            for (uint32_t k = 0; k < n_seen && !known; k++) known = seen[k] == sv.u.word;
            if (known || n_seen == 64) continue;
            seen[n_seen++] = sv.u.word;
            ph_voice_event probe;
            ph_voice_event_defaults(&probe);
            const char *name = ph_word_str(sv.u.word, NULL);
            bool bus = false;
            for (uint32_t k = 0; k < s->n_buses; k++) bus |= s->buses[k].name == sv.u.word;
            if (!bus && !ph_voice_event_sound(&probe, s->kit, s->bank, name, 0)) names[n++] = name;
        }
    }
    ph_arena_free(a);
    return n;
}

int ph_node_voices_add_table(ph_graph *g, int node, const char *name, float *data, uint32_t frames, double rate)
{
    if (node < 0 || (uint32_t)node >= g->n_nodes || g->nodes[node].ops != &ph_kind_voices ||
        ((voice_node *)g->nodes[node].state)->n_buses == VOICE_BUS_TABLES) {
        free(data);
        return -1;
    }
    voice_node *s = g->nodes[node].state;
    bus_table *b = &s->buses[s->n_buses++];
    b->name = ph_intern_cstr(name);
    b->table = (ph_table){.data = data, .frames = frames, .channels = 1, .rate = rate};
    return 0;
}

int ph_node_voices_preload(ph_graph *g, int node, const char *name, char *err, size_t errlen)
{
    if (node < 0 || (uint32_t)node >= g->n_nodes || g->nodes[node].ops != &ph_kind_voices) return 0;
    voice_node *s = g->nodes[node].state;
    char why[256];
    if (!s->bank || ph_sample_bank_count(s->bank, name) <= 0) return 0;
    if (ph_sample_bank_load(s->bank, name, why, sizeof why) == 0) return 0;
    snprintf(err, errlen, "sample '%s': %s", name, why);
    return -1;
}

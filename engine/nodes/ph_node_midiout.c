/* MIDI output nodes (programs compiled with ph_settings.midi_out): a pattern played as
 * MIDI. Once per query window the pattern is queried (into a fixed arena sized here) and
 * each event with an onset becomes a program change, control changes and a note-on at
 * its exact sample, with the sample of its note-off; render() hands those of the chunk to
 * the engine's scheduler through ctx->midi (render/ph_midi_sched.c owns the note-offs).
 * The node's audio is silence.
 *
 * Reading an event (Tidal's, SuperDirt's and Strudel's names):
 *   pitch     midinote (absolute) if given; else 60 + note + n for numbers (0 = middle C,
 *             as Tidal plays n and note); a note name (c4, e, f#3) is absolute (c4 = 60);
 *             freq in Hz as the nearest note; a kit sound (bd sn hh ...) with no pitch
 *             plays its General MIDI drum note; a plain number pattern is n
 *   velocity  velocity (0..1, default 0.9) x gain, as 1..127
 *   channel   channel 1..16 (default: the node's, N for outN)
 *   length    sustain seconds, else legato (default 1) x the event
 *   controls  ccn + ccv, or cc "74:64" (controller:value); a value <= 1 is 0..1 of 127
 *   program   progNum / program 0..127, sent before the note
 * An event with only controls or a program change plays no note. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nodes/ph_nodes.h"

#define MIDI_ARENA_BYTES (128u * 1024u)
#define MIDI_MAX_REQ 512 /* per window */

typedef struct midiout {
    const ph_pat *pat;
    ph_arena *arena;
    double rate;
    int channel; /* 1..16 */
    ph_midi_req req[MIDI_MAX_REQ];
    uint32_t n_req, next, dropped;
    ph_word k_s, k_n, k_note, k_midinote, k_freq, k_velocity, k_gain, k_channel, k_legato, k_sustain, k_ccn, k_ccv, k_cc,
        k_prog;
    ph_word drum[14]; /* gm_drums' names, interned when the node is made */
} midiout;

/* General MIDI drum notes of the kit's sounds. */
static const struct {
    const char *name;
    uint8_t note;
} gm_drums[] = {
    {"bd", 36},   {"superkick", 36}, {"sn", 38}, {"supersnare", 38}, {"hh", 42}, {"superhat", 42},
    {"oh", 46},   {"cp", 39},        {"superclap", 39}, {"lt", 45}, {"mt", 47}, {"ht", 50},
    {"rim", 37},  {"perc", 56},
};
_Static_assert(sizeof gm_drums / sizeof gm_drums[0] == sizeof ((midiout *)0)->drum / sizeof(ph_word),
               "one interned word per drum");

static bool num(ph_value m, ph_word key, double *out)
{
    ph_value v;
    return ph_cmap_get(m, key, &v) && ph_value_to_number(v, out) && isfinite(*out);
}

static bool note_name(ph_value v, double *out)
{
    if (v.kind != PH_VAL_WORD) return false;
    size_t len;
    const char *w = ph_word_str(v.u.word, &len);
    return ph_note_to_midi(w, len, out);
}

/* The pitch of an event, or false when it plays no note. */
static bool pitch_of(const midiout *s, ph_value m, double *out)
{
    if (m.kind == PH_VAL_NUM) {
        *out = 60.0 + m.u.num;
        return isfinite(*out);
    }
    if (m.kind == PH_VAL_WORD) return note_name(m, out);
    if (m.kind != PH_VAL_MAP) return false;
    double x;
    if (num(m, s->k_midinote, out)) return true;
    ph_value note, n;
    const bool has_note = ph_cmap_get(m, s->k_note, &note), has_n = ph_cmap_get(m, s->k_n, &n);
    if (has_note || has_n) {
        double p = 60.0;
        if (has_note && note_name(note, &x)) p = x;
        else if (has_note && ph_value_to_number(note, &x)) p += x;
        if (has_n && note_name(n, &x) && !has_note) p = x;
        else if (has_n && n.kind == PH_VAL_NUM) p += n.u.num;
        *out = p;
        return isfinite(p);
    }
    if (num(m, s->k_freq, &x) && x > 0) {
        *out = 69.0 + 12.0 * log2(x / 440.0);
        return isfinite(*out);
    }
    ph_value sv;
    if (ph_cmap_get(m, s->k_s, &sv) && sv.kind == PH_VAL_WORD) {
        for (size_t i = 0; i < sizeof gm_drums / sizeof gm_drums[0]; i++)
            if (sv.u.word == s->drum[i]) {
                *out = gm_drums[i].note;
                return true;
            }
        *out = 60.0; /* any other sound: middle C */
        return true;
    }
    return false;
}

static uint8_t byte_of(double x) { return (uint8_t)(x < 0 ? 0 : x > 127 ? 127 : lround(x)); }
/* A controller value: 0..1 is a fraction of 127 (Strudel's ccv), above 1 a MIDI value. */
static uint8_t cc_value(double x) { return byte_of(x <= 1.0 ? x * 127.0 : x); }

static void add(midiout *s, int64_t at, int64_t off, uint8_t status, uint8_t d1, uint8_t d2)
{
    if (s->n_req == MIDI_MAX_REQ) {
        s->dropped++;
        return;
    }
    uint32_t i = s->n_req++;
    while (i > 0 && s->req[i - 1].sample > at) { /* onset order; equal onsets keep query order */
        s->req[i] = s->req[i - 1];
        i--;
    }
    s->req[i] = (ph_midi_req){.sample = at, .off = off, .status = status, .data1 = d1, .data2 = d2};
}

static void read_event(midiout *s, const ph_event *e, const ph_window *w)
{
    const ph_value m = e->value;
    const int64_t on = ph_clock_sample_of(&w->clock, e->whole.begin);
    const int64_t end = ph_clock_sample_of(&w->clock, e->whole.end);
    double x;
    int ch = s->channel;
    if (m.kind == PH_VAL_MAP && num(m, s->k_channel, &x)) ch = x < 1 ? 1 : x > 16 ? 16 : (int)lround(x);
    const uint8_t c = (uint8_t)(ch - 1);
    if (m.kind == PH_VAL_MAP) {
        if (num(m, s->k_prog, &x)) add(s, on, on, (uint8_t)(0xC0 | c), byte_of(x), 0);
        double v;
        if (num(m, s->k_ccn, &x) && num(m, s->k_ccv, &v)) add(s, on, on, (uint8_t)(0xB0 | c), byte_of(x), cc_value(v));
        ph_value cc;
        /* "74:64" is the number (or word) 74 with the index 64 */
        if (ph_cmap_get(m, s->k_cc, &cc) && cc.index != PH_NO_INDEX) {
            ph_value ctl = cc;
            ctl.index = PH_NO_INDEX;
            if (ph_value_to_number(ctl, &x)) add(s, on, on, (uint8_t)(0xB0 | c), byte_of(x), cc_value((double)cc.index));
        } else if (ph_cmap_get(m, s->k_cc, &cc) && cc.kind == PH_VAL_WORD) {
            /* "74:0.5": a fractional value comes as the word of two numbers (pattern/ph_mini.c) */
            double v;
            if (ph_word_pair(cc.u.word, &x, &v) && isfinite(x) && isfinite(v))
                add(s, on, on, (uint8_t)(0xB0 | c), byte_of(x), cc_value(v));
        }
    }
    double p;
    if (!pitch_of(s, m, &p) || p < 0 || p > 127) return;
    double vel = 0.9, gain = 1.0, len;
    if (m.kind == PH_VAL_MAP) {
        if (num(m, s->k_velocity, &x)) vel = x;
        if (num(m, s->k_gain, &x)) gain = x;
    }
    const uint8_t v127 = byte_of(vel * gain * 127.0);
    if (v127 == 0) return; /* a note-on of velocity 0 is a note-off */
    if (m.kind == PH_VAL_MAP && num(m, s->k_sustain, &x) && x > 0) len = x * s->rate;
    else len = (double)(end - on) * (m.kind == PH_VAL_MAP && num(m, s->k_legato, &x) && x > 0 ? x : 1.0);
    if (!(len >= 1.0)) len = 1.0;
    if (len > 3600.0 * s->rate) len = 3600.0 * s->rate;
    add(s, on, on + (int64_t)len, (uint8_t)(0x90 | c), byte_of(p), v127);
}

/* A new window: its events with an onset become this window's requests (none while the
 * transport stands: the scheduler has ended what was sounding). */
static void midiout_prepare(ph_node *n, const ph_window *w)
{
    midiout *s = n->state;
    ph_events evs;
    ph_events_init(&evs);
    s->n_req = 0;
    s->next = 0;
    if (w->rolling && ph_rat_lt(w->cycle_begin, w->cycle_end)) {
        ph_arena_reset(s->arena);
        const ph_qstatus st = ph_query(s->pat, ph_span_make(w->cycle_begin, w->cycle_end), s->arena, &evs);
        s->dropped += st != PH_Q_OK; /* the events found before a failure still play */
    }
    for (uint32_t i = 0; i < evs.count; i++)
        if (evs.ev[i].has_whole && ph_event_has_onset(&evs.ev[i])) read_event(s, &evs.ev[i], w);
}

static void midiout_render(ph_node *n, const ph_ctx *ctx)
{
    midiout *s = n->state;
    memset(n->out[0], 0, ctx->n * sizeof(float));
    const int64_t end = ctx->sample + ctx->n;
    while (s->next < s->n_req && s->req[s->next].sample < end) {
        const ph_midi_req *r = &s->req[s->next++];
        if (ctx->midi && r->sample >= ctx->sample) ph_midi_push(ctx->midi, r);
    }
}

static void midiout_free(midiout *s)
{
    if (!s) return;
    ph_arena_free(s->arena);
    free(s);
}

static void midiout_destroy(ph_node *n) { midiout_free(n->state); }

const ph_node_ops ph_kind_midi_out = {
    .prepare = midiout_prepare, .render = midiout_render, .destroy = midiout_destroy, .kind = "midi out"};

int ph_node_midi_out(ph_graph *g, const ph_pat *pat, double rate, int channel)
{
    midiout *s = calloc(1, sizeof *s);
    ph_arena *arena = s ? ph_arena_new_fixed(MIDI_ARENA_BYTES) : NULL; /* sized here, never grows */
    if (!arena) {
        free(s);
        return -1;
    }
    *s = (midiout){.pat = pat, .arena = arena, .rate = rate, .channel = channel < 1 ? 1 : channel > 16 ? 16 : channel};
    const char *keys[] = {"s", "n", "note", "midinote", "freq", "velocity", "gain", "channel", "legato", "sustain",
                          "ccn", "ccv", "cc", "progNum"};
    ph_word *dst[] = {&s->k_s, &s->k_n, &s->k_note, &s->k_midinote, &s->k_freq, &s->k_velocity, &s->k_gain,
                      &s->k_channel, &s->k_legato, &s->k_sustain, &s->k_ccn, &s->k_ccv, &s->k_cc, &s->k_prog};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) *dst[i] = ph_intern_cstr(keys[i]);
    for (size_t i = 0; i < sizeof gm_drums / sizeof gm_drums[0]; i++) s->drum[i] = ph_intern_cstr(gm_drums[i].name);
    int id = ph_graph_add(g, &ph_kind_midi_out, s, 1, 0, NULL, 0);
    if (id < 0) midiout_free(s);
    return id;
}

const char *const *ph_midi_controls(void)
{
    static const char *const keys[] = {"velocity", "channel", "sustain", "ccn", "ccv", "cc", "progNum", "midinote",
                                       NULL};
    return keys;
}

const ph_pat *ph_node_midi_out_pattern(const ph_graph *g, int node)
{
    if (node < 0 || (uint32_t)node >= g->n_nodes || g->nodes[node].ops != &ph_kind_midi_out) return NULL;
    return ((const midiout *)g->nodes[node].state)->pat;
}

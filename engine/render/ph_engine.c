/* The engine behind phonon.h: the sample clock, program swap with crossfade, chunked
 * rendering through the worker pool, macros and MIDI.
 *
 * Chunking. A host block is cut at every absolute sample index that is a multiple of
 * PH_CHUNK; each piece is rendered through the whole graph. Pattern queries cover windows
 * that end at multiples of PH_QUERY_WINDOW (a window restarts at the current sample after
 * any clock change or a new program). Both are independent of the host's block lengths,
 * so the output is too. Up to PH_POOL_SPAN_CHUNKS chunks inside one window form a span,
 * handed to the pool at once so that its threads can pipeline them. */
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ph_fp.h"
#include "core/ph_held.h"
#include "render/ph_midi_sched.h"
#include "render/ph_pool.h"
#include "render/ph_profile.h"
#include "render/ph_program_impl.h"

#define PH_RETIRED_SLOTS 8
#define PH_OUTPUT_LIMIT 16.0f /* outputs are clamped to +-this (and NaN becomes 0) */
#define PH_CPS_MAX_DEN 100000

struct ph_engine {
    ph_settings s;
    ph_pool *pool;

    ph_program *cur;   /* playing (fading in while fade_pos < fade_len) */
    ph_program *old;   /* fading out, or NULL */
    int64_t fade_pos, fade_len;
    double crossfade_seconds;
    ph_program *retired[PH_RETIRED_SLOTS];
    uint32_t retired_head, retired_count;

    /* Clock. */
    int64_t sample; /* next sample to render */
    ph_clock clock; /* anchor, exact cps and rate (core/ph_clock.h) */
    bool rolling;
    uint32_t clock_version;
    bool profiling;

    ph_live live;
    uint8_t held[128]; /* MIDI notes held (count of note-ons) */
    uint8_t held_velocity[128];
    ph_held chord;        /* the held notes, lowest first, as `held` plays them */
    uint32_t chord_serial; /* changes with the chord: windows of programs with `held` restart */
    bool sustain;            /* pedal down */
    bool sustained[128];     /* keys released while the pedal was down: still sounding */
    uint64_t voice_stamp[PH_LIVE_VOICES]; /* when each voice last started or was released */
    uint64_t stamp;

    float *zeros; /* PH_MAX_CHANNELS * PH_SPAN: the output when no program plays */
    float *input; /* 2 * PH_SPAN: the caller's input for one span, sanitised (ph_live.input) */
    bool input_silent;   /* e->input holds PH_SPAN zeros on both sides */
    ph_midi_sched *midi; /* the playing program's MIDI (render/ph_midi_sched.h) */
    float *mix;   /* PH_MAX_CHANNELS * PH_SPAN: the crossfade of two programs */
};

/* ---- engine ------------------------------------------------------------------------ */

ph_engine *ph_engine_new(const ph_settings *s)
{
    ph_engine *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    e->s = *s;
    if (!(e->s.sample_rate >= 1000.0 && e->s.sample_rate <= 768000.0)) e->s.sample_rate = 48000.0;
    if (e->s.max_block == 0) e->s.max_block = 4096;
    e->s.sample_dir = NULL; /* not owned; programs load samples when compiled */
    e->clock.rate = (int64_t)llround(e->s.sample_rate);
    e->zeros = calloc(PH_MAX_CHANNELS * PH_SPAN, sizeof(float));
    e->mix = calloc(PH_MAX_CHANNELS * PH_SPAN, sizeof(float));
    e->input = calloc(2 * PH_SPAN, sizeof(float));
    e->midi = ph_midi_sched_new();
    e->pool = ph_pool_new(s->threads > 1 ? s->threads - 1 : 0);
    if (!e->zeros || !e->mix || !e->input || !e->midi || !e->pool) {
        ph_engine_free(e);
        return NULL;
    }
    e->clock.cps = ph_rat_make(1, 2); /* Strudel's default: 0.5 cycles per second */
    e->clock.anchor_cycle = ph_rat_int(0);
    e->rolling = true;
    e->crossfade_seconds = 0.01;
    e->live.note = -1;
    for (int k = 0; k < PH_LIVE_VOICES; k++) e->live.voice[k].note = -1;
    return e;
}

void ph_engine_free(ph_engine *e)
{
    if (!e) return;
    ph_pool_free(e->pool);
    ph_program_free(e->cur);
    ph_program_free(e->old);
    for (uint32_t i = 0; i < e->retired_count; i++)
        ph_program_free(e->retired[(e->retired_head + i) % PH_RETIRED_SLOTS]);
    free(e->zeros);
    free(e->mix);
    free(e->input);
    ph_midi_sched_free(e->midi);
    free(e);
}

static bool retire(ph_engine *e, ph_program *p)
{
    if (!p) return true;
    if (e->retired_count == PH_RETIRED_SLOTS) return false;
    p->fence = ph_pool_fence(e->pool);
    e->retired[(e->retired_head + e->retired_count++) % PH_RETIRED_SLOTS] = p;
    return true;
}

bool ph_engine_set_program(ph_engine *e, ph_program *p)
{
    if (!p || p == e->cur) return false;
    if (e->old) return false; /* a crossfade is still running */
    if (e->retired_count == PH_RETIRED_SLOTS) return false;
    p->win_valid = false;
    e->fade_len = (int64_t)llround(e->crossfade_seconds * (double)e->clock.rate);
    if (!e->cur || e->fade_len <= 0) {
        if (!retire(e, e->cur)) return false;
        e->cur = p;
        e->fade_len = 0;
        e->fade_pos = 0;
        return true;
    }
    e->old = e->cur;
    e->cur = p;
    e->fade_pos = 0;
    return true;
}

ph_program *ph_engine_take_retired(ph_engine *e)
{
    if (!e->retired_count) return NULL;
    ph_program *p = e->retired[e->retired_head];
    /* a worker preempted inside one of p's jobs may still read it: later */
    if (!ph_pool_released(e->pool, p->fence)) return NULL;
    e->retired_head = (e->retired_head + 1) % PH_RETIRED_SLOTS;
    e->retired_count--;
    return p;
}

/* ---- clock ------------------------------------------------------------------------- */

/* Exact cycle at sample s. */
static ph_rat cycle_at(const ph_engine *e, int64_t s)
{
    if (!e->rolling) return e->clock.anchor_cycle;
    return ph_clock_cycle_at(&e->clock, s);
}

/* Re-anchors at the current sample. If the exact anchor would overflow (after many
 * tempo changes with unrelated denominators) it is rounded to a 2^-20 grid. */
static void reanchor(ph_engine *e)
{
    ph_rat_clear_overflow();
    ph_rat c = cycle_at(e, e->sample);
    if (ph_rat_overflowed() || c.d > ((int64_t)1 << 40)) {
        ph_rat_clear_overflow();
        c = ph_rat_from_double(ph_rat_to_double(c), (int64_t)1 << 20);
    }
    e->clock.anchor_cycle = c;
    e->clock.anchor_sample = e->sample;
    e->clock_version++;
}

void ph_engine_set_cps(ph_engine *e, double cps)
{
    if (!(cps > 0.0) || !isfinite(cps)) return;
    if (cps > 1000.0) cps = 1000.0;
    ph_rat r = ph_rat_from_double(cps, PH_CPS_MAX_DEN);
    if (r.n <= 0) return;
    if (ph_rat_eq(r, e->clock.cps)) return;
    reanchor(e);
    e->clock.cps = r;
}

void ph_engine_locate(ph_engine *e, double cycle)
{
    if (!isfinite(cycle)) return;
    if (cycle > 1e12) cycle = 1e12;
    if (cycle < -1e12) cycle = -1e12;
    /* A host that re-sends its position every block (in floating point) must not disturb
     * the exact clock: positions within half a sample of ours are not jumps. */
    double here = ph_engine_cycle(e);
    double half_sample = 0.5 * ph_rat_to_double(e->clock.cps) / (double)e->clock.rate;
    if (fabs(cycle - here) < half_sample) return;
    e->clock.anchor_cycle = ph_rat_from_double(cycle, (int64_t)1 << 20);
    e->clock.anchor_sample = e->sample;
    e->clock_version++;
    ph_midi_sched_flush(e->midi); /* a jump: the notes sounding belong to the old place */
}

void ph_engine_set_rolling(ph_engine *e, bool rolling)
{
    if (rolling == e->rolling) return;
    reanchor(e);
    e->rolling = rolling;
    if (!rolling) ph_midi_sched_flush(e->midi);
}

uint32_t ph_engine_midi_out(const ph_engine *e, const ph_midi_event **events) { return ph_midi_sched_out(e->midi, events); }
void ph_engine_midi_all_off(ph_engine *e) { ph_midi_sched_flush(e->midi); }
void ph_engine_midi_mute(ph_engine *e, bool muted) { ph_midi_sched_mute(e->midi, muted); }

double ph_engine_cycle(const ph_engine *e) { return ph_rat_to_double(cycle_at(e, e->sample)); }

void ph_engine_set_crossfade(ph_engine *e, double seconds)
{
    if (!(seconds >= 0.0)) return;
    if (seconds > 10.0) seconds = 10.0;
    e->crossfade_seconds = seconds;
}

void ph_engine_set_macro(ph_engine *e, int index, float value)
{
    if (index < 0 || index >= PH_MACROS || !(value == value)) return;
    e->live.macro[index] = value < 0.0f ? 0.0f : value > 1.0f ? 1.0f : value;
}

/* The chord `held` plays: every key down (or kept by the pedal), lowest first. */
static void update_chord(ph_engine *e)
{
    ph_held c = {0};
    for (int n = 0; n < 128 && c.count < PH_HELD_MAX; n++)
        if (e->held[n]) {
            c.note[c.count] = (uint8_t)n;
            c.velocity[c.count++] = e->held_velocity[n];
        }
    if (memcmp(&c, &e->chord, sizeof c)) {
        e->chord = c;
        e->chord_serial++;
    }
}

static void update_note(ph_engine *e)
{
    int top = -1;
    if (e->live.note >= 0 && e->held[e->live.note]) top = e->live.note;
    else
        for (int n = 127; n >= 0; n--)
            if (e->held[n]) {
                top = n;
                break;
            }
    if (top >= 0) e->live.note = top;
    e->live.gate = top >= 0;
}

void ph_engine_note_on(ph_engine *e, int note, int velocity)
{
    if (note < 0 || note > 127) return;
    if (velocity <= 0) {
        ph_engine_note_off(e, note);
        return;
    }
    if (e->held[note] < 255) e->held[note]++;
    e->held_velocity[note] = (uint8_t)(velocity > 127 ? 127 : velocity);
    update_chord(e);
    e->sustained[note] = false; /* the key is down again */
    e->live.note = note; /* last note priority */
    e->live.velocity = (float)(velocity > 127 ? 127 : velocity) / 127.0f;
    e->live.note_serial++;
    e->live.gate = true;
    /* A voice: the one already playing this note (retriggered), else the free voice
     * released longest ago, else the voice started longest ago (stolen). */
    int k = -1;
    for (int v = 0; v < PH_LIVE_VOICES && k < 0; v++)
        if (e->live.voice[v].gate && e->live.voice[v].note == note) k = v;
    for (int pass = 0; pass < 2 && k < 0; pass++)
        for (int v = 0; v < PH_LIVE_VOICES; v++) {
            if (pass == 0 && e->live.voice[v].gate) continue;
            if (k < 0 || e->voice_stamp[v] < e->voice_stamp[k]) k = v;
        }
    e->live.voice[k].note = note;
    e->live.voice[k].velocity = e->live.velocity;
    e->live.voice[k].serial++;
    e->live.voice[k].gate = true;
    e->voice_stamp[k] = ++e->stamp;
}

void ph_engine_note_off(ph_engine *e, int note)
{
    if (note < 0 || note > 127) return;
    if (e->sustain) { /* sounds on until the pedal comes up */
        if (e->held[note]) e->sustained[note] = true;
        return;
    }
    e->held[note] = 0;
    update_note(e);
    update_chord(e);
    for (int v = 0; v < PH_LIVE_VOICES; v++)
        if (e->live.voice[v].gate && e->live.voice[v].note == note) {
            e->live.voice[v].gate = false;
            e->voice_stamp[v] = ++e->stamp;
        }
}

void ph_engine_set_sustain(ph_engine *e, bool down)
{
    if (down == e->sustain) return;
    e->sustain = down;
    if (down) return;
    for (int n = 0; n < 128; n++)
        if (e->sustained[n]) {
            e->sustained[n] = false;
            ph_engine_note_off(e, n);
        }
}

void ph_engine_set_pitch_bend(ph_engine *e, float semitones)
{
    if (!(semitones == semitones)) return;
    e->live.bend = semitones < -48.0f ? -48.0f : semitones > 48.0f ? 48.0f : semitones;
}

void ph_engine_set_profiling(ph_engine *e, bool on) { e->profiling = on; }

/* ---- rendering --------------------------------------------------------------------- */

static void make_window(ph_engine *e, ph_program *p, int64_t s0)
{
    ph_window *w = &p->win;
    w->sample_begin = s0;
    w->sample_end = (s0 / PH_QUERY_WINDOW + 1) * PH_QUERY_WINDOW;
    if (s0 < 0) w->sample_end = s0 + 1; /* never happens: the clock starts at 0 */
    w->rolling = e->rolling;
    w->clock = e->clock;
    if (p->patch->held) { /* `held`: the chord as it is now, for this window's queries */
        *p->patch->held = e->chord;
        p->held_serial = e->chord_serial;
    }
    ph_rat_clear_overflow();
    w->cycle_begin = cycle_at(e, w->sample_begin);
    w->cycle_end = cycle_at(e, w->sample_end);
    if (ph_rat_overflowed()) { /* absurd clock: play no events rather than wrong ones */
        ph_rat_clear_overflow();
        w->rolling = false;
    }
    if (!w->rolling) w->cycle_end = w->cycle_begin;
    p->win_valid = true;
    p->clock_version = e->clock_version;
    if (e->profiling) ph_profile_prepare(&p->plan, w);
    else ph_pool_prepare(e->pool, &p->plan, w);
}

/* Renders frames [base->sample, base->sample + base->n) of program p (inside one query
 * window, at most PH_SPAN frames) into p->span_out. */
static void render_program_span(ph_engine *e, ph_program *p, const ph_ctx *base)
{
    if (!p->win_valid || p->clock_version != e->clock_version || base->sample >= p->win.sample_end ||
        base->sample < p->win.sample_begin || (p->patch->held && p->held_serial != e->chord_serial))
        make_window(e, p, base->sample);
    ph_ctx ctx = *base;
    ctx.win = &p->win;
    ph_graph *g = &p->patch->g;
    if (p->eval_sample) {
        /* Reference evaluator: one frame at a time, recursively from the outputs. */
        for (uint32_t i = 0; i < base->n; i++) {
            ph_ctx one = ctx;
            one.sample = base->sample + i;
            one.n = 1;
            if (++p->eval_stamp == 0) p->eval_stamp = 1;
            ph_graph_eval_recursive(g, p->roots, p->n_roots, &one, p->eval_stamp);
            ph_plan_chunk_done(&p->plan, &one, i);
        }
        return;
    }
    /* The span's chunks: cut at every multiple of PH_CHUNK. */
    ph_ctx chunks[PH_POOL_SPAN_CHUNKS];
    uint32_t offsets[PH_POOL_SPAN_CHUNKS], k = 0;
    for (uint32_t at = 0; at < base->n && k < PH_POOL_SPAN_CHUNKS; k++) {
        int64_t s = base->sample + at;
        uint32_t room = (uint32_t)(PH_CHUNK - s % PH_CHUNK), n = base->n - at < room ? base->n - at : room;
        chunks[k] = ctx;
        chunks[k].sample = s;
        chunks[k].n = n;
        offsets[k] = at;
        at += n;
    }
    if (e->profiling)
        for (uint32_t j = 0; j < k; j++) {
            ph_profile_render_chunk(&p->plan, &chunks[j]);
            ph_plan_chunk_done(&p->plan, &chunks[j], offsets[j]);
        }
    else
        ph_pool_render_span(e->pool, &p->plan, chunks, offsets, k);
}

/* The caller's input for frames [done, done + n) into e->input, finite and within the
 * output limit (a host may hand over NaN or garbage); a missing channel is silence and a
 * mono input feeds both sides. */
static void take_input(ph_engine *e, const float *const *in, uint32_t n_in, uint32_t done, uint32_t n)
{
    e->live.input_sample = e->sample;
    if (!n_in && e->input_silent) return; /* the instruments: the buffer is still silence */
    e->input_silent = !n_in;
    for (uint32_t ch = 0; ch < 2; ch++) {
        const float *src = n_in > ch && in[ch] ? in[ch] : n_in == 1 && in[0] ? in[0] : NULL;
        float *d = e->input + ch * PH_SPAN;
        if (src) {
            ph_sanitize_copy(d, src + done, n, PH_OUTPUT_LIMIT);
        } else {
            memset(d, 0, (n_in ? n : PH_SPAN) * sizeof(float));
        }
        e->live.input[ch] = d;
    }
}

void ph_engine_render(ph_engine *e, float *const *out, uint32_t n_channels, uint32_t nframes)
{
    ph_engine_process(e, NULL, 0, out, n_channels, nframes);
}

void ph_engine_process(ph_engine *e, const float *const *in, uint32_t n_in, float *const *out, uint32_t n_channels,
                       uint32_t nframes)
{
    if (!e || !nframes) return;
    if (n_channels > PH_MAX_CHANNELS) n_channels = PH_MAX_CHANNELS;
    uint64_t fp = ph_fp_flush_denormals();
    uint32_t done = 0;
    ph_midi_sched_begin_call(e->midi, e->sample);
    while (done < nframes) {
        /* A span: at most PH_POOL_SPAN_CHUNKS chunks, never across a query window's end
         * (windows end at multiples of PH_QUERY_WINDOW for every program). */
        int64_t s = e->sample;
        int64_t span_end = (s / PH_CHUNK + PH_POOL_SPAN_CHUNKS) * PH_CHUNK;
        int64_t win_end = (s / PH_QUERY_WINDOW + 1) * PH_QUERY_WINDOW;
        if (span_end > win_end) span_end = win_end;
        uint32_t n = nframes - done;
        if ((int64_t)n > span_end - s) n = (uint32_t)(span_end - s);
        take_input(e, in, n_in, done, n);
        ph_ctx ctx = {.sample = s, .n = n, .rate = (double)e->clock.rate, .live = &e->live};
        float *a = e->zeros;
        ph_midi_sched_span_begin(e->midi, s);
        if (e->cur) {
            ctx.midi = ph_midi_sched_sink(e->midi); /* only the playing program's MIDI */
            render_program_span(e, e->cur, &ctx);
            ctx.midi = NULL;
            a = e->cur->span_out;
        }
        ph_midi_sched_span_end(e->midi, s, s + n);
        if (e->old) {
            /* Equal-power crossfade: the two programs are uncorrelated. */
            render_program_span(e, e->old, &ctx);
            const float *b = e->old->span_out, *c = a;
            a = e->mix;
            for (uint32_t i = 0; i < n; i++) {
                double x = e->fade_pos + (int64_t)i >= e->fade_len
                               ? 1.0
                               : (double)(e->fade_pos + (int64_t)i) / (double)e->fade_len;
                float gin = (float)sin(x * 1.5707963267948966);
                float gout = (float)cos(x * 1.5707963267948966);
                for (uint32_t ch = 0; ch < n_channels; ch++)
                    a[ch * PH_SPAN + i] = c[ch * PH_SPAN + i] * gin + b[ch * PH_SPAN + i] * gout;
            }
            e->fade_pos += n;
            if (e->fade_pos >= e->fade_len) {
                if (retire(e, e->old)) e->old = NULL;
            }
        }
        /* Channels no output of the playing program feeds are silence (a host is handed
         * all PH_MAX_CHANNELS; most programs feed two of them). */
        const bool *silent = e->old ? NULL : e->cur ? e->cur->silent : NULL;
        for (uint32_t ch = 0; ch < n_channels; ch++) {
            if (!out[ch]) continue;
            float *d = out[ch] + done;
            if ((silent && silent[ch]) || (!e->cur && !e->old)) memset(d, 0, n * sizeof(float));
            else ph_sanitize_copy(d, a + ch * PH_SPAN, n, PH_OUTPUT_LIMIT);
        }
        e->sample += n;
        done += n;
    }
    ph_fp_restore(fp);
}

/* Voice pool: a fixed array of voices plus spare slots for fading stolen ones; a
 * per-block trigger queue consumed in onset order. */
#include "dsp/ph_voices.h"

#include <stdlib.h>
#include <string.h>

#include "dsp/ph_blep.h"
#include "dsp/ph_dsp.h"
#include "dsp/ph_osc.h"

#define NSAW 7
#define CHUNK 64

/* supersaw detuning (ratios - 1): about half the JP-8000's spread */
static const float saw_detune[NSAW] = {0.0f, -0.0550f, 0.0535f, -0.0315f, 0.0325f, -0.0095f, 0.0100f};

typedef struct voice {
    int active;
    int stolen; /* fading out after a steal or cut: not counted as sounding */
    uint64_t start;
    uint64_t seq;
    ph_voice_kind kind;
    int cut;
    /* table playback */
    const ph_table *table;
    double pos, inc, lo, hi;
    double left, done; /* samples to the end of the played part / since its start */
    float edge;     /* samples of the edge fade */
    int fade_start; /* the played part starts inside the table: fade in over `edge` too */
    /* gains */
    float gl, gr;
    /* envelope */
    float env, att_step, rel_step, rel_samples;
    uint32_t held; /* samples left before the release; UINT32_MAX = until the table ends */
    int releasing;
    /* synths */
    ph_osc osc[NSAW];
    ph_phase_step step[NSAW]; /* supersaw: phase steps, fixed for the voice */
    float level[NSAW];        /* supersaw: each saw's level */
    int nsaw;
    float freq;
    double lfo;
    double lfo_rate; /* superpwm: LFO Hz and the width's swing */
    float pw_depth;
    ph_synthv sv;             /* PH_VOICE_SYNTHV */
    /* per-sound controls (ph_voice_fx.h; the state of the chain is in ph_voices.fx) */
    int fxv;         /* rendered through render_fx_voice */
    int var;         /* tables: variable rate (accelerate) or looping */
    int mono;        /* one channel through the chain, panned after it */
    float pl, pr;    /* that pan */
    int orbit;
    float room, delay, dry;
    double dinc;     /* per-sample change of inc while gliding */
    uint32_t glide;  /* samples of glide left */
    uint32_t glide_len;
    float accel;     /* synths: the pitch glides to freq * (1 + accel) */
    float freq0;
    float smul[NSAW]; /* supersaw: each saw's frequency over freq (for the glide) */
    uint32_t reps;   /* tables: wraps of the played part left */
    int in_tail;
    uint32_t tail_wait, tail_left; /* samples before the tail's fade starts; of the fade */
} voice;

struct ph_voices {
    double rate;
    uint32_t max_sounding, slots;
    voice *v;
    ph_voice_event queue[PH_VOICE_QUEUE];
    uint32_t queued;
    uint64_t seq, dropped;
    float fade_samples;
    bool no_fast_path;
    float scratch[CHUNK], freqbuf[CHUNK], pwbuf[CHUNK], acc[CHUNK];
    ph_vfx *fx;       /* per slot: the effect chains */
    float *squiz_mem; /* per slot: 2 * PH_VFX_SQUIZ_LEN (pages touched only by squiz) */
    uint32_t tail_samples;
    float fx_l[PH_CONTROL_QUANTUM], fx_r[PH_CONTROL_QUANTUM];
};

void ph_voice_event_defaults(ph_voice_event *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->kind = PH_VOICE_TABLE;
    ev->gain = 1;
    ev->pan = 0.5f;
    ev->speed = 1;
    ev->end = 1;
    ph_vfx_params_defaults(&ev->fx);
    ev->loop = 1;
    ev->dry = 1;
}

bool ph_voice_event_sound(ph_voice_event *ev, const ph_kit *kit, const ph_sample_bank *bank,
                          const char *name, int index)
{
    if (!name) return false;
    const ph_table *t = bank ? ph_sample_bank_find(bank, name, index) : NULL;
    if (!t && kit) t = ph_kit_find(kit, name, index);
    if (t) {
        ev->kind = PH_VOICE_TABLE;
        ev->table = t;
        return true;
    }
    ev->table = NULL;
    ev->synth = ph_synthv_find(name);
    if (strcmp(name, "supersaw") == 0) ev->kind = PH_VOICE_SUPERSAW;
    else if (strcmp(name, "superpwm") == 0) ev->kind = PH_VOICE_SUPERPWM;
    else if (ev->synth) ev->kind = PH_VOICE_SYNTHV;
    else return false;
    return true;
}

void ph_voice_event_play_synth(ph_voice_event *ev, const ph_synthv_def *d)
{
    ev->table = NULL;
    ev->synth = d;
    ev->kind = d->kind == PH_SYNTHV_SAW ? PH_VOICE_SUPERSAW : d->kind == PH_SYNTHV_PWM ? PH_VOICE_SUPERPWM : PH_VOICE_SYNTHV;
}

ph_voices *ph_voices_create(double sample_rate, uint32_t max_voices)
{
    if (!(sample_rate >= 8000 && sample_rate <= 384000)) return NULL;
    if (max_voices < PH_VOICES_MIN) max_voices = PH_VOICES_MIN;
    if (max_voices > 4096) max_voices = 4096;
    ph_voices *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->rate = sample_rate;
    p->max_sounding = max_voices;
    p->slots = max_voices + max_voices / 4;
    p->v = calloc(p->slots, sizeof *p->v);
    p->fx = calloc(p->slots, sizeof *p->fx);
    p->squiz_mem = calloc((size_t)p->slots * 2 * PH_VFX_SQUIZ_LEN, sizeof(float));
    if (!p->v || !p->fx || !p->squiz_mem) {
        ph_voices_destroy(p);
        return NULL;
    }
    p->fade_samples = (float)(PH_VOICE_FADE_SECONDS * sample_rate);
    p->tail_samples = (uint32_t)(PH_VOICE_TAIL_SECONDS * sample_rate);
    return p;
}

void ph_voices_destroy(ph_voices *p)
{
    if (!p) return;
    free(p->v);
    free(p->fx);
    free(p->squiz_mem);
    free(p);
}

bool ph_voices_trigger(ph_voices *p, const ph_voice_event *ev)
{
    if (p->queued >= PH_VOICE_QUEUE) {
        p->dropped++;
        return false;
    }
    p->queue[p->queued++] = *ev;
    return true;
}

static inline float finite_or(float x, float d) { return (x == x && fabsf(x) < 1e30f) ? x : d; }

/* Starts a fade to silence over the steal fade time. */
static void fade_out(ph_voices *p, voice *v)
{
    v->stolen = 1;
    if (v->in_tail) return; /* its sound has ended; the tail fades on its own */
    v->releasing = 1;
    v->rel_step = v->env / (p->fade_samples > 1 ? p->fade_samples : 1);
    if (v->rel_step <= 0) v->active = 0;
}

static voice *pick_slot(ph_voices *p)
{
    uint32_t sounding = 0;
    voice *oldest = NULL, *free_slot = NULL, *quietest = NULL;
    for (uint32_t i = 0; i < p->slots; i++) {
        voice *v = &p->v[i];
        if (!v->active) {
            if (!free_slot) free_slot = v;
            continue;
        }
        if (v->stolen) {
            if (!quietest || v->env < quietest->env) quietest = v;
            continue;
        }
        sounding++;
        if (!oldest || v->start < oldest->start || (v->start == oldest->start && v->seq < oldest->seq))
            oldest = v;
    }
    if (sounding >= p->max_sounding && oldest) fade_out(p, oldest);
    if (free_slot) return free_slot;
    /* every spare slot is fading: cut the quietest (rare: > slots/4 steals in 5 ms) */
    return quietest ? quietest : oldest;
}

/* Synths played with parameters: supersaw's voice count and detune, superpwm's LFO (the
 * seed's meanings), the ph_synthv.h voices. */
static void start_synth_params(ph_voices *p, voice *v, const ph_voice_event *ev)
{
    float sp[PH_SYNTHV_PARAMS];
    ph_synthv_params(ev->synth, ev->sp, ev->sp_given, sp);
    if (ev->kind == PH_VOICE_SUPERSAW) {
        int n = (int)(sp[1] + 0.5f);
        v->nsaw = n < 1 ? 1 : n > NSAW ? NSAW : n;
        for (int k = 0; k < v->nsaw; k++) {
            double spread = v->nsaw > 1 ? 2.0 * k / (v->nsaw - 1) - 1.0 : 0.0;
            v->step[k] = ph_phase_step_for((float)(v->freq * (1.0 + spread * sp[0] * 0.1)), 1.0 / p->rate);
            v->level[k] = 1.0f / (float)v->nsaw;
        }
    } else if (ev->kind == PH_VOICE_SUPERPWM) {
        v->lfo_rate = sp[0];
        v->pw_depth = 0.45f * sp[1];
    }
}

/* ---- per-sound controls: what a voice that sets any of them does beyond the plain path */

static bool has_controls(const ph_voice_event *ev)
{
    return ev->fx.on || finite_or(ev->room, 0) > 0 || finite_or(ev->delay, 0) > 0 || finite_or(ev->dry, 1) != 1 ||
           finite_or(ev->accelerate, 0) != 0 || finite_or(ev->loop, 1) != 1;
}

/* The chain, the sends, the glide and the loop of a voice just started (gains and the
 * table part are set). */
static void start_controls(ph_voices *p, voice *v, const ph_voice_event *ev, float gain, float pan)
{
    uint32_t slot = (uint32_t)(v - p->v);
    v->fxv = 1;
    v->mono = !(v->kind == PH_VOICE_TABLE && v->table->channels == 2);
    if (v->mono) { /* the chain runs on the unpanned sound; the pan comes after it */
        v->pl = sqrtf(1.0f - pan);
        v->pr = sqrtf(pan);
        v->gl = v->gr = gain;
    }
    ph_vfx_start(&p->fx[slot], &ev->fx, p->rate, v->mono ? 1 : 2, p->squiz_mem + (size_t)slot * 2 * PH_VFX_SQUIZ_LEN);
    v->orbit = ev->orbit > 0 ? (ev->orbit < PH_VOICE_ORBITS ? ev->orbit : PH_VOICE_ORBITS - 1) : 0;
    v->room = ph_dsp_clampf(finite_or(ev->room, 0), 0.0f, 4.0f);
    v->delay = ph_dsp_clampf(finite_or(ev->delay, 0), 0.0f, 4.0f);
    v->dry = ph_dsp_clampf(finite_or(ev->dry, 1), 0.0f, 4.0f);
    float accel = ph_dsp_clampf(finite_or(ev->accelerate, 0), -64.0f, 64.0f);
    double loop = finite_or(ev->loop, 1);
    if (!(loop > 0)) loop = 1;
    if (loop > 1e4) loop = 1e4;
    if (v->kind != PH_VOICE_TABLE) {
        if (accel != 0) { /* the pitch glides over the event (the drums: over their length) */
            v->accel = accel;
            bool synthv = v->kind == PH_VOICE_SYNTHV;
            v->freq0 = synthv ? v->sv.freq : v->freq;
            uint32_t len = v->held != UINT32_MAX ? v->held : synthv ? v->sv.len : 0;
            v->glide_len = len ? len : 1;
            /* supersaw: each saw's ratio to freq, from the steps as they were set */
            for (int k = 0; k < v->nsaw; k++)
                v->smul[k] = v->freq > 0 ? (float)(v->step[k].inc / (v->freq / p->rate * 4294967296.0)) : 1.0f;
        }
        return;
    }
    double part = v->hi - v->lo;
    if (loop != 1) {
        v->var = 1;
        v->reps = (uint32_t)ceil(loop) - 1;
        v->left = loop * part / fabs(v->inc);
    }
    if (accel != 0) {
        /* SuperDirt: the rate runs from speed to speed * (1 + accelerate) over the sustain,
         * the time the part takes at the mean rate (or the event's length with legato) */
        v->var = 1;
        double end = v->inc * (1.0 + accel), mean = 0.5 * (fabs(v->inc) + fabs(end));
        double len = v->held != UINT32_MAX ? v->held : loop * part / (mean > 1e-9 ? mean : 1e-9);
        len = len < 1 ? 1 : len > 4e9 ? 4e9 : len;
        v->glide = v->glide_len = (uint32_t)len;
        v->dinc = (end - v->inc) / len;
        if (v->held == UINT32_MAX || v->held > v->glide) v->held = v->glide;
        v->left = 1e300; /* it ends at the edge of the part (or when held runs out) */
    }
}

static void start_voice(ph_voices *p, const ph_voice_event *ev, uint64_t when)
{
    if (ev->kind == PH_VOICE_TABLE && (!ev->table || !ev->table->frames)) return;
    float speed = finite_or(ev->speed, 1), note = finite_or(ev->note, 0);
    if (fabsf(speed) < 1e-6f) return;
    if (ev->cut != 0)
        for (uint32_t i = 0; i < p->slots; i++)
            if (p->v[i].active && !p->v[i].stolen && p->v[i].cut == ev->cut) fade_out(p, &p->v[i]);
    voice *v = pick_slot(p);
    if (!v) return;
    memset(v, 0, sizeof *v);
    v->active = 1;
    v->start = when;
    v->seq = p->seq++;
    v->kind = ev->kind;
    v->cut = ev->cut;

    float gain = ph_dsp_clampf(finite_or(ev->gain, 1), 0.0f, 16.0f);
    float pan = ph_dsp_clampf(finite_or(ev->pan, 0.5f), 0.0f, 1.0f);
    int stereo = ev->kind == PH_VOICE_TABLE && ev->table->channels == 2;
    if (stereo) {
        v->gl = gain * fminf(1.0f, 2.0f * (1.0f - pan));
        v->gr = gain * fminf(1.0f, 2.0f * pan);
    } else {
        v->gl = gain * sqrtf(1.0f - pan); /* constant power, as ph_pan */
        v->gr = gain * sqrtf(pan);
    }

    float rate = (float)p->rate;
    float attack = ph_dsp_clampf(finite_or(ev->attack, 0), 0.0f, 60.0f);
    float release = ph_dsp_clampf(finite_or(ev->release, 0), 0.0f, 60.0f);
    bool drum = ev->kind == PH_VOICE_SYNTHV && ev->synth->drum; /* one shot, its own onset ramp */
    if (ev->kind != PH_VOICE_TABLE && !drum) {
        attack = fmaxf(attack, 0.003f);
        release = fmaxf(release, 0.02f);
    } else if (release <= 0) {
        release = (float)PH_VOICE_FADE_SECONDS;
    }
    v->att_step = attack * rate > 1 ? 1.0f / (attack * rate) : 1.0f;
    v->env = attack * rate > 1 ? 0.0f : 1.0f;
    v->rel_samples = fmaxf(release * rate, 1.0f);
    v->held = ev->length ? ev->length : (ev->kind == PH_VOICE_TABLE || drum ? UINT32_MAX : (uint32_t)(0.25 * rate));

    double ratio = (double)speed * exp2((double)note / 12.0);
    if (ev->kind == PH_VOICE_TABLE) {
        const ph_table *t = ev->table;
        double b = ph_dsp_clampf(finite_or(ev->begin, 0), 0.0f, 1.0f);
        double e = ph_dsp_clampf(finite_or(ev->end, 1), 0.0f, 1.0f);
        if (e < b) {
            double tmp = b;
            b = e;
            e = tmp;
        }
        v->table = t;
        v->lo = b * t->frames;
        v->hi = e * t->frames;
        if (v->hi - v->lo < 1) {
            v->active = 0;
            return;
        }
        v->inc = ratio * t->rate / p->rate;
        v->pos = v->inc > 0 ? v->lo : v->hi - 1.0; /* backwards: hi-1 down to lo */
        v->left = (v->hi - v->lo) / fabs(v->inc);
        v->done = 0;
        v->edge = (float)(0.001 * p->rate);
        v->fade_start = v->inc > 0 ? v->lo > 0 : v->hi < t->frames;
    } else if (ev->kind == PH_VOICE_SYNTHV) {
        double f = ev->freq > 0 && ev->freq == ev->freq ? ev->freq * fabs((double)speed)
                                                          : ph_dsp_note_hz(note) * fabs((double)speed);
        ph_synthv_start(&v->sv, ev->synth, p->rate, (float)(f < 20000 ? f : 20000), ev->sp, ev->sp_given,
                        (uint32_t)v->seq);
    } else {
        double f = ev->freq > 0 && ev->freq == ev->freq ? ev->freq * fabs((double)speed)
                                                          : ph_dsp_note_hz(note) * fabs((double)speed);
        v->freq = (float)(f < 20000 ? f : 20000);
        ph_rng g;
        ph_rng_seed(&g, (uint32_t)v->seq);
        for (int k = 0; k < NSAW; k++) {
            ph_osc_init(&v->osc[k], p->rate, (ph_rng_next(&g) >> 8) / 16777216.0);
            v->step[k] = ph_phase_step_for((float)(v->freq * (1.0 + saw_detune[k])), 1.0 / p->rate);
            v->level[k] = k ? 0.6f / 4.6f : 1.0f / 4.6f; /* centre saw 1, the six others 0.6, over 4.6 */
        }
        v->nsaw = NSAW;
        v->lfo_rate = 0.7;
        v->pw_depth = 0.35f;
        if (ev->sp_given && ev->synth) start_synth_params(p, v, ev);
    }
    if (has_controls(ev)) start_controls(p, v, ev, gain, pan);
}

/* One envelope step; returns the level for this sample (0 and deactivates at the end). */
static inline float env_step(voice *v)
{
    if (v->releasing) {
        v->env -= v->rel_step;
        if (v->env <= 0) {
            v->env = 0;
            v->active = 0;
        }
        return v->env;
    }
    if (v->env < 1.0f) v->env = fminf(1.0f, v->env + v->att_step);
    if (v->held != UINT32_MAX) {
        if (v->held == 0) {
            v->releasing = 1;
            v->rel_step = v->env / v->rel_samples;
        } else {
            v->held--;
        }
    }
    return v->env;
}

static inline float table_at(const ph_table *t, int64_t k, uint32_t c)
{
    if (k < 0 || k >= (int64_t)t->frames) return 0.0f;
    return t->data[(uint64_t)k * t->channels + c];
}

static inline float hermite(const ph_table *t, double pos, uint32_t c)
{
    double fl = floor(pos);
    int64_t k = (int64_t)fl;
    float f = (float)(pos - fl);
    float xm1 = table_at(t, k - 1, c), x0 = table_at(t, k, c), x1 = table_at(t, k + 1, c),
          x2 = table_at(t, k + 2, c);
    float c1 = 0.5f * (x1 - xm1);
    float c2 = xm1 - 2.5f * x0 + 2.0f * x1 - 0.5f * x2;
    float c3 = 0.5f * (x2 - xm1) + 1.5f * (x0 - x1);
    return ((c3 * f + c2) * f + c1) * f + x0;
}

/* The table's frame at fractional position pos, 4-point Hermite; last_safe = frames - 3. */
static inline void table_frame(const ph_table *t, double pos, int64_t last_safe, float *l, float *r)
{
    double fl = floor(pos);
    int64_t k = (int64_t)fl;
    float f = (float)(pos - fl);
    if (k >= 1 && k <= last_safe) {
        /* inside the table: no bounds checks */
        const float *d = t->data + (uint64_t)(k - 1) * t->channels;
        if (t->channels == 1) {
            float c1 = 0.5f * (d[2] - d[0]);
            float c2 = d[0] - 2.5f * d[1] + 2.0f * d[2] - 0.5f * d[3];
            float c3 = 0.5f * (d[3] - d[0]) + 1.5f * (d[1] - d[2]);
            *l = *r = ((c3 * f + c2) * f + c1) * f + d[1];
        } else {
            float c1 = 0.5f * (d[4] - d[0]);
            float c2 = d[0] - 2.5f * d[2] + 2.0f * d[4] - 0.5f * d[6];
            float c3 = 0.5f * (d[6] - d[0]) + 1.5f * (d[2] - d[4]);
            *l = ((c3 * f + c2) * f + c1) * f + d[2];
            c1 = 0.5f * (d[5] - d[1]);
            c2 = d[1] - 2.5f * d[3] + 2.0f * d[5] - 0.5f * d[7];
            c3 = 0.5f * (d[7] - d[1]) + 1.5f * (d[3] - d[5]);
            *r = ((c3 * f + c2) * f + c1) * f + d[3];
        }
    } else {
        *l = hermite(t, pos, 0);
        *r = t->channels == 2 ? hermite(t, pos, 1) : *l;
    }
}

/* The common case for drums and samples: unit rate on whole frames, envelope at 1, no
 * fade due inside the span. Then every sample is data[k] * gain, exactly what the general
 * loop computes (Hermite at f = 0 returns x0 exactly, envelope and edge factors are 1), so
 * taking this path never changes the output; it just skips the per-sample work. */
static int render_table_steady(voice *v, float *L, float *R, uint32_t a, uint32_t b)
{
    const ph_table *t = v->table;
    uint32_t span = b - a;
    if (v->inc != 1.0 || v->env != 1.0f || v->releasing) return 0;
    if (v->held != UINT32_MAX && v->held < span) return 0;
    if (v->left - span < v->edge + 2.0 || (v->fade_start && v->done < v->edge + 2.0)) return 0;
    if (v->pos != floor(v->pos) || v->pos < 1 || v->pos + span + 3 > t->frames) return 0;
    const uint64_t k = (uint64_t)v->pos;
    const float gl = v->gl, gr = v->gr;
    if (t->channels == 1) {
        const float *d = t->data + k;
        for (uint32_t i = 0; i < span; i++) {
            L[a + i] += d[i] * gl;
            R[a + i] += d[i] * gr;
        }
    } else {
        const float *d = t->data + 2 * k;
        for (uint32_t i = 0; i < span; i++) {
            L[a + i] += d[2 * i] * gl;
            R[a + i] += d[2 * i + 1] * gr;
        }
    }
    if (v->held != UINT32_MAX) v->held -= span;
    v->pos += span;
    v->left -= span;
    v->done += span;
    return 1;
}

static void render_table(voice *v, float *L, float *R, uint32_t a, uint32_t b, bool fast)
{
    if (fast && render_table_steady(v, L, R, a, b)) return;
    const ph_table *t = v->table;
    const double inc = v->inc;
    /* counted per sample from values set at the start, so no divisions in the loop and
     * no dependence on where blocks are split */
    double left = v->left, done = v->done;
    const float inv_edge = 1.0f / v->edge;
    const int64_t last_safe = (int64_t)t->frames - 3; /* k+2 inside the table */
    const float gl = v->gl, gr = v->gr;
    double pos = v->pos;
    for (uint32_t i = a; i < b; i++) {
        if (left <= 0) {
            v->active = 0;
            break;
        }
        double dist = v->fade_start ? fmin(left, done + 1.0) : left;
        float edge = dist * inv_edge < 1.0 ? (float)(dist * inv_edge) : 1.0f;
        float e = env_step(v) * edge;
        float l, r;
        table_frame(t, pos, last_safe, &l, &r);
        L[i] += l * gl * e;
        R[i] += r * gr * e;
        pos += inc;
        left -= 1.0;
        done += 1.0;
        if (!v->active) break; /* the envelope finished */
    }
    v->pos = pos;
    v->left = left;
    v->done = done;
}

/* Tables with accelerate or loop: the rate may change every sample and the part may be
 * played several times; the edges of the part fade over `edge` samples at the rate of the
 * moment (each repetition's start too, where it wraps). */
static void render_table_var(voice *v, float *L, float *R, uint32_t a, uint32_t b)
{
    const ph_table *t = v->table;
    const double lo = v->lo, hi = v->hi, part = hi - lo, edge = v->edge;
    const int64_t last_safe = (int64_t)t->frames - 3;
    const float gl = v->gl, gr = v->gr;
    double pos = v->pos, inc = v->inc, left = v->left;
    for (uint32_t i = a; i < b; i++) {
        if (left <= 0) {
            v->active = 0;
            break;
        }
        if (inc >= 0 ? pos >= hi : pos < lo) {
            if (!v->reps) {
                v->active = 0;
                break;
            }
            v->reps--;
            v->fade_start = 1;
            pos += inc >= 0 ? -part : part;
        }
        double rate = fabs(inc) > 1e-9 ? fabs(inc) : 1e-9;
        double dist = fmin((inc >= 0 ? hi - pos : pos - lo + 1) / rate, left);
        if (v->fade_start) dist = fmin(dist, (inc >= 0 ? pos - lo + 1 : hi - pos) / rate);
        float e = env_step(v) * (float)(dist < edge ? dist / edge : 1.0);
        float l, r;
        table_frame(t, pos, last_safe, &l, &r);
        L[i] += l * gl * e;
        R[i] += r * gr * e;
        pos += inc;
        if (v->glide) {
            inc += v->dinc;
            v->glide--;
        }
        left -= 1.0;
        if (!v->active) break; /* the envelope finished */
    }
    v->pos = pos;
    v->inc = inc;
    v->left = left;
}

static void render_synth(ph_voices *p, voice *v, float *L, float *R, uint32_t a, uint32_t b)
{
    while (a < b && v->active) {
        uint32_t n = b - a < CHUNK ? b - a : CHUNK;
        bool ended = false;
        if (v->kind == PH_VOICE_SYNTHV) {
            ended = !ph_synthv_render(&v->sv, p->acc, n);
        } else if (v->kind == PH_VOICE_SUPERSAW) {
            /* the saws per sample, with their fixed steps: no buffers in between */
            for (uint32_t i = 0; i < n; i++) {
                float s = 0.0f;
                for (int k = 0; k < v->nsaw; k++) { /* ph_osc_saw's sample */
                    uint32_t ph = v->osc[k].phase;
                    s += v->level[k] * (ph_phase_bipolar(ph) - 2.0f * ph_phase_blep(ph, &v->step[k]));
                    v->osc[k].phase = ph + v->step[k].inc;
                }
                p->acc[i] = s;
            }
        } else {
            ph_dsp_zero(p->acc, n);
            for (uint32_t i = 0; i < n; i++) {
                p->pwbuf[i] = 0.5f + v->pw_depth * ph_dsp_sin2pi((float)v->lfo);
                v->lfo += v->lfo_rate / p->rate;
                v->lfo -= floor(v->lfo);
            }
            for (int k = 0; k < 2; k++) {
                ph_dsp_fill(p->freqbuf, v->freq * (k ? 1.003f : 0.997f), n);
                ph_osc_square(&v->osc[k], p->scratch, p->freqbuf, p->pwbuf, n, 0);
                for (uint32_t i = 0; i < n; i++) p->acc[i] += 0.3f * p->scratch[i]; /* two pulses: peak ~0.6 */
            }
        }
        for (uint32_t i = 0; i < n && v->active; i++) {
            float e = env_step(v);
            L[a + i] += p->acc[i] * v->gl * e;
            R[a + i] += p->acc[i] * v->gr * e;
        }
        if (ended) v->active = 0;
        a += n;
    }
}

/* A gliding synth's pitch at absolute sample t (held there until the next call). */
static void synth_glide(ph_voices *p, voice *v, uint64_t t)
{
    double x = (double)(t - v->start) / v->glide_len;
    double f = v->freq0 * (1.0 + v->accel * (x < 1 ? x : 1));
    f = f < 0 ? 0 : f < 20000 ? f : 20000;
    if (v->kind == PH_VOICE_SYNTHV) {
        v->sv.freq = ph_dsp_clampf((float)f, 0.0f, 0.45f * (float)p->rate);
        return;
    }
    v->freq = (float)f;
    for (int k = 0; k < v->nsaw; k++) v->step[k] = ph_phase_step_for((float)(f * v->smul[k]), 1.0 / p->rate);
}

/* The voice's sound over [a, b) of L/R, b - a samples from absolute sample t. */
static void render_source(ph_voices *p, voice *v, float *L, float *R, uint32_t a, uint32_t b, uint64_t t)
{
    if (v->kind != PH_VOICE_TABLE) {
        if (v->accel != 0 && ph_dsp_at_quantum(t)) synth_glide(p, v, t); /* steps at absolute quanta */
        render_synth(p, v, L, R, a, b);
    } else if (v->var) {
        render_table_var(v, L, R, a, b);
    } else {
        render_table(v, L, R, a, b, !p->no_fast_path);
    }
}

/* A voice with per-sound controls, in runs that end at absolute quantum multiples: its
 * sound into the scratch pair, the chain, the tail, then pan, dry level and sends. */
static void render_fx_voice(ph_voices *p, voice *v, float *L, float *R, const ph_voice_sends *sends, uint32_t a,
                            uint32_t b, uint64_t t)
{
    ph_vfx *fx = &p->fx[v - p->v];
    float *xl = p->fx_l, *xr = p->fx_r;
    const float inv_tail = 1.0f / (float)(p->tail_samples ? p->tail_samples : 1);
    while (a < b && v->active) {
        uint32_t n = ph_dsp_run_length(t, b - a);
        ph_dsp_zero(xl, n);
        ph_dsp_zero(xr, n);
        if (!v->in_tail) {
            render_source(p, v, xl, xr, 0, n, t);
            ph_vfx_process(fx, xl, xr, n, t);
            if (!v->active && (fx->on & PH_VFX_RINGING) && p->tail_samples) {
                /* the sound ended in this run: the chain rings out, faded from the next
                 * absolute quantum on (runs may end anywhere inside one) */
                v->active = 1;
                v->in_tail = 1;
                v->tail_wait = (PH_CONTROL_QUANTUM - (uint32_t)((t + n) % PH_CONTROL_QUANTUM)) % PH_CONTROL_QUANTUM;
                v->tail_left = p->tail_samples;
            }
        } else {
            ph_vfx_process(fx, xl, xr, n, t);
            for (uint32_t i = 0; i < n; i++) {
                float g = v->tail_wait ? 1.0f : (float)v->tail_left * inv_tail;
                xl[i] *= g;
                xr[i] *= g;
                if (v->tail_wait) v->tail_wait--;
                else if (v->tail_left) v->tail_left--;
            }
            if (!v->tail_wait && !v->tail_left) v->active = 0;
        }
        if (v->mono)
            for (uint32_t i = 0; i < n; i++) {
                xr[i] = xl[i] * v->pr;
                xl[i] *= v->pl;
            }
        const float dry = v->dry;
        for (uint32_t i = 0; i < n; i++) {
            L[a + i] += xl[i] * dry;
            R[a + i] += xr[i] * dry;
        }
        if (sends && sends->orbits) {
            uint32_t o = (uint32_t)v->orbit < sends->orbits ? (uint32_t)v->orbit : sends->orbits - 1;
            if (v->room > 0) {
                const float g = 0.5f * v->room;
                float *s = sends->room[o] + a;
                for (uint32_t i = 0; i < n; i++) s[i] += (xl[i] + xr[i]) * g;
            }
            if (v->delay > 0) {
                const float g = v->delay;
                float *sl = sends->delay_l[o] + a, *sr = sends->delay_r[o] + a;
                for (uint32_t i = 0; i < n; i++) {
                    sl[i] += xl[i] * g;
                    sr[i] += xr[i] * g;
                }
            }
        }
        a += n;
        t += n;
    }
}

static void render_span(ph_voices *p, float *L, float *R, const ph_voice_sends *sends, uint32_t a, uint32_t b,
                        uint64_t t0)
{
    if (a >= b) return;
    for (uint32_t s = 0; s < p->slots; s++) {
        voice *v = &p->v[s];
        if (!v->active) continue;
        if (v->fxv) render_fx_voice(p, v, L, R, sends, a, b, t0 + a);
        else if (v->kind == PH_VOICE_TABLE) render_table(v, L, R, a, b, !p->no_fast_path);
        else render_synth(p, v, L, R, a, b);
    }
}

void ph_voices_render(ph_voices *p, float *outL, float *outR, uint32_t n, uint64_t t0)
{
    ph_voices_render_sends(p, outL, outR, NULL, n, t0);
}

void ph_voices_render_sends(ph_voices *p, float *outL, float *outR, const ph_voice_sends *sends, uint32_t n,
                            uint64_t t0)
{
    ph_dsp_zero(outL, n);
    ph_dsp_zero(outR, n);
    uint32_t orbits = sends ? (sends->orbits < PH_VOICE_ORBITS ? sends->orbits : PH_VOICE_ORBITS) : 0;
    for (uint32_t k = 0; k < orbits; k++) {
        ph_dsp_zero(sends->room[k], n);
        ph_dsp_zero(sends->delay_l[k], n);
        ph_dsp_zero(sends->delay_r[k], n);
    }
    if (n == 0) return;
    /* stable insertion sort of the queue by offset: ties keep trigger order */
    ph_voice_event *q = p->queue;
    for (uint32_t i = 1; i < p->queued; i++) {
        ph_voice_event e = q[i];
        uint32_t j = i;
        while (j > 0 && q[j - 1].offset > e.offset) {
            q[j] = q[j - 1];
            j--;
        }
        q[j] = e;
    }
    uint32_t at = 0;
    for (uint32_t k = 0; k < p->queued; k++) {
        uint32_t off = q[k].offset < n ? q[k].offset : n - 1;
        render_span(p, outL, outR, sends, at, off, t0);
        at = off;
        start_voice(p, &q[k], t0 + off);
    }
    p->queued = 0;
    render_span(p, outL, outR, sends, at, n, t0);
    for (uint32_t i = 0; i < n; i++) {
        outL[i] = ph_dsp_sane(outL[i]);
        outR[i] = ph_dsp_sane(outR[i]);
    }
    for (uint32_t k = 0; k < orbits; k++) {
        ph_dsp_sanitize(sends->room[k], n);
        ph_dsp_sanitize(sends->delay_l[k], n);
        ph_dsp_sanitize(sends->delay_r[k], n);
    }
}

void ph_voices_release_all(ph_voices *p)
{
    for (uint32_t i = 0; i < p->slots; i++)
        if (p->v[i].active && !p->v[i].stolen) fade_out(p, &p->v[i]);
}

uint32_t ph_voices_sounding(const ph_voices *p)
{
    uint32_t c = 0;
    for (uint32_t i = 0; i < p->slots; i++) c += p->v[i].active && !p->v[i].stolen;
    return c;
}

uint32_t ph_voices_busy(const ph_voices *p)
{
    uint32_t c = 0;
    for (uint32_t i = 0; i < p->slots; i++) c += p->v[i].active != 0;
    return c;
}

uint64_t ph_voices_dropped(const ph_voices *p) { return p->dropped; }

void ph_voices_set_fast_path(ph_voices *p, bool on) { p->no_fast_path = !on; }

/* Per-voice effects (see ph_voice_fx.h): our own kernels for the meanings superdough and
 * SuperDirt give these controls. */
#include "dsp/ph_voice_fx.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

/* Formants (Hz, linear gain, Q) of the vowels superdough plays, from WebDirt's table. */
static const struct vowel_def {
    const char *name;
    float hz[PH_VFX_FORMANTS], gain[PH_VFX_FORMANTS], q[PH_VFX_FORMANTS];
} vowels[] = {
    {"a", {660, 1120, 2750, 3000, 3350}, {1, 0.5012f, 0.0708f, 0.0631f, 0.0126f}, {80, 90, 120, 130, 140}},
    {"e", {440, 1800, 2700, 3000, 3300}, {1, 0.1995f, 0.1259f, 0.1f, 0.1f}, {70, 80, 100, 120, 120}},
    {"i", {270, 1850, 2900, 3350, 3590}, {1, 0.0631f, 0.0631f, 0.0158f, 0.0158f}, {40, 90, 100, 120, 120}},
    {"o", {430, 820, 2700, 3000, 3300}, {1, 0.3162f, 0.0501f, 0.0794f, 0.01995f}, {40, 80, 100, 120, 120}},
    {"u", {370, 630, 2750, 3000, 3400}, {1, 0.1f, 0.0708f, 0.0316f, 0.01995f}, {40, 60, 100, 120, 120}},
    {"ae", {650, 1515, 2400, 3000, 3350}, {1, 0.5f, 0.1008f, 0.0631f, 0.0126f}, {80, 90, 120, 130, 140}},
    {"aa", {560, 900, 2570, 3000, 3300}, {1, 0.5f, 0.0708f, 0.0631f, 0.0126f}, {80, 90, 120, 130, 140}},
    {"oe", {500, 1430, 2300, 3000, 3300}, {1, 0.2f, 0.0708f, 0.0316f, 0.01995f}, {40, 60, 100, 120, 120}},
    {"ue", {250, 1750, 2150, 3200, 3300}, {1, 0.1f, 0.0708f, 0.0316f, 0.01995f}, {40, 60, 100, 120, 120}},
    {"y", {400, 1460, 2400, 3000, 3300}, {1, 0.2f, 0.0708f, 0.0316f, 0.02995f}, {40, 60, 100, 120, 120}},
    {"uh", {600, 1250, 2100, 3100, 3500}, {1, 0.3f, 0.0608f, 0.0316f, 0.01995f}, {40, 70, 100, 120, 130}},
    {"un", {500, 1240, 2280, 3000, 3500}, {1, 0.1f, 0.1708f, 0.0216f, 0.02995f}, {40, 60, 100, 120, 120}},
    {"en", {600, 1480, 2450, 3200, 3300}, {1, 0.15f, 0.0708f, 0.0316f, 0.02995f}, {40, 60, 100, 120, 120}},
    {"an", {700, 1050, 2500, 3000, 3300}, {1, 0.1f, 0.0708f, 0.0316f, 0.02995f}, {40, 60, 100, 120, 120}},
    {"on", {500, 1080, 2350, 3000, 3300}, {1, 0.1f, 0.0708f, 0.0316f, 0.02995f}, {40, 60, 100, 120, 120}},
};
#define N_VOWELS (sizeof vowels / sizeof vowels[0])
#define VOWEL_MAKEUP 8.0f /* superdough's: the narrow formants pass little energy */

void ph_vfx_params_defaults(ph_vfx_params *p)
{
    memset(p, 0, sizeof *p);
    p->resonance = 1.0f; /* superdough's default filter q */
    p->hresonance = 1.0f;
    p->bandq = 1.0f;
}

int ph_vfx_vowel(const char *name)
{
    if (!name) return 0;
    for (size_t i = 0; i < N_VOWELS; i++)
        if (!strcmp(name, vowels[i].name)) return (int)i + 1;
    return 0;
}

static const char *vowel_names[N_VOWELS + 1];
static pthread_once_t vowel_names_once = PTHREAD_ONCE_INIT;

static void list_vowel_names(void)
{
    for (size_t i = 0; i < N_VOWELS; i++) vowel_names[i] = vowels[i].name;
}

const char *const *ph_vfx_vowel_names(void)
{
    pthread_once(&vowel_names_once, list_vowel_names); /* programs compile on several threads */
    return vowel_names;
}

static float finite_or(float x, float d) { return isfinite(x) ? x : d; }

/* TPT state-variable filter (Zavalishin / Simper), coefficients for cutoff hz and damping
 * k = 1 / Q; out_gain scales the output tap. */
static void svf_set(ph_vfx_svf *f, double hz, double q, double rate, float out_gain)
{
    hz = hz > 10 ? hz : 10;
    if (hz > 0.49 * rate) hz = 0.49 * rate;
    double g = tan(PH_PI * hz / rate), k = 1.0 / q;
    double a1 = 1.0 / (1.0 + g * (g + k));
    f->a1 = (float)a1;
    f->a2 = (float)(g * a1);
    f->a3 = (float)(g * g * a1);
    f->k = (float)k;
    f->out_gain = out_gain;
    f->ic1[0] = f->ic1[1] = f->ic2[0] = f->ic2[1] = 0;
}

/* Q for Strudel's resonance: the dB of gain at the cutoff (Web Audio's biquad). */
static double q_of_resonance(float r) { return pow(10.0, ph_dsp_clampf(finite_or(r, 1), 0.0f, 50.0f) / 20.0); }

void ph_vfx_start(ph_vfx *fx, const ph_vfx_params *p, double rate, uint32_t channels, float *squiz_mem)
{
    memset(fx, 0, sizeof *fx);
    fx->on = p->on;
    fx->channels = channels == 2 ? 2 : 1;
    if (p->on & PH_VFX_LPF) svf_set(&fx->lp, finite_or(p->cutoff, 1000), q_of_resonance(p->resonance), rate, 1);
    if (p->on & PH_VFX_HPF) svf_set(&fx->hp, finite_or(p->hcutoff, 1000), q_of_resonance(p->hresonance), rate, 1);
    if (p->on & PH_VFX_BPF) {
        double q = ph_dsp_clampf(finite_or(p->bandq, 1), 0.1f, 100.0f);
        svf_set(&fx->bp, finite_or(p->bandf, 1000), q, rate, (float)(1.0 / q)); /* peak gain 1 */
    }
    if (p->on & PH_VFX_VOWEL) {
        if (p->vowel >= 1 && (size_t)p->vowel <= N_VOWELS) {
            const struct vowel_def *v = &vowels[p->vowel - 1];
            for (int i = 0; i < PH_VFX_FORMANTS; i++)
                svf_set(&fx->formant[i], v->hz[i], v->q[i], rate, VOWEL_MAKEUP * v->gain[i] / v->q[i]);
        } else {
            fx->on &= ~(uint32_t)PH_VFX_VOWEL;
        }
    }
    float coarse = finite_or(p->coarse, 1);
    if ((p->on & PH_VFX_COARSE) && coarse > 1) fx->coarse = coarse < 1e6f ? coarse : 1e6f;
    else fx->on &= ~(uint32_t)PH_VFX_COARSE;
    fx->coarse_phase = 1e30f; /* take the first sample */
    if (p->on & PH_VFX_CRUSH) {
        float bits = ph_dsp_clampf(finite_or(p->crush, 24), 1.0f, 24.0f);
        fx->crush_q = exp2f(bits - 1.0f);
        fx->crush_inv = 1.0f / fx->crush_q;
    }
    if (p->on & PH_VFX_SHAPE) {
        float s = ph_dsp_clampf(finite_or(p->shape, 0), 0.0f, 0.999f);
        fx->shape_k = 2.0f * s / (1.0f - s);
    }
    float ratio = finite_or(p->squiz, 1);
    if ((p->on & PH_VFX_SQUIZ) && ratio > 1 && squiz_mem) {
        fx->squiz_ratio = ratio < 64 ? ratio : 64;
        for (uint32_t c = 0; c < 2; c++) fx->sq[c].ring = squiz_mem + c * PH_VFX_SQUIZ_LEN;
    } else {
        fx->on &= ~(uint32_t)PH_VFX_SQUIZ;
    }
}

/* ---- kernels, each over one run with constant coefficients ------------------------------ */

typedef enum { TAP_LP, TAP_HP, TAP_BP } svf_tap;

static void svf_run(ph_vfx_svf *f, uint32_t c, float *x, uint32_t n, svf_tap tap)
{
    const float a1 = f->a1, a2 = f->a2, a3 = f->a3, k = f->k, gain = f->out_gain;
    float ic1 = f->ic1[c], ic2 = f->ic2[c];
    for (uint32_t i = 0; i < n; i++) {
        float v0 = x[i];
        float v3 = v0 - ic2;
        float v1 = a1 * ic1 + a2 * v3;
        float v2 = ic2 + a2 * ic1 + a3 * v3;
        ic1 = 2 * v1 - ic1;
        ic2 = 2 * v2 - ic2;
        x[i] = tap == TAP_LP ? v2 : tap == TAP_HP ? v0 - k * v1 - v2 : gain * v1;
    }
    f->ic1[c] = ic1;
    f->ic2[c] = ic2;
}

/* The five formants in parallel, summed (their gains and the makeup are in out_gain). */
static void vowel_run(ph_vfx *fx, uint32_t c, float *x, uint32_t n)
{
    float acc[PH_CONTROL_QUANTUM] = {0}, tmp[PH_CONTROL_QUANTUM];
    for (int f = 0; f < PH_VFX_FORMANTS; f++) {
        memcpy(tmp, x, n * sizeof *x);
        svf_run(&fx->formant[f], c, tmp, n, TAP_BP);
        for (uint32_t i = 0; i < n; i++) acc[i] += tmp[i];
    }
    memcpy(x, acc, n * sizeof *x);
}

/* Sample and hold: a new value whenever `coarse` samples have passed (the phase is shared
 * by both channels). */
static void coarse_run(ph_vfx *fx, float *L, float *R, uint32_t n)
{
    float ph = fx->coarse_phase, h0 = fx->hold[0], h1 = fx->hold[1];
    for (uint32_t i = 0; i < n; i++) {
        if (ph >= fx->coarse) {
            ph -= fx->coarse;
            if (ph >= fx->coarse) ph = 0; /* the first sample */
            h0 = L[i];
            if (R) h1 = R[i];
        }
        ph += 1.0f;
        L[i] = h0;
        if (R) R[i] = h1;
    }
    fx->coarse_phase = ph;
    fx->hold[0] = h0;
    fx->hold[1] = h1;
}

static void crush_run(const ph_vfx *fx, float *x, uint32_t n)
{
    const float q = fx->crush_q, inv = fx->crush_inv;
    for (uint32_t i = 0; i < n; i++) x[i] = floorf(x[i] * q + 0.5f) * inv;
}

static void shape_run(const ph_vfx *fx, float *x, uint32_t n)
{
    const float k = fx->shape_k;
    for (uint32_t i = 0; i < n; i++) x[i] = (1.0f + k) * x[i] / (1.0f + k * fabsf(x[i]));
}

/* Squiz: record into the ring; at each upward zero crossing (or when a fragment fills half
 * the ring) the fragment just recorded starts playing at `ratio` times the speed, linearly
 * interpolated, then silence until the next one. The fragment played always lies behind
 * the writer, which cannot reach it before it has been played (fragments are at most half
 * the ring, ratio >= 1). */
static void squiz_run(ph_vfx_squiz *s, float ratio, float *x, uint32_t n)
{
    const uint32_t mask = PH_VFX_SQUIZ_LEN - 1, max_frag = PH_VFX_SQUIZ_LEN / 2;
    for (uint32_t i = 0; i < n; i++) {
        float in = x[i];
        uint32_t len = s->w - s->cur_start;
        if ((s->prev < 0 && in >= 0 && len > 0) || len >= max_frag) {
            s->frag_start = s->cur_start;
            s->frag_len = len;
            s->cur_start = s->w;
            s->pos = 0;
            s->playing = 1;
        }
        s->ring[s->w & mask] = in;
        s->w++;
        s->prev = in;
        float out = 0;
        if (s->playing) {
            uint32_t k = (uint32_t)s->pos;
            float f = s->pos - (float)k;
            float a = s->ring[(s->frag_start + k) & mask];
            float b = k + 1 < s->frag_len ? s->ring[(s->frag_start + k + 1) & mask] : 0.0f;
            out = a + f * (b - a);
            s->pos += ratio;
            if (s->pos >= (float)s->frag_len) s->playing = 0;
        }
        x[i] = out;
    }
}

static void flush_svf(ph_vfx_svf *f)
{
    for (int c = 0; c < 2; c++) {
        f->ic1[c] = ph_dsp_flush(f->ic1[c]);
        f->ic2[c] = ph_dsp_flush(f->ic2[c]);
    }
}

static void flush_states(ph_vfx *fx)
{
    if (fx->on & PH_VFX_LPF) flush_svf(&fx->lp);
    if (fx->on & PH_VFX_HPF) flush_svf(&fx->hp);
    if (fx->on & PH_VFX_BPF) flush_svf(&fx->bp);
    if (fx->on & PH_VFX_VOWEL)
        for (int f = 0; f < PH_VFX_FORMANTS; f++) flush_svf(&fx->formant[f]);
    fx->hold[0] = ph_dsp_sane(fx->hold[0]);
    fx->hold[1] = ph_dsp_sane(fx->hold[1]);
}

static void chain_run(ph_vfx *fx, float *L, float *R, uint32_t n)
{
    uint32_t on = fx->on;
    for (uint32_t c = 0; c < fx->channels; c++) {
        float *x = c ? R : L;
        for (uint32_t i = 0; i < n; i++) x[i] = ph_dsp_sane(x[i]); /* nothing absurd into the states */
        if (on & PH_VFX_LPF) svf_run(&fx->lp, c, x, n, TAP_LP);
        if (on & PH_VFX_HPF) svf_run(&fx->hp, c, x, n, TAP_HP);
        if (on & PH_VFX_BPF) svf_run(&fx->bp, c, x, n, TAP_BP);
        if (on & PH_VFX_VOWEL) vowel_run(fx, c, x, n);
    }
    if (on & PH_VFX_COARSE) coarse_run(fx, L, fx->channels == 2 ? R : NULL, n);
    for (uint32_t c = 0; c < fx->channels; c++) {
        float *x = c ? R : L;
        if (on & PH_VFX_CRUSH) crush_run(fx, x, n);
        if (on & PH_VFX_SHAPE) shape_run(fx, x, n);
        if (on & PH_VFX_SQUIZ) squiz_run(&fx->sq[c], fx->squiz_ratio, x, n);
    }
}

void ph_vfx_process(ph_vfx *fx, float *L, float *R, uint32_t n, uint64_t t0)
{
    if (!fx->on) return;
    uint32_t i = 0;
    while (i < n) {
        uint64_t t = t0 + i;
        if (ph_dsp_at_quantum(t)) flush_states(fx);
        uint32_t m = ph_dsp_run_length(t, n - i);
        chain_run(fx, L + i, fx->channels == 2 ? R + i : NULL, m);
        i += m;
    }
}

/* Mipmapped wavetables built by FFT, and their oscillator (see ph_wavetable.h). */
#include "dsp/ph_wavetable.h"

#include <stdlib.h>
#include <string.h>

#include "dsp/ph_blep.h"

#define STRIDE (PH_WT_SIZE + 1)
#define TOP_HARMONIC (PH_WT_SIZE / 2 - 1) /* the table's own Nyquist left out */

/* In-place radix-2 FFT of n (a power of two) complex values; inverse when sign > 0. */
static void fft(double *re, double *im, uint32_t n, int sign)
{
    for (uint32_t i = 1, j = 0; i < n; i++) {
        uint32_t bit = n >> 1;
        for (; j & bit; bit >>= 1) j ^= bit;
        j |= bit;
        if (i < j) {
            double t = re[i];
            re[i] = re[j], re[j] = t;
            t = im[i], im[i] = im[j], im[j] = t;
        }
    }
    for (uint32_t len = 2; len <= n; len <<= 1) {
        double a = sign * PH_TWO_PI / len, wr = cos(a), wi = sin(a);
        for (uint32_t i = 0; i < n; i += len) {
            double cr = 1, ci = 0;
            for (uint32_t k = 0; k < len / 2; k++) {
                uint32_t u = i + k, v = i + k + len / 2;
                double xr = re[v] * cr - im[v] * ci, xi = re[v] * ci + im[v] * cr;
                re[v] = re[u] - xr, im[v] = im[u] - xi;
                re[u] += xr, im[u] += xi;
                double t = cr * wr - ci * wi;
                ci = cr * wi + ci * wr;
                cr = t;
            }
        }
    }
}

static ph_wavetable *alloc_table(uint32_t frames)
{
    ph_wavetable *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->frames = frames;
    t->data = ph_dsp_alloc((size_t)frames * PH_WT_LEVELS * STRIDE * sizeof(float));
    if (!t->data) {
        free(t);
        return NULL;
    }
    return t;
}

/* Fills frame f's levels from one cycle (PH_WT_SIZE samples, DC removed here). */
static void build_frame(ph_wavetable *t, uint32_t f, const double *cycle, double *re, double *im, double *spec_re,
                        double *spec_im)
{
    for (uint32_t i = 0; i < PH_WT_SIZE; i++) spec_re[i] = cycle[i], spec_im[i] = 0;
    fft(spec_re, spec_im, PH_WT_SIZE, -1);
    for (uint32_t level = 0; level < PH_WT_LEVELS; level++) {
        uint32_t keep = level ? (PH_WT_SIZE / 2) >> level : TOP_HARMONIC;
        memset(re, 0, PH_WT_SIZE * sizeof *re);
        memset(im, 0, PH_WT_SIZE * sizeof *im);
        for (uint32_t k = 1; k <= keep; k++) { /* harmonic k and its mirror; DC left out */
            re[k] = spec_re[k], im[k] = spec_im[k];
            re[PH_WT_SIZE - k] = spec_re[PH_WT_SIZE - k], im[PH_WT_SIZE - k] = spec_im[PH_WT_SIZE - k];
        }
        fft(re, im, PH_WT_SIZE, +1);
        float *row = t->data + ((size_t)f * PH_WT_LEVELS + level) * STRIDE;
        for (uint32_t i = 0; i < PH_WT_SIZE; i++) row[i] = (float)(re[i] / PH_WT_SIZE);
        row[PH_WT_SIZE] = row[0];
    }
}

/* Builds every frame from `frames` cycles, each scaled to peak 1. */
static ph_wavetable *build(const double *cycles, uint32_t frames)
{
    ph_wavetable *t = alloc_table(frames);
    double *work = malloc(4 * PH_WT_SIZE * sizeof *work);
    if (!t || !work) {
        ph_wavetable_free(t);
        free(work);
        return NULL;
    }
    for (uint32_t f = 0; f < frames; f++)
        build_frame(t, f, cycles + (size_t)f * PH_WT_SIZE, work, work + PH_WT_SIZE, work + 2 * PH_WT_SIZE,
                    work + 3 * PH_WT_SIZE);
    free(work);
    /* each frame at peak 1 (its brightest level): a quiet part of a sample plays as loud */
    for (uint32_t f = 0; f < frames; f++) {
        float *fr = t->data + (size_t)f * PH_WT_LEVELS * STRIDE, peak = 0;
        for (size_t i = 0; i < STRIDE; i++) peak = fabsf(fr[i]) > peak ? fabsf(fr[i]) : peak;
        if (peak > 0)
            for (size_t i = 0; i < (size_t)PH_WT_LEVELS * STRIDE; i++) fr[i] /= peak;
    }
    return t;
}

static double shape(int which, double p)
{
    switch (which) {
    case 0: return sin(PH_TWO_PI * p);                    /* sine */
    case 1: return p < 0.5 ? 4 * p - 1 : 3 - 4 * p;         /* triangle */
    case 2: return 2 * p - 1;                             /* saw */
    default: return p < 0.5 ? 1 : -1;                     /* square */
    }
}

static const char *const builtin_names[] = {"sine", "saw", "square", "tri", "basic", NULL};

const char *const *ph_wavetable_names(void) { return builtin_names; }

ph_wavetable *ph_wavetable_builtin(const char *name)
{
    static const struct {
        const char *name;
        int frames, shapes[4];
    } defs[] = {{"sine", 1, {0}}, {"saw", 1, {2}}, {"square", 1, {3}}, {"tri", 1, {1}}, {"basic", 4, {0, 1, 2, 3}}};
    for (size_t d = 0; name && d < sizeof defs / sizeof defs[0]; d++) {
        if (strcmp(name, defs[d].name)) continue;
        double *c = malloc((size_t)defs[d].frames * PH_WT_SIZE * sizeof *c);
        if (!c) return NULL;
        for (int f = 0; f < defs[d].frames; f++)
            for (uint32_t i = 0; i < PH_WT_SIZE; i++) c[(size_t)f * PH_WT_SIZE + i] = shape(defs[d].shapes[f], (i + 0.5) / PH_WT_SIZE);
        ph_wavetable *t = build(c, (uint32_t)defs[d].frames);
        free(c);
        return t;
    }
    return NULL;
}

ph_wavetable *ph_wavetable_from_sample(const float *x, uint32_t n)
{
    if (!x || !n) return NULL;
    uint32_t frames = n >= PH_WT_SIZE ? n / PH_WT_SIZE : 1;
    frames = frames > PH_WT_MAX_FRAMES ? PH_WT_MAX_FRAMES : frames;
    double *c = malloc((size_t)frames * PH_WT_SIZE * sizeof *c);
    if (!c) return NULL;
    for (uint32_t f = 0; f < frames; f++) {
        double *cy = c + (size_t)f * PH_WT_SIZE;
        if (n < PH_WT_SIZE) { /* stretched into one cycle (linear interpolation) */
            for (uint32_t i = 0; i < PH_WT_SIZE; i++) {
                double pos = (double)i * (n - 1) / PH_WT_SIZE;
                uint32_t k = (uint32_t)pos;
                double a = x[k] == x[k] ? x[k] : 0, b = k + 1 < n && x[k + 1] == x[k + 1] ? x[k + 1] : a;
                cy[i] = a + (pos - k) * (b - a);
            }
        } else {
            uint32_t start = frames > 1 ? (uint32_t)((uint64_t)f * (n - PH_WT_SIZE) / (frames - 1)) : 0;
            for (uint32_t i = 0; i < PH_WT_SIZE; i++) cy[i] = x[start + i] == x[start + i] ? x[start + i] : 0;
        }
        /* the end-to-start step removed: a ramp from 0 to the step, subtracted */
        double step = cy[PH_WT_SIZE - 1] - cy[0];
        for (uint32_t i = 0; i < PH_WT_SIZE; i++) cy[i] -= step * i / (PH_WT_SIZE - 1);
    }
    ph_wavetable *t = build(c, frames);
    free(c);
    return t;
}

void ph_wavetable_free(ph_wavetable *t)
{
    if (!t) return;
    ph_dsp_free(t->data);
    free(t);
}

void ph_wt_osc_init(ph_wt_osc *o, double sample_rate)
{
    if (!(sample_rate > 0)) sample_rate = 48000;
    o->rate = (float)sample_rate;
    o->inv_rate = 1.0 / sample_rate;
    o->phase = 0;
}

static inline float lookup(const float *row, double p)
{
    double x = p * PH_WT_SIZE;
    uint32_t k = (uint32_t)x;
    k = k < PH_WT_SIZE ? k : PH_WT_SIZE - 1;
    float f = (float)(x - k);
    return row[k] + f * (row[k + 1] - row[k]);
}

void ph_wt_process(const ph_wavetable *t, ph_wt_osc *o, float *out, const float *freq, const float *position,
                   uint32_t n, uint64_t t0)
{
    (void)t0;
    double p = o->phase;
    for (uint32_t i = 0; i < n; i++) {
        double dt = ph_blep_dt(freq[i], o->inv_rate);
        double f = fabs(dt) * o->rate;
        /* levels: L keeps 1024 >> L harmonics; pick the pair around a top harmonic at a
         * quarter of the rate (L) and a half (L - 1), blended by where f lies */
        double lv = f > 0 ? log2(f * TOP_HARMONIC / (0.25 * o->rate)) : 0.0;
        lv = lv < 0 ? 0 : lv > PH_WT_LEVELS - 1 ? PH_WT_LEVELS - 1 : lv;
        uint32_t hi = (uint32_t)ceil(lv), lo = hi ? hi - 1 : 0;
        float blend = (float)(hi - lv); /* weight of the brighter level */
        float pos = position ? position[i] : 0.0f;
        pos = pos == pos ? ph_dsp_clampf(pos, 0.0f, 1.0f) : 0.0f;
        float fx = pos * (float)(t->frames - 1);
        uint32_t f0 = (uint32_t)fx, f1 = f0 + 1 < t->frames ? f0 + 1 : f0;
        float morph = fx - (float)f0;
        const float *a0 = t->data + ((size_t)f0 * PH_WT_LEVELS + hi) * STRIDE, *b0 = t->data + ((size_t)f0 * PH_WT_LEVELS + lo) * STRIDE;
        const float *a1 = t->data + ((size_t)f1 * PH_WT_LEVELS + hi) * STRIDE, *b1 = t->data + ((size_t)f1 * PH_WT_LEVELS + lo) * STRIDE;
        float v0 = lookup(a0, p) + blend * (lookup(b0, p) - lookup(a0, p));
        float v1 = lookup(a1, p) + blend * (lookup(b1, p) - lookup(a1, p));
        out[i] = v0 + morph * (v1 - v0);
        p = ph_blep_advance(p, dt);
    }
    o->phase = p;
}

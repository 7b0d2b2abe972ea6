/* Grains from a sample or a live ring (see ph_granular.h). */
#include "dsp/ph_granular.h"

#include <string.h>

#define LP_CHUNK 64

static void init_common(ph_granular *g, double sample_rate, uint32_t seed)
{
    memset(g, 0, sizeof *g);
    g->rate = (float)(sample_rate > 0 ? sample_rate : 48000);
    ph_rng_seed(&g->rng, seed);
    /* 4th-order Butterworth: two sections, Q 0.5412 and 1.3066, at 0.2 and 0.1 of the rate */
    static const float q[2] = {0.5412f, 1.3066f};
    for (int c = 0; c < 2; c++)
        for (int k = 0; k < 2; k++) ph_rbj_init(&g->lp[c][k], g->rate, PH_RBJ_LP, q[k], q[k]);
}

/* Low-passes n samples into copies 1 and 2 (through the filters' states). */
static void lowpass(ph_granular *g, float *c1, float *c2, const float *x, uint32_t n, uint64_t t0)
{
    static const float q[2] = {0.5412f, 1.3066f};
    float f[LP_CHUNK], qq[2][LP_CHUNK];
    for (uint32_t i = 0; i < n; i += LP_CHUNK) {
        uint32_t m = n - i < LP_CHUNK ? n - i : LP_CHUNK;
        for (int c = 0; c < 2; c++) {
            float *dst = c ? c2 + i : c1 + i;
            ph_dsp_fill(f, (c ? 0.1f : 0.2f) * g->rate, m);
            for (int k = 0; k < 2; k++) {
                ph_dsp_fill(qq[k], q[k], m);
                ph_rbj_process(&g->lp[c][k], dst, k ? dst : x + i, f, qq[k], NULL, m, t0 + i);
            }
        }
    }
}

int ph_granular_create_sample(ph_granular *g, double sample_rate, const float *data, uint32_t frames, uint32_t seed)
{
    init_common(g, sample_rate, seed);
    g->src_len = data ? frames : 0;
    g->src[0] = data;
    for (int c = 0; c < 2; c++) {
        g->own[c] = ph_dsp_alloc((frames ? frames : 1) * sizeof(float));
        if (!g->own[c]) {
            ph_granular_destroy(g);
            return -1;
        }
        g->src[1 + c] = g->own[c];
    }
    if (g->src_len) { /* the sample without NaNs into the filters */
        float *clean = ph_dsp_alloc(frames * sizeof(float));
        if (!clean) {
            ph_granular_destroy(g);
            return -1;
        }
        for (uint32_t i = 0; i < frames; i++) clean[i] = ph_dsp_sane(data[i]);
        lowpass(g, g->own[0], g->own[1], clean, frames, 0);
        ph_dsp_free(clean);
    }
    return 0;
}

int ph_granular_create_live(ph_granular *g, double sample_rate, uint32_t seed)
{
    init_common(g, sample_rate, seed);
    uint32_t size = 1;
    while (size < (uint32_t)(PH_GRAIN_RING_SECONDS * g->rate)) size <<= 1;
    for (int c = 0; c < 3; c++) {
        g->ring[c] = ph_dsp_alloc(size * sizeof(float));
        if (!g->ring[c]) {
            ph_granular_destroy(g);
            return -1;
        }
    }
    g->ring_mask = size - 1;
    g->live = true;
    return 0;
}

void ph_granular_destroy(ph_granular *g)
{
    for (int c = 0; c < 3; c++) {
        ph_dsp_free(g->ring[c]);
        g->ring[c] = NULL;
    }
    for (int c = 0; c < 2; c++) {
        ph_dsp_free(g->own[c]);
        g->own[c] = NULL;
    }
}

static inline float param(const float *p, uint32_t i, float lo, float hi, float dflt)
{
    float x = p ? p[i] : dflt;
    return x == x ? ph_dsp_clampf(x, lo, hi) : dflt;
}

/* A new grain with the parameters of sample i. */
static void start_grain(ph_granular *g, uint32_t i, const float *size_ms, const float *density, const float *pitch,
                        const float *position)
{
    float ms = param(size_ms, i, 5.0f, 500.0f, 50.0f), dens = param(density, i, 0.0f, 4.0f, 0.5f);
    float inc = param(pitch, i, 0.1f, 4.0f, 1.0f), where = param(position, i, 0.0f, 1.0f, 0.0f);
    uint32_t len = (uint32_t)(ms * 0.001f * g->rate);
    double span = (double)len * inc;                      /* source samples a grain reads */
    double jitter = 0.5 * len * ph_rng_bipolar(&g->rng); /* up to half a grain either way */
    double start;
    if (g->live) {
        /* how far back: at least what a faster grain catches up on (never past the head) */
        double ring = (double)g->ring_mask + 1, lo = span - len + 8, hi = ring - span - 8;
        lo = lo < 8 ? 8 : lo;
        double back = lo + where * (hi - lo) + jitter;
        back = back < lo ? lo : back > hi ? hi : back;
        start = (double)g->w - back;
        start += start < 0 ? ring : 0;
    } else {
        double last = g->src_len > span + 1 ? g->src_len - span - 1 : 0;
        start = where * last + jitter;
        start = start < 0 ? 0 : start > last ? last : start;
    }
    if (g->active == PH_GRAINS_MAX) {
        g->skipped++;
        return;
    }
    float overlap = dens * 8.0f;
    ph_grain *gr = &g->g[g->active++];
    gr->pos = start;
    gr->inc = inc;
    gr->len = len;
    gr->age = 0;
    gr->amp = 1.0f / (0.5f * overlap > 1.0f ? 0.5f * overlap : 1.0f);
    g->started++;
}

/* Copy c of the source at position pos (linear interpolation; outside a sample: 0). */
static inline float source_at(const ph_granular *g, int c, double pos)
{
    uint32_t k = (uint32_t)pos;
    float f = (float)(pos - k);
    if (g->live) {
        const float *r = g->ring[c];
        return r[k & g->ring_mask] + f * (r[(k + 1) & g->ring_mask] - r[k & g->ring_mask]);
    }
    const float *x = g->src[c];
    if (k + 1 >= g->src_len) return k < g->src_len ? ph_dsp_sane(x[k]) : 0.0f;
    float a = ph_dsp_sane(x[k]), b = ph_dsp_sane(x[k + 1]); /* a sample's NaN stays out */
    return a + f * (b - a);
}

void ph_granular_process(ph_granular *g, float *out, const float *in, const float *size_ms, const float *density,
                         const float *pitch, const float *position, uint32_t n, uint64_t t0)
{
    float x[LP_CHUNK], c1[LP_CHUNK], c2[LP_CHUNK];
    for (uint32_t base = 0; base < n; base += LP_CHUNK) {
        uint32_t m = n - base < LP_CHUNK ? n - base : LP_CHUNK;
        if (g->live) { /* the input and its low-passed copies, for the rings */
            for (uint32_t i = 0; i < m; i++) x[i] = in ? ph_dsp_flush(ph_dsp_sane(in[base + i])) : 0.0f;
            lowpass(g, c1, c2, x, m, t0 + base);
        }
        for (uint32_t j = 0; j < m; j++) {
            uint32_t i = base + j;
            if (g->live) {
                g->ring[0][g->w] = x[j];
                g->ring[1][g->w] = c1[j];
                g->ring[2][g->w] = c2[j];
                g->w = (g->w + 1) & g->ring_mask;
            }
            /* the grain clock: density * 8 / size grains a second, counted per sample */
            float ms = param(size_ms, i, 5.0f, 500.0f, 50.0f), dens = param(density, i, 0.0f, 4.0f, 0.5f);
            if (dens > 0.0f && (g->live || g->src_len)) {
                if (g->wait <= 0.0) {
                    start_grain(g, i, size_ms, density, pitch, position);
                    g->wait += ms * 0.001 * g->rate / (dens * 8.0);
                }
                g->wait -= 1.0;
            } else {
                g->wait = 0.0; /* a grain as soon as the density rises again */
            }
            float y = 0.0f;
            for (uint32_t k = 0; k < g->active;) {
                ph_grain *gr = &g->g[k];
                float s = ph_dsp_sin2pi(0.5f * (float)gr->age / (float)gr->len); /* Hann: sin^2 */
                int c = gr->inc <= 1.05f ? 0 : gr->inc <= 2.1f ? 1 : 2; /* the copy for its speed */
                y += gr->amp * s * s * source_at(g, c, gr->pos);
                gr->pos += gr->inc;
                if (g->live && gr->pos >= (double)g->ring_mask + 1) gr->pos -= (double)g->ring_mask + 1;
                if (++gr->age >= gr->len) g->g[k] = g->g[--g->active]; /* done: the last takes its place */
                else k++;
            }
            out[i] = y;
        }
    }
}

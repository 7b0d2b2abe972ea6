/* Zero-latency partitioned convolution (see ph_convolve.h): a direct head of PH_CONV_BLOCK
 * taps and two uniformly partitioned levels, partitions of PH_CONV_BLOCK taps up to
 * LONG_BLOCK, then partitions of LONG_BLOCK (a long response costs a few multiply-adds a
 * sample instead of one per PH_CONV_BLOCK taps). */
#include "dsp/ph_convolve.h"

#include <sndfile.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LONG_BLOCK 2048

/* ---- FFT --------------------------------------------------------------------------------- */

void ph_fft_twiddles(float *cs, uint32_t n)
{
    for (uint32_t k = 0; k < n / 2; k++) {
        cs[2 * k] = (float)cos(PH_TWO_PI * k / n);
        cs[2 * k + 1] = (float)sin(PH_TWO_PI * k / n);
    }
}

void ph_fft(float *re, float *im, uint32_t n, const float *tw, int inverse)
{
    for (uint32_t i = 1, j = 0; i < n; i++) { /* bit reversal */
        uint32_t bit = n >> 1;
        for (; j & bit; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) {
            float t = re[i];
            re[i] = re[j];
            re[j] = t;
            t = im[i];
            im[i] = im[j];
            im[j] = t;
        }
    }
    float sgn = inverse ? 1.0f : -1.0f;
    for (uint32_t len = 2; len <= n; len <<= 1) {
        uint32_t half = len / 2, step = n / len;
        for (uint32_t s = 0; s < n; s += len)
            for (uint32_t k = 0; k < half; k++) {
                float wr = tw[2 * k * step], wi = sgn * tw[2 * k * step + 1];
                uint32_t a = s + k, b = a + half;
                float xr = re[b] * wr - im[b] * wi, xi = re[b] * wi + im[b] * wr;
                re[b] = re[a] - xr;
                im[b] = im[a] - xi;
                re[a] += xr;
                im[a] += xi;
            }
    }
    if (inverse)
        for (uint32_t i = 0; i < n; i++) {
            re[i] /= (float)n;
            im[i] /= (float)n;
        }
}

/* ---- impulse responses ------------------------------------------------------------------------ */

void ph_ir_free(ph_ir *ir)
{
    ph_dsp_free(ir->data[0]);
    ph_dsp_free(ir->data[1]);
    ir->data[0] = ir->data[1] = NULL;
    ir->frames = 0;
}

int ph_ir_from(ph_ir *ir, const float *data, uint32_t frames, double sample_rate)
{
    ir->data[1] = NULL;
    ir->frames = frames ? frames : 1;
    ir->rate = sample_rate;
    ir->data[0] = ph_dsp_alloc(sizeof(float) * ir->frames);
    if (!ir->data[0]) return -1;
    for (uint32_t i = 0; i < frames; i++) ir->data[0][i] = ph_dsp_sane(data[i]);
    return 0;
}

int ph_ir_builtin(ph_ir *ir, double sample_rate)
{
    double sr = sample_rate > 0 ? sample_rate : 48000, rt60 = 0.4;
    ir->frames = (uint32_t)(0.5 * sr);
    ir->rate = sr;
    for (int c = 0; c < 2; c++) {
        ir->data[c] = ph_dsp_alloc(sizeof(float) * ir->frames);
        if (!ir->data[c]) {
            ph_ir_free(ir);
            return -1;
        }
        ph_rng g;
        ph_rng_seed(&g, 0x1e5u + (uint32_t)c);
        double energy = 0;
        for (uint32_t i = 0; i < ir->frames; i++) {
            double v = ph_rng_bipolar(&g) * exp(-6.907755 * i / sr / rt60); /* -60 dB at rt60 */
            ir->data[c][i] = (float)v;
            energy += v * v;
        }
        float g1 = (float)(1.0 / sqrt(energy)); /* unit energy: a noise keeps its level */
        for (uint32_t i = 0; i < ir->frames; i++) ir->data[c][i] *= g1;
    }
    return 0;
}

int ph_ir_load(ph_ir *ir, const char *path, double sample_rate, char *err, size_t errlen)
{
    *ir = (ph_ir){.frames = 0};
    SF_INFO info = {.frames = 0};
    SNDFILE *f = sf_open(path, SFM_READ, &info);
    if (!f) return snprintf(err, errlen, "cannot read the impulse response '%s': %s", path, sf_strerror(NULL)), -1;
    double sr = sample_rate > 0 ? sample_rate : 48000;
    if (info.frames <= 0 || info.channels <= 0 || info.samplerate <= 0 || info.frames > (sf_count_t)1 << 28) {
        sf_close(f);
        snprintf(err, errlen, "the impulse response '%s' is empty or unreadable", path);
        return -1;
    }
    sf_count_t max_in = (sf_count_t)(PH_CONV_MAX_SECONDS * info.samplerate) + 2;
    sf_count_t in_frames = info.frames < max_in ? info.frames : max_in;
    float *raw = malloc(sizeof(float) * (size_t)in_frames * (size_t)info.channels);
    if (!raw) {
        sf_close(f);
        snprintf(err, errlen, "out of memory reading '%s'", path);
        return -1;
    }
    in_frames = sf_readf_float(f, raw, in_frames);
    sf_close(f);
    int ch = info.channels > 1 ? 2 : 1;
    double step = info.samplerate / sr; /* input frames per output frame */
    ir->frames = (uint32_t)((double)in_frames / step);
    if (ir->frames < 1) ir->frames = 1;
    ir->rate = sr;
    for (int c = 0; c < ch; c++) {
        ir->data[c] = ph_dsp_alloc(sizeof(float) * ir->frames);
        if (!ir->data[c]) {
            free(raw);
            ph_ir_free(ir);
            snprintf(err, errlen, "out of memory reading '%s'", path);
            return -1;
        }
        for (uint32_t i = 0; i < ir->frames; i++) { /* linear resampling (exact at equal rates) */
            double pos = i * step;
            sf_count_t k = (sf_count_t)pos;
            float fr = (float)(pos - (double)k);
            float a = raw[(size_t)k * (size_t)info.channels + (size_t)c];
            float b = k + 1 < in_frames ? raw[(size_t)(k + 1) * (size_t)info.channels + (size_t)c] : 0.0f;
            ir->data[c][i] = ph_dsp_sane(a + (b - a) * fr);
        }
    }
    free(raw);
    return 0;
}

/* ---- convolver --------------------------------------------------------------------------------- */

/* One uniformly partitioned level: partitions of B taps from tap `first` on, FFTs of 2B. */
typedef struct level {
    uint32_t B, N, bins, np;
    float *hre, *him; /* np spectra of bins */
    float *xre, *xim; /* the last np input spectra, a ring (newest at ring) */
    uint32_t ring;
    float *blk, *prev, *out; /* B each: the block being collected, the one before, this block's output */
    float *wre, *wim, *tw;   /* N work, twiddles */
} level;

struct ph_conv {
    float head[PH_CONV_BLOCK]; /* taps 0..B-1, reversed */
    float hist[2 * PH_CONV_BLOCK];
    uint32_t hpos;
    level lv[2];
    int n_levels;
    uint64_t count;
};

static void level_free(level *l)
{
    float **bufs[] = {&l->hre, &l->him, &l->xre, &l->xim, &l->blk, &l->prev, &l->out, &l->wre, &l->wim, &l->tw};
    for (size_t k = 0; k < sizeof bufs / sizeof bufs[0]; k++) {
        ph_dsp_free(*bufs[k]);
        *bufs[k] = NULL;
    }
}

/* Taps [first, first + np * B) of h (frames long; missing taps are zero). */
static int level_init(level *l, const float *h, uint32_t frames, uint32_t B, uint32_t first, uint32_t np)
{
    memset(l, 0, sizeof *l);
    l->B = B;
    l->N = 2 * B;
    l->bins = B + 1;
    l->np = np;
    size_t spectra = (size_t)np * l->bins;
    l->hre = ph_dsp_alloc(sizeof(float) * spectra);
    l->him = ph_dsp_alloc(sizeof(float) * spectra);
    l->xre = ph_dsp_alloc(sizeof(float) * spectra);
    l->xim = ph_dsp_alloc(sizeof(float) * spectra);
    l->blk = ph_dsp_alloc(sizeof(float) * B);
    l->prev = ph_dsp_alloc(sizeof(float) * B);
    l->out = ph_dsp_alloc(sizeof(float) * B);
    l->wre = ph_dsp_alloc(sizeof(float) * l->N);
    l->wim = ph_dsp_alloc(sizeof(float) * l->N);
    l->tw = ph_dsp_alloc(sizeof(float) * l->N);
    if (!l->hre || !l->him || !l->xre || !l->xim || !l->blk || !l->prev || !l->out || !l->wre || !l->wim || !l->tw)
        return -1;
    ph_fft_twiddles(l->tw, l->N);
    for (uint32_t p = 0; p < np; p++) {
        ph_dsp_zero(l->wre, l->N);
        ph_dsp_zero(l->wim, l->N);
        for (uint32_t k = 0; k < B; k++) {
            uint64_t t = (uint64_t)first + (uint64_t)p * B + k;
            l->wre[k] = t < frames ? h[t] : 0.0f;
        }
        ph_fft(l->wre, l->wim, l->N, l->tw, 0);
        memcpy(l->hre + (size_t)p * l->bins, l->wre, sizeof(float) * l->bins);
        memcpy(l->him + (size_t)p * l->bins, l->wim, sizeof(float) * l->bins);
    }
    return 0;
}

/* A block of input is complete: its spectrum (with the block before) joins the ring, and the
 * next block's output is sum_q X[j-1-q] H[q]. Bounded: 2 FFTs and np * bins products. */
static void level_block(level *l)
{
    const uint32_t B = l->B, N = l->N, bins = l->bins;
    memcpy(l->wre, l->prev, sizeof(float) * B);
    memcpy(l->wre + B, l->blk, sizeof(float) * B);
    ph_dsp_zero(l->wim, N);
    ph_fft(l->wre, l->wim, N, l->tw, 0);
    l->ring = l->ring + 1 == l->np ? 0 : l->ring + 1;
    memcpy(l->xre + (size_t)l->ring * bins, l->wre, sizeof(float) * bins);
    memcpy(l->xim + (size_t)l->ring * bins, l->wim, sizeof(float) * bins);
    memcpy(l->prev, l->blk, sizeof(float) * B);
    ph_dsp_zero(l->wre, N);
    ph_dsp_zero(l->wim, N);
    for (uint32_t q = 0; q < l->np; q++) {
        uint32_t slot = l->ring >= q ? l->ring - q : l->ring + l->np - q;
        const float *xr = l->xre + (size_t)slot * bins, *xi = l->xim + (size_t)slot * bins;
        const float *hr = l->hre + (size_t)q * bins, *hi = l->him + (size_t)q * bins;
        for (uint32_t k = 0; k < bins; k++) {
            l->wre[k] += xr[k] * hr[k] - xi[k] * hi[k];
            l->wim[k] += xr[k] * hi[k] + xi[k] * hr[k];
        }
    }
    for (uint32_t k = 1; k < B; k++) { /* a real signal's spectrum: the upper half mirrors */
        l->wre[N - k] = l->wre[k];
        l->wim[N - k] = -l->wim[k];
    }
    ph_fft(l->wre, l->wim, N, l->tw, 1);
    for (uint32_t k = 0; k < B; k++) l->out[k] = ph_dsp_flush(l->wre[B + k]); /* overlap-save: the valid half */
}

ph_conv *ph_conv_create(const ph_ir *ir, int channel)
{
    ph_conv *c = ph_dsp_alloc(sizeof *c);
    if (!c || !ir || !ir->data[0]) {
        ph_dsp_free(c);
        return NULL;
    }
    const float *h = channel > 0 && ir->data[1] ? ir->data[1] : ir->data[0];
    uint32_t frames = ir->frames;
    for (uint32_t k = 0; k < PH_CONV_BLOCK; k++) c->head[PH_CONV_BLOCK - 1 - k] = k < frames ? h[k] : 0.0f;
    /* short partitions from PH_CONV_BLOCK up to LONG_BLOCK, then long ones */
    uint32_t short_end = frames < LONG_BLOCK ? frames : LONG_BLOCK;
    bool ok = true;
    if (short_end > PH_CONV_BLOCK)
        ok = level_init(&c->lv[c->n_levels++], h, short_end, PH_CONV_BLOCK, PH_CONV_BLOCK,
                        (short_end - 1) / PH_CONV_BLOCK) == 0;
    if (ok && frames > LONG_BLOCK)
        ok = level_init(&c->lv[c->n_levels++], h, frames, LONG_BLOCK, LONG_BLOCK, (frames - 1) / LONG_BLOCK) == 0;
    if (!ok) ph_conv_destroy(c);
    return ok ? c : NULL;
}

void ph_conv_destroy(ph_conv *c)
{
    if (!c) return;
    for (int k = 0; k < c->n_levels; k++) level_free(&c->lv[k]);
    ph_dsp_free(c);
}

void ph_conv_process(ph_conv *c, float *out, const float *in, const float *mix, uint32_t n, uint64_t t0)
{
    (void)t0;
    for (uint32_t i = 0; i < n; i++) {
        for (int k = 0; k < c->n_levels; k++)
            if (c->count && c->count % c->lv[k].B == 0) level_block(&c->lv[k]);
        float x = ph_dsp_sane(in[i]);
        /* the newest PH_CONV_BLOCK inputs, oldest first, contiguous (each written twice) */
        c->hist[c->hpos] = c->hist[c->hpos + PH_CONV_BLOCK] = x;
        c->hpos = c->hpos + 1 == PH_CONV_BLOCK ? 0 : c->hpos + 1;
        const float *win = c->hist + c->hpos;
        /* eight running sums in a fixed order: the compiler vectorises it (a single sum it
         * may not reorder), and the result is the same for any block split */
        float acc[8] = {0};
        for (uint32_t k = 0; k < PH_CONV_BLOCK; k += 8)
            for (uint32_t j = 0; j < 8; j++) acc[j] += c->head[k + j] * win[k + j];
        float y = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
        for (int k = 0; k < c->n_levels; k++) {
            uint32_t at = (uint32_t)(c->count % c->lv[k].B);
            y += c->lv[k].out[at];
            c->lv[k].blk[at] = x;
        }
        float m = mix ? (mix[i] == mix[i] ? ph_dsp_clampf(mix[i], 0.0f, 1.0f) : 1.0f) : 1.0f;
        out[i] = x * (1.0f - m) + ph_dsp_sane(y) * m;
        c->count++;
    }
}

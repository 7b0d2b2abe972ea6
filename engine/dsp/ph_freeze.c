/* The spectral freeze (see ph_freeze.h). */
#include "dsp/ph_freeze.h"

#include <stdlib.h>

#include "dsp/ph_convolve.h"

#define N PH_FREEZE_N
#define HOP PH_FREEZE_HOP
#define BINS (N / 2 + 1)

int ph_freeze_create(ph_freeze *f)
{
    /* hist ola win re im: N each; outq HOP; tw N; mag phase dphase prev: BINS each */
    size_t total = 5 * (size_t)N + HOP + N + 4 * (size_t)BINS;
    f->mem = calloc(total, sizeof *f->mem);
    if (!f->mem) return -1;
    float *p = f->mem;
    f->hist = p, p += N;
    f->ola = p, p += N;
    f->win = p, p += N;
    f->re = p, p += N;
    f->im = p, p += N;
    f->outq = p, p += HOP;
    f->tw = p, p += N;
    f->mag = p, p += BINS;
    f->phase = p, p += BINS;
    f->dphase = p, p += BINS;
    f->prev = p;
    /* periodic Hann, for analysis and synthesis: at a quarter-frame hop the squares of the
     * overlapping windows sum to exactly 1.5 */
    for (uint32_t j = 0; j < N; j++) f->win[j] = (float)(0.5 - 0.5 * cos(PH_TWO_PI * j / N));
    ph_fft_twiddles(f->tw, N);
    f->count = 0;
    f->read = 0;
    f->last_trig = 0.0f;
    f->pending = f->frozen = 0;
    return 0;
}

void ph_freeze_destroy(ph_freeze *f)
{
    free(f->mem);
    f->mem = NULL;
}

static float wrap_pi(float x)
{
    if (!(fabsf(x) < 1e6f)) return 0.0f;
    while (x > (float)PH_PI) x -= (float)PH_TWO_PI;
    while (x < -(float)PH_PI) x += (float)PH_TWO_PI;
    return x;
}

/* One hop: the last N inputs analysed; held or passed spectrum resynthesised into the
 * overlap-add; the next HOP outputs queued. Bounded work (two FFTs of N). */
static void frame(ph_freeze *f)
{
    const uint32_t start = (uint32_t)(f->count % N); /* the oldest sample of the ring */
    for (uint32_t j = 0; j < N; j++) {
        f->re[j] = f->hist[(start + j) % N] * f->win[j];
        f->im[j] = 0.0f;
    }
    ph_fft(f->re, f->im, N, f->tw, 0);
    for (uint32_t k = 0; k < BINS; k++) {
        float a = atan2f(f->im[k], f->re[k]);
        if (f->pending) {
            f->mag[k] = hypotf(f->re[k], f->im[k]);
            f->dphase[k] = wrap_pi(a - f->prev[k]);
            f->phase[k] = a;
        }
        f->prev[k] = a;
    }
    if (f->pending) f->frozen = 1, f->pending = 0;
    else if (f->frozen)
        for (uint32_t k = 0; k < BINS; k++) f->phase[k] = wrap_pi(f->phase[k] + f->dphase[k]);
    if (f->frozen) {
        for (uint32_t k = 0; k < BINS; k++) {
            f->re[k] = f->mag[k] * cosf(f->phase[k]);
            f->im[k] = f->mag[k] * sinf(f->phase[k]);
        }
        f->im[0] = 0.0f;
        f->im[N / 2] = 0.0f;
        for (uint32_t k = 1; k < N / 2; k++) { /* a real signal's spectrum is symmetric */
            f->re[N - k] = f->re[k];
            f->im[N - k] = -f->im[k];
        }
    }
    ph_fft(f->re, f->im, N, f->tw, 1);
    for (uint32_t j = 0; j < N; j++) f->ola[j] += f->re[j] * f->win[j] * (1.0f / 1.5f);
    for (uint32_t j = 0; j < HOP; j++) f->outq[j] = ph_dsp_sane(f->ola[j]);
    memmove(f->ola, f->ola + HOP, (N - HOP) * sizeof *f->ola);
    memset(f->ola + (N - HOP), 0, HOP * sizeof *f->ola);
    for (uint32_t j = 0; j < N; j++) f->ola[j] = ph_dsp_flush(f->ola[j]);
    f->read = 0;
}

void ph_freeze_process(ph_freeze *f, float *out, const float *in, const float *trig, uint32_t n, uint64_t t0)
{
    (void)t0;
    for (uint32_t i = 0; i < n; i++) {
        float g = ph_dsp_sane(trig[i]);
        if (f->last_trig < 0.5f && g >= 0.5f) f->pending = 1; /* taken by the next frame */
        f->last_trig = g;
        f->hist[f->count % N] = ph_dsp_sane(in[i]);
        f->count++;
        out[i] = f->read < HOP ? f->outq[f->read] : 0.0f;
        f->read++;
        if (f->count % HOP == 0) frame(f);
    }
}

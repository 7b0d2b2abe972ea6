/* The Hadamard diffuser (see ph_diffuser.h). */
#include "dsp/ph_diffuser.h"

#include <stdlib.h>

int ph_diffuser_create(ph_diffuser *d, double sample_rate)
{
    static const double base[PH_DIFF_CH] = {23, 41, 59, 73, 89, 107, 127, 149}; /* at 44.1 kHz */
    static const double scale[PH_DIFF_STEPS] = {1.0, 1.5, 2.0, 3.0};
    double r = (sample_rate > 0 ? sample_rate : 48000.0) / 44100.0;
    if (r > 16.0) r = 16.0;
    uint32_t total = 0;
    for (int s = 0; s < PH_DIFF_STEPS; s++)
        for (int c = 0; c < PH_DIFF_CH; c++) {
            uint32_t l = (uint32_t)(base[c] * scale[s] * r + 0.5);
            d->len[s][c] = l ? l : 1;
            d->off[s][c] = total;
            d->pos[s][c] = 0;
            total += d->len[s][c];
        }
    d->buf = calloc(total, sizeof *d->buf);
    return d->buf ? 0 : -1;
}

void ph_diffuser_destroy(ph_diffuser *d)
{
    free(d->buf);
    d->buf = NULL;
}

/* x: orthonormal 8-point Hadamard transform, in place */
static void hadamard8(float *x)
{
    for (int h = 1; h < PH_DIFF_CH; h *= 2)
        for (int i = 0; i < PH_DIFF_CH; i += 2 * h)
            for (int j = i; j < i + h; j++) {
                float a = x[j], b = x[j + h];
                x[j] = a + b;
                x[j + h] = a - b;
            }
    for (int i = 0; i < PH_DIFF_CH; i++) x[i] *= 0.35355339059327373f; /* 1/sqrt 8 */
}

/* step s's shuffle: channel i takes channel (i + rot) mod 8, negated where the step's mask
 * says, so that the steps' delays do not line up into a comb */
static void shuffle(float *x, int s)
{
    static const int rot[PH_DIFF_STEPS] = {7, 5, 3, 6};
    static const unsigned char flip[PH_DIFF_STEPS] = {0xaa, 0x55, 0x33, 0xcc};
    float t[PH_DIFF_CH];
    for (int i = 0; i < PH_DIFF_CH; i++) t[i] = x[i];
    for (int i = 0; i < PH_DIFF_CH; i++) {
        float v = t[(i + rot[s]) % PH_DIFF_CH];
        x[i] = (flip[s] >> i) & 1 ? -v : v;
    }
}

void ph_diffuser_process(ph_diffuser *d, float *out, const float *in, const float *diffusion, uint32_t n,
                         uint64_t t0)
{
    (void)t0;
    for (uint32_t i = 0; i < n; i++) {
        float amount = diffusion[i];
        amount = amount == amount ? ph_dsp_clampf(amount, 0.0f, 1.0f) : 0.5f;
        const float g = 0.7f * amount;
        float x[PH_DIFF_CH];
        const float share = ph_dsp_sane(in[i]) * 0.35355339059327373f; /* the input's energy over 8 */
        for (int c = 0; c < PH_DIFF_CH; c++) x[c] = share;
        for (int s = 0; s < PH_DIFF_STEPS; s++) {
            for (int c = 0; c < PH_DIFF_CH; c++) {
                /* Schroeder all-pass in one line: v = x + g v[-d], y = v[-d] - g v */
                float *line = d->buf + d->off[s][c];
                uint32_t p = d->pos[s][c];
                float old = line[p], v = x[c] + g * old;
                line[p] = ph_dsp_flush(v);
                d->pos[s][c] = p + 1 == d->len[s][c] ? 0 : p + 1;
                x[c] = old - g * v;
            }
            shuffle(x, s);
            hadamard8(x);
        }
        /* the sum of the channels: every stage is orthonormal, so the echoes together carry
         * about the input's energy (a click of 1: squares summing to 1 within ~1 dB) */
        float sum = 0.0f;
        for (int c = 0; c < PH_DIFF_CH; c++) sum += x[c];
        out[i] = ph_dsp_sane(sum);
    }
}

/* Band-limited impulse trains by the Dirichlet kernel (see ph_blit.h). */
#include "dsp/ph_blit.h"

#include <stdbool.h>

#include "dsp/ph_blep.h"

void ph_blit_init(ph_blit *b, double sample_rate)
{
    if (!(sample_rate > 0)) sample_rate = 48000;
    b->phase = 0;
    b->inv_rate = 1.0 / sample_rate;
    b->rate = (float)sample_rate;
}

static inline double freq_of(const ph_blit *b, float f)
{
    if (!(f == f) || f <= 0) return 0;
    return f < 0.45f * b->rate ? f : 0.45 * b->rate;
}

/* sum_{k=1..m} cos(k x) */
static inline double dirichlet(double x, double m)
{
    double s = sin(0.5 * x);
    if (fabs(s) < 1e-9) return m; /* x at a multiple of 2 pi: every term is 1 */
    return sin((m + 0.5) * x) / (2.0 * s) - 0.5;
}

/* The harmonics of f up to Nyquist at phase p, the top one weighted by the fraction of it
 * that fits; *weight receives the sum of the weights (the value at phase 0). */
static inline double harmonics(double p, double f, double rate, double *weight)
{
    double nf = 0.5 * rate / f; /* harmonics up to Nyquist, fractional */
    double top = floor(nf), w = nf - top, x = PH_TWO_PI * p;
    if (top < 2) { /* only the fundamental fits (f <= 0.45 rate keeps it below Nyquist) */
        *weight = 1;
        return cos(x);
    }
    *weight = top - 1 + w;
    return dirichlet(x, top - 1) + w * cos(top * x);
}

/* The train at each sample: impulse (DC + harmonics, area 1 per period) or blip (the
 * harmonics over their count, peak 1). */
static void train(ph_blit *b, float *out, const float *freq, uint32_t n, bool impulse)
{
    double p = b->phase;
    for (uint32_t i = 0; i < n; i++) {
        double f = freq_of(b, freq[i]);
        if (f > 0) {
            double wsum;
            double h = harmonics(p, f, b->rate, &wsum);
            out[i] = impulse ? (float)(f * b->inv_rate * (1.0 + 2.0 * h)) : (float)(h / wsum);
        } else {
            out[i] = 0.0f;
        }
        p = ph_blep_advance(p, f * b->inv_rate);
    }
    b->phase = p;
}

void ph_impulse_process(ph_blit *b, float *out, const float *freq, uint32_t n, uint64_t t0)
{
    (void)t0;
    train(b, out, freq, n, true);
}

void ph_blip_process(ph_blit *b, float *out, const float *freq, uint32_t n, uint64_t t0)
{
    (void)t0;
    train(b, out, freq, n, false);
}

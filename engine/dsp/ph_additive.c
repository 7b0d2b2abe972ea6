/* Harmonic additive synthesis by the Chebyshev recurrence (see ph_additive.h). */
#include "dsp/ph_additive.h"

#include "dsp/ph_blep.h"

void ph_additive_init(ph_additive *a, double sample_rate, const float *amps, uint32_t count)
{
    if (!(sample_rate > 0)) sample_rate = 48000;
    a->rate = (float)sample_rate;
    a->inv_rate = 1.0 / sample_rate;
    a->phase = 0;
    a->count = count < 1 ? 1 : count > PH_ADDITIVE_MAX ? PH_ADDITIVE_MAX : count;
    double sum = 0;
    for (uint32_t k = 0; k < a->count; k++) {
        float x = k < count && amps && amps[k] == amps[k] && fabsf(amps[k]) < 1e6f ? amps[k] : 0.0f;
        a->amp[k] = x;
        sum += fabs(x);
    }
    for (uint32_t k = 0; k < a->count; k++) a->amp[k] = sum > 0 ? (float)(a->amp[k] / sum) : 0.0f;
}

void ph_additive_process(ph_additive *a, float *out, const float *freq, uint32_t n, uint64_t t0)
{
    (void)t0;
    double p = a->phase;
    const double lo = 0.4 * a->rate, span = 0.05 * a->rate;
    for (uint32_t i = 0; i < n; i++) {
        double f = freq[i] == freq[i] ? fabs((double)freq[i]) : 0.0;
        double x = PH_TWO_PI * p, s1 = sin(x), c2 = 2.0 * cos(x);
        double prev = 0.0, cur = s1, y = 0.0; /* sin(0 x), sin(1 x) */
        for (uint32_t k = 1; k <= a->count; k++) {
            double hz = k * f;
            if (hz >= lo + span) break; /* this and every higher partial are past the band */
            double w = hz <= lo ? 1.0 : (lo + span - hz) / span;
            y += w * a->amp[k - 1] * cur;
            double next = c2 * cur - prev;
            prev = cur;
            cur = next;
        }
        out[i] = (float)y;
        p = ph_blep_advance(p, ph_blep_dt(freq[i], a->inv_rate));
    }
    a->phase = p;
}

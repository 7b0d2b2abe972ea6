/* The soft saw oscillator (see ph_softsaw.h). */
#include "dsp/ph_softsaw.h"

#include "dsp/ph_blep.h"

void ph_softsaw_init(ph_softsaw *s, double sample_rate)
{
    s->phase = 0.0;
    s->inv_rate = 1.0 / (sample_rate > 0 ? sample_rate : 48000.0);
}

/* The two-sample PolyBLAMP residual for a unit change of slope (per sample) at distance t
 * samples (|t| < 1): the integral of the two-sample PolyBLEP residual, (1 - |t|)^3 / 6. */
static inline double blamp2(double t)
{
    double a = 1.0 - fabs(t);
    return a * a * a * (1.0 / 6.0);
}

void ph_softsaw_process(ph_softsaw *s, float *out, const float *freq, uint32_t n, uint64_t t0)
{
    (void)t0;
    for (uint32_t i = 0; i < n; i++) {
        double dt = ph_blep_dt(freq[i], s->inv_rate), p = s->phase;
        double y = 6.0 * p * p - 6.0 * p + 1.0;
        double w = ph_blep_width(dt); /* |dt|, at most 0.5 so the two sides never overlap */
        if (w > 0.0) {
            /* the slope is -6 per cycle just after the wrap and +6 just before: a change of
             * -12 w per sample at the corner, rounded off over one sample each side */
            double iw = 1.0 / w;
            if (p < w) y -= 12.0 * w * blamp2(p * iw);
            else if (p > 1.0 - w) y -= 12.0 * w * blamp2((p - 1.0) * iw);
        }
        out[i] = (float)y;
        s->phase = ph_blep_advance(p, dt);
    }
}

/* Band-limited oscillators (PolyBLEP / PolyBLAMP) and seeded noise. */
#include "dsp/ph_osc.h"

#include "core/ph_fp.h"
#include "dsp/ph_blep.h"

void ph_osc_init(ph_osc *o, double sample_rate, double phase0)
{
    o->inv_rate = sample_rate > 0 ? 1.0 / sample_rate : 1.0 / 48000.0;
    o->step_ok = 0;
    ph_osc_reset(o, phase0);
}

void ph_osc_reset(ph_osc *o, double phase)
{
    if (!isfinite(phase)) phase = 0;
    o->phase = (uint32_t)(int64_t)llrint((phase - floor(phase)) * PH_PHASE_ONE);
}

/* Every oscillator: the step worked out again only when the frequency changes (it is a
 * pure function of freq[i], so this gives the same samples; a NaN never compares equal). */
#define OSC_LOOP(body)                                                                   \
    uint32_t p = o->phase;                                                               \
    float f = n ? freq[0] : 0.0f;                                                        \
    ph_phase_step st = ph_phase_step_for(f, o->inv_rate);                                \
    for (uint32_t i = 0; i < n; i++) {                                                   \
        if (freq[i] != f) {                                                              \
            f = freq[i];                                                                 \
            st = ph_phase_step_for(f, o->inv_rate);                                      \
        }                                                                                \
        body;                                                                            \
        p += st.inc;                                                                     \
    }                                                                                    \
    o->phase = p

/* Built for AVX2 too (core/ph_fp.h): an LFO is often a program's one oscillator outside
 * any lanes (W2's sweep: 7 % of its time with SSE2 alone). Internal, with the public name
 * a call to it (clang multiversions only functions its other files need not see). */
PH_ALSO_AVX2 static void osc_sine(ph_osc *o, float *out, const float *freq, uint32_t n, uint64_t t0)
{
    (void)t0;
    /* the phase as a signed fraction of a cycle first, shaped below in a vectorisable loop */
    OSC_LOOP(out[i] = (float)(int32_t)p * 0x1p-32f);
    for (uint32_t i = 0; i < n; i++) out[i] = ph_dsp_sin2pi(out[i]);
}

void ph_osc_sine(ph_osc *o, float *out, const float *freq, uint32_t n, uint64_t t0) { osc_sine(o, out, freq, n, t0); }

void ph_osc_saw(ph_osc *o, float *out, const float *freq, uint32_t n, uint64_t t0)
{
    (void)t0;
    /* the saw falls by 2 at phase 0 */
    OSC_LOOP(out[i] = ph_phase_bipolar(p) - 2.0f * ph_phase_blep(p, &st));
}

void ph_osc_saw_naive(ph_osc *o, float *out, const float *freq, uint32_t n, uint64_t t0)
{
    (void)t0;
    OSC_LOOP(out[i] = ph_phase_bipolar(p));
}

void ph_osc_square(ph_osc *o, float *out, const float *freq, const float *pw, uint32_t n,
                   uint64_t t0)
{
    (void)t0;
    OSC_LOOP({
        double d = pw ? (double)ph_dsp_clampf(pw[i], 0.01f, 0.99f) : 0.5;
        if (!(d == d)) d = 0.5;
        uint32_t du = (uint32_t)(d * PH_PHASE_ONE);
        uint32_t q = p - du; /* phase relative to the falling edge */
        float v = p < du ? 1.0f : -1.0f;
        /* rises by 2 at phase 0, falls by 2 at phase d */
        out[i] = v + 2.0f * ph_phase_blep(p, &st) - 2.0f * ph_phase_blep(q, &st);
    });
}

void ph_osc_tri(ph_osc *o, float *out, const float *freq, uint32_t n, uint64_t t0)
{
    (void)t0;
    OSC_LOOP({
        uint32_t q = p + 0x80000000u;
        /* -1 at phase 0, +1 at 0.5; slope +-4 per cycle = 4|dt| per sample, so the corner
         * at 0 turns the slope up by 8|dt| and the corner at 0.5 turns it down by 8|dt| */
        float naive = fabsf((float)(int32_t)q) * 0x1p-30f - 1.0f; /* 4 |p - 0.5| - 1 */
        out[i] = -naive + st.k8 * (ph_phase_blamp(p, &st) - ph_phase_blamp(q, &st));
    });
}

void ph_noise_init(ph_noise *s, ph_noise_color color, uint32_t seed)
{
    ph_rng_seed(&s->rng, seed);
    s->color = color;
    for (int i = 0; i < 7; i++) s->b[i] = 0;
}

void ph_noise_process(ph_noise *s, float *out, const float *gain, uint32_t n, uint64_t t0)
{
    (void)t0;
    float *b = s->b;
    switch (s->color) {
    case PH_NOISE_WHITE:
        for (uint32_t i = 0; i < n; i++) out[i] = ph_rng_bipolar(&s->rng);
        break;
    case PH_NOISE_PINK:
        /* Paul Kellet's refined pink filter: 7 one-pole sections, accurate to +-0.05 dB
         * above 9.2 Hz at 44.1 kHz; 0.11 brings the sum to about +-1. */
        for (uint32_t i = 0; i < n; i++) {
            float w = ph_rng_bipolar(&s->rng);
            b[0] = 0.99886f * b[0] + w * 0.0555179f;
            b[1] = 0.99332f * b[1] + w * 0.0750759f;
            b[2] = 0.96900f * b[2] + w * 0.1538520f;
            b[3] = 0.86650f * b[3] + w * 0.3104856f;
            b[4] = 0.55000f * b[4] + w * 0.5329522f;
            b[5] = -0.7616f * b[5] - w * 0.0168980f;
            out[i] = (b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + w * 0.5362f) * 0.11f;
            b[6] = w * 0.115926f;
        }
        break;
    case PH_NOISE_BROWN:
        /* leaky integrator; the leak keeps it centred; 1.6 gives rms 0.3, peaks about +-1 */
        for (uint32_t i = 0; i < n; i++) {
            b[0] = 0.998f * b[0] + 0.02f * ph_rng_bipolar(&s->rng);
            out[i] = b[0] * 1.6f;
        }
        break;
    }
    if (gain)
        for (uint32_t i = 0; i < n; i++) out[i] *= gain[i];
}

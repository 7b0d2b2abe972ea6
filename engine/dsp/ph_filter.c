/* TPT state-variable filter and TPT 4-pole ladder. Coefficients are recomputed at
 * absolute multiples of PH_CONTROL_QUANTUM; between them the inner loops run with
 * constant coefficients. */
#include "dsp/ph_filter.h"

static inline float clamp_cutoff(float c, float hi)
{
    if (!(c == c)) c = 1000.0f;
    return ph_dsp_clampf(c, 10.0f, hi);
}

static inline float clamp_res(const float *res, uint32_t i)
{
    float r = res ? res[i] : 0.0f;
    if (!(r == r)) r = 0.0f;
    return ph_dsp_clampf(r, 0.0f, 1.0f);
}

void ph_svf_init(ph_svf *f, double sample_rate, ph_svf_mode mode)
{
    if (!(sample_rate > 0)) sample_rate = 48000;
    f->mode = mode;
    f->pi_over_rate = (float)(PH_PI / sample_rate);
    f->nyq_cut = (float)(0.49 * sample_rate);
    ph_svf_reset(f);
}

void ph_svf_reset(ph_svf *f)
{
    f->ic1 = f->ic2 = 0;
    f->a1 = f->a2 = f->a3 = 0;
    f->k = 2;
    f->have_coeffs = 0;
}

float ph_svf_res_for_q(float q)
{
    return ph_dsp_clampf(1.0f - 0.5f / q, 0.0f, 1.0f);
}

/* At every control quantum: the states are flushed, and the coefficients recomputed only
 * when cutoff or resonance moved (tanf every 16 samples was a third of a static filter's
 * cost; the same inputs give the same coefficients, so the output is unchanged). */
static void svf_coeffs(ph_svf *f, float cutoff, float res, const ph_svf *like)
{
    f->ic1 = ph_dsp_flush(f->ic1);
    f->ic2 = ph_dsp_flush(f->ic2);
    if (f->have_coeffs && cutoff == f->last_cut && res == f->last_res) return;
    f->last_cut = cutoff;
    f->last_res = res;
    if (like && like->have_coeffs && cutoff == like->last_cut && res == like->last_res &&
        like->pi_over_rate == f->pi_over_rate && like->nyq_cut == f->nyq_cut) {
        /* another state's coefficients from the same inputs (a chord's lanes share a cutoff) */
        f->k = like->k, f->a1 = like->a1, f->a2 = like->a2, f->a3 = like->a3, f->e1 = like->e1;
        f->have_coeffs = 1;
        return;
    }
    float g = tanf(f->pi_over_rate * clamp_cutoff(cutoff, f->nyq_cut));
    float k = 2.0f * (1.0f - res);
    if (k < 0.025f) k = 0.025f;
    f->k = k;
    f->a1 = 1.0f / (1.0f + g * (g + k));
    f->a2 = g * f->a1;
    f->a3 = g * f->a2;
    f->e1 = -g * (g + k) * f->a1;
    f->have_coeffs = 1;
}

void ph_svf_update(ph_svf *f, const float *cutoff, const float *res, uint32_t i, const ph_svf *like)
{
    svf_coeffs(f, cutoff[i], clamp_res(res, i), like);
}

void ph_svf_process(ph_svf *f, float *out, const float *in, const float *cutoff,
                    const float *res, uint32_t n, uint64_t t0)
{
    uint32_t i = 0;
    float ic1 = f->ic1, ic2 = f->ic2;
    while (i < n) {
        uint64_t t = t0 + i;
        if (ph_dsp_at_quantum(t) || !f->have_coeffs) {
            f->ic1 = ic1;
            f->ic2 = ic2;
            svf_coeffs(f, cutoff[i], clamp_res(res, i), NULL);
            ic1 = f->ic1;
            ic2 = f->ic2;
        }
        uint32_t end = i + ph_dsp_run_length(t, n - i);
        const float a2 = f->a2, a3 = f->a3, k = f->k;
        const float e1 = f->e1; /* a1 - 1, exact for small cutoffs */
        /* One loop per mode so the mode test is outside the sample loop. The states move by
         * increments (ic += 2 (v - ic)) rather than ic = 2 v - ic: the same filter with a
         * shorter dependency chain per sample (~10% faster) and no coefficient near 1. */
        switch (f->mode) {
        case PH_SVF_LP:
            for (; i < end; i++) {
                float v0 = ph_dsp_sane(in[i]);
                float v3 = v0 - ic2;
                float d1 = e1 * ic1 + a2 * v3; /* v1 - ic1 */
                float d2 = a2 * ic1 + a3 * v3; /* v2 - ic2 */
                out[i] = ic2 + d2;
                ic1 += 2 * d1;
                ic2 += 2 * d2;
            }
            break;
        case PH_SVF_HP:
            for (; i < end; i++) {
                float v0 = ph_dsp_sane(in[i]);
                float v3 = v0 - ic2;
                float d1 = e1 * ic1 + a2 * v3, d2 = a2 * ic1 + a3 * v3;
                float v1 = ic1 + d1, v2 = ic2 + d2;
                ic1 += 2 * d1;
                ic2 += 2 * d2;
                out[i] = v0 - k * v1 - v2;
            }
            break;
        case PH_SVF_BP:
            for (; i < end; i++) {
                float v0 = ph_dsp_sane(in[i]);
                float v3 = v0 - ic2;
                float d1 = e1 * ic1 + a2 * v3, d2 = a2 * ic1 + a3 * v3;
                float v1 = ic1 + d1;
                ic1 += 2 * d1;
                ic2 += 2 * d2;
                out[i] = k * v1; /* normalised: gain 1 at the centre frequency */
            }
            break;
        case PH_SVF_NOTCH:
            for (; i < end; i++) {
                float v0 = ph_dsp_sane(in[i]);
                float v3 = v0 - ic2;
                float d1 = e1 * ic1 + a2 * v3, d2 = a2 * ic1 + a3 * v3;
                float v1 = ic1 + d1;
                ic1 += 2 * d1;
                ic2 += 2 * d2;
                out[i] = v0 - k * v1;
            }
            break;
        }
    }
    f->ic1 = ic1;
    f->ic2 = ic2;
}

void ph_ladder_init(ph_ladder *f, double sample_rate)
{
    if (!(sample_rate > 0)) sample_rate = 48000;
    f->pi_over_rate = (float)(PH_PI / sample_rate);
    f->nyq_cut = (float)(0.49 * sample_rate);
    ph_ladder_reset(f);
}

void ph_ladder_reset(ph_ladder *f)
{
    for (int j = 0; j < 4; j++) f->s[j] = 0;
    f->G = 0;
    f->k = 0;
    f->comp = 1;
    f->have_coeffs = 0;
}

static void ladder_coeffs(ph_ladder *f, float cutoff, float res)
{
    for (int j = 0; j < 4; j++) f->s[j] = ph_dsp_flush(f->s[j]);
    if (f->have_coeffs && cutoff == f->last_cut && res == f->last_res) return; /* as svf_coeffs */
    f->last_cut = cutoff;
    f->last_res = res;
    float g = tanf(f->pi_over_rate * clamp_cutoff(cutoff, f->nyq_cut));
    f->G = g / (1.0f + g);
    f->k = 3.9f * res;
    f->comp = 1.0f + 0.5f * f->k;
    f->have_coeffs = 1;
}

void ph_ladder_process(ph_ladder *f, float *out, const float *in, const float *cutoff,
                       const float *res, uint32_t n, uint64_t t0)
{
    uint32_t i = 0;
    while (i < n) {
        uint64_t t = t0 + i;
        if (ph_dsp_at_quantum(t) || !f->have_coeffs) ladder_coeffs(f, cutoff[i], clamp_res(res, i));
        uint32_t end = i + ph_dsp_run_length(t, n - i);
        const float G = f->G, k = f->k, comp = f->comp;
        const float G2 = G * G, G3 = G2 * G, G4 = G3 * G;
        const float B = 1.0f - G; /* a TPT one-pole: y = G x + (1 - G) s */
        const float inv = 1.0f / (1.0f + k * G4);
        float s0 = f->s[0], s1 = f->s[1], s2 = f->s[2], s3 = f->s[3];
        for (; i < end; i++) {
            float x = ph_dsp_sane(in[i]) * comp;
            /* solve the zero-delay feedback loop: y4 = G^4 (x - k y4) + S */
            float S = B * (G3 * s0 + G2 * s1 + G * s2 + s3);
            float y4 = (G4 * x + S) * inv;
            float u = x - k * y4;
            float v, y;
            v = (u - s0) * G; y = v + s0; s0 = y + v; u = y;
            v = (u - s1) * G; y = v + s1; s1 = y + v; u = y;
            v = (u - s2) * G; y = v + s2; s2 = y + v; u = y;
            v = (u - s3) * G; y = v + s3; s3 = y + v;
            out[i] = y;
        }
        f->s[0] = s0; f->s[1] = s1; f->s[2] = s2; f->s[3] = s3;
    }
}

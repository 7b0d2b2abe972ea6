/* The cookbook responses by the trapezoidal state-variable filter (see ph_rbj.h).
 * Coefficients are worked out at absolute multiples of PH_CONTROL_QUANTUM and only when an
 * input moved; between them the sample loop runs with constant coefficients. */
#include "dsp/ph_rbj.h"

void ph_rbj_init(ph_rbj *f, double sample_rate, ph_rbj_mode mode, float q_lo, float q_hi)
{
    if (!(sample_rate > 0)) sample_rate = 48000;
    f->mode = mode;
    f->pi_over_rate = (float)(PH_PI / sample_rate);
    f->nyq = (float)(0.49 * sample_rate);
    f->q_lo = q_lo > 0.01f ? q_lo : 0.01f;
    f->q_hi = q_hi > f->q_lo ? q_hi : f->q_lo;
    ph_rbj_reset(f);
}

void ph_rbj_reset(ph_rbj *f)
{
    f->ic1 = f->ic2 = 0;
    f->a1 = 1;
    f->a2 = f->a3 = 0;
    f->m0 = 1;
    f->m1 = f->m2 = 0;
    f->have_coeffs = 0;
}

static void coeffs(ph_rbj *f, float freq, float q, float gain_db)
{
    f->ic1 = ph_dsp_flush(f->ic1);
    f->ic2 = ph_dsp_flush(f->ic2);
    if (f->have_coeffs && freq == f->last_f && q == f->last_q && gain_db == f->last_g) return;
    f->last_f = freq;
    f->last_q = q;
    f->last_g = gain_db;
    f->have_coeffs = 1;
    if (!(freq == freq)) freq = 1000.0f;
    if (!(q == q)) q = 1.0f;
    if (!(gain_db == gain_db)) gain_db = 0.0f;
    freq = ph_dsp_clampf(freq, 10.0f, f->nyq);
    q = ph_dsp_clampf(q, f->q_lo, f->q_hi);
    gain_db = ph_dsp_clampf(gain_db, -24.0f, 24.0f);
    double g = tan((double)f->pi_over_rate * freq), k = 1.0 / q;
    double A = pow(10.0, gain_db / 40.0); /* the cookbook's A: sqrt of the linear gain */
    double m0 = 0, m1 = 0, m2 = 0;
    switch (f->mode) {
    case PH_RBJ_LP: m2 = 1; break;
    case PH_RBJ_HP: m0 = 1, m1 = -k, m2 = -1; break;
    case PH_RBJ_BP: m1 = k; break;
    case PH_RBJ_BPQ: m1 = 1; break;
    case PH_RBJ_NOTCH: m0 = 1, m1 = -k; break;
    case PH_RBJ_AP: m0 = 1, m1 = -2 * k; break;
    case PH_RBJ_PEAK:
        k = 1.0 / (q * A); /* the bell's damping narrows with its gain (as the cookbook's) */
        m0 = 1, m1 = k * (A * A - 1);
        break;
    case PH_RBJ_LOWSHELF:
        g /= sqrt(A);
        m0 = 1, m1 = k * (A - 1), m2 = A * A - 1;
        break;
    case PH_RBJ_HIGHSHELF:
        g *= sqrt(A);
        m0 = A * A, m1 = k * (1 - A) * A, m2 = 1 - A * A;
        break;
    }
    double a1 = 1.0 / (1.0 + g * (g + k));
    f->a1 = (float)a1;
    f->a2 = (float)(g * a1);
    f->a3 = (float)(g * g * a1);
    f->m0 = (float)m0;
    f->m1 = (float)m1;
    f->m2 = (float)m2;
}

void ph_rbj_process(ph_rbj *f, float *out, const float *in, const float *freq, const float *q,
                    const float *gain_db, uint32_t n, uint64_t t0)
{
    uint32_t i = 0;
    while (i < n) {
        uint64_t t = t0 + i;
        if (ph_dsp_at_quantum(t) || !f->have_coeffs) coeffs(f, freq[i], q[i], gain_db ? gain_db[i] : 0.0f);
        uint32_t end = i + ph_dsp_run_length(t, n - i);
        const float a1 = f->a1, a2 = f->a2, a3 = f->a3, m0 = f->m0, m1 = f->m1, m2 = f->m2;
        float ic1 = f->ic1, ic2 = f->ic2;
        for (; i < end; i++) {
            float v0 = ph_dsp_sane(in[i]);
            float v3 = v0 - ic2;
            float v1 = a1 * ic1 + a2 * v3; /* band */
            float v2 = ic2 + a2 * ic1 + a3 * v3; /* low */
            ic1 = 2 * v1 - ic1;
            ic2 = 2 * v2 - ic2;
            out[i] = m0 * v0 + m1 * v1 + m2 * v2;
        }
        f->ic1 = ic1;
        f->ic2 = ic2;
    }
}

void ph_djf_cutoffs(float d, float *lp_hz, float *hp_hz)
{
    if (!(d == d)) d = 0.5f;
    d = ph_dsp_clampf(d, 0.0f, 1.0f);
    /* low-pass 20 Hz .. 20 kHz over 0..0.5 (then open), high-pass 20 Hz .. 10 kHz over 0.5..1 */
    *lp_hz = d >= 0.5f ? 20000.0f : 20.0f * powf(1000.0f, 2.0f * d);
    *hp_hz = d <= 0.5f ? 20.0f : 20.0f * powf(500.0f, 2.0f * d - 1.0f);
}

void ph_djf_init(ph_djf *f, double sample_rate)
{
    ph_rbj_init(&f->lp, sample_rate, PH_RBJ_LP, 1.0f, 1.0f);
    ph_rbj_init(&f->hp, sample_rate, PH_RBJ_HP, 1.0f, 1.0f);
    for (uint32_t i = 0; i < PH_CONTROL_QUANTUM; i++) f->q[i] = 1.0f;
}

void ph_djf_process(ph_djf *f, float *out, const float *in, const float *value, uint32_t n, uint64_t t0)
{
    uint32_t i = 0;
    while (i < n) {
        uint64_t t = t0 + i;
        uint32_t len = ph_dsp_run_length(t, n - i);
        /* the filters read their cutoffs only at the first sample of a quantum (or their
         * first sample), which is the first sample of this run: fill the run with it */
        float lp, hp;
        ph_djf_cutoffs(value[i], &lp, &hp);
        for (uint32_t k = 0; k < len; k++) {
            f->lp_hz[k] = lp;
            f->hp_hz[k] = hp;
        }
        ph_rbj_process(&f->lp, out + i, in + i, f->lp_hz, f->q, NULL, len, t);
        ph_rbj_process(&f->hp, out + i, out + i, f->hp_hz, f->q, NULL, len, t);
        i += len;
    }
}

/* FM and PM with the index held inside the band (see ph_fm.h). */
#include "dsp/ph_fm.h"

#include "dsp/ph_blep.h"

#define FM_MAX_INDEX 100.0f
#define FM_BAND 0.45f /* pm: the largest phase step, cycles per sample */

void ph_fm_init(ph_fm *o, double sample_rate)
{
    if (!(sample_rate > 0)) sample_rate = 48000;
    o->pc = o->pm = 0;
    o->inv_rate = 1.0 / sample_rate;
    o->rate = (float)sample_rate;
    o->last_pm = 0;
    o->lim_c = o->lim_m = NAN; /* no limit worked out yet (NaN never compares equal) */
    o->lim = 0;
}

static inline float finite0(float x) { return x == x && fabsf(x) < 1e30f ? x : 0.0f; }

float ph_fm_index_limit(float rate, float carrier, float modulator, float index)
{
    index = ph_dsp_clampf(finite0(index), 0.0f, FM_MAX_INDEX);
    float fm = fabsf(finite0(modulator)), fc = fabsf(finite0(carrier));
    if (fm < 1e-3f) return index; /* a still modulator adds no sidebands */
    /* the first sideband past Nyquist, and the index that keeps it at J_k(I) <= 0.01
     * (-40 dB): J_k(I) <= (I/2)^k / k! for I below k, so I <= 2 (0.01 k!)^(1/k) */
    double k = floor((0.5 * rate - fc) / fm) + 1;
    if (k < 1) return 0.0f;
    if (k > 400) return index;
    double lim = 2.0 * exp((log(0.01) + lgamma(k + 1)) / k);
    return index < lim ? index : (float)lim;
}

void ph_fm_process(ph_fm *o, float *out, const float *carrier, const float *modulator, const float *index,
                   uint32_t n, uint64_t t0)
{
    (void)t0;
    double pc = o->pc, pm = o->pm;
    const float k = (float)(1.0 / PH_TWO_PI); /* radians to cycles */
    for (uint32_t i = 0; i < n; i++) {
        /* the limit depends on the frequencies only: worked out again when they move */
        if (carrier[i] != o->lim_c || modulator[i] != o->lim_m) {
            o->lim_c = carrier[i];
            o->lim_m = modulator[i];
            o->lim = ph_fm_index_limit(o->rate, carrier[i], modulator[i], FM_MAX_INDEX);
        }
        float x = ph_dsp_clampf(finite0(index[i]), 0.0f, FM_MAX_INDEX);
        float I = x < o->lim ? x : o->lim;
        float m = ph_dsp_sin2pi((float)pm);
        out[i] = (float)pc + I * k * m; /* the phase; shaped in a vectorisable loop below */
        pc = ph_blep_advance(pc, ph_blep_dt(carrier[i], o->inv_rate));
        pm = ph_blep_advance(pm, ph_blep_dt(modulator[i], o->inv_rate));
    }
    o->pc = pc;
    o->pm = pm;
    for (uint32_t i = 0; i < n; i++) out[i] = ph_dsp_sin2pi(out[i]);
}

void ph_pm_process(ph_fm *o, float *out, const float *carrier, const float *mod, const float *index, uint32_t n,
                   uint64_t t0)
{
    (void)t0;
    double pc = o->pc;
    float th = o->last_pm; /* the phase offset applied, cycles */
    const float k = (float)(1.0 / PH_TWO_PI);
    for (uint32_t i = 0; i < n; i++) {
        double dt = ph_blep_dt(carrier[i], o->inv_rate);
        dt = dt > FM_BAND ? FM_BAND : dt < -FM_BAND ? -FM_BAND : dt;
        float I = ph_dsp_clampf(finite0(index[i]), -FM_MAX_INDEX, FM_MAX_INDEX);
        float want = I * k * ph_dsp_clampf(finite0(mod[i]), -16.0f, 16.0f);
        /* the offset may move only as far as keeps the whole phase step inside +-0.45 */
        float step = ph_dsp_clampf(want - th, -FM_BAND - (float)dt, FM_BAND - (float)dt);
        th += step;
        out[i] = (float)pc + th;
        pc = ph_blep_advance(pc, dt);
    }
    o->pc = pc;
    o->last_pm = th;
    for (uint32_t i = 0; i < n; i++) out[i] = ph_dsp_sin2pi(out[i]);
}

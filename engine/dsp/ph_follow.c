/* Envelope follower (ph_follow.h). */
#include "dsp/ph_follow.h"

#include <math.h>

#include "dsp/ph_dsp.h"

void ph_follow_init(ph_follow *f, double rate)
{
    f->rate = rate > 0 ? rate : 48000.0;
    f->env = 0.0f;
    f->ka = f->kr = 1.0f;
    f->started = false;
}

static float coef(double rate, float seconds)
{
    float s = ph_dsp_clampf(seconds == seconds ? seconds : 0.01f, 0.0001f, 10.0f);
    return (float)(1.0 - exp(-1.0 / ((double)s * rate)));
}

void ph_follow_process(ph_follow *f, float *out, const float *in_l, const float *in_r, const float *attack,
                       const float *release, uint32_t n, uint64_t t0)
{
    float env = f->env;
    for (uint32_t i = 0; i < n; i++) {
        const uint64_t t = t0 + i;
        if (!f->started || ph_dsp_at_quantum(t)) {
            f->ka = coef(f->rate, ph_dsp_param(attack, i, 0.01f));
            f->kr = coef(f->rate, ph_dsp_param(release, i, 0.1f));
            env = ph_dsp_flush(env);
            f->started = true;
        }
        float x = fabsf(ph_dsp_sane(in_l[i]));
        if (in_r) {
            const float y = fabsf(ph_dsp_sane(in_r[i]));
            x = x > y ? x : y;
        }
        env += (x > env ? f->ka : f->kr) * (x - env);
        out[i] = env;
    }
    f->env = env;
}

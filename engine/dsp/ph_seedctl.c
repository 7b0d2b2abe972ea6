/* The seed's control and routing signals (see ph_seedctl.h). */
#include "dsp/ph_seedctl.h"

/* ---- latch: sample and hold on a rise through 0.5 --------------------------------------- */

void ph_latch_init(ph_latch *l) { l->held = l->last_gate = 0.0f; }

void ph_latch_process(ph_latch *l, float *out, const float *in, const float *gate, uint32_t n, uint64_t t0)
{
    (void)t0;
    for (uint32_t i = 0; i < n; i++) {
        float g = ph_dsp_sane(gate[i]);
        if (l->last_gate < 0.5f && g >= 0.5f) l->held = ph_dsp_sane(in[i]);
        l->last_gate = g;
        out[i] = l->held;
    }
}

/* ---- schmidt: hysteresis comparator ------------------------------------------------------- */

void ph_schmidt_init(ph_schmidt *s) { s->high = 0; }

void ph_schmidt_process(ph_schmidt *s, float *out, const float *in, const float *hi, const float *lo, uint32_t n,
                        uint64_t t0)
{
    (void)t0;
    for (uint32_t i = 0; i < n; i++) {
        float x = ph_dsp_sane(in[i]);
        /* the seed's order: from low, above high turns on; from high, below low turns off
         * (thresholds crossed the wrong way round simply flip on every sample past both) */
        if (!s->high && x > ph_dsp_sane(hi[i])) s->high = 1;
        else if (s->high && x < ph_dsp_sane(lo[i])) s->high = 0;
        out[i] = s->high ? 1.0f : 0.0f;
    }
}

/* ---- timer: seconds since the last rise ----------------------------------------------------- */

void ph_timer_init(ph_timer *t, double sample_rate)
{
    t->inv_rate = sample_rate > 0 ? 1.0 / sample_rate : 1.0 / 48000.0;
    t->edge = 0;
    t->last = 0.0f;
    t->started = 0;
}

void ph_timer_process(ph_timer *t, float *out, const float *trig, uint32_t n, uint64_t t0)
{
    if (!t->started) { /* the seed counts 1/rate on the first sample */
        t->edge = (int64_t)t0 - 1;
        t->started = 1;
    }
    for (uint32_t i = 0; i < n; i++) {
        int64_t now = (int64_t)t0 + i;
        float g = ph_dsp_sane(trig[i]);
        if (t->last < 0.5f && g >= 0.5f) t->edge = now;
        t->last = g;
        /* from the sample count, so a long run loses no precision to repeated adds */
        out[i] = (float)((double)(now - t->edge) * t->inv_rate);
    }
}

/* ---- cond: the seed's if, cross-faded ------------------------------------------------------- */

void ph_cond_init(ph_cond *c, double sample_rate)
{
    double samples = PH_COND_FADE_S * (sample_rate > 0 ? sample_rate : 48000.0);
    c->step = (float)(1.0 / (samples > 1.0 ? samples : 1.0));
    c->pos = 0.0f;
    c->started = 0;
}

void ph_cond_process(ph_cond *c, float *out, const float *cond, const float *then_sig, const float *else_sig,
                     uint32_t n, uint64_t t0)
{
    (void)t0;
    for (uint32_t i = 0; i < n; i++) {
        float target = ph_dsp_sane(cond[i]) > 0.5f ? 1.0f : 0.0f;
        if (!c->started) {
            c->pos = target;
            c->started = 1;
        } else if (c->pos < target) {
            c->pos = c->pos + c->step < target ? c->pos + c->step : target;
        } else if (c->pos > target) {
            c->pos = c->pos - c->step > target ? c->pos - c->step : target;
        }
        float a = ph_dsp_sane(then_sig[i]), b = ph_dsp_sane(else_sig[i]);
        out[i] = b + (a - b) * c->pos;
    }
}

/* ---- pan2 ---------------------------------------------------------------------------------- */

void ph_pan2_process(float *out, const float *in, const float *position, int right, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        float p = ph_dsp_clampf(ph_dsp_sane(position[i]), -1.0f, 1.0f);
        float angle = (p + 1.0f) * (float)(PH_PI / 4.0);
        out[i] = ph_dsp_sane(in[i]) * (right ? sinf(angle) : cosf(angle));
    }
}

/* ---- phasor -------------------------------------------------------------------------------- */

float ph_phasor_value(double cycle, float speed)
{
    double s = speed == speed && fabsf(speed) <= 1e30f ? ph_dsp_clampf(speed, -1e4f, 1e4f) : 1.0;
    double x = cycle * s;
    if (!(x == x) || fabs(x) > 1e15) return 0.0f;
    float f = (float)(x - floor(x));
    return f < 1.0f ? f : 0.0f; /* rounding can give exactly 1 just below a whole cycle */
}

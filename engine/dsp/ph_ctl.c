/* Control signals (see ph_ctl.h). */
#include "dsp/ph_ctl.h"

#include <stdbool.h>

/* 1 - e^(-1/(seconds * rate)): the share of the distance a one-pole covers per sample; 1
 * (follow at once) for times under a sample. */
/* ---- lag ---------------------------------------------------------------------------------- */

void ph_lag_init(ph_lag *l, double sample_rate)
{
    l->y = 0;
    l->coef = 1;
    l->rate = (float)(sample_rate > 0 ? sample_rate : 48000);
    l->have = 0;
}

float ph_onepole_coef(float cutoff, float rate)
{
    float fc = ph_dsp_par(cutoff, 0.0f, 0.45f * rate, 0.0f);
    return 1.0f - expf(-6.28318531f * fc / rate);
}

/* lag and onepole: one recurrence, the coefficient taken at the quanta (from a time or a
 * cutoff) and the state flushed there. onepole writes it k x + (1 - k) y, so that only a
 * multiply and an add wait for the last sample (lag keeps its own rounding). */
static inline void one_pole_run(ph_lag *l, float *out, const float *in, const float *param, uint32_t n, uint64_t t0,
                                const bool cutoff)
{
    float y = l->y;
    for (uint32_t i = 0; i < n; i++) {
        if (ph_dsp_at_quantum(t0 + i) || !l->have) {
            l->coef = cutoff ? ph_onepole_coef(param[i], l->rate) : ph_dsp_one_pole(param[i], l->rate);
            l->have = 1;
            y = ph_dsp_flush(y);
        }
        if (cutoff) y = l->coef * ph_dsp_sane(in[i]) + (1.0f - l->coef) * y;
        else y += (ph_dsp_sane(in[i]) - y) * l->coef;
        out[i] = y;
    }
    l->y = y;
}

void ph_lag_process(ph_lag *l, float *out, const float *in, const float *time, uint32_t n, uint64_t t0)
{
    one_pole_run(l, out, in, time, n, t0, false);
}

void ph_onepole_process(ph_lag *l, float *out, const float *in, const float *cutoff, uint32_t n, uint64_t t0)
{
    one_pole_run(l, out, in, cutoff, n, t0, true);
}

/* ---- sample and hold ------------------------------------------------------------------------ */

void ph_hold_init(ph_hold *h) { h->held = h->last_trig = 0; }

void ph_hold_process(ph_hold *h, float *out, const float *in, const float *trig, uint32_t n, uint64_t t0)
{
    (void)t0;
    for (uint32_t i = 0; i < n; i++) {
        float t = ph_dsp_sane(trig[i]);
        if (h->last_trig <= 0.0f && t > 0.0f) h->held = ph_dsp_sane(in[i]);
        h->last_trig = t;
        out[i] = h->held;
    }
}

/* ---- wrap ------------------------------------------------------------------------------------- */

void ph_wrap(float *out, const float *in, const float *lo, const float *hi, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        float l = ph_dsp_sane(lo[i]), range = ph_dsp_sane(hi[i]) - l, x = ph_dsp_sane(in[i]) - l;
        if (!(fabsf(range) > 1e-9f)) {
            out[i] = l;
            continue;
        }
        float r = x - range * floorf(x / range); /* in [0, range) (or (range, 0]) */
        out[i] = l + (fabsf(r) < fabsf(range) ? r : 0.0f);
    }
}

/* ---- follower ---------------------------------------------------------------------------------- */

void ph_follow_init(ph_follow *f, double sample_rate)
{
    f->env = 0;
    f->att = f->rel = 1;
    f->rate = (float)(sample_rate > 0 ? sample_rate : 48000);
    f->have = 0;
}

void ph_follow_process(ph_follow *f, float *out, const float *level, const float *attack, const float *release,
                       uint32_t n, uint64_t t0)
{
    float env = f->env;
    for (uint32_t i = 0; i < n; i++) {
        if (ph_dsp_at_quantum(t0 + i) || !f->have) {
            f->att = ph_dsp_one_pole(attack[i], f->rate);
            f->rel = ph_dsp_one_pole(release[i], f->rate);
            f->have = 1;
            env = ph_dsp_flush(env);
        }
        float x = fabsf(ph_dsp_sane(level[i]));
        env += (x - env) * (x > env ? f->att : f->rel);
        out[i] = env;
    }
    f->env = env;
}

/* ---- rms ---------------------------------------------------------------------------------------- */

int ph_rms_create(ph_rms *r, double sample_rate)
{
    double sr = sample_rate > 0 ? sample_rate : 48000;
    r->rate = (float)sr;
    r->size = (uint32_t)sr + 2;
    r->pos = 0;
    /* slot 0 .. size-1 hold the running sum after each sample; the ring starts at 0 (the
     * past is silence) */
    r->sum = ph_dsp_alloc(sizeof(double) * r->size);
    return r->sum ? 0 : -1;
}

void ph_rms_destroy(ph_rms *r)
{
    ph_dsp_free(r->sum);
    r->sum = NULL;
}

void ph_rms_process(ph_rms *r, float *out, const float *in, const float *window, uint32_t n, uint64_t t0)
{
    (void)t0;
    const uint32_t size = r->size;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t prev = r->pos ? r->pos - 1 : size - 1;
        float x = ph_dsp_sane(in[i]);
        double now = r->sum[prev] + (double)x * x;
        r->sum[r->pos] = now;
        uint32_t w = (uint32_t)ph_dsp_par(window[i] * r->rate, 1.0f, (float)(size - 2), 1.0f);
        uint32_t back = r->pos >= w ? r->pos - w : r->pos + size - w;
        double e = (now - r->sum[back]) / w;
        out[i] = e > 0 ? (float)sqrt(e) : 0.0f;
        r->pos = r->pos + 1 == size ? 0 : r->pos + 1;
    }
}

/* ---- asr ---------------------------------------------------------------------------------------- */

void ph_asr_init(ph_asr *a, double sample_rate)
{
    a->level = 0;
    a->rate = (float)(sample_rate > 0 ? sample_rate : 48000);
    a->high = 0;
}

void ph_asr_process(ph_asr *a, float *out, const float *gate, const float *attack, const float *release, uint32_t n,
                    uint64_t t0)
{
    (void)t0;
    float lv = a->level;
    for (uint32_t i = 0; i < n; i++) {
        /* the step for this sample's segment; a time under a sample jumps */
        int high = gate[i] > 0.5f;
        float secs = ph_dsp_par(high ? attack[i] : release[i], 0.0f, 60.0f, 0.0f) * a->rate;
        float step = secs > 1.0f ? 1.0f / secs : 1.0f;
        lv = high ? ph_dsp_minf(lv + step, 1.0f) : ph_dsp_maxf(lv - step, 0.0f);
        out[i] = lv;
        a->high = high;
    }
    a->level = lv;
}

/* ---- ramps --------------------------------------------------------------------------------------- */

void ph_ramp_init(ph_ramp *r, double sample_rate, ph_ramp_shape shape)
{
    r->shape = shape;
    r->elapsed = 0;
    r->inv_rate = (float)(1.0 / (sample_rate > 0 ? sample_rate : 48000));
}

float ph_ramp_value(ph_ramp_shape shape, float start, float end, float dur, float curve, double t)
{
    start = ph_dsp_sane(start);
    end = ph_dsp_sane(end);
    if (!(dur > 0.0f)) return end;
    if (shape == PH_RAMP_CURVE && dur < 0.001f) dur = 0.001f; /* the seed's shortest */
    float p = (float)(t / dur);
    if (!(p < 1.0f)) return end;
    if (shape == PH_RAMP_XLINE && fabsf(start) >= 1e-5f && (start > 0.0f) == (end > 0.0f) && end != 0.0f)
        return start * powf(end / start, p);
    if (shape == PH_RAMP_CURVE) {
        float c = ph_dsp_par(curve, -50.0f, 50.0f, 0.0f);
        if (fabsf(c) >= 0.001f) p = expm1f(c * p) / expm1f(c);
    }
    return start + (end - start) * p;
}

void ph_ramp_process(ph_ramp *r, float *out, const float *start, const float *end, const float *dur,
                     const float *curve, uint32_t n, uint64_t t0)
{
    (void)t0;
    for (uint32_t i = 0; i < n; i++) {
        double t = (double)r->elapsed * r->inv_rate;
        out[i] = ph_ramp_value(r->shape, start[i], end[i], ph_dsp_sane(dur[i]), curve ? curve[i] : 0.0f, t);
        r->elapsed++;
    }
}

/* ---- segments ----------------------------------------------------------------------------------- */

void ph_segments_init(ph_segments *s, double sample_rate, const float *levels, const float *times, uint32_t count)
{
    double sr = sample_rate > 0 ? sample_rate : 48000, at = 0;
    s->count = count > PH_SEGMENTS_MAX ? PH_SEGMENTS_MAX : count;
    s->elapsed = 0;
    for (uint32_t k = 0; k <= s->count; k++) s->level[k] = ph_dsp_sane(levels[k]);
    for (uint32_t k = 0; k < s->count; k++) {
        double t = times[k] == times[k] ? times[k] : 0.0;
        at += t > 0 ? (t < 3600 ? t : 3600) : 0.0;
        s->end[k] = (uint64_t)llround(at * sr);
    }
}

void ph_segments_process(ph_segments *s, float *out, uint32_t n, uint64_t t0)
{
    (void)t0;
    for (uint32_t i = 0; i < n; i++, s->elapsed++) {
        uint64_t e = s->elapsed, begin = 0;
        uint32_t k = 0;
        while (k < s->count && e >= s->end[k]) begin = s->end[k++]; /* at most PH_SEGMENTS_MAX */
        if (k == s->count) {
            out[i] = s->level[s->count];
            continue;
        }
        float p = (float)(e - begin) / (float)(s->end[k] - begin);
        out[i] = s->level[k] + (s->level[k + 1] - s->level[k]) * p;
    }
}

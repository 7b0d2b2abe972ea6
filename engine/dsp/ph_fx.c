/* Stateless helpers (straight, vectorisable loops) and small stateful effects. */
#include "dsp/ph_fx.h"

void ph_gain(float *out, const float *in, const float *gain, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) out[i] = ph_dsp_sane(in[i] * gain[i]);
}

void ph_pan(float *outL, float *outR, const float *in, const float *pan, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        /* constant power with the square-root law: L^2 + R^2 = 1, like cos/sin but one
         * sqrt per side instead of a polynomial */
        float p = ph_dsp_clamp_arith(ph_dsp_sane(pan[i]), 0.0f, 1.0f); /* NaN pan: left */
        float x = ph_dsp_sane(in[i]);
        /* fabsf: the arithmetic clamp may leave a tiny negative rounding residue */
        outL[i] = x * sqrtf(fabsf(1.0f - p));
        outR[i] = x * sqrtf(fabsf(p));
    }
}

void ph_distort(float *out, const float *in, const float *drive, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        float d = ph_dsp_clamp_arith(drive[i], 0.0f, 1.0f);
        float x = ph_dsp_clamp_arith(ph_dsp_sane(in[i]) * (1.0f + 24.0f * d), -3.0f, 3.0f);
        float x2 = x * x;
        float y = x * (27.0f + x2) / (27.0f + 9.0f * x2); /* tanh-like, 1 at 3 */
        out[i] = y / (1.0f + 2.0f * d);
    }
}

void ph_min(float *out, const float *a, const float *b, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) out[i] = ph_dsp_minf(a[i], b[i]);
}

void ph_max(float *out, const float *a, const float *b, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) out[i] = ph_dsp_maxf(a[i], b[i]);
}

void ph_clip(float *out, const float *in, const float *lo, const float *hi, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        float l = ph_dsp_minf(lo[i], hi[i]), h = ph_dsp_maxf(lo[i], hi[i]);
        out[i] = ph_dsp_minf(ph_dsp_maxf(in[i], l), h);
    }
}

void ph_dsp_range(float *out, const float *in, const float *lo, const float *hi, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) out[i] = lo[i] + (in[i] + 1.0f) * 0.5f * (hi[i] - lo[i]);
}

void ph_bitcrush_init(ph_bitcrush *b)
{
    b->held = 0;
    b->phase = 1.0f; /* take the very first sample */
}

void ph_bitcrush_process(ph_bitcrush *b, float *out, const float *in, const float *bits,
                         const float *rate, uint32_t n, uint64_t t0)
{
    (void)t0;
    if (rate) {
        /* sample and hold: sequential by nature */
        for (uint32_t i = 0; i < n; i++) {
            float r = rate[i];
            r = r == r ? ph_dsp_clampf(r, 1.0f, 4096.0f) : 1.0f;
            if (b->phase >= 1.0f) {
                b->phase -= 1.0f;
                b->held = ph_dsp_sane(in[i]);
            }
            b->phase += 1.0f / r;
            out[i] = b->held;
        }
        in = out;
    }
    for (uint32_t i = 0; i < n; i++) {
        float q = exp2f(ph_dsp_minf(ph_dsp_maxf(bits[i], 1.0f), 24.0f) - 1.0f);
        out[i] = roundf(in[i] * q) / q;
    }
}

int ph_chorus_create(ph_chorus *c, double sample_rate)
{
    c->lfo = 0;
    c->inv_rate = (float)(1.0 / (sample_rate > 0 ? sample_rate : 48000));
    return ph_delay_create(&c->line, sample_rate, 0.05);
}

void ph_chorus_destroy(ph_chorus *c) { ph_delay_destroy(&c->line); }

void ph_chorus_process(ph_chorus *c, float *out, const float *in, const float *rate,
                       const float *depth, const float *mix, uint32_t n, uint64_t t0)
{
    (void)t0;
    const float sr = c->line.rate;
    for (uint32_t i = 0; i < n; i++) {
        float x = ph_dsp_sane(in[i]);
        float r = rate[i] == rate[i] ? ph_dsp_clampf(rate[i], 0.0f, 20.0f) : 0.0f;
        float d = depth[i] == depth[i] ? ph_dsp_clampf(depth[i], 0.0f, 1.0f) : 0.0f;
        float m = mix[i] == mix[i] ? ph_dsp_clampf(mix[i], 0.0f, 1.0f) : 0.0f;
        float ms = 17.0f + 10.0f * d * ph_dsp_sin2pi((float)c->lfo);
        c->lfo += (double)(r * c->inv_rate);
        c->lfo -= floor(c->lfo);
        ph_delay_write(&c->line, x);
        float y = ph_delay_read(&c->line, ms * 0.001f * sr);
        out[i] = (1.0f - m) * x + m * y;
    }
}

void ph_comp_init(ph_comp *c, double sample_rate)
{
    c->rate = (float)(sample_rate > 0 ? sample_rate : 48000);
    c->env = 0;
    c->have_params = 0;
}

static inline float coeff(float seconds, float rate)
{
    if (!(seconds > 1e-5f)) return 0.0f; /* instant */
    return expf(-1.0f / (seconds * rate));
}

void ph_comp_process(ph_comp *c, float *out, const float *in, const float *threshold_db,
                     const float *ratio, const float *attack, const float *release,
                     uint32_t n, uint64_t t0)
{
    ph_comp_process_keyed(c, out, in, NULL, threshold_db, ratio, attack, release, n, t0);
}

void ph_comp_process_keyed(ph_comp *c, float *out, const float *in, const float *key, const float *threshold_db,
                           const float *ratio, const float *attack, const float *release, uint32_t n, uint64_t t0)
{
    float env = c->env;
    for (uint32_t i = 0; i < n; i++) {
        if (ph_dsp_at_quantum(t0 + i) || !c->have_params) {
            float thr = threshold_db[i];
            c->thr_db = thr == thr ? ph_dsp_clampf(thr, -120.0f, 24.0f) : 0.0f;
            float r = ratio[i] == ratio[i] ? ph_dsp_clampf(ratio[i], 1.0f, 1000.0f) : 1.0f;
            c->slope = 1.0f - 1.0f / r;
            c->att = coeff(ph_dsp_minf(attack[i], 10.0f), c->rate);
            c->rel = coeff(ph_dsp_minf(release[i], 10.0f), c->rate);
            c->have_params = 1;
            env = ph_dsp_flush(env);
        }
        float x = ph_dsp_sane(in[i]);
        float a = fabsf(key ? ph_dsp_sane(key[i]) : x); /* the detector hears the key */
        float k = a > env ? c->att : c->rel;
        env = a + k * (env - a);
        float level_db = 20.0f * log10f(env + 1e-12f);
        float over = level_db - c->thr_db;
        float gr_db = over > 0.0f ? over * c->slope : 0.0f;
        out[i] = x * exp2f(-gr_db * 0.05f * 3.32192809f); /* 10^(-gr/20) */
    }
    c->env = env;
}

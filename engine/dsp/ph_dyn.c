/* Look-ahead limiter and expanders (see ph_dyn.h). */
#include "dsp/ph_dyn.h"

int ph_limiter_create(ph_limiter *l, double sample_rate, double lookahead)
{
    double sr = sample_rate > 0 ? sample_rate : 48000;
    double la = lookahead == lookahead ? (lookahead < 0 ? 0 : lookahead > 0.05 ? 0.05 : lookahead) : 0.005;
    uint32_t L = (uint32_t)(la * sr);
    l->look = L < 1 ? 1 : L;
    l->line[0] = ph_dsp_alloc(sizeof(float) * l->look);
    l->line[1] = ph_dsp_alloc(sizeof(float) * l->look);
    l->box = ph_dsp_alloc(sizeof(float) * l->look);
    l->dq_val = ph_dsp_alloc(sizeof(float) * l->look);
    l->dq_at = ph_dsp_alloc(sizeof(uint64_t) * l->look);
    l->rate = (float)sr;
    l->dq_head = l->dq_len = l->pos = 0;
    l->count = 0;
    l->gain = 1;
    l->rel = 1;
    l->have = 0;
    if (!l->line[0] || !l->line[1] || !l->box || !l->dq_val || !l->dq_at) {
        ph_limiter_destroy(l);
        return -1;
    }
    for (uint32_t i = 0; i < l->look; i++) l->box[i] = 1.0f; /* the past needed no reduction */
    l->box_sum = l->look;
    return 0;
}

void ph_limiter_destroy(ph_limiter *l)
{
    ph_dsp_free(l->line[0]);
    ph_dsp_free(l->line[1]);
    ph_dsp_free(l->box);
    ph_dsp_free(l->dq_val);
    ph_dsp_free(l->dq_at);
    l->line[0] = l->line[1] = l->box = l->dq_val = NULL;
    l->dq_at = NULL;
}

void ph_limiter_process(ph_limiter *l, float *outL, float *outR, const float *inL, const float *inR,
                        const float *ceiling, const float *release, uint32_t n, uint64_t t0)
{
    const uint32_t L = l->look;
    for (uint32_t i = 0; i < n; i++) {
        if (ph_dsp_at_quantum(t0 + i) || !l->have) {
            l->rel = ph_dsp_one_pole(ph_dsp_par(release[i], 0.001f, 10.0f, 0.05f), l->rate);
            l->have = 1;
        }
        float xl = ph_dsp_sane(inL[i]), xr = inR ? ph_dsp_sane(inR[i]) : 0.0f;
        float c = ph_dsp_par(ceiling[i], 0.001f, 4.0f, 1.0f);
        float peak = ph_dsp_maxf(fabsf(xl), fabsf(xr));
        float g = peak > c ? c / peak : 1.0f;
        /* running minimum over the last L samples: a deque of increasing values, each
         * with its sample; the front is the minimum (O(1) per sample on average, at most L) */
        if (l->dq_len && l->dq_at[l->dq_head] + L <= l->count) { /* out of the window */
            l->dq_head = (l->dq_head + 1) % L;
            l->dq_len--;
        }
        while (l->dq_len && l->dq_val[(l->dq_head + l->dq_len - 1) % L] >= g) l->dq_len--;
        l->dq_val[(l->dq_head + l->dq_len) % L] = g;
        l->dq_at[(l->dq_head + l->dq_len) % L] = l->count;
        l->dq_len++;
        float m = l->dq_val[l->dq_head];
        /* the minimum's average over the last L samples: the gain ramps down over L samples */
        l->box_sum += (double)m - l->box[l->pos];
        l->box[l->pos] = m;
        float s = (float)(l->box_sum / L);
        l->gain = s < l->gain ? s : l->gain + (s - l->gain) * l->rel;
        /* the input L - 1 samples ago */
        uint32_t rd = l->pos + 1 == L ? 0 : l->pos + 1;
        l->line[0][l->pos] = xl;
        l->line[1][l->pos] = xr;
        outL[i] = ph_dsp_clampf(l->line[0][rd] * l->gain, -c, c);
        if (outR) outR[i] = ph_dsp_clampf(l->line[1][rd] * l->gain, -c, c);
        l->count++;
        if (++l->pos == L) { /* once around the ring: the sum afresh, so rounding never drifts */
            l->pos = 0;
            double sum = 0;
            for (uint32_t k = 0; k < L; k++) sum += l->box[k];
            l->box_sum = sum;
        }
    }
}

/* ---- expanders ----------------------------------------------------------------------------- */

void ph_expander_init(ph_expander *e, double sample_rate, bool upward)
{
    e->env = 0;
    e->att = e->rel = 1;
    e->thr = 0;
    e->ratio = 1;
    e->rate = (float)(sample_rate > 0 ? sample_rate : 48000);
    e->upward = upward;
    e->have = 0;
}

float ph_expander_gain_db(bool upward, float level_db, float threshold_db, float ratio)
{
    float k = ratio - 1.0f;
    if (upward) return ph_dsp_minf(ph_dsp_maxf(level_db - threshold_db, 0.0f) * k, 24.0f);
    return -ph_dsp_minf(ph_dsp_maxf(threshold_db - level_db, 0.0f) * k, 80.0f);
}

void ph_expander_process(ph_expander *e, float *out, const float *in, const float *key, const float *threshold_db,
                         const float *ratio, const float *attack, const float *release, uint32_t n, uint64_t t0)
{
    float env = e->env;
    for (uint32_t i = 0; i < n; i++) {
        if (ph_dsp_at_quantum(t0 + i) || !e->have) {
            e->thr = ph_dsp_par(threshold_db[i], -120.0f, 24.0f, 0.0f);
            e->ratio = ph_dsp_par(ratio[i], 1.0f, 10.0f, 1.0f);
            e->att = ph_dsp_one_pole(attack[i], e->rate);
            e->rel = ph_dsp_one_pole(release[i], e->rate);
            e->have = 1;
            env = ph_dsp_flush(env);
        }
        float x = ph_dsp_sane(in[i]);
        float a = fabsf(key ? ph_dsp_sane(key[i]) : x);
        env += (a - env) * (a > env ? e->att : e->rel);
        float db = ph_expander_gain_db(e->upward, 20.0f * log10f(env + 1e-12f), e->thr, e->ratio);
        out[i] = x * exp10f(db * 0.05f);
    }
    e->env = env;
}

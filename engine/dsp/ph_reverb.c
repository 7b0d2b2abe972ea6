/* Freeverb: tunings from the public-domain design, written afresh for blocks. */
#include "dsp/ph_reverb.h"

#include <stdlib.h>

#define NCOMB 8
#define NAP 4
#define SPREAD 23

static const int comb_tuning[NCOMB] = {1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617};
static const int ap_tuning[NAP] = {556, 441, 341, 225};

typedef struct comb {
    float *buf;
    uint32_t len, pos;
    float store; /* damping filter state */
} comb;

typedef struct allpass {
    float *buf;
    uint32_t len, pos;
} allpass;

typedef struct channel {
    comb c[NCOMB];
    allpass a[NAP];
} channel;

struct ph_reverb {
    channel ch[2];
    float feedback, damp1, damp2; /* sampled at control quanta */
    int have_params;
    float *memory;
};

static uint32_t scaled(int len44, double rate)
{
    double l = len44 * rate / 44100.0;
    return l < 1 ? 1 : (uint32_t)(l + 0.5);
}

ph_reverb *ph_reverb_create(double sample_rate)
{
    if (!(sample_rate > 0) || sample_rate > 1e6) return NULL;
    ph_reverb *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    size_t total = 0;
    for (int s = 0; s < 2; s++) {
        for (int i = 0; i < NCOMB; i++) total += scaled(comb_tuning[i] + s * SPREAD, sample_rate);
        for (int i = 0; i < NAP; i++) total += scaled(ap_tuning[i] + s * SPREAD, sample_rate);
    }
    r->memory = ph_dsp_alloc(total * sizeof(float));
    if (!r->memory) {
        free(r);
        return NULL;
    }
    float *p = r->memory;
    for (int s = 0; s < 2; s++) {
        channel *ch = &r->ch[s];
        for (int i = 0; i < NCOMB; i++) {
            ch->c[i].len = scaled(comb_tuning[i] + s * SPREAD, sample_rate);
            ch->c[i].buf = p;
            p += ch->c[i].len;
        }
        for (int i = 0; i < NAP; i++) {
            ch->a[i].len = scaled(ap_tuning[i] + s * SPREAD, sample_rate);
            ch->a[i].buf = p;
            p += ch->a[i].len;
        }
    }
    return r;
}

void ph_reverb_destroy(ph_reverb *r)
{
    if (!r) return;
    ph_dsp_free(r->memory);
    free(r);
}

void ph_reverb_clear(ph_reverb *r)
{
    for (int s = 0; s < 2; s++) {
        channel *ch = &r->ch[s];
        for (int i = 0; i < NCOMB; i++) {
            ph_dsp_zero(ch->c[i].buf, ch->c[i].len);
            ch->c[i].store = 0;
        }
        for (int i = 0; i < NAP; i++) ph_dsp_zero(ch->a[i].buf, ch->a[i].len);
    }
}

static inline float clamp01(const float *p, uint32_t i, float dflt)
{
    float v = p ? p[i] : dflt;
    return v == v ? ph_dsp_clampf(v, 0.0f, 1.0f) : dflt;
}

/* One channel over a span of up to a quantum with constant coefficients: each comb runs
 * over the span on its own (independent loops pipeline well), adding into acc in comb
 * order, then the all-passes in series. The input is sanitised and every loop gain is
 * below 1, so no NaN can arise inside; denormals in the decaying lines are left to the
 * render thread's FTZ/DAZ (core/ph_fp.h) rather than paying a test per write. */
static void channel_span(channel *ch, const float *g, float *acc, uint32_t n, float fb, float d1,
                         float d2)
{
    for (uint32_t i = 0; i < n; i++) acc[i] = 0.0f;
    for (int k = 0; k < NCOMB; k++) {
        comb *c = &ch->c[k];
        float store = c->store;
        uint32_t pos = c->pos;
        for (uint32_t i = 0; i < n; i++) {
            float y = c->buf[pos];
            store = y * d2 + store * d1;
            c->buf[pos] = g[i] + store * fb;
            if (++pos >= c->len) pos = 0;
            acc[i] += y;
        }
        c->store = store;
        c->pos = pos;
    }
    for (int k = 0; k < NAP; k++) {
        allpass *a = &ch->a[k];
        uint32_t pos = a->pos;
        for (uint32_t i = 0; i < n; i++) {
            float b = a->buf[pos];
            a->buf[pos] = acc[i] + b * 0.5f;
            if (++pos >= a->len) pos = 0;
            acc[i] = b - acc[i];
        }
        a->pos = pos;
    }
}

static void flush_states(ph_reverb *r)
{
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < NCOMB; i++) r->ch[s].c[i].store = ph_dsp_flush(r->ch[s].c[i].store);
}

void ph_reverb_process(ph_reverb *r, float *outL, float *outR, const float *in,
                       const float *room, const float *damp, const float *mix, uint32_t n,
                       uint64_t t0)
{
    const float input_gain = 0.015f, wet_gain = 3.0f;
    float x[PH_CONTROL_QUANTUM], g[PH_CONTROL_QUANTUM], wl[PH_CONTROL_QUANTUM],
        wr[PH_CONTROL_QUANTUM];
    uint32_t i = 0;
    while (i < n) {
        uint64_t t = t0 + i;
        if (ph_dsp_at_quantum(t) || !r->have_params) {
            r->feedback = 0.7f + 0.28f * clamp01(room, i, 0.5f);
            r->damp1 = 0.4f * clamp01(damp, i, 0.5f);
            r->damp2 = 1.0f - r->damp1;
            r->have_params = 1;
            flush_states(r);
        }
        uint32_t m = ph_dsp_run_length(t, n - i);
        for (uint32_t j = 0; j < m; j++) {
            x[j] = ph_dsp_sane(in[i + j]); /* read before writing: in may alias an output */
            g[j] = x[j] * input_gain;
        }
        channel_span(&r->ch[0], g, wl, m, r->feedback, r->damp1, r->damp2);
        if (outR) channel_span(&r->ch[1], g, wr, m, r->feedback, r->damp1, r->damp2);
        for (uint32_t j = 0; j < m; j++) {
            float mx = clamp01(mix, i + j, 0.3f);
            float dry = (1.0f - mx) * x[j];
            outL[i + j] = dry + mx * (wl[j] * wet_gain);
            if (outR) outR[i + j] = dry + mx * (wr[j] * wet_gain);
        }
        i += m;
    }
}

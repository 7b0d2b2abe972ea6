/* Modulation effects (see ph_mod.h). Everything is sample by sample except the phaser's
 * all-pass coefficient (a tanf), taken every control quantum at absolute indices. */
#include "dsp/ph_mod.h"

/* A parameter clamped to [lo, hi]; NaN gives `dflt` (a NaN never reaches a state). */
static inline double lfo_advance(ph_lfo *l, double ph, float hz)
{
    ph += (double)hz * l->inv_rate;
    return ph >= 1.0 ? ph - floor(ph) : ph;
}

void ph_lfo_init(ph_lfo *l, double sample_rate)
{
    l->phase = 0;
    l->inv_rate = (float)(1.0 / (sample_rate > 0 ? sample_rate : 48000));
}

void ph_tremolo_process(ph_lfo *l, float *out, const float *in, const float *rate, const float *depth,
                        uint32_t n, uint64_t t0)
{
    (void)t0;
    double ph = l->phase;
    for (uint32_t i = 0; i < n; i++) {
        float d = ph_dsp_par(depth[i], 0.0f, 1.0f, 0.0f);
        float s = ph_dsp_sin2pi((float)ph);
        out[i] = ph_dsp_sane(in[i]) * (1.0f - 0.5f * d + 0.5f * d * s);
        ph = lfo_advance(l, ph, ph_dsp_par(rate[i], 0.0f, 40.0f, 0.0f));
    }
    l->phase = ph;
}

void ph_ring_process(ph_lfo *l, float *out, const float *in, const float *freq, uint32_t n, uint64_t t0)
{
    (void)t0;
    double ph = l->phase;
    float nyq = 0.5f / l->inv_rate;
    for (uint32_t i = 0; i < n; i++) {
        out[i] = ph_dsp_sane(in[i]) * ph_dsp_sin2pi((float)ph);
        ph = lfo_advance(l, ph, ph_dsp_par(freq[i], 0.0f, nyq, 0.0f));
    }
    l->phase = ph;
}

/* ---- vibrato --------------------------------------------------------------------------- */

int ph_vibrato_create(ph_vibrato *v, double sample_rate)
{
    ph_lfo_init(&v->lfo, sample_rate);
    return ph_delay_create(&v->line, sample_rate, 0.05);
}

void ph_vibrato_destroy(ph_vibrato *v) { ph_delay_destroy(&v->line); }

void ph_vibrato_process(ph_vibrato *v, float *out, const float *in, const float *rate, const float *depth,
                        uint32_t n, uint64_t t0)
{
    (void)t0;
    const float sr = v->line.rate;
    double ph = v->lfo.phase;
    for (uint32_t i = 0; i < n; i++) {
        float r = ph_dsp_par(rate[i], 0.01f, 20.0f, 5.0f);
        float d = ph_dsp_par(depth[i], 0.0f, 12.0f, 0.0f);
        /* the delay's slope is A * 2 pi r * cos: the read speed, and so the pitch, swings by
         * that ratio; choose A for depth semitones (capped at 20 ms for slow rates) */
        float a = (exp2f(d * (1.0f / 12.0f)) - 1.0f) / (float)(PH_TWO_PI * r);
        a = ph_dsp_minf(a, 0.02f) * sr;
        ph_delay_write(&v->line, ph_dsp_flush(ph_dsp_sane(in[i])));
        out[i] = ph_delay_read(&v->line, 2.0f + a * (1.0f + ph_dsp_sin2pi((float)ph)));
        ph = lfo_advance(&v->lfo, ph, r);
    }
    v->lfo.phase = ph;
}

/* ---- flanger ---------------------------------------------------------------------------- */

int ph_flanger_create(ph_flanger *f, double sample_rate)
{
    ph_lfo_init(&f->lfo, sample_rate);
    f->wet = 0;
    return ph_delay_create(&f->line, sample_rate, 0.02);
}

void ph_flanger_destroy(ph_flanger *f) { ph_delay_destroy(&f->line); }

void ph_flanger_process(ph_flanger *f, float *out, const float *in, const float *depth, const float *rate,
                        const float *feedback, uint32_t n, uint64_t t0)
{
    (void)t0;
    const float ms = f->line.rate * 0.001f;
    double ph = f->lfo.phase;
    float wet = f->wet;
    for (uint32_t i = 0; i < n; i++) {
        float x = ph_dsp_sane(in[i]);
        float d = ph_dsp_par(depth[i], 0.0f, 1.0f, 0.0f);
        float fb = ph_dsp_par(feedback[i], -0.95f, 0.95f, 0.0f);
        wet = ph_delay_read(&f->line, (3.0f + 2.0f * d * ph_dsp_sin2pi((float)ph)) * ms);
        ph_delay_write(&f->line, ph_dsp_flush(x + fb * wet));
        out[i] = x * (1.0f - 0.5f * d) + wet * 0.5f * d;
        ph = lfo_advance(&f->lfo, ph, ph_dsp_par(rate[i], 0.0f, 10.0f, 0.0f));
    }
    f->wet = wet;
    f->lfo.phase = ph;
}

/* ---- phaser ------------------------------------------------------------------------------ */

void ph_phaser_init(ph_phaser *p, double sample_rate, int stages)
{
    ph_lfo_init(&p->lfo, sample_rate);
    p->stages = stages < 2 ? 2 : stages > PH_PHASER_MAX_STAGES ? PH_PHASER_MAX_STAGES : stages;
    for (int k = 0; k < PH_PHASER_MAX_STAGES; k++) p->x1[k] = p->y1[k] = 0;
    p->a = 0;
    p->last = 0;
    p->pi_over_rate = (float)(PH_PI * p->lfo.inv_rate);
    p->have_coeff = 0;
}

float ph_phaser_freq(float depth, double phase)
{
    float lfo01 = 0.5f + 0.5f * ph_dsp_sin2pi((float)phase);
    return 200.0f * exp10f(ph_dsp_par(depth, 0.0f, 1.0f, 0.0f) * lfo01);
}

void ph_phaser_process(ph_phaser *p, float *out, const float *in, const float *rate, const float *depth,
                       const float *feedback, uint32_t n, uint64_t t0)
{
    double ph = p->lfo.phase;
    for (uint32_t i = 0; i < n; i++) {
        if (ph_dsp_at_quantum(t0 + i) || !p->have_coeff) {
            float hz = ph_phaser_freq(depth[i], ph);
            float t = tanf(p->pi_over_rate * ph_dsp_minf(hz, 0.45f / p->lfo.inv_rate));
            p->a = (t - 1.0f) / (t + 1.0f);
            p->have_coeff = 1;
            for (int k = 0; k < p->stages; k++) {
                p->x1[k] = ph_dsp_flush(p->x1[k]);
                p->y1[k] = ph_dsp_flush(p->y1[k]);
            }
            p->last = ph_dsp_flush(p->last);
        }
        float x = ph_dsp_sane(in[i]);
        float v = x + ph_dsp_par(feedback[i], 0.0f, 0.95f, 0.0f) * p->last;
        for (int k = 0; k < p->stages; k++) { /* first-order all-pass: y = a v + v[-1] - a y[-1] */
            float y = p->a * (v - p->y1[k]) + p->x1[k];
            p->x1[k] = v;
            p->y1[k] = y;
            v = y;
        }
        p->last = v;
        out[i] = 0.5f * (x + v);
        ph = lfo_advance(&p->lfo, ph, ph_dsp_par(rate[i], 0.0f, 10.0f, 0.0f));
    }
    p->lfo.phase = ph;
}

/* ---- width ---------------------------------------------------------------------------------- */

void ph_width_init(ph_width *w, double sample_rate)
{
    /* four all-passes spread over the spectrum turn a mono signal into one that is
     * uncorrelated enough to serve as a side signal, without comb filtering */
    static const float hz[4] = {180.0f, 650.0f, 2300.0f, 7200.0f};
    double sr = sample_rate > 0 ? sample_rate : 48000;
    for (int k = 0; k < 4; k++) {
        float t = tanf((float)(PH_PI * hz[k] / sr));
        w->a[k] = (t - 1.0f) / (t + 1.0f);
        w->x1[k] = w->y1[k] = 0;
    }
}

void ph_width_process(ph_width *w, float *outL, float *outR, const float *inL, const float *inR, const float *amount,
                      uint32_t n, uint64_t t0)
{
    for (uint32_t i = 0; i < n; i++) {
        float a = ph_dsp_par(amount[i], 0.0f, 4.0f, 1.0f);
        float l = ph_dsp_sane(inL[i]);
        if (inR) {
            float r = ph_dsp_sane(inR[i]);
            float m = 0.5f * (l + r), s = 0.5f * (l - r) * a;
            outL[i] = m + s;
            outR[i] = m - s;
            continue;
        }
        if (ph_dsp_at_quantum(t0 + i))
            for (int k = 0; k < 4; k++) {
                w->x1[k] = ph_dsp_flush(w->x1[k]);
                w->y1[k] = ph_dsp_flush(w->y1[k]);
            }
        float v = l;
        for (int k = 0; k < 4; k++) {
            float y = w->a[k] * (v - w->y1[k]) + w->x1[k];
            w->x1[k] = v;
            w->y1[k] = y;
            v = y;
        }
        float s = v * 0.5f * ph_dsp_clampf(a - 1.0f, 0.0f, 3.0f);
        outL[i] = l + s;
        outR[i] = l - s;
    }
}

/* ---- coarse ----------------------------------------------------------------------------------- */

void ph_coarse_init(ph_coarse *c)
{
    c->held = 0;
    c->phase = 1.0f; /* take the very first sample */
}

void ph_coarse_process(ph_coarse *c, float *out, const float *in, const float *factor, uint32_t n, uint64_t t0)
{
    (void)t0;
    for (uint32_t i = 0; i < n; i++) {
        if (c->phase >= 1.0f) {
            c->phase -= 1.0f;
            c->held = ph_dsp_sane(in[i]);
        }
        c->phase += 1.0f / ph_dsp_par(factor[i], 1.0f, 256.0f, 1.0f);
        out[i] = c->held;
    }
}

/* ---- pitch shift ------------------------------------------------------------------------------ */

int ph_pitch_create(ph_pitch *p, double sample_rate, double window_seconds)
{
    double sr = sample_rate > 0 ? sample_rate : 48000;
    if (!(window_seconds >= 0.005 && window_seconds <= 0.5)) window_seconds = 0.05;
    p->phase = 0;
    p->window = (float)(window_seconds * sr);
    return ph_delay_create(&p->line, sr, window_seconds + 0.01);
}

void ph_pitch_destroy(ph_pitch *p) { ph_delay_destroy(&p->line); }

void ph_pitch_process(ph_pitch *p, float *out, const float *in, const float *semitones, uint32_t n, uint64_t t0)
{
    (void)t0;
    double ph = p->phase;
    const float w = p->window;
    for (uint32_t i = 0; i < n; i++) {
        ph_delay_write(&p->line, ph_dsp_flush(ph_dsp_sane(in[i])));
        float ratio = exp2f(ph_dsp_par(semitones[i], -48.0f, 48.0f, 0.0f) * (1.0f / 12.0f));
        /* the delay grows by (1 - ratio) a sample: read at `ratio` times the speed */
        ph += (double)((1.0f - ratio) / w);
        ph -= floor(ph);
        double ph2 = ph + 0.5 >= 1.0 ? ph - 0.5 : ph + 0.5;
        /* Hann fades, zero where a tap jumps (phase 0 = 1); the two sum to 1 */
        float s1 = ph_dsp_sin2pi((float)(0.5 * ph)), s2 = ph_dsp_sin2pi((float)(0.5 * ph2));
        out[i] = s1 * s1 * ph_delay_read(&p->line, 2.0f + (float)ph * w) +
                 s2 * s2 * ph_delay_read(&p->line, 2.0f + (float)ph2 * w);
    }
    p->phase = ph;
}

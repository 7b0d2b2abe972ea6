/* Ping-pong, tape and multi-tap delays (see ph_echo.h). Lines are read before the current
 * sample is written, so a delay of d samples returns the input of d samples ago. */
#include "dsp/ph_echo.h"

/* ---- ping-pong -------------------------------------------------------------------------- */

int ph_pingpong_create(ph_pingpong *p, double sample_rate)
{
    p->line[1].buf = NULL;
    if (ph_delay_create(&p->line[0], sample_rate, 2.01) != 0) return -1;
    if (ph_delay_create(&p->line[1], sample_rate, 2.01) != 0) {
        ph_delay_destroy(&p->line[0]);
        return -1;
    }
    return 0;
}

void ph_pingpong_destroy(ph_pingpong *p)
{
    ph_delay_destroy(&p->line[0]);
    ph_delay_destroy(&p->line[1]);
}

void ph_pingpong_process(ph_pingpong *p, float *outL, float *outR, const float *inL, const float *inR,
                         const float *time, const float *feedback, const float *width, const float *channel,
                         const float *mix, uint32_t n, uint64_t t0)
{
    (void)t0;
    const float sr = p->line[0].rate;
    for (uint32_t i = 0; i < n; i++) {
        float l = ph_dsp_sane(inL[i]), r = inR ? ph_dsp_sane(inR[i]) : l;
        float x = 0.5f * (l + r);
        float d = ph_dsp_par(time[i], 0.001f, 2.0f, 0.25f) * sr;
        float yl = ph_delay_read(&p->line[0], d), yr = ph_delay_read(&p->line[1], d);
        float fb = ph_dsp_par(feedback[i], 0.0f, 0.95f, 0.0f);
        int right = channel[i] > 0.5f;
        ph_delay_write(&p->line[0], ph_dsp_flush((right ? 0.0f : x) + fb * yr));
        ph_delay_write(&p->line[1], ph_dsp_flush((right ? x : 0.0f) + fb * yl));
        float w = ph_dsp_par(width[i], 0.0f, 1.0f, 0.8f), near = 0.5f + 0.5f * w, far = 0.5f - 0.5f * w;
        float m = ph_dsp_par(mix[i], 0.0f, 1.0f, 0.7f);
        outL[i] = l * (1.0f - m) + (near * yl + far * yr) * m;
        outR[i] = r * (1.0f - m) + (near * yr + far * yl) * m;
    }
}

/* ---- anti-aliased tanh ----------------------------------------------------------------------- */

/* log cosh x without overflow: |x| + log(1 + e^-2|x|) - log 2 */
static inline double log_cosh(double x)
{
    double a = fabs(x);
    return a + log1p(exp(-2.0 * a)) - 0.69314718055994530942;
}

void ph_adaa_tanh_init(ph_adaa *s)
{
    s->x1 = 0;
    s->f1 = 0;
}

float ph_adaa_tanh(ph_adaa *s, float x)
{
    double f = log_cosh(x), dx = (double)x - s->x1;
    float y = fabs(dx) > 1e-4 ? (float)((f - s->f1) / dx) : tanhf(0.5f * (x + s->x1));
    s->x1 = x;
    s->f1 = f;
    return y;
}

/* ---- tape ---------------------------------------------------------------------------------- */

int ph_tapedelay_create(ph_tapedelay *t, double sample_rate)
{
    t->wow = t->flutter = 0;
    t->lp = 0;
    ph_adaa_tanh_init(&t->sat);
    t->inv_rate = (float)(1.0 / (sample_rate > 0 ? sample_rate : 48000));
    return ph_delay_create(&t->line, sample_rate, 2.01);
}

void ph_tapedelay_destroy(ph_tapedelay *t) { ph_delay_destroy(&t->line); }

void ph_tapedelay_process(ph_tapedelay *t, float *out, const float *in, const float *const p[8], uint32_t n,
                          uint64_t t0)
{
    const float sr = t->line.rate;
    for (uint32_t i = 0; i < n; i++) {
        if (ph_dsp_at_quantum(t0 + i)) t->lp = ph_dsp_flush(t->lp);
        float x = ph_dsp_sane(in[i]);
        float time = ph_dsp_par(p[0][i], 0.001f, 2.0f, 0.25f);
        float fb = ph_dsp_par(p[1][i], 0.0f, 0.95f, 0.0f);
        float wd = ph_dsp_par(p[3][i], 0.0f, 1.0f, 0.0f), fd = ph_dsp_par(p[5][i], 0.0f, 1.0f, 0.0f);
        float sat = ph_dsp_par(p[6][i], 0.0f, 1.0f, 0.0f), mix = ph_dsp_par(p[7][i], 0.0f, 1.0f, 0.5f);
        /* wow: +- depth ms, flutter: +- depth / 10 ms around the set time */
        float secs = time + 0.001f * wd * ph_dsp_sin2pi((float)t->wow) +
                     0.0001f * fd * ph_dsp_sin2pi((float)t->flutter);
        float y = ph_delay_read(&t->line, secs * sr);
        float drive = 1.0f + 3.0f * sat, k = ph_dsp_minf(sat * 100.0f, 1.0f);
        float shaped = ph_adaa_tanh(&t->sat, y * drive) / drive;
        y += (shaped - y) * k; /* below saturation 0.01 the echo fades to clean, as the seed bypasses it */
        /* the tape head: a one-pole low-pass, darker with saturation */
        float fc = 5000.0f * (1.0f - 0.5f * sat);
        t->lp += (y - t->lp) * (1.0f - expf(-(float)PH_TWO_PI * fc * t->inv_rate));
        ph_delay_write(&t->line, ph_dsp_flush(x + fb * t->lp));
        out[i] = x * (1.0f - mix) + t->lp * mix;
        t->wow += ph_dsp_par(p[2][i], 0.1f, 2.0f, 0.5f) * t->inv_rate;
        t->flutter += ph_dsp_par(p[4][i], 5.0f, 10.0f, 6.0f) * t->inv_rate;
        t->wow -= floor(t->wow);
        t->flutter -= floor(t->flutter);
    }
}

/* ---- multi-tap ------------------------------------------------------------------------------- */

int ph_multitap_create(ph_multitap *m, double sample_rate, int taps)
{
    m->taps = taps < 2 ? 2 : taps > PH_MULTITAP_MAX ? PH_MULTITAP_MAX : taps;
    return ph_delay_create(&m->line, sample_rate, m->taps * 1.0 + 0.01);
}

void ph_multitap_destroy(ph_multitap *m) { ph_delay_destroy(&m->line); }

void ph_multitap_process(ph_multitap *m, float *out, const float *in, const float *time, const float *feedback,
                         const float *mix, uint32_t n, uint64_t t0)
{
    (void)t0;
    const float sr = m->line.rate, inv_taps = 1.0f / (float)m->taps;
    for (uint32_t i = 0; i < n; i++) {
        float x = ph_dsp_sane(in[i]);
        float d = ph_dsp_par(time[i], 0.001f, 1.0f, 0.25f) * sr, sum = 0.0f;
        for (int k = 1; k <= m->taps; k++) sum += ph_delay_read(&m->line, d * (float)k) / (float)k;
        sum *= inv_taps;
        ph_delay_write(&m->line, ph_dsp_flush(x + ph_dsp_par(feedback[i], 0.0f, 0.95f, 0.5f) * sum));
        float mx = ph_dsp_par(mix[i], 0.0f, 1.0f, 0.6f);
        out[i] = x * (1.0f - mx) + sum * mx;
    }
}

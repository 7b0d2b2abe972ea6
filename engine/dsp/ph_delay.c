/* Power-of-two ring buffer with Hermite-interpolated reads. */
#include "dsp/ph_delay.h"

#include <stdbool.h>
#include <string.h>

#define PH_DELAY_FAST_MAX 512 /* longest block of the fast path (its scratch) */

int ph_delay_create(ph_delay *d, double sample_rate, double max_seconds)
{
    d->buf = NULL;
    if (!(sample_rate > 0) || !(max_seconds > 0) || max_seconds > 60 || !isfinite(sample_rate))
        return -1;
    double need = max_seconds * sample_rate + 4;
    uint32_t size = 16;
    while (size < need) size <<= 1;
    d->buf = ph_dsp_alloc(sizeof(float) * size);
    if (!d->buf) return -1;
    d->mask = size - 1;
    d->w = 0;
    d->linear = false;
    d->rate = (float)sample_rate;
    d->max_samples = (float)(max_seconds * sample_rate);
    if (d->max_samples > (float)(size - 4)) d->max_samples = (float)(size - 4);
    return 0;
}

void ph_delay_destroy(ph_delay *d)
{
    ph_dsp_free(d->buf);
    d->buf = NULL;
}

void ph_delay_clear(ph_delay *d)
{
    ph_dsp_zero(d->buf, d->mask + 1);
}

float ph_delay_read(const ph_delay *d, float samples)
{
    float s = ph_dsp_clampf(samples == samples ? samples : 2.0f, 2.0f, d->max_samples);
    uint32_t D = (uint32_t)s;
    float f = s - (float)D;
    const float *b = d->buf;
    uint32_t m = d->mask, i0 = (d->w - D) & m;
    /* x0 is D samples back; xm1 is one newer, x1 and x2 older */
    if (d->linear) return ph_delay_linear(b[i0], b[(i0 - 1) & m], f);
    return ph_delay_hermite(b[(i0 + 1) & m], b[i0], b[(i0 - 1) & m], b[(i0 - 2) & m], f);
}

bool ph_delay_steady_for(const ph_delay *d, float time, float feedback, float mix, uint32_t max_n,
                         ph_delay_steady *out)
{
    float s = time * d->rate;
    s = ph_dsp_clampf(s == s ? s : 2.0f, 2.0f, d->max_samples);
    out->D = (uint32_t)s;
    out->f = s - (float)out->D;
    out->fb = feedback == feedback ? ph_dsp_clampf(feedback, -0.995f, 0.995f) : 0.0f;
    out->mx = mix == mix ? ph_dsp_clampf(mix, 0.0f, 1.0f) : 0.5f;
    out->linear = d->linear;
    out->whole = out->f == 0.0f;
    /* a read would see this block's writes */
    return out->D >= max_n + 2 && out->D + max_n + 3 <= d->mask + 1;
}

/* Whether buf[0..n) holds one value (NULL counts as steady). */
static bool steady(const float *buf, uint32_t n) { return !buf || ph_dsp_steady(buf, n); }

/* The fast path: time, feedback and mix steady over the block, the line at least a block
 * long and the block's reads not wrapping around the ring. Then no read sees a sample
 * written in this block, so the reads, the outputs and the writes are three straight loops
 * that the compiler vectorises, each computing per sample exactly what the general loop
 * does (same clamps, same Hermite expression): the same bits. False when it does not apply. */
static bool process_steady(ph_delay *d, float *out, const float *in, const float *time,
                           const float *feedback, const float *mix, uint32_t n)
{
    if (!n || !steady(time, n) || !steady(feedback, n) || !steady(mix, n)) return false;
    ph_delay_steady st;
    if (!ph_delay_steady_for(d, time[0], feedback ? feedback[0] : 0.0f, mix ? mix[0] : 0.5f, n, &st)) return false;
    uint32_t D = st.D, m = d->mask;
    const float f = st.f, fb = st.fb, mx = st.mx;
    uint32_t first = (d->w - D - 2) & m; /* oldest sample read (x2 of the block's first) */
    if (first + n + 3 > m + 1) return false; /* wraps: the general loop */
    const float *b = d->buf + first + 2;     /* b[i] is x0 of sample i */
    float y[PH_DELAY_FAST_MAX];
    if (st.whole) /* ph_delay_read at a whole number of samples: x0 itself */
        memcpy(y, b, n * sizeof *y);
    else if (st.linear)
        for (uint32_t i = 0; i < n; i++) y[i] = ph_delay_linear(b[i], (b + i)[-1], f); /* ph_delay_read */
    else
        for (uint32_t i = 0; i < n; i++) { /* ph_delay_read */
            const float *q = b + i;
            y[i] = ph_delay_hermite(q[1], q[0], q[-1], q[-2], f);
        }
    uint32_t w = d->w;
    float *wr = d->buf + w;
    uint32_t run = m + 1 - w < n ? m + 1 - w : n; /* the writes may wrap: two runs */
    for (uint32_t i = 0; i < run; i++) wr[i] = ph_dsp_flush(ph_dsp_sane(in[i]) + fb * y[i]);
    for (uint32_t i = run; i < n; i++) d->buf[i - run] = ph_dsp_flush(ph_dsp_sane(in[i]) + fb * y[i]);
    for (uint32_t i = 0; i < n; i++) out[i] = ph_dsp_sane(in[i]) + mx * y[i];
    d->w = (w + n) & m;
    return true;
}

void ph_delay_process(ph_delay *d, float *out, const float *in, const float *time,
                      const float *feedback, const float *mix, uint32_t n, uint64_t t0)
{
    (void)t0; /* everything is per sample; nothing at control rate */
    if (n <= PH_DELAY_FAST_MAX && process_steady(d, out, in, time, feedback, mix, n)) return;
    for (uint32_t i = 0; i < n; i++) {
        float x = ph_dsp_sane(in[i]);
        float y = ph_delay_read(d, time[i] * d->rate);
        float fb = feedback ? feedback[i] : 0.0f;
        fb = fb == fb ? ph_dsp_clampf(fb, -0.995f, 0.995f) : 0.0f;
        float m = mix ? mix[i] : 0.5f;
        m = m == m ? ph_dsp_clampf(m, 0.0f, 1.0f) : 0.5f;
        ph_delay_write(d, ph_dsp_flush(x + fb * y));
        out[i] = x + m * y;
    }
}

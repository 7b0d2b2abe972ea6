/* Power-of-two ring buffer with Hermite-interpolated reads. */
#include "dsp/ph_delay.h"

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
    float xm1 = b[(i0 + 1) & m], x0 = b[i0], x1 = b[(i0 - 1) & m], x2 = b[(i0 - 2) & m];
    float c1 = 0.5f * (x1 - xm1);
    float c2 = xm1 - 2.5f * x0 + 2.0f * x1 - 0.5f * x2;
    float c3 = 0.5f * (x2 - xm1) + 1.5f * (x0 - x1);
    return ((c3 * f + c2) * f + c1) * f + x0;
}

void ph_delay_process(ph_delay *d, float *out, const float *in, const float *time,
                      const float *feedback, const float *mix, uint32_t n, uint64_t t0)
{
    (void)t0; /* everything is per sample; nothing at control rate */
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

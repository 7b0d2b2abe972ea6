/* Helpers for the DSP tests: spectra by Goertzel, levels in dB, buffers. */
#ifndef TEST_DSP_UTIL_H
#define TEST_DSP_UTIL_H

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#define TD_RATE 48000.0

/* Amplitude of the component at `hz` in x[0..n) (Goertzel; exact for integer periods). */
static inline double td_amp(const float *x, uint32_t n, double hz, double rate)
{
    double w = 2.0 * M_PI * hz / rate, c = 2.0 * cos(w);
    double s1 = 0, s2 = 0;
    for (uint32_t i = 0; i < n; i++) {
        double s0 = x[i] + c * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    double re = s1 - s2 * cos(w), im = s2 * sin(w);
    return 2.0 * sqrt(re * re + im * im) / n;
}

static inline double td_rms(const float *x, uint32_t n)
{
    double s = 0;
    for (uint32_t i = 0; i < n; i++) s += (double)x[i] * x[i];
    return n ? sqrt(s / n) : 0;
}

static inline double td_peak(const float *x, uint32_t n)
{
    double p = 0;
    for (uint32_t i = 0; i < n; i++) p = fabs(x[i]) > p ? fabs(x[i]) : p;
    return p;
}

static inline int td_finite(const float *x, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (!isfinite(x[i])) return 0;
    return 1;
}

static inline double td_db(double ratio) { return 20.0 * log10(ratio > 1e-30 ? ratio : 1e-30); }

static inline float *td_buf(uint32_t n, float v)
{
    float *b = malloc(sizeof(float) * (n ? n : 1));
    for (uint32_t i = 0; i < n; i++) b[i] = v;
    return b;
}

static inline void td_sine(float *x, uint32_t n, double hz, double rate, double amp)
{
    for (uint32_t i = 0; i < n; i++) x[i] = (float)(amp * sin(2.0 * M_PI * hz * i / rate));
}

#endif

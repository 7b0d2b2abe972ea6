/* Block helpers and aligned allocation shared by all kernels. */
#include "dsp/ph_dsp.h"

#include <stdlib.h>
#include <string.h>


void ph_dsp_fill(float *out, float value, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) out[i] = value;
}

void ph_dsp_copy(float *out, const float *in, uint32_t n)
{
    if (out != in) memmove(out, in, (size_t)n * sizeof *out);
}

void ph_dsp_zero(float *out, uint32_t n) { memset(out, 0, (size_t)n * sizeof *out); }

void ph_dsp_mix_in(float *out, const float *in, const float *gain, uint32_t n)
{
    if (!gain) {
        for (uint32_t i = 0; i < n; i++) out[i] += in[i];
        return;
    }
    for (uint32_t i = 0; i < n; i++) out[i] += in[i] * gain[i];
}

uint32_t ph_dsp_sanitize(float *buf, uint32_t n)
{
    uint32_t bad = 0;
    for (uint32_t i = 0; i < n; i++) {
        float x = buf[i];
        int ok = fabsf(x) <= 1e6f;
        bad += (uint32_t)!ok;
        buf[i] = ok ? x : 0.0f;
    }
    return bad;
}

void *ph_dsp_alloc(size_t bytes)
{
    size_t rounded = (bytes + PH_DSP_ALIGN - 1) / PH_DSP_ALIGN * PH_DSP_ALIGN;
    if (rounded == 0) rounded = PH_DSP_ALIGN;
    void *p = aligned_alloc(PH_DSP_ALIGN, rounded);
    if (p) memset(p, 0, rounded);
    return p;
}

void ph_dsp_free(void *p) { free(p); }

/* Lane kernels: the instruction set chosen at run time, the scalar reference path, and the
 * cases the vector code leaves to the scalar kernels (see ph_lanes.h). */
#include "dsp/ph_lanes.h"

#include <stdatomic.h>
#include <string.h>

/* -1 until the first call; every thread works out the same value, so a race is harmless. */
static _Atomic int lanes_isa = -1;

static ph_lanes_isa best_isa(void)
{
#if (defined(__x86_64__) || defined(__i386__)) && defined(PH_LANES_HAVE_AVX2)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2")) return PH_LANES_AVX2;
#endif
    return PH_LANES_SSE2;
}

ph_lanes_isa ph_lanes_isa_current(void)
{
    int v = atomic_load_explicit(&lanes_isa, memory_order_relaxed);
    if (v < 0) {
        v = (int)best_isa();
        atomic_store_explicit(&lanes_isa, v, memory_order_relaxed);
    }
    return (ph_lanes_isa)v;
}

bool ph_lanes_isa_force(ph_lanes_isa isa)
{
    if (isa == PH_LANES_AVX2 && best_isa() != PH_LANES_AVX2) return false;
    atomic_store_explicit(&lanes_isa, (int)isa, memory_order_relaxed);
    return true;
}

const char *ph_lanes_isa_name(ph_lanes_isa isa)
{
    return isa == PH_LANES_AVX2 ? "avx2" : isa == PH_LANES_SSE2 ? "sse2" : "scalar";
}

static const ph_lanes_kernels *kernels(void)
{
    switch (ph_lanes_isa_current()) {
#if defined(PH_LANES_HAVE_AVX2)
    case PH_LANES_AVX2: return &ph_lanes_kernels_avx2;
#endif
    case PH_LANES_SSE2: return &ph_lanes_kernels_sse2;
    default: return NULL;
    }
}

void ph_svf_lanes(ph_svf *const *f, uint32_t m, float *const *out, const float *const *in,
                  const float *const *cutoff, const float *const *res, uint32_t n, uint64_t t0)
{
    const ph_lanes_kernels *k = kernels();
    for (uint32_t a = 0; a < m; a += PH_LANES_MAX) {
        uint32_t c = m - a < PH_LANES_MAX ? m - a : PH_LANES_MAX;
        if (k && n <= PH_LANES_MAX_N)
            k->svf(f + a, c, out + a, in + a, cutoff + a, res ? res + a : NULL, n, t0);
        else
            for (uint32_t l = a; l < a + c; l++)
                ph_svf_process(f[l], out[l], in[l], cutoff[l], res ? res[l] : NULL, n, t0);
    }
}

static void osc_scalar(int shape, ph_osc *o, float *out, const float *freq, uint32_t n, uint64_t t0)
{
    if (shape == PH_LANES_OSC_SAW) ph_osc_saw(o, out, freq, n, t0);
    else if (shape == PH_LANES_OSC_SINE) ph_osc_sine(o, out, freq, n, t0);
    else ph_osc_tri(o, out, freq, n, t0);
}


static void osc_lanes(int shape, ph_osc *const *o, uint32_t m, float *const *out, const float *const *freq,
                      uint32_t n, uint64_t t0)
{
    const ph_lanes_kernels *k = kernels();
    if (k && !k->osc) k = NULL; /* this ISA has no oscillator lanes */
    ph_osc *vo[PH_LANES_MAX];
    float *vout[PH_LANES_MAX];
    const float *vf[PH_LANES_MAX];
    uint32_t c = 0;
    for (uint32_t l = 0; l < m; l++) {
        if (!k || !n || n > PH_LANES_MAX_N || !ph_dsp_steady(freq[l], n)) {
            /* the vector loop keeps a lane's phase step for the whole block: a lane whose
             * frequency moves (its bits differ) is rendered by the scalar kernel, exact either way */
            osc_scalar(shape, o[l], out[l], freq[l], n, t0);
            continue;
        }
        vo[c] = o[l], vout[c] = out[l], vf[c] = freq[l];
        if (++c == PH_LANES_MAX) k->osc(shape, vo, c, vout, vf, n, t0), c = 0;
    }
    if (c == 1) osc_scalar(shape, vo[0], vout[0], vf[0], n, t0);
    else if (c) k->osc(shape, vo, c, vout, vf, n, t0);
}

void ph_osc_saw_lanes(ph_osc *const *o, uint32_t m, float *const *out, const float *const *freq, uint32_t n,
                      uint64_t t0)
{
    osc_lanes(PH_LANES_OSC_SAW, o, m, out, freq, n, t0);
}
void ph_osc_sine_lanes(ph_osc *const *o, uint32_t m, float *const *out, const float *const *freq, uint32_t n,
                       uint64_t t0)
{
    osc_lanes(PH_LANES_OSC_SINE, o, m, out, freq, n, t0);
}
void ph_osc_tri_lanes(ph_osc *const *o, uint32_t m, float *const *out, const float *const *freq, uint32_t n,
                      uint64_t t0)
{
    osc_lanes(PH_LANES_OSC_TRI, o, m, out, freq, n, t0);
}

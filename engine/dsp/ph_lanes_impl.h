/* The lane kernels' one source (dsp/ph_lanes.h), included by ph_lanes_sse2.c and
 * ph_lanes_avx2.c, each compiled for its instruction set; PH_LANES_TABLE names the table
 * of kernels the includer defines. Written with GCC/Clang vector extensions
 * (dsp/ph_lanes_vec.h): 8 floats per vector, which the baseline build runs as two SSE2
 * registers and the AVX2 build as one. Every operation is the scalar kernel's, in the same
 * order (see ph_lanes.h): that is what the tests check, bit for bit. Internal to
 * engine/dsp. */
#include "dsp/ph_lanes_vec.h"

/* ---- state-variable filter ----------------------------------------------------------- */

static inline __attribute__((always_inline)) void svf_run(ph_svf *const *f, uint32_t m, float *const *out,
                                                          const float *const *in, const float *const *cut,
                                                          const float *const *res, uint32_t n, uint64_t t0,
                                                          const uint32_t NV)
{
    const uint32_t S = 8 * NV;
    _Alignas(32) float x[PH_LANES_MAX_N * PH_LANES_MAX];
    const float *ip[PH_LANES_MAX];
    for (uint32_t l = 0; l < S; l++) ip[l] = l < m ? in[l] : lanes_zeros;
    to_lanes(x, ip, n, S);
    const ph_svf_mode mode = f[0]->mode;
    svf_vec s;
    svf_vec_begin(&s, f, m, NV);
    uint32_t i = 0;
    while (i < n) {
        uint64_t t = t0 + i;
        svf_vec_quantum(&s, f, m, cut, res, i, t, NV);
        uint32_t end = i + ph_dsp_run_length(t, n - i);
        svf_vec_rows(&s, mode, x + i * S, x + i * S, end - i, false, NV);
        i = end;
    }
    svf_vec_end(&s, f, m, NV);
    from_lanes(out, x, n, m, S);
}

static void svf_lanes(ph_svf *const *f, uint32_t m, float *const *out, const float *const *in,
                      const float *const *cut, const float *const *res, uint32_t n, uint64_t t0)
{
    if (m <= 8) svf_run(f, m, out, in, cut, res, n, t0, 1);
    else svf_run(f, m, out, in, cut, res, n, t0, 2);
}

/* ---- oscillators --------------------------------------------------------------------- */

static inline __attribute__((always_inline)) void osc_run(int shape, ph_osc *const *o, uint32_t m,
                                                          float *const *out, const float *const *freq,
                                                          uint32_t n, const uint32_t NV)
{
    const uint32_t S = 8 * NV;
    _Alignas(32) float y[PH_LANES_MAX_N * PH_LANES_MAX];
    osc_vec s;
    osc_vec_begin(&s, o, m, freq, 0, NV);
    v8u P[LANES_V];
    for (uint32_t v = 0; v < NV; v++) P[v] = s.P[v];
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t v = 0; v < NV; v++) {
            store8(y + i * S + 8 * v, vosc_val(shape, P[v], &s, v));
            P[v] += s.INC[v];
        }
    for (uint32_t v = 0; v < NV; v++) s.P[v] = P[v];
    osc_vec_end(&s, o, m, 0, NV);
    from_lanes(out, y, n, m, S);
    if (shape == PH_LANES_OSC_SINE) /* shaped afterwards, as the scalar */
        for (uint32_t l = 0; l < m; l++)
            for (uint32_t i = 0; i < n; i++) out[l][i] = ph_dsp_sin2pi(out[l][i]);
}

static __attribute__((unused)) void osc_lanes(int shape, ph_osc *const *o, uint32_t m, float *const *out, const float *const *freq,
                      uint32_t n, uint64_t t0)
{
    (void)t0;
    if (m <= 8) osc_run(shape, o, m, out, freq, n, 1);
    else osc_run(shape, o, m, out, freq, n, 2);
}

#if defined(PH_LANES_NO_OSC)
const ph_lanes_kernels PH_LANES_TABLE = {.svf = svf_lanes, .osc = NULL};
#else
const ph_lanes_kernels PH_LANES_TABLE = {.svf = svf_lanes, .osc = osc_lanes};
#endif

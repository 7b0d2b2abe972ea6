/* Lane kernels (conventions: dsp/ph_dsp.h): one kernel call renders the same DSP for up to
 * PH_LANES_MAX independent states ("lanes": voices, channels) at once, SIMD lane per state,
 * so that the per-sample recurrences of oscillators and filters advance 8 voices per
 * instruction instead of one.
 *
 * Every lane gets exactly what the scalar kernel gives that state (bit for bit): the same
 * IEEE operations in the same order (no FMA contraction: -std=c11 keeps it off in gcc,
 * and the AVX2 build does not enable FMA, so clang has none to contract into), the same
 * coefficient updates at the same absolute quanta (done per lane by the scalar code), and
 * the scalar kernel itself for whatever the SIMD loop does not cover (a lane's frequency
 * changing inside the block, oscillator corrections near a discontinuity). So grouping
 * voices never changes the output, and the scalar kernels are the reference
 * (tests/unit/dsp/test_dsp_lanes.c compares every lane kernel with them, for each ISA).
 *
 * Instruction sets: the kernels are compiled twice, for the x86-64 baseline (SSE2) and for
 * AVX2 (ph_lanes_sse2.c, ph_lanes_avx2.c, one source: ph_lanes_impl.h), and the first call
 * picks one with the CPU's cpuid (__builtin_cpu_supports), so one binary runs everywhere.
 * On other architectures only the portable path (the generic vector code) is built.
 *
 * Arguments: arrays of `m` lanes (1 <= m <= PH_LANES_MAX): lane l reads in[l] / freq[l]
 * and writes out[l] (n <= PH_LANES_MAX_N samples); parameter buffers are per lane too. */
#ifndef PH_LANES_H
#define PH_LANES_H

#include <stdbool.h>

#include "dsp/ph_filter.h"
#include "dsp/ph_osc.h"

#define PH_LANES_MAX 16      /* lanes of one call: two 8-float vectors */
#define PH_LANES_MAX_N 128   /* samples of one call (a chunk) */

typedef enum ph_lanes_isa {
    PH_LANES_SCALAR, /* the scalar kernels lane by lane (the reference) */
    PH_LANES_SSE2,   /* the generic vector code built for the baseline */
    PH_LANES_AVX2    /* the same built for AVX2 */
} ph_lanes_isa;

/* The instruction set in use (the best the CPU has, unless forced). */
ph_lanes_isa ph_lanes_isa_current(void);
/* Tests and measurements: use `isa` from now on; false (nothing changed) when this CPU or
 * build lacks it. Not for use while rendering. */
bool ph_lanes_isa_force(ph_lanes_isa isa);
const char *ph_lanes_isa_name(ph_lanes_isa isa);

/* ph_svf_process for m states of one mode. */
void ph_svf_lanes(ph_svf *const *f, uint32_t m, float *const *out, const float *const *in,
                  const float *const *cutoff, const float *const *res, uint32_t n, uint64_t t0);
/* ph_osc_saw / ph_osc_sine / ph_osc_tri for m states. */
void ph_osc_saw_lanes(ph_osc *const *o, uint32_t m, float *const *out, const float *const *freq,
                      uint32_t n, uint64_t t0);
void ph_osc_sine_lanes(ph_osc *const *o, uint32_t m, float *const *out, const float *const *freq,
                       uint32_t n, uint64_t t0);
void ph_osc_tri_lanes(ph_osc *const *o, uint32_t m, float *const *out, const float *const *freq,
                      uint32_t n, uint64_t t0);

/* The kernels of one instruction set (internal to dsp/: ph_lanes.c dispatches). */
typedef struct ph_lanes_kernels {
    void (*svf)(ph_svf *const *f, uint32_t m, float *const *out, const float *const *in,
                const float *const *cutoff, const float *const *res, uint32_t n, uint64_t t0);
    void (*osc)(int shape, ph_osc *const *o, uint32_t m, float *const *out, const float *const *freq,
                uint32_t n, uint64_t t0);
} ph_lanes_kernels;
#define PH_LANES_OSC_SAW 0
#define PH_LANES_OSC_SINE 1
#define PH_LANES_OSC_TRI 2
extern const ph_lanes_kernels ph_lanes_kernels_sse2;
extern const ph_lanes_kernels ph_lanes_kernels_avx2;

#endif

/* Phonon DSP library: shared conventions for every block kernel in engine/dsp/.
 *
 * Conventions (every ph_* kernel in this folder follows them):
 *
 *  - BLOCKS. A kernel processes a whole block: n samples from input arrays into an output
 *    array. State lives in an explicit struct, initialised once with the sample rate
 *    (ph_xxx_init / ph_xxx_create) and carried across calls.
 *
 *  - EVERY PARAMETER IS A BUFFER. Parameters are `const float *` arrays of length n, one
 *    value per sample (a constant is just a filled buffer: ph_dsp_fill). Where a parameter
 *    is optional the header says "may be NULL" and gives the default.
 *
 *  - ABSOLUTE TIME. Kernels take `uint64_t t0`, the absolute index of the block's first
 *    sample. Anything computed at a reduced rate (filter coefficients from cutoff and
 *    resonance, envelope segment rates, reverb damping, ...) is recomputed at absolute
 *    sample indices that are multiples of PH_CONTROL_QUANTUM (and once at the very first
 *    sample a state sees), never at block starts. So the output is bit-identical however
 *    the caller splits the stream into blocks: one call of 512 == 512 calls of 1 ==
 *    calls of 7, 64, ... (tests/unit/test_dsp_split.c checks every kernel). The reduced-
 *    rate parameters are sampled at those indices: a cutoff that moves inside a quantum
 *    takes effect at the next multiple of 16.
 *    The caller must pass consecutive t0 values (t0 of a call == t0 + n of the previous).
 *
 *  - REAL-TIME SAFE. Process functions never allocate, lock, do I/O or loop without bound.
 *    Memory (delay lines, reverb buffers, sample tables) is allocated by the create
 *    functions, sized by the caller (maximum delay time, number of voices, ...); create
 *    and destroy functions are [non-RT].
 *
 *  - FINITE OUTPUT. Feedback paths are sanitised (NaN/Inf/huge -> 0) and states are
 *    flushed of denormals at quantum boundaries, so a NaN on an input cannot poison a
 *    state forever and outputs stay finite. Render threads also set FTZ/DAZ
 *    (core/ph_fp.h).
 *
 *  - VECTORISABLE. Inner loops are straight loops over float arrays without per-sample
 *    branches where the algorithm allows (gain, pan, mixing, clip, distort, sine shaping,
 *    noise shaping). Recursive kernels (filters, oscillator phase, delay with feedback)
 *    are sequential by nature; PolyBLEP corrections are branchy by nature and kept tight.
 *    Buffers allocated with ph_dsp_alloc are PH_DSP_ALIGN-byte aligned; kernels do not
 *    require alignment. To see what the compilers vectorise (and why not, with -missed):
 *      gcc -std=c11 -O3 -fno-math-errno -Iengine -fopt-info-vec-optimized -c engine/dsp/ph_fx.c -o /dev/null
 *      clang -std=c11 -O2 -fno-math-errno -Iengine -Rpass=loop-vectorize -c engine/dsp/ph_fx.c -o /dev/null
 *    Both vectorise every stateless loop in ph_fx.c, the helpers in ph_dsp.c, sine shaping
 *    and the voice mixing loops. gcc 12 at the build's -O2 vectorises almost nothing (its
 *    very-cheap cost model): building engine/dsp with -O3, or -O2 -ftree-vectorize
 *    -fvect-cost-model=dynamic, is measured in docs/PERFORMANCE.md. Two habits keep loops
 *    vectorisable without -ffast-math: quiet comparisons (isless, islessequal: gcc will not
 *    if-convert a possibly trapping `<`) and bit-level NaN scrubbing (ph_dsp_sane).
 *
 *  - In-place processing (out == an input) is allowed for every kernel unless its header
 *    says otherwise.
 */
#ifndef PH_DSP_H
#define PH_DSP_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifndef PH_CONTROL_QUANTUM
#define PH_CONTROL_QUANTUM 16u
#endif

#define PH_DSP_ALIGN 32
#define PH_PI 3.14159265358979323846
#define PH_TWO_PI 6.28318530717958647692

/* True at absolute sample indices where reduced-rate values are recomputed. */
static inline int ph_dsp_at_quantum(uint64_t t) { return (t % PH_CONTROL_QUANTUM) == 0; }

/* Samples from absolute index t up to (not including) the next quantum boundary,
 * limited to `left`. Kernels use it to run an inner loop with constant coefficients. */
static inline uint32_t ph_dsp_run_length(uint64_t t, uint32_t left)
{
    uint32_t to_next = PH_CONTROL_QUANTUM - (uint32_t)(t % PH_CONTROL_QUANTUM);
    return to_next < left ? to_next : left;
}

/* NaN, +-Inf and absurd magnitudes (> 1e6) become 0: for feedback paths and states.
 * Done on the bits with integer compares (|x| orders like its bit pattern; NaN and Inf
 * are above every finite value), so it never traps and vectorises inside any loop. */
static inline float ph_dsp_sane(float x)
{
    union {
        float f;
        uint32_t u;
    } v = {x};
    uint32_t mag = v.u & 0x7fffffffu;
    v.u &= 0u - (uint32_t)(mag <= 0x49742400u); /* 1e6f */
    return v.f;
}
/* Also tiny magnitudes (< 1e-20, denormal territory) become 0: for states at quanta. */
static inline float ph_dsp_flush(float x)
{
    union {
        float f;
        uint32_t u;
    } v = {x};
    uint32_t mag = v.u & 0x7fffffffu;
    v.u &= 0u - (uint32_t)(mag <= 0x49742400u && mag >= 0x1e3ce508u); /* 1e6f, 1e-20f */
    return v.f;
}
static inline float ph_dsp_clampf(float x, float lo, float hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}
/* A parameter as the kernels take it: clamped to [lo, hi], NaN gives dflt. */
static inline float ph_dsp_par(float x, float lo, float hi, float dflt) { return x == x ? ph_dsp_clampf(x, lo, hi) : dflt; }
/* 1 - e^(-1/(seconds * rate)): the share of the distance a one-pole covers per sample (63 %
 * after `seconds`, seconds clamped to [0, 60]); 1 (follow at once) under a sample. */
static inline float ph_dsp_one_pole(float seconds, float rate)
{
    seconds = ph_dsp_par(seconds, 0.0f, 60.0f, 0.0f);
    return seconds * rate > 1.0f ? 1.0f - expf(-1.0f / (seconds * rate)) : 1.0f;
}

/* Whether buf[0..n) holds one value (n >= 1). Compared as bits: a float compare does not
 * vectorise under -ftrapping-math; equal bits are an equal value, and +0 / -0 or NaNs only
 * make the answer "no", which is never wrong for callers that then look at every sample. */
static inline int ph_dsp_steady(const float *buf, uint32_t n)
{
    uint32_t u0, u, diff = 0;
    memcpy(&u0, buf, sizeof u0);
    for (uint32_t i = 1; i < n; i++) {
        memcpy(&u, buf + i, sizeof u);
        diff |= u ^ u0;
    }
    return diff == 0;
}

/* Per-sample parameter read with a default for optional (NULL) buffers. */
static inline float ph_dsp_param(const float *buf, uint32_t i, float dflt)
{
    return buf ? buf[i] : dflt;
}

/* min/max as selects (unlike fminf/fmaxf they map to SIMD min/max without fast-math;
 * with a NaN they return b). */
static inline float ph_dsp_minf(float a, float b) { return a < b ? a : b; }
static inline float ph_dsp_maxf(float a, float b) { return a > b ? a : b; }

/* Clamp written as arithmetic (exact at and beyond the bounds, within an ulp or two
 * inside): gcc 12 will not vectorise a chain of select-based min/max feeding more
 * arithmetic under the default -ftrapping-math, but it vectorises this. NaN stays NaN. */
static inline float ph_dsp_clamp_arith(float x, float lo, float hi)
{
    return 0.5f * (fabsf(x - lo) - fabsf(x - hi) + lo + hi);
}

/* sin(2*pi*x) for |x| < 2^31, |error| < 2e-7: branch-free (truncation instead of floorf,
 * which baseline SSE2 cannot vectorise) so loops over it vectorise. */
static inline float ph_dsp_sin2pi(float x)
{
    /* quiet comparisons (isless ...) as 0/1 floats: gcc treats `x < y` as possibly
     * trapping under -ftrapping-math and refuses to vectorise it, not these */
    x = x - (float)(int32_t)x;                                           /* (-1, 1) */
    x = x - (float)isgreaterequal(x, 0.5f) + (float)isless(x, -0.5f);    /* [-0.5, 0.5) */
    float s = 1.0f - 2.0f * (float)isless(x, 0.0f);
    float a = fabsf(x);
    a = 0.25f - fabsf(a - 0.25f);          /* min(a, 0.5 - a): sin is symmetric about 0.25 */
    float t = a * (float)PH_TWO_PI;        /* [0, pi/2] */
    float t2 = t * t;
    float p = t * (1.0f + t2 * (-1.0f / 6 + t2 * (1.0f / 120 + t2 * (-1.0f / 5040
                 + t2 * (1.0f / 362880 + t2 * (-1.0f / 39916800))))));
    return s * p;
}

/* Block helpers (vectorisable). */
void ph_dsp_fill(float *out, float value, uint32_t n);
void ph_dsp_copy(float *out, const float *in, uint32_t n);
void ph_dsp_zero(float *out, uint32_t n);
/* out[i] += in[i] * gain[i] (gain may be NULL = 1): the mixing primitive. */
void ph_dsp_mix_in(float *out, const float *in, const float *gain, uint32_t n);
/* Replaces NaN/Inf/huge samples by 0; returns how many were replaced. */
uint32_t ph_dsp_sanitize(float *buf, uint32_t n);

/* Aligned allocation for create functions [non-RT]. Zero-filled. Free with ph_dsp_free. */
void *ph_dsp_alloc(size_t bytes);
void ph_dsp_free(void *p);


/* Deterministic random numbers (xorshift32; never rand()). */
typedef struct ph_rng {
    uint32_t s;
} ph_rng;
static inline void ph_rng_seed(ph_rng *r, uint32_t seed)
{
    /* mix the seed so 0, 1, 2 ... give unrelated streams; never 0 */
    uint32_t z = seed * 0x9E3779B9u + 0x7F4A7C15u;
    z = (z ^ (z >> 16)) * 0x85EBCA6Bu;
    z = (z ^ (z >> 13)) * 0xC2B2AE35u;
    z ^= z >> 16;
    r->s = z ? z : 0x1234567u;
}
static inline uint32_t ph_rng_next(ph_rng *r)
{
    uint32_t x = r->s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    r->s = x;
    return x;
}
/* Uniform in [-1, 1). */
static inline float ph_rng_bipolar(ph_rng *r)
{
    return (float)(int32_t)ph_rng_next(r) * (1.0f / 2147483648.0f);
}

/* Semitones relative to C5 (Tidal's note 0 = 261.6256 Hz) to Hz. */
static inline double ph_dsp_note_hz(double note) { return 261.6255653005986 * exp2(note / 12.0); }

#endif

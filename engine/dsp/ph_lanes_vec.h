/* The vector helpers of the lane kernels (ph_lanes_impl.h) and the fused lane programs
 * (ph_fused_impl.h): GCC/Clang vector extensions of 8 floats (two SSE2 registers in the
 * baseline build, one in the AVX2 build), the transposes between per-voice buffers and lane
 * order, and one sample of the oscillators and the state-variable filter on 8 lanes --
 * every operation the scalar kernel's, in the same order, so that lanes give the scalar
 * bits. Included by those two sources only, each compiled once per instruction set.
 * Internal to engine/dsp. */
#ifndef PH_LANES_VEC_H
#define PH_LANES_VEC_H

#include <string.h>

/* 32-byte vectors passed between the static inline helpers below in the SSE2 build: the
 * compilers warn that their ABI differs from an AVX build's; none of them is ever called
 * across the two builds (nothing here has external linkage). */
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wpsabi"
#elif defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

#include "dsp/ph_blep.h"
#include "dsp/ph_lanes.h"

/* Every helper taking or returning a vector is inlined: an out-of-line copy in the SSE2 build
 * would pass 32-byte vectors in a way the AVX build does not (an ABI error with -Werror). */
#define VINLINE static inline __attribute__((always_inline))

#if defined(__AVX__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

typedef float v8f __attribute__((vector_size(32)));
typedef uint32_t v8u __attribute__((vector_size(32)));

#define LANES_V 2 /* most 8-lane vectors of one call: PH_LANES_MAX / 8 */

static const float lanes_zeros[PH_LANES_MAX_N];

#if defined(__AVX__)
/* r[k][j] <- r[j][k]: an 8x8 block of floats transposed in registers. */
static inline __attribute__((always_inline)) void transpose8(__m256 *r)
{
    __m256 t[8], u[8];
    for (int j = 0; j < 8; j += 2) {
        t[j] = _mm256_unpacklo_ps(r[j], r[j + 1]);
        t[j + 1] = _mm256_unpackhi_ps(r[j], r[j + 1]);
    }
    for (int j = 0; j < 8; j += 4) {
        u[j] = _mm256_shuffle_ps(t[j], t[j + 2], 0x44);
        u[j + 1] = _mm256_shuffle_ps(t[j], t[j + 2], 0xEE);
        u[j + 2] = _mm256_shuffle_ps(t[j + 1], t[j + 3], 0x44);
        u[j + 3] = _mm256_shuffle_ps(t[j + 1], t[j + 3], 0xEE);
    }
    for (int j = 0; j < 4; j++) {
        r[j] = _mm256_permute2f128_ps(u[j], u[j + 4], 0x20);
        r[j + 4] = _mm256_permute2f128_ps(u[j], u[j + 4], 0x31);
    }
}
#endif

/* x[i * S + l] = in[l][i], l < S (S = 8 or 16), i < n: the block in lane order (x aligned
 * to 32 bytes). */
static inline void to_lanes(float *restrict x, const float *const *in, uint32_t n, uint32_t S)
{
    uint32_t i = 0;
#if defined(__AVX__)
    for (; i + 8 <= n; i += 8)
        for (uint32_t l = 0; l < S; l += 8) {
            __m256 r[8];
            for (int j = 0; j < 8; j++) r[j] = _mm256_loadu_ps(in[l + (uint32_t)j] + i);
            transpose8(r);
            for (int k = 0; k < 8; k++) _mm256_store_ps(x + (i + (uint32_t)k) * S + l, r[k]);
        }
#endif
#if defined(__SSE2__)
    for (; i + 4 <= n; i += 4)
        for (uint32_t l = 0; l < S; l += 4) {
            __m128 r0 = _mm_loadu_ps(in[l] + i), r1 = _mm_loadu_ps(in[l + 1] + i);
            __m128 r2 = _mm_loadu_ps(in[l + 2] + i), r3 = _mm_loadu_ps(in[l + 3] + i);
            _MM_TRANSPOSE4_PS(r0, r1, r2, r3);
            _mm_store_ps(x + (i + 0) * S + l, r0);
            _mm_store_ps(x + (i + 1) * S + l, r1);
            _mm_store_ps(x + (i + 2) * S + l, r2);
            _mm_store_ps(x + (i + 3) * S + l, r3);
        }
#endif
    for (; i < n; i++)
        for (uint32_t l = 0; l < S; l++) x[i * S + l] = in[l][i];
}

/* out[l][i] = x[i * S + l] for the m real lanes. */
static inline void from_lanes(float *const *out, const float *restrict x, uint32_t n, uint32_t m, uint32_t S)
{
    uint32_t l0 = 0; /* lanes below l0 are done */
#if defined(__AVX__)
    uint32_t m8 = m / 8 * 8, n8 = n / 8 * 8;
    for (uint32_t i = 0; i < n8; i += 8)
        for (uint32_t l = 0; l < m8; l += 8) {
            __m256 r[8];
            for (int k = 0; k < 8; k++) r[k] = _mm256_load_ps(x + (i + (uint32_t)k) * S + l);
            transpose8(r);
            for (int j = 0; j < 8; j++) _mm256_storeu_ps(out[l + (uint32_t)j] + i, r[j]);
        }
    for (uint32_t l = 0; l < m8; l++)
        for (uint32_t j = n8; j < n; j++) out[l][j] = x[j * S + l];
    l0 = m8;
#endif
    uint32_t i = 0;
#if defined(__SSE2__)
    uint32_t m4 = l0 + (m - l0) / 4 * 4;
    for (; i + 4 <= n; i += 4)
        for (uint32_t l = l0; l < m4; l += 4) {
            __m128 r0 = _mm_load_ps(x + (i + 0) * S + l), r1 = _mm_load_ps(x + (i + 1) * S + l);
            __m128 r2 = _mm_load_ps(x + (i + 2) * S + l), r3 = _mm_load_ps(x + (i + 3) * S + l);
            _MM_TRANSPOSE4_PS(r0, r1, r2, r3);
            _mm_storeu_ps(out[l] + i, r0);
            _mm_storeu_ps(out[l + 1] + i, r1);
            _mm_storeu_ps(out[l + 2] + i, r2);
            _mm_storeu_ps(out[l + 3] + i, r3);
        }
    for (uint32_t l = m4; l < m; l++)
        for (uint32_t j = 0; j < i; j++) out[l][j] = x[j * S + l];
#endif
    for (; i < n; i++)
        for (uint32_t l = l0; l < m; l++) out[l][i] = x[i * S + l];
}

VINLINE v8f load8(const float *p)
{
    v8f v;
    memcpy(&v, p, sizeof v);
    return v;
}
VINLINE void store8(float *p, v8f v) { memcpy(p, &v, sizeof v); }

/* ph_dsp_sane on 8 lanes (the same bit operations). */
VINLINE v8f vsane(v8f x)
{
    v8u u = (v8u)x;
    v8u mag = u & 0x7fffffffu;
    v8u keep = (v8u)(mag <= 0x49742400u);
    return (v8f)(u & keep);
}

/* ph_dsp_flush on 8 lanes (the same bit operations). */
VINLINE v8f vflush(v8f x)
{
    v8u u = (v8u)x;
    v8u mag = u & 0x7fffffffu;
    v8u keep = (v8u)(mag <= 0x49742400u) & (v8u)(mag >= 0x1e3ce508u);
    return (v8f)(u & keep);
}

/* ---- state-variable filter ----------------------------------------------------------- */

/* Whether ph_svf_update would keep f's coefficients for these inputs (it compares the
 * clamped resonance, as here). */
static inline int svf_same_inputs(const ph_svf *f, float cutoff, const float *res, uint32_t i)
{
    float r = res ? res[i] : 0.0f;
    if (!(r == r)) r = 0.0f;
    r = ph_dsp_clampf(r, 0.0f, 1.0f);
    return cutoff == f->last_cut && r == f->last_res;
}

/* ---- oscillators --------------------------------------------------------------------- */

typedef int32_t v8i __attribute__((vector_size(32)));

/* mask ? a : b, lane by lane (mask lanes all ones or all zeros): one blend with AVX. */
VINLINE v8f vselect8(v8i mask, v8f a, v8f b)
{
#if defined(__AVX__)
    __m256 r = _mm256_blendv_ps((__m256)b, (__m256)a, (__m256)mask);
    return (v8f)r;
#else
    return (v8f)(((v8i)a & mask) | ((v8i)b & ~mask));
#endif
}
VINLINE v8u load8u(const uint32_t *p)
{
    v8u v;
    memcpy(&v, p, sizeof v);
    return v;
}
VINLINE v8f vabs8(v8f x) { return (v8f)((v8i)x & 0x7fffffff); }
VINLINE v8f vfloat(v8u p) { return __builtin_convertvector((v8i)p, v8f); } /* (float)(int32_t)p */

/* Whether any lane of a mask is set: one movemask (element reads would go through memory). */
VINLINE int vany8(v8i m)
{
#if defined(__AVX__)
    __m256 d;
    memcpy(&d, &m, sizeof d);
    return _mm256_movemask_ps(d) != 0;
#elif defined(__SSE2__)
    __m128i lo, hi;
    memcpy(&lo, &m, sizeof lo);
    memcpy(&hi, (const char *)&m + sizeof lo, sizeof hi);
    return _mm_movemask_ps(_mm_castsi128_ps(_mm_or_si128(lo, hi))) != 0;
#else
    int any = 0;
    for (int j = 0; j < 8; j++) any |= m[j] != 0;
    return any;
#endif
}

/* ph_phase_near on 8 lanes (the same unsigned compare). */
VINLINE v8i vnear(v8u p, v8u r) { return (v8i)((v8u)(p + r) < (v8u)(r + r)); }

/* ph_blep4_poly and ph_blep2_poly on 8 lanes (the same expressions). */
VINLINE v8f vblep4(v8f x)
{
    v8f a = vabs8(x);
    v8f b = 2 - a;
    v8f r1 = b * b * b * b * (1.0f / 24);
    v8f r2 = 0.5f - a * (2.0f / 3) + a * a * a * (1.0f / 3) - a * a * a * a * 0.125f;
    v8f r = vselect8((v8i)(a >= 1), r1, r2);
    return vselect8((v8i)(x < 0), r, -r);
}
VINLINE v8f vblep2(v8f x)
{
    return vselect8((v8i)(x >= 0), -0.5f * (1 - x) * (1 - x), 0.5f * (1 + x) * (1 + x));
}

/* ph_phase_blep / ph_phase_blamp on 8 lanes, given their region masks. */
VINLINE v8f vphase_blep(v8u p, v8i near, v8f iw, v8i four)
{
    v8f x = vfloat(p) * iw;
    v8f r = vselect8(four, vblep4(x), vblep2(x));
    return vselect8(near, r, (v8f){0});
}
VINLINE v8f vphase_blamp(v8u p, v8i near, v8f iw)
{
    v8f r = 1 - vabs8(vfloat(p) * iw);
    return vselect8(near, r * r * r * (1.0f / 6), (v8f){0});
}

/* sin(2 pi x) on 8 lanes: ph_dsp_sin2pi's operations in its order (truncation for the
 * (int32_t) cast, the quiet comparisons as 0/1 floats). */
VINLINE v8f vsin2pi(v8f x)
{
    const v8f one = {1, 1, 1, 1, 1, 1, 1, 1}, zero = {0};
    x = x - __builtin_convertvector(__builtin_convertvector(x, v8i), v8f);
    v8f ge = vselect8((v8i)(x >= 0.5f), one, zero), lt = vselect8((v8i)(x < -0.5f), one, zero);
    x = x - ge + lt;
    v8f s = 1.0f - 2.0f * vselect8((v8i)(x < 0.0f), one, zero);
    v8f a = vabs8(x);
    a = 0.25f - vabs8(a - 0.25f);
    v8f t = a * (float)PH_TWO_PI;
    v8f t2 = t * t;
    v8f p = t * (1.0f + t2 * (-1.0f / 6 + t2 * (1.0f / 120 + t2 * (-1.0f / 5040 +
                 t2 * (1.0f / 362880 + t2 * (-1.0f / 39916800))))));
    return s * p;
}

/* ---- oscillator lanes: running state and one sample ---------------------------------- */

typedef struct osc_vec {
    v8u P[LANES_V], INC[LANES_V], RS[LANES_V], RR[LANES_V];
    v8f IW[LANES_V], K8[LANES_V];
    v8i FOUR[LANES_V];
} osc_vec;

/* The state of m oscillators (S = 8 NV lanes): the scalar kernels work the step out from
 * freq[0] (and again on a change, which the caller has excluded); padding lanes, and the
 * lanes in `skip` (the caller renders them), stand still at phase 0. */
static inline __attribute__((always_inline)) void osc_vec_begin(osc_vec *s, ph_osc *const *o, uint32_t m,
                                                                const float *const *freq, uint32_t skip,
                                                                const uint32_t NV)
{
    _Alignas(32) uint32_t ph[PH_LANES_MAX], inc[PH_LANES_MAX], rs[PH_LANES_MAX], rr[PH_LANES_MAX];
    _Alignas(32) float iwf[PH_LANES_MAX], k8[PH_LANES_MAX];
    _Alignas(32) int32_t four[PH_LANES_MAX];
    for (uint32_t l = 0; l < 8 * NV; l++) {
        bool run = l < m && !(skip >> l & 1);
        ph_phase_step st;
        if (!run) {
            st = ph_phase_step_for(0.0f, 1.0);
        } else {
            ph_osc *os = o[l];
            uint32_t bits;
            memcpy(&bits, &freq[l][0], sizeof bits);
            if (!os->step_ok || bits != os->step_bits) {
                os->step = ph_phase_step_for(freq[l][0], os->inv_rate);
                os->step_bits = bits, os->step_ok = 1;
            }
            st = os->step;
        }
        ph[l] = run ? o[l]->phase : 0;
        inc[l] = run ? st.inc : 0;
        rs[l] = st.reg_step, rr[l] = st.reg_ramp;
        iwf[l] = st.iw, k8[l] = st.k8;
        four[l] = st.four ? -1 : 0;
    }
    for (uint32_t v = 0; v < NV; v++) {
        s->P[v] = load8u(ph + 8 * v), s->INC[v] = load8u(inc + 8 * v);
        s->RS[v] = load8u(rs + 8 * v), s->RR[v] = load8u(rr + 8 * v);
        s->IW[v] = load8(iwf + 8 * v), s->K8[v] = load8(k8 + 8 * v);
        memcpy(&s->FOUR[v], four + 8 * v, sizeof s->FOUR[v]);
    }
}

/* The phases back into the states (not the lanes in `skip`). */
static inline __attribute__((always_inline)) void osc_vec_end(const osc_vec *s, ph_osc *const *o, uint32_t m,
                                                              uint32_t skip, const uint32_t NV)
{
    _Alignas(32) uint32_t ph[PH_LANES_MAX];
    for (uint32_t v = 0; v < NV; v++) memcpy(ph + 8 * v, &s->P[v], sizeof s->P[v]);
    for (uint32_t l = 0; l < m; l++)
        if (!(skip >> l & 1)) o[l]->phase = ph[l];
}

/* The oscillator's value at phase p in vector v (the sine: its phase as a signed fraction
 * of a cycle, shaped by the caller, as the scalar kernel does). */
static inline __attribute__((always_inline)) v8f vosc_val(int shape, v8u p, const osc_vec *s, uint32_t v)
{
    v8f val;
    if (shape == PH_LANES_OSC_SAW) {
        /* ph_phase_bipolar(p) - 2 * ph_phase_blep(p) */
        val = vfloat(p ^ 0x80000000u) * 0x1p-31f;
        v8i near = vnear(p, s->RS[v]);
        if (vany8(near)) val = val - 2.0f * vphase_blep(p, near, s->IW[v], s->FOUR[v]);
        else val = val - 2.0f * 0.0f;
    } else if (shape == PH_LANES_OSC_SINE) {
        val = vfloat(p) * 0x1p-32f;
    } else {
        v8u q = p + 0x80000000u;
        v8f naive = vabs8(vfloat(q)) * 0x1p-30f - 1.0f;
        val = -naive + s->K8[v] * (vphase_blamp(p, vnear(p, s->RR[v]), s->IW[v]) -
                                   vphase_blamp(q, vnear(q, s->RR[v]), s->IW[v]));
    }
    return val;
}

/* ---- state-variable filter lanes: running state, quantum work, samples --------------- */

typedef struct svf_vec {
    v8f ic1[LANES_V], ic2[LANES_V], a2[LANES_V], a3[LANES_V], k[LANES_V], e1[LANES_V];
    _Alignas(32) float s1[PH_LANES_MAX], s2[PH_LANES_MAX];
    int fresh; /* the states are in s1, s2 (the vectors must be (re)loaded) */
    int fixed; /* every lane has coefficients for inputs that never move (the caller's) */
} svf_vec;

static inline __attribute__((always_inline)) void svf_vec_begin(svf_vec *s, ph_svf *const *f, uint32_t m,
                                                                const uint32_t NV)
{
    for (uint32_t l = 0; l < 8 * NV; l++) {
        s->s1[l] = l < m ? f[l]->ic1 : 0.0f;
        s->s2[l] = l < m ? f[l]->ic2 : 0.0f;
    }
    for (uint32_t v = 0; v < NV; v++)
        s->ic1[v] = s->ic2[v] = s->a2[v] = s->a3[v] = s->k[v] = s->e1[v] = (v8f){0};
    s->fresh = 1;
    s->fixed = 0;
}

/* At chunk sample i (absolute sample t): the scalar kernel's quantum work (ph_svf_update):
 * states flushed, coefficients recomputed where the inputs moved (or a state's first
 * sample). The flush is done on the vectors (the same bit operations); a lane whose inputs
 * are unchanged needs nothing else. */
static inline __attribute__((always_inline)) void svf_vec_quantum(svf_vec *s, ph_svf *const *f, uint32_t m,
                                                                  const float *const *cut,
                                                                  const float *const *res, uint32_t i,
                                                                  uint64_t t, const uint32_t NV)
{
    int q = ph_dsp_at_quantum(t);
    if (s->fixed && !s->fresh) { /* the inputs never move: the flush is all there is to do */
        if (q)
            for (uint32_t v = 0; v < NV; v++) {
                s->ic1[v] = vflush(s->ic1[v]);
                s->ic2[v] = vflush(s->ic2[v]);
            }
        return;
    }
    if (q && !s->fresh)
        for (uint32_t v = 0; v < NV; v++) {
            s->ic1[v] = vflush(s->ic1[v]);
            s->ic2[v] = vflush(s->ic2[v]);
        }
    else if (q)
        for (uint32_t l = 0; l < m; l++) {
            s->s1[l] = ph_dsp_flush(s->s1[l]);
            s->s2[l] = ph_dsp_flush(s->s2[l]);
        }
    const ph_svf *like = NULL; /* the lane updated last: lanes often share a cutoff */
    for (uint32_t l = 0; l < m; l++) {
        ph_svf *fl = f[l];
        if (!fl->have_coeffs || (q && !svf_same_inputs(fl, cut[l][i], res ? res[l] : NULL, i))) {
            if (!s->fresh) {
                for (uint32_t v = 0; v < NV; v++) {
                    store8(s->s1 + 8 * v, s->ic1[v]);
                    store8(s->s2 + 8 * v, s->ic2[v]);
                }
                s->fresh = 1;
            }
            fl->ic1 = s->s1[l];
            fl->ic2 = s->s2[l];
            ph_svf_update(fl, cut[l], res ? res[l] : NULL, i, like);
            like = fl;
            s->s1[l] = fl->ic1;
            s->s2[l] = fl->ic2;
        }
    }
    if (s->fresh) {
        _Alignas(32) float ca2[PH_LANES_MAX], ca3[PH_LANES_MAX], ck[PH_LANES_MAX], ce1[PH_LANES_MAX];
        for (uint32_t l = 0; l < 8 * NV; l++) {
            ca2[l] = l < m ? f[l]->a2 : 0.0f;
            ca3[l] = l < m ? f[l]->a3 : 0.0f;
            ck[l] = l < m ? f[l]->k : 0.0f;
            ce1[l] = l < m ? f[l]->e1 : 0.0f;
        }
        for (uint32_t v = 0; v < NV; v++) {
            s->ic1[v] = load8(s->s1 + 8 * v);
            s->ic2[v] = load8(s->s2 + 8 * v);
            s->a2[v] = load8(ca2 + 8 * v);
            s->a3[v] = load8(ca3 + 8 * v);
            s->k[v] = load8(ck + 8 * v);
            s->e1[v] = load8(ce1 + 8 * v);
        }
        s->fresh = 0;
    }
}

/* `rows` samples with constant coefficients (no quantum inside): x and y in lane order
 * (row r at r * 8 NV), y may be x. `clean`: x is known finite and small (an oscillator's
 * output), so that the kernel's scrub (ph_dsp_sane) would change no bit and is left out. */
static inline __attribute__((always_inline)) void svf_vec_rows(svf_vec *s, ph_svf_mode mode, float *y,
                                                               const float *x, uint32_t rows, const bool clean,
                                                               const uint32_t NV)
{
    const uint32_t S = 8 * NV;
    v8f ic1[LANES_V], ic2[LANES_V], a2[LANES_V], a3[LANES_V], k[LANES_V], e1[LANES_V];
    for (uint32_t v = 0; v < NV; v++) {
        ic1[v] = s->ic1[v], ic2[v] = s->ic2[v], a2[v] = s->a2[v];
        a3[v] = s->a3[v], k[v] = s->k[v], e1[v] = s->e1[v];
    }
    /* The scalar kernel's four loops in one: the mode does not change inside a block and
     * the switch is hoisted out of the loop (gcc's unswitching at -O3). */
    for (uint32_t r = 0; r < rows; r++)
        for (uint32_t v = 0; v < NV; v++) {
            v8f v0 = clean ? load8(x + r * S + 8 * v) : vsane(load8(x + r * S + 8 * v));
            v8f v3 = v0 - ic2[v];
            v8f d1 = e1[v] * ic1[v] + a2[v] * v3; /* v1 - ic1 */
            v8f d2 = a2[v] * ic1[v] + a3[v] * v3; /* v2 - ic2 */
            v8f v1 = ic1[v] + d1, v2 = ic2[v] + d2, out;
            switch (mode) {
            case PH_SVF_LP: out = v2; break;
            case PH_SVF_HP: out = v0 - k[v] * v1 - v2; break;
            case PH_SVF_BP: out = k[v] * v1; break;
            default: out = v0 - k[v] * v1; break;
            }
            store8(y + r * S + 8 * v, out);
            ic1[v] += 2 * d1;
            ic2[v] += 2 * d2;
        }
    for (uint32_t v = 0; v < NV; v++) s->ic1[v] = ic1[v], s->ic2[v] = ic2[v];
}

/* The states back into the filters. */
static inline __attribute__((always_inline)) void svf_vec_end(svf_vec *s, ph_svf *const *f, uint32_t m,
                                                              const uint32_t NV)
{
    if (!s->fresh)
        for (uint32_t v = 0; v < NV; v++) {
            store8(s->s1 + 8 * v, s->ic1[v]);
            store8(s->s2 + 8 * v, s->ic2[v]);
        }
    for (uint32_t l = 0; l < m; l++) {
        f[l]->ic1 = s->s1[l];
        f[l]->ic2 = s->s2[l];
    }
}

#endif

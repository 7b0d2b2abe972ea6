/* The lane kernels' one source (dsp/ph_lanes.h), included by ph_lanes_sse2.c and
 * ph_lanes_avx2.c, each compiled for its instruction set; PH_LANES_TABLE names the table
 * of kernels the includer defines. Written with GCC/Clang vector extensions: 8 floats or
 * 4 doubles per vector, which the baseline build runs as two SSE2 registers and the AVX2
 * build as one. Every operation is the scalar kernel's, in the same order (see ph_lanes.h):
 * that is what the tests check, bit for bit. Internal to engine/dsp. */
#include <string.h>

#if defined(__GNUC__) && !defined(__clang__)
/* 32-byte vectors passed between the static inline helpers below in the SSE2 build: gcc
 * warns that their ABI differs from an AVX build's; none of them is ever called across
 * the two builds (nothing here has external linkage but the kernel table). */
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

#include "dsp/ph_blep.h"
#include "dsp/ph_lanes.h"

#if defined(__AVX__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

typedef float v8f __attribute__((vector_size(32)));
typedef uint32_t v8u __attribute__((vector_size(32)));
typedef double v4d __attribute__((vector_size(32)));
typedef int64_t v4l __attribute__((vector_size(32)));
typedef float v4f __attribute__((vector_size(16)));
typedef int32_t v4i __attribute__((vector_size(16)));

#define LANES_V 2 /* most 8-lane vectors of one call: PH_LANES_MAX / 8 */

static const float lanes_zeros[PH_LANES_MAX_N];

/* x[i * S + l] = in[l][i], l < S (S = 8 or 16), i < n: the block in lane order. */
static inline void to_lanes(float *restrict x, const float *const *in, uint32_t n, uint32_t S)
{
    uint32_t i = 0;
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
    uint32_t i = 0;
#if defined(__SSE2__)
    uint32_t m4 = m / 4 * 4;
    for (; i + 4 <= n; i += 4)
        for (uint32_t l = 0; l < m4; l += 4) {
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
        for (uint32_t l = 0; l < m; l++) out[l][i] = x[i * S + l];
}

static inline v8f load8(const float *p)
{
    v8f v;
    memcpy(&v, p, sizeof v);
    return v;
}
static inline void store8(float *p, v8f v) { memcpy(p, &v, sizeof v); }

/* ph_dsp_sane on 8 lanes (the same bit operations). */
static inline v8f vsane(v8f x)
{
    v8u u = (v8u)x;
    v8u mag = u & 0x7fffffffu;
    v8u keep = (v8u)(mag <= 0x49742400u);
    return (v8f)(u & keep);
}

/* ph_dsp_flush on 8 lanes (the same bit operations). */
static inline v8f vflush(v8f x)
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

static inline __attribute__((always_inline)) void svf_run(ph_svf *const *f, uint32_t m, float *const *out,
                                                          const float *const *in, const float *const *cut,
                                                          const float *const *res, uint32_t n, uint64_t t0,
                                                          const uint32_t NV)
{
    const uint32_t S = 8 * NV;
    _Alignas(32) float x[PH_LANES_MAX_N * PH_LANES_MAX];
    _Alignas(32) float s1[PH_LANES_MAX], s2[PH_LANES_MAX];
    _Alignas(32) float ca2[PH_LANES_MAX], ca3[PH_LANES_MAX], ck[PH_LANES_MAX], ce1[PH_LANES_MAX];
    const float *ip[PH_LANES_MAX];
    for (uint32_t l = 0; l < S; l++) {
        ip[l] = l < m ? in[l] : lanes_zeros;
        s1[l] = l < m ? f[l]->ic1 : 0.0f;
        s2[l] = l < m ? f[l]->ic2 : 0.0f;
        ca2[l] = ca3[l] = ck[l] = ce1[l] = 0.0f;
    }
    to_lanes(x, ip, n, S);
    const ph_svf_mode mode = f[0]->mode;
    v8f ic1[LANES_V] = {0}, ic2[LANES_V] = {0}, a2[LANES_V] = {0}, a3[LANES_V] = {0}, k[LANES_V] = {0},
        e1[LANES_V] = {0};
    int fresh = 1; /* the vectors must be (re)loaded from s1, s2 and the states */
    uint32_t i = 0;
    while (i < n) {
        uint64_t t = t0 + i;
        int q = ph_dsp_at_quantum(t);
        /* The scalar kernel's quantum work (ph_svf_update): states flushed, coefficients
         * recomputed where the inputs moved. The flush is done on the vectors (the same
         * bit operations); a lane whose inputs are unchanged needs nothing else. */
        if (q && !fresh)
            for (uint32_t v = 0; v < NV; v++) {
                ic1[v] = vflush(ic1[v]);
                ic2[v] = vflush(ic2[v]);
            }
        else if (q)
            for (uint32_t l = 0; l < m; l++) {
                s1[l] = ph_dsp_flush(s1[l]);
                s2[l] = ph_dsp_flush(s2[l]);
            }
        const ph_svf *like = NULL; /* the lane updated last: lanes often share a cutoff */
        for (uint32_t l = 0; l < m; l++) {
            ph_svf *fl = f[l];
            if (!fl->have_coeffs || (q && !svf_same_inputs(fl, cut[l][i], res ? res[l] : NULL, i))) {
                if (!fresh) {
                    for (uint32_t v = 0; v < NV; v++) {
                        store8(s1 + 8 * v, ic1[v]);
                        store8(s2 + 8 * v, ic2[v]);
                    }
                    fresh = 1;
                }
                fl->ic1 = s1[l];
                fl->ic2 = s2[l];
                ph_svf_update(fl, cut[l], res ? res[l] : NULL, i, like);
                like = fl;
                s1[l] = fl->ic1;
                s2[l] = fl->ic2;
            }
        }
        if (fresh) {
            for (uint32_t l = 0; l < m; l++) {
                ca2[l] = f[l]->a2;
                ca3[l] = f[l]->a3;
                ck[l] = f[l]->k;
                ce1[l] = f[l]->e1;
            }
            for (uint32_t v = 0; v < NV; v++) {
                ic1[v] = load8(s1 + 8 * v);
                ic2[v] = load8(s2 + 8 * v);
                a2[v] = load8(ca2 + 8 * v);
                a3[v] = load8(ca3 + 8 * v);
                k[v] = load8(ck + 8 * v);
                e1[v] = load8(ce1 + 8 * v);
            }
            fresh = 0;
        }
        uint32_t end = i + ph_dsp_run_length(t, n - i);
        /* The scalar kernel's four loops in one: the mode does not change inside a block
         * and the switch is hoisted out of the loop (gcc's unswitching at -O3). */
        for (; i < end; i++)
            for (uint32_t v = 0; v < NV; v++) {
                float *px = x + i * S + 8 * v;
                v8f v0 = vsane(load8(px));
                v8f v3 = v0 - ic2[v];
                v8f d1 = e1[v] * ic1[v] + a2[v] * v3; /* v1 - ic1 */
                v8f d2 = a2[v] * ic1[v] + a3[v] * v3; /* v2 - ic2 */
                v8f v1 = ic1[v] + d1, v2 = ic2[v] + d2, y;
                switch (mode) {
                case PH_SVF_LP: y = v2; break;
                case PH_SVF_HP: y = v0 - k[v] * v1 - v2; break;
                case PH_SVF_BP: y = k[v] * v1; break;
                default: y = v0 - k[v] * v1; break;
                }
                store8(px, y);
                ic1[v] += 2 * d1;
                ic2[v] += 2 * d2;
            }
    }
    for (uint32_t v = 0; v < NV; v++) {
        store8(s1 + 8 * v, ic1[v]);
        store8(s2 + 8 * v, ic2[v]);
    }
    for (uint32_t l = 0; l < m; l++) {
        f[l]->ic1 = s1[l];
        f[l]->ic2 = s2[l];
    }
    from_lanes(out, x, n, m, S);
}

static void svf_lanes(ph_svf *const *f, uint32_t m, float *const *out, const float *const *in,
                      const float *const *cut, const float *const *res, uint32_t n, uint64_t t0)
{
    if (m <= 8) svf_run(f, m, out, in, cut, res, n, t0, 1);
    else svf_run(f, m, out, in, cut, res, n, t0, 2);
}

/* ---- oscillators --------------------------------------------------------------------- */

static inline v4d vselect(v4l mask, v4d a, v4d b) { return (v4d)(((v4l)a & mask) | ((v4l)b & ~mask)); }
static inline v4f vselectf(v4i mask, v4f a, v4f b) { return (v4f)(((v4i)a & mask) | ((v4i)b & ~mask)); }
/* Whether any lane of a mask is set: one movemask (element reads go through memory). */
static inline int vany(v4l m)
{
#if defined(__AVX__)
    __m256d d;
    memcpy(&d, &m, sizeof d);
    return _mm256_movemask_pd(d) != 0;
#elif defined(__SSE2__)
    __m128i lo, hi;
    memcpy(&lo, &m, sizeof lo);
    memcpy(&hi, (const char *)&m + sizeof lo, sizeof hi);
    return _mm_movemask_pd(_mm_castsi128_pd(_mm_or_si128(lo, hi))) != 0;
#else
    return (m[0] | m[1] | m[2] | m[3]) != 0;
#endif
}
static inline v4i narrow(v4l m) { return __builtin_convertvector(m, v4i); }
static inline v4f vabsf(v4f x) { return (v4f)((v4i)x & 0x7fffffff); }

/* ph_blep4_poly on 4 lanes (the same expression). */
static inline v4f blep4_poly(v4f x)
{
    v4f a = vabsf(x);
    v4f b = 2 - a;
    v4f r1 = b * b * b * b * (1.0f / 24);
    v4f r2 = 0.5f - a * (2.0f / 3) + a * a * a * (1.0f / 3) - a * a * a * a * 0.125f;
    v4f r = vselectf((v4i)(a >= 1), r1, r2);
    return vselectf((v4i)(x < 0), r, -r);
}

/* ph_blamp on 4 lanes, 0 outside its region. */
static inline v4f blamp4(v4d t, v4d w, v4d iw)
{
    v4l lo = (v4l)(t < w), reg = lo | (v4l)(t > 1 - w);
    v4f x = __builtin_convertvector(vselect(lo, t * iw, (1 - t) * iw), v4f);
    v4f r = 1 - x;
    return vselectf(narrow(reg), r * r * r * (1.0f / 6), (v4f){0, 0, 0, 0});
}

static inline __attribute__((always_inline)) void osc_run(int shape, ph_osc *const *o, uint32_t m,
                                                          float *const *out, const float *const *freq,
                                                          uint32_t n, const uint32_t NV)
{
    const uint32_t S = 8 * NV, H = 2 * NV; /* H vectors of 4 doubles */
    _Alignas(32) float y[PH_LANES_MAX_N * PH_LANES_MAX];
    _Alignas(32) double ph[PH_LANES_MAX], dt[PH_LANES_MAX], wd[PH_LANES_MAX], iwd[PH_LANES_MAX];
    _Alignas(32) double lo[PH_LANES_MAX], hi[PH_LANES_MAX];
    _Alignas(32) int64_t four[PH_LANES_MAX];
    for (uint32_t l = 0; l < S; l++) {
        double d = 0, w = 0;
        if (l < m) {
            /* the scalar kernels work the step out from freq[0] (and again on a change,
             * which the caller has excluded) */
            d = ph_blep_dt(freq[l][0], o[l]->inv_rate);
            w = ph_blep_width(d);
        }
        ph[l] = l < m ? o[l]->phase : 0.0;
        dt[l] = d;
        wd[l] = w;
        iwd[l] = ph_blep_inv(w);
        /* where a correction is not zero: ph_blep4's (w < 0.25) or ph_blep2's test for the
         * saw, ph_blamp's for the tri; ph_blep2 lanes are corrected by the scalar code */
        four[l] = shape == PH_LANES_OSC_SAW && w < 0.25 ? -1 : 0;
        double r = four[l] ? 2 * w : w;
        lo[l] = r;
        hi[l] = 1 - r;
    }
    v4d P[2 * LANES_V], DT[2 * LANES_V], LO[2 * LANES_V], HI[2 * LANES_V], W[2 * LANES_V], IW[2 * LANES_V];
    v4l FOUR[2 * LANES_V];
    v4f K[2 * LANES_V];
    /* With 0 <= dt < 1 a phase in [0, 1) stays there after one wrap (p + dt - 1 is exact
     * for p + dt in [1, 2)); only a negative or huge step can need ph_blep_advance's floor. */
    int rising = 1;
    for (uint32_t l = 0; l < m; l++) rising &= dt[l] >= 0 && dt[l] < 1;
    for (uint32_t h = 0; h < H; h++) {
        memcpy(&P[h], ph + 4 * h, sizeof P[h]);
        memcpy(&DT[h], dt + 4 * h, sizeof DT[h]);
        memcpy(&LO[h], lo + 4 * h, sizeof LO[h]);
        memcpy(&HI[h], hi + 4 * h, sizeof HI[h]);
        memcpy(&W[h], wd + 4 * h, sizeof W[h]);
        memcpy(&IW[h], iwd + 4 * h, sizeof IW[h]);
        memcpy(&FOUR[h], four + 4 * h, sizeof FOUR[h]);
        K[h] = __builtin_convertvector(8.0 * W[h], v4f); /* tri: (float)(8 w) */
    }
    for (uint32_t i = 0; i < n; i++) {
        float *py = y + i * S;
        v4l scalar = {0, 0, 0, 0};
        for (uint32_t h = 0; h < H; h++) {
            v4d p = P[h];
            v4f val;
            if (shape == PH_LANES_OSC_SAW) {
                /* (float)(2p - 1) - 2 * residual, the residual 0 outside its region */
                val = __builtin_convertvector(2.0 * p - 1.0, v4f);
                v4l below = (v4l)(p < LO[h]), reg = below | (v4l)(p > HI[h]);
                scalar |= reg & ~FOUR[h];
                v4l vec = reg & FOUR[h];
                if (vany(vec)) {
                    v4f x = __builtin_convertvector(vselect(below, p, p - 1.0) * IW[h], v4f);
                    val = val - 2.0f * vselectf(narrow(vec), blep4_poly(x), (v4f){0, 0, 0, 0});
                } else {
                    val = val - 2.0f * 0.0f;
                }
            } else if (shape == PH_LANES_OSC_SINE) {
                val = __builtin_convertvector(p, v4f); /* shaped afterwards, as the scalar */
            } else {
                v4d q = p + 0.5;
                q = vselect((v4l)(q >= 1.0), q - 1.0, q); /* q - floor(q) for q in [0.5, 1.5) */
                v4d a = (v4d)((v4l)(p - 0.5) & INT64_MAX);
                v4f naive = __builtin_convertvector(4.0 * a - 1.0, v4f);
                val = -naive + K[h] * (blamp4(p, W[h], IW[h]) - blamp4(q, W[h], IW[h]));
            }
            memcpy(py + 4 * h, &val, sizeof val);
        }
        if (vany(scalar)) /* a saw over a quarter of the rate near its step: ph_blep2 */
            for (uint32_t h = 0; h < H; h++)
                for (uint32_t j = 0; j < 4; j++)
                    if (scalar[j] && 4 * h + j < m) {
                        uint32_t l = 4 * h + j;
                        py[l] = ph_blep_saw(P[h][j], wd[l], iwd[l]);
                    }
        v4l bad = {0, 0, 0, 0};
        for (uint32_t h = 0; h < H; h++) { /* ph_blep_advance */
            v4d p1 = P[h] + DT[h];
            if (rising) {
                P[h] = vselect((v4l)(p1 >= 1.0), p1 - 1.0, p1);
                continue;
            }
            v4d p = vselect((v4l)(p1 >= 1.0), p1 - 1.0, vselect((v4l)(p1 < 0.0), p1 + 1.0, p1));
            bad |= (v4l)(p >= 1.0) | (v4l)(p < 0.0);
            P[h] = p;
        }
        if (!rising && vany(bad))
            for (uint32_t h = 0; h < H; h++)
                for (uint32_t j = 0; j < 4; j++) {
                    double p = P[h][j];
                    if (p >= 1.0 || p < 0.0) P[h][j] = p - floor(p);
                }
    }
    for (uint32_t h = 0; h < H; h++) memcpy(ph + 4 * h, &P[h], sizeof P[h]);
    for (uint32_t l = 0; l < m; l++) o[l]->phase = ph[l];
    from_lanes(out, y, n, m, S);
    if (shape == PH_LANES_OSC_SINE)
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

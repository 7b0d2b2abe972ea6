/* Lane kernels (dsp/ph_lanes.h) against the scalar kernels, lane by lane, for every
 * instruction set this CPU has: the issue allows 1e-5, the kernels promise the same bits,
 * and this checks the bits. Inputs cover what makes the vector code take its side roads:
 * frequencies whose correction regions are hit often (high notes) or that use the 2-point
 * residual (over a quarter of the rate), negative and zero frequencies, a frequency that
 * changes inside a block, cutoffs moving every quantum, NaN inputs, lane counts 1 to 37
 * (over 16, several calls), and blocks split irregularly (1, 7, 64, 128, 3 ...). */
#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_lanes.h"

#define LN 37     /* lanes, more than one call takes */
#define FRAMES 2000
#define RATE 48000.0

static const uint32_t splits[] = {1, 7, 64, 128, 3, 100, 128, 16, 5, 128};

static float lane_freq(uint32_t l, uint32_t i)
{
    static const float base[19] = {55, 110.5f, 1250, 6500, 13000, 20000, 440, -330, 0, 97.3f,
                                   3000, 55.5f, 8000, 12500, 2.5f, -7000, 261.6f, 700, 15000};
    if (l == 9 && i >= 900) return 97.3f * 1.5f; /* steps inside a block */
    if (l == 17) return 700.0f + (float)(i % 300); /* moves every sample */
    return base[l % 19] * (l >= 19 ? 1.01f : 1.0f);
}

static void fill_input(float *x, uint32_t l, uint32_t n)
{
    uint32_t s = 12345u + 977u * l;
    for (uint32_t i = 0; i < n; i++) {
        s = s * 1664525u + 1013904223u;
        x[i] = (float)(int32_t)s * (1.0f / 2147483648.0f);
    }
    if (l == 4) x[333] = NAN; /* scrubbed by the kernel, then nothing but silence-free audio */
}

typedef enum { K_SVF_LP, K_SVF_HP, K_SVF_BP, K_SVF_NOTCH, K_SAW, K_SINE, K_TRI } kernel;

/* Renders FRAMES of kernel k on lanes [0, m) with the lane kernels (lanes = true) or the
 * scalar ones, in the irregular blocks above. */
static void render(kernel k, uint32_t m, bool lanes, float out[LN][FRAMES])
{
    static float in[LN][FRAMES], freq[LN][FRAMES], cut[LN][FRAMES], res[LN][FRAMES];
    ph_svf svf[LN];
    ph_osc osc[LN];
    for (uint32_t l = 0; l < m; l++) {
        fill_input(in[l], l, FRAMES);
        for (uint32_t i = 0; i < FRAMES; i++) {
            freq[l][i] = lane_freq(l, i);
            /* moves each quantum; lanes 3 to 8 share one cutoff and resonance (the
             * kernel then takes the coefficients of the lane before) */
            uint32_t c = l >= 3 && l < 9 ? 3 : l;
            cut[l][i] = 200.0f + 50.0f * (float)c + (float)((i / 16) % 40) * 90.0f;
            res[l][i] = (float)c / (float)LN;
        }
        ph_svf_init(&svf[l], RATE, k == K_SVF_HP ? PH_SVF_HP : k == K_SVF_BP ? PH_SVF_BP
                                   : k == K_SVF_NOTCH ? PH_SVF_NOTCH : PH_SVF_LP);
        ph_osc_init(&osc[l], RATE, 0.1 * l);
    }
    uint32_t at = 0, s = 0;
    while (at < FRAMES) {
        uint32_t n = splits[s++ % (sizeof splits / sizeof *splits)];
        if (n > FRAMES - at) n = FRAMES - at;
        ph_svf *fp[LN];
        ph_osc *op[LN];
        float *po[LN];
        const float *pi[LN], *pf[LN], *pc[LN], *pr[LN];
        for (uint32_t l = 0; l < m; l++) {
            fp[l] = &svf[l], op[l] = &osc[l], po[l] = out[l] + at;
            pi[l] = in[l] + at, pf[l] = freq[l] + at, pc[l] = cut[l] + at, pr[l] = res[l] + at;
        }
        if (lanes) {
            if (k <= K_SVF_NOTCH) ph_svf_lanes(fp, m, po, pi, pc, pr, n, at);
            else if (k == K_SAW) ph_osc_saw_lanes(op, m, po, pf, n, at);
            else if (k == K_SINE) ph_osc_sine_lanes(op, m, po, pf, n, at);
            else ph_osc_tri_lanes(op, m, po, pf, n, at);
        } else {
            for (uint32_t l = 0; l < m; l++) {
                if (k <= K_SVF_NOTCH) ph_svf_process(fp[l], po[l], pi[l], pc[l], pr[l], n, at);
                else if (k == K_SAW) ph_osc_saw(op[l], po[l], pf[l], n, at);
                else if (k == K_SINE) ph_osc_sine(op[l], po[l], pf[l], n, at);
                else ph_osc_tri(op[l], po[l], pf[l], n, at);
            }
        }
        at += n;
    }
}

static void check(kernel k, const char *name)
{
    static float ref[LN][FRAMES], got[LN][FRAMES];
    static const uint32_t counts[] = {1, 2, 3, 5, 8, 9, 16, 17, 24, 25, 32, LN};
    const ph_lanes_isa isas[] = {PH_LANES_SSE2, PH_LANES_AVX2};
    int tried = 0;
    for (uint32_t a = 0; a < 2; a++) {
        if (!ph_lanes_isa_force(isas[a])) {
            cr_log_info("%s: no %s on this machine or build", name, ph_lanes_isa_name(isas[a]));
            continue;
        }
        tried++;
        for (uint32_t c = 0; c < sizeof counts / sizeof *counts; c++) {
            uint32_t m = counts[c];
            render(k, m, false, ref);
            render(k, m, true, got);
            for (uint32_t l = 0; l < m; l++) {
                double worst = 0;
                for (uint32_t i = 0; i < FRAMES; i++) {
                    double d = fabs((double)got[l][i] - (double)ref[l][i]);
                    if (d > worst) worst = d;
                }
                cr_assert(worst <= 1e-5, "%s %s, %u lanes, lane %u: off by %g", name, ph_lanes_isa_name(isas[a]), m,
                          l, worst);
                cr_assert(!memcmp(got[l], ref[l], sizeof got[l]), "%s %s, %u lanes, lane %u: not bit-identical", name,
                          ph_lanes_isa_name(isas[a]), m, l);
            }
        }
    }
    cr_assert_gt(tried, 0);
    ph_lanes_isa_force(PH_LANES_SSE2);
}

Test(dsp_lanes, svf_lowpass_matches_the_scalar_kernel) { check(K_SVF_LP, "svf lp"); }
Test(dsp_lanes, svf_highpass_matches_the_scalar_kernel) { check(K_SVF_HP, "svf hp"); }
Test(dsp_lanes, svf_bandpass_matches_the_scalar_kernel) { check(K_SVF_BP, "svf bp"); }
Test(dsp_lanes, svf_notch_matches_the_scalar_kernel) { check(K_SVF_NOTCH, "svf notch"); }
Test(dsp_lanes, saw_matches_the_scalar_kernel) { check(K_SAW, "saw"); }
Test(dsp_lanes, sine_matches_the_scalar_kernel) { check(K_SINE, "sine"); }
Test(dsp_lanes, tri_matches_the_scalar_kernel) { check(K_TRI, "tri"); }

Test(dsp_lanes, the_scalar_path_is_always_there)
{
    cr_assert(ph_lanes_isa_force(PH_LANES_SCALAR));
    cr_assert_eq(ph_lanes_isa_current(), PH_LANES_SCALAR);
    cr_assert(ph_lanes_isa_force(PH_LANES_SSE2));
}

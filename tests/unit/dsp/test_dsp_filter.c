#include <criterion/criterion.h>

#include "dsp/ph_filter.h"
#include "test_dsp_util.h"

#define N 24000
#define SETTLE 12000 /* measure after the transient */

static double svf_gain_db(ph_svf_mode mode, double cutoff, float res, double hz)
{
    float *in = td_buf(N, 0), *out = td_buf(N, 0), *c = td_buf(N, (float)cutoff),
          *r = td_buf(N, res);
    td_sine(in, N, hz, TD_RATE, 0.5);
    ph_svf f;
    ph_svf_init(&f, TD_RATE, mode);
    ph_svf_process(&f, out, in, c, r, N, 0);
    cr_assert(td_finite(out, N));
    double g = td_rms(out + SETTLE, N - SETTLE) / td_rms(in + SETTLE, N - SETTLE);
    free(in);
    free(out);
    free(c);
    free(r);
    return td_db(g);
}

static double ladder_gain_db(double cutoff, float res, double hz)
{
    float *in = td_buf(N, 0), *out = td_buf(N, 0), *c = td_buf(N, (float)cutoff),
          *r = td_buf(N, res);
    td_sine(in, N, hz, TD_RATE, 0.5);
    ph_ladder f;
    ph_ladder_init(&f, TD_RATE);
    ph_ladder_process(&f, out, in, c, r, N, 0);
    cr_assert(td_finite(out, N));
    double g = td_rms(out + SETTLE, N - SETTLE) / td_rms(in + SETTLE, N - SETTLE);
    free(in);
    free(out);
    free(c);
    free(r);
    return td_db(g);
}

Test(dsp_filter, res_maps_to_q)
{
    cr_assert(fabsf(ph_svf_res_for_q(0.5f)) < 1e-6f);
    cr_assert(fabsf(ph_svf_res_for_q(1.0f) - 0.5f) < 1e-6f);
    cr_assert(fabsf(ph_svf_res_for_q(5.0f) - 0.9f) < 1e-6f);
}

Test(dsp_filter, svf_lowpass_12db_per_octave)
{
    float bw = ph_svf_res_for_q(0.70710678f);
    double at = svf_gain_db(PH_SVF_LP, 1000, bw, 1000);
    double oct = svf_gain_db(PH_SVF_LP, 1000, bw, 2000);
    double two = svf_gain_db(PH_SVF_LP, 1000, bw, 4000);
    double pass = svf_gain_db(PH_SVF_LP, 1000, bw, 100);
    cr_log_info("svf lp 1k Q.707: 100 Hz %.2f, 1k %.2f, 2k %.2f, 4k %.2f dB", pass, at, oct, two);
    cr_assert(fabs(pass) < 0.1, "pass band %g", pass);
    cr_assert(fabs(at + 3.01) < 0.3, "at cutoff %g", at);
    cr_assert(oct < -11.5 && oct > -13.5, "octave above %g", oct);
    cr_assert(two - oct < -10.5 && two - oct > -13.5, "slope %g", two - oct);
}

Test(dsp_filter, svf_highpass_bandpass_notch)
{
    float bw = ph_svf_res_for_q(0.70710678f);
    double hp_at = svf_gain_db(PH_SVF_HP, 1000, bw, 1000);
    double hp_below = svf_gain_db(PH_SVF_HP, 1000, bw, 500);
    double hp_pass = svf_gain_db(PH_SVF_HP, 1000, bw, 10000);
    cr_log_info("svf hp 1k: 500 %.2f, 1k %.2f, 10k %.2f dB", hp_below, hp_at, hp_pass);
    cr_assert(fabs(hp_at + 3.01) < 0.3);
    cr_assert(hp_below < -11.5 && hp_below > -13.5, "octave below %g", hp_below);
    cr_assert(fabs(hp_pass) < 0.3);

    /* band-pass, Q = 0.707: 0 dB at the centre, 1/sqrt(1 + Q^2 (2 - 1/2)^2) = -3.27 dB an
     * octave away; Q = 5: much narrower */
    double bp_c = svf_gain_db(PH_SVF_BP, 1000, bw, 1000);
    double bp_o = svf_gain_db(PH_SVF_BP, 1000, bw, 2000);
    double bp5_o = svf_gain_db(PH_SVF_BP, 1000, 0.9f, 2000);
    cr_log_info("svf bp 1k: centre %.2f, octave %.2f, octave at Q5 %.2f dB", bp_c, bp_o, bp5_o);
    cr_assert(fabs(bp_c) < 0.2);
    cr_assert(fabs(bp_o + 3.27) < 0.5, "%g", bp_o);
    cr_assert(fabs(bp5_o + 17.6) < 1.0, "%g", bp5_o); /* 1/sqrt(1 + 25 * 2.25) */

    double n_c = svf_gain_db(PH_SVF_NOTCH, 1000, bw, 1000);
    double n_far = svf_gain_db(PH_SVF_NOTCH, 1000, bw, 8000);
    cr_log_info("svf notch 1k: centre %.1f, 8k %.2f dB", n_c, n_far);
    cr_assert(n_c < -40, "notch depth %g", n_c);
    cr_assert(fabs(n_far) < 0.5);
}

Test(dsp_filter, svf_resonance_peaks)
{
    /* Q = 5 low-pass: +14 dB at cutoff */
    double g = svf_gain_db(PH_SVF_LP, 1000, 0.9f, 1000);
    cr_assert(fabs(g - 13.98) < 0.5, "%g", g);
}

Test(dsp_filter, ladder_24db_per_octave)
{
    double pass = ladder_gain_db(500, 0, 50);
    double at = ladder_gain_db(500, 0, 500);
    double o2 = ladder_gain_db(500, 0, 2000), o3 = ladder_gain_db(500, 0, 4000);
    cr_log_info("ladder 500: 50 Hz %.2f, 500 %.2f, 2k %.2f, 4k %.2f dB", pass, at, o2, o3);
    cr_assert(fabs(pass) < 0.3);
    cr_assert(fabs(at + 12.0) < 1.0, "four poles at cutoff: %g", at);
    cr_assert(o3 - o2 < -21 && o3 - o2 > -27, "octave slope %g", o3 - o2);
    /* resonance makes a peak near cutoff relative to the (compensated) pass band */
    double rp = ladder_gain_db(500, 0.9f, 50), rc = ladder_gain_db(500, 0.9f, 500);
    cr_assert(rc > rp + 3, "resonance peak %g vs pass %g", rc, rp);
}

Test(dsp_filter, stable_near_nyquist_and_full_resonance_under_modulation)
{
    uint32_t n = 48000;
    float *in = td_buf(n, 0), *out = td_buf(n, 0), *c = td_buf(n, 0), *r = td_buf(n, 1);
    ph_rng g;
    ph_rng_seed(&g, 1);
    for (uint32_t i = 0; i < n; i++) {
        in[i] = ph_rng_bipolar(&g);
        c[i] = (i / 500) % 2 ? 23900.0f : 20.0f; /* slams between extremes */
    }
    in[100] = NAN;
    in[200] = INFINITY;
    for (int m = PH_SVF_LP; m <= PH_SVF_NOTCH; m++) {
        ph_svf f;
        ph_svf_init(&f, TD_RATE, (ph_svf_mode)m);
        ph_svf_process(&f, out, in, c, r, n, 0);
        cr_assert(td_finite(out, n));
        cr_assert(td_peak(out, n) < 1e4, "mode %d peak %g", m, td_peak(out, n));
    }
    ph_ladder l;
    ph_ladder_init(&l, TD_RATE);
    ph_ladder_process(&l, out, in, c, r, n, 0);
    cr_assert(td_finite(out, n));
    cr_assert(td_peak(out, n) < 1e3, "ladder peak %g", td_peak(out, n));
    free(in);
    free(out);
    free(c);
    free(r);
}

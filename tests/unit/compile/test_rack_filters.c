/* The rack's filters through the language (issue 14): rlpf rhpf resonz svf_* bq_* eq djf
 * comb allpass on rendered audio -- gains against the cookbook's analytic responses, the
 * seed's input-first spelling, patterned parameters -- the same bits for any block size,
 * and finite output whatever the arguments. */
#include "rack_test_util.h"

#define RATE 48000.0
#define S 48000

/* Gain in dB of `chain` (applied with #) on a sine at hz, after it settles. */
static double gain_db(const char *chain, double hz)
{
    char a[256], b[64];
    /* at 0.1: a resonance's gain stays inside the output's range */
    snprintf(a, sizeof a, "out: sine %g * 0.1 # %s", hz, chain);
    snprintf(b, sizeof b, "out: sine %g * 0.1", hz);
    float *x = rack_render(a, S), *y = rack_render(b, S);
    double g = rms(x + S / 2, S / 2) / rms(y + S / 2, S / 2);
    free(x), free(y);
    return 20 * log10(g > 1e-12 ? g : 1e-12);
}

Test(rack_filters, each_name_has_its_cookbook_response)
{
    static const struct {
        const char *chain;
        ph_rbj_mode mode;
        double f0, q, gain;
    } cases[] = {
        {"rlpf 1000 4", PH_RBJ_LP, 1000, 4, 0},      {"rhpf 800 0.5", PH_RBJ_HP, 800, 0.5, 0},
        {"resonz 1500 30", PH_RBJ_BP, 1500, 30, 0},  {"bq_lp 2000", PH_RBJ_LP, 2000, 0.7071, 0},
        {"bq_hp 300 2", PH_RBJ_HP, 300, 2, 0},       {"bq_bp 1000 3", PH_RBJ_BP, 1000, 3, 0},
        {"bq_notch 1000 1", PH_RBJ_NOTCH, 1000, 1, 0}, {"svf_lp 700 10", PH_RBJ_LP, 700, 10, 0},
        {"svf_hp 700 0.2", PH_RBJ_HP, 700, 0.2, 0},  {"svf_bp 1200 2", PH_RBJ_BP, 1200, 2, 0},
        {"svf_notch 500 4", PH_RBJ_NOTCH, 500, 4, 0}, {"rlpf 1000 100", PH_RBJ_LP, 1000, 20, 0}, /* Q clamped */
    };
    static const double probe[] = {200, 700, 1000, 1500, 4000};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        for (size_t p = 0; p < sizeof probe / sizeof probe[0]; p++) {
            double want = cookbook_db(cases[c].mode, cases[c].f0, cases[c].q, cases[c].gain, probe[p], RATE);
            if (want < -50) continue;
            double got = gain_db(cases[c].chain, probe[p]);
            cr_expect(fabs(got - want) < 0.2, "%s at %g Hz: %.2f dB, cookbook %.2f dB", cases[c].chain, probe[p], got, want);
        }
}

Test(rack_filters, eq_boosts_and_cuts_three_bands)
{
    const char *eq = "eq 100 6 1 1000 (0 - 9) 2 5000 4 0.7";
    double lo = gain_db(eq, 100), mid = gain_db(eq, 1000), hi = gain_db(eq, 5000);
    cr_log_info("eq: %.2f dB at 100 Hz, %.2f at 1k, %.2f at 5k", lo, mid, hi);
    /* each band's own frequency, with the other two bells' skirts added */
    double w_lo = 0, w_mid = 0, w_hi = 0;
    static const double f[3] = {100, 1000, 5000}, g[3] = {6, -9, 4}, q[3] = {1, 2, 0.7};
    for (int b = 0; b < 3; b++) {
        w_lo += cookbook_db(PH_RBJ_PEAK, f[b], q[b], g[b], 100, RATE);
        w_mid += cookbook_db(PH_RBJ_PEAK, f[b], q[b], g[b], 1000, RATE);
        w_hi += cookbook_db(PH_RBJ_PEAK, f[b], q[b], g[b], 5000, RATE);
    }
    cr_expect(fabs(lo - w_lo) < 0.2 && fabs(mid - w_mid) < 0.2 && fabs(hi - w_hi) < 0.2, "want %.2f %.2f %.2f", w_lo,
              w_mid, w_hi);
    cr_expect(fabs(gain_db("eq 100 0", 1000)) < 0.05, "flat when the gains are 0");
    /* keyword arguments name the bands' parameters */
    cr_expect(fabs(gain_db("eq :midgain 6 :midfreq 2000", 2000) - 6) < 0.1);
}

Test(rack_filters, the_seeds_input_first_spelling)
{
    /* `parametric_eq ~x f g q ...` and `rlpf (saw 110) 800 2`: the input first, as the seed */
    float *a = rack_render("out: parametric_eq (sine 1000) 80 0 0.7 1000 6 1 4000 0 1", S);
    float *b = rack_render("out: sine 1000 # eq 80 0 0.7 1000 6 1 4000 0 1", S);
    cr_expect(memcmp(a, b, S * sizeof(float)) == 0);
    free(a), free(b);
    a = rack_render("~x: saw 110\nout: rlpf ~x 800 2", S);
    b = rack_render("out: saw 110 # rlpf 800 2", S);
    cr_expect(memcmp(a, b, S * sizeof(float)) == 0);
    free(a), free(b);
    /* and the input last, as before */
    a = rack_render("out: rlpf 800 2 (saw 110)", S);
    b = rack_render("out: saw 110 # rlpf 800 2", S);
    cr_expect(memcmp(a, b, S * sizeof(float)) == 0);
    free(a), free(b);
}

Test(rack_filters, djf_low_passes_below_half_and_high_passes_above)
{
    cr_expect(fabs(gain_db("djf 0.5", 200)) < 1 && fabs(gain_db("djf 0.5", 6000)) < 1, "open at 0.5");
    cr_expect(gain_db("djf 0.2", 5000) < -30 && gain_db("djf 0.2", 100) > -3, "low-pass at 0.2");
    cr_expect(gain_db("djf 0.85", 100) < -30 && gain_db("djf 0.85", 10000) > -3, "high-pass at 0.85");
}

Test(rack_filters, comb_and_allpass)
{
    double peak = gain_db("comb 500 0.8", 500), trough = gain_db("comb 500 0.8", 750);
    cr_expect(fabs(peak - 20 * log10(1 / 0.2)) < 0.5 && fabs(trough - 20 * log10(1 / 1.8)) < 0.5, "comb: %g %g", peak, trough);
    cr_expect(fabs(gain_db("allpass 0.7", 300)) < 0.05 && fabs(gain_db("allpass (0 - 0.3)", 9000)) < 0.05);
}

Test(rack_filters, patterned_parameters_step_the_filter)
{
    /* tempo 1: the cutoff is 300 Hz for half a second, then 5 kHz: a 2 kHz tone is cut
     * in the first half, passed in the second */
    float *x = rack_render("tempo: 1\nout: sine 2000 # rlpf \"300 5000\" 0.7", S);
    double first = rms(x + 6000, 12000), second = rms(x + 30000, 12000);
    cr_expect(first < 0.05 && second > 0.6, "first %g second %g", first, second);
    free(x);
}

Test(rack_filters, the_same_bits_for_any_block_size)
{
    cr_expect(rack_block_identical("tempo: 2\n~n: saw \"55 82.5\" + noise * 0.2\n"
                                   "out: ~n # rlpf (sine 0.5 * 800 + 1000) \"2 8\" # rhpf 80 # resonz \"500 900\" 5 "
                                   "# svf_lp 3000 2 # svf_hp 50 # svf_bp 800 1 # svf_notch 1000 # bq_lp 5000 "
                                   "# bq_hp 40 # bq_bp 900 0.7 # bq_notch 2000 # eq 100 3 1 1000 (sine 1 * 6) 1 5000 (0 - 3) 1 "
                                   "# djf (sine 0.25 * 0.5 + 0.5) # comb \"110 220\" 0.7 # allpass 0.3",
                                   24000));
}

Test(rack_filters, finite_whatever_the_arguments)
{
    static const char *progs[] = {
        "out: noise # rlpf 0 (0 - 1) # rhpf 1000000000 1000000000",       "out: noise # resonz (0 - 1000000000) 0 # svf_lp 1000000000000 0.0000001",
        "out: saw 100 # svf_bp 0 1000000000 # bq_notch 1000000000 (0 - 3)", "out: noise # eq 1000000000 1000000000 0 (0 - 1) (0 - 1000000000) 1000000000 0 0 0",
        "out: noise * 1000000000 # djf 1000000000 # djf (0 - 1000000000)",        "out: noise # comb 1000000000 1000000000 # comb 0 (0 - 1000000000)",
        "out: noise # allpass 1000000000 # allpass (0 - 1000000000000)",    "out: noise # rlpf (noise * 1000000000) (noise * 1000000000)",
    };
    rack_expect_finite(progs, sizeof progs / sizeof progs[0], 9600, 0);
}

Test(rack_filters, formant_and_vowel)
{
    /* the seed's input-first spelling, and the processor form */
    float *a = rack_render("out: formant (saw 110) 730 1090 2440 80 90 120", S);
    float *b = rack_render("out: saw 110 # formant 730 1090 2440 80 90 120", S);
    cr_expect(memcmp(a, b, S * sizeof(float)) == 0);
    /* a saw's 7th harmonic (770 Hz, near F1 = 730) comes through, its 12th (1320, between
     * F2 and F3) is damped though a saw has it at more than half the 7th's level */
    cr_expect(tone_level(a + S / 2, S / 2, 770, RATE) > 3 * tone_level(a + S / 2, S / 2, 1320, RATE));
    free(a), free(b);
    /* vowel letters and numbers are one meaning; "i" has its F1 low (270), "o" higher (570) */
    a = rack_render("out: saw 100 # vowel \"i\"", S);
    b = rack_render("out: saw 100 # vowel 2", S);
    cr_expect(memcmp(a, b, S * sizeof(float)) == 0);
    float *o = rack_render("out: saw 100 # vowel \"o\"", S);
    cr_expect(tone_level(a + S / 2, S / 2, 300, RATE) > 2 * tone_level(o + S / 2, S / 2, 300, RATE));
    cr_expect(tone_level(o + S / 2, S / 2, 600, RATE) > 2 * tone_level(a + S / 2, S / 2, 600, RATE));
    free(a), free(b), free(o);
    cr_expect(rack_block_identical("tempo: 2\nout: saw \"110 165\" # vowel \"a e i o u\" + (noise # formant (sine 0.5 * 200 + 600) 1200 "
                                   "2500 (sine 1 * 40 + 60)) * 0.2",
                                   24000));
    static const char *progs[] = {"out: saw 100 # vowel 1000000000 # vowel (0 - 5) # vowel \"x\"",
                                  "out: noise # formant 0 1000000000 (0 - 1) 0 1000000000 (0 - 1)"};
    rack_expect_finite(progs, 2, 9600, 0);
}

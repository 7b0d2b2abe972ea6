#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_drums.h"
#include "test_dsp_util.h"

/* Share of the energy below `hz` (one-pole split; rough but monotone). */
static double low_share(const ph_table *t, double hz)
{
    double a = exp(-2 * M_PI * hz / t->rate), lp = 0, el = 0, e = 0;
    for (uint32_t i = 0; i < t->frames; i++) {
        double x = t->data[i];
        lp = x + a * (lp - x);
        el += lp * lp;
        e += x * x;
    }
    return el / e;
}

Test(dsp_drums, every_sound_and_variant_is_plausible)
{
    ph_kit *k = ph_kit_create(TD_RATE);
    cr_assert_not_null(k);
    const char *const *names = ph_kit_names();
    static const char *const required[] = {"bd", "sn", "hh", "oh", "cp", "lt", "mt", "ht", "rim",
                                           "perc", "superkick", "supersnare", "superhat",
                                           "superclap"};
    for (size_t r = 0; r < sizeof required / sizeof required[0]; r++) {
        int found = 0;
        for (const char *const *n = names; *n; n++) found |= strcmp(*n, required[r]) == 0;
        cr_assert(found, "%s missing", required[r]);
    }
    for (const char *const *n = names; *n; n++) {
        int nv = ph_kit_variants(k, *n);
        cr_assert(nv >= 3, "%s has %d variants", *n, nv);
        for (int v = 0; v < nv; v++) {
            const ph_table *t = ph_kit_find(k, *n, v);
            cr_assert_not_null(t);
            cr_assert_eq(t->channels, 1);
            cr_assert_eq(t->rate, TD_RATE);
            double secs = t->frames / TD_RATE;
            cr_assert(secs > 0.03 && secs < 3.0, "%s:%d lasts %g s", *n, v, secs);
            cr_assert(td_finite(t->data, t->frames), "%s:%d", *n, v);
            double peak = td_peak(t->data, t->frames), level = ph_kit_level(*n);
            cr_assert(fabs(peak - level) < 0.01 * level, "%s:%d peak %g, not %g", *n, v, peak, level);
            /* the attack is at the start: the first 30 ms hold the peak region */
            cr_assert(td_peak(t->data, 1440 < t->frames ? 1440 : t->frames) > 0.45 * level, "%s:%d onset", *n, v);
            /* it decays: the last 10% is much quieter than the first 10% */
            uint32_t tenth = t->frames / 10;
            double head = td_rms(t->data, tenth), tail = td_rms(t->data + t->frames - tenth, tenth);
            cr_assert(tail < head * 0.2, "%s:%d tail %g head %g", *n, v, tail, head);
            cr_assert_eq(t->data[t->frames - 1], 0.0f, "%s:%d ends at zero", *n, v);
        }
    }
    /* character: kicks live low, hats high */
    double bd = low_share(ph_kit_find(k, "bd", 0), 200), hh = low_share(ph_kit_find(k, "hh", 0), 2000);
    cr_log_info("energy share: bd below 200 Hz %.2f, hh below 2 kHz %.3f", bd, hh);
    cr_assert(bd > 0.6, "bd low share %g", bd);
    cr_assert(hh < 0.05, "hh low share %g", hh);
    /* the mix balance: kicks loudest, snares and claps 3-6 dB under, hats 8-12 dB under,
     * and every sound at most 0.6 so that a kick, a snare, hats and a bass leave headroom */
    double kick = ph_kit_level("bd");
    cr_assert_eq(ph_kit_level("superkick"), kick);
    for (const char *const *n = names; *n; n++) cr_assert(ph_kit_level(*n) <= kick && kick <= 0.6, "%s", *n);
    const char *snares[] = {"sn", "cp", "supersnare", "superclap"}, *hats[] = {"hh", "oh", "superhat"};
    for (int i = 0; i < 4; i++) {
        double d = td_db(kick / ph_kit_level(snares[i]));
        cr_assert(d >= 3 && d <= 6, "%s is %g dB under the kick", snares[i], d);
    }
    for (int i = 0; i < 3; i++) {
        double d = td_db(kick / ph_kit_level(hats[i]));
        cr_assert(d >= 8 && d <= 12, "%s is %g dB under the kick", hats[i], d);
    }
    cr_assert_eq(ph_kit_level("nope"), 0.0);
    /* indices wrap, negative too; unknown names are NULL */
    cr_assert_eq(ph_kit_find(k, "bd", 4), ph_kit_find(k, "bd", 0));
    cr_assert_eq(ph_kit_find(k, "bd", -1), ph_kit_find(k, "bd", 3));
    cr_assert_null(ph_kit_find(k, "nope", 0));
    cr_assert_null(ph_kit_find(k, NULL, 0));
    cr_assert_eq(ph_kit_variants(k, "nope"), 0);
    ph_kit_destroy(k);
    cr_assert_null(ph_kit_create(0));
}

Test(dsp_drums, other_sample_rates)
{
    const double rates[] = {22050, 96000};
    for (int r = 0; r < 2; r++) {
        ph_kit *k = ph_kit_create(rates[r]);
        cr_assert_not_null(k);
        for (const char *const *n = ph_kit_names(); *n; n++)
            for (int v = 0; v < ph_kit_variants(k, *n); v++) {
                const ph_table *t = ph_kit_find(k, *n, v);
                cr_assert_eq(t->rate, rates[r]);
                cr_assert(td_finite(t->data, t->frames), "%s:%d at %g", *n, v, rates[r]);
                cr_assert(fabs(td_peak(t->data, t->frames) - ph_kit_level(*n)) < 0.01 * ph_kit_level(*n), "%s:%d at %g",
                          *n, v, rates[r]);
            }
        ph_kit_destroy(k);
    }
}

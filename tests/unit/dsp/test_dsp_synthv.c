/* The seed's synths with arguments (dsp/ph_synthv.h): pitch, decay, spectra as their
 * parameters say; the same bits however the renders are cut; finite for any argument. */
#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_synthv.h"
#include "test_dsp_util.h"

#define R 48000

/* Renders a voice for `frames` in pieces of `piece` (<= 64); returns the samples rendered
 * before it ended. */
static uint32_t render(const char *name, float freq, const float *p, uint32_t given, float *out, uint32_t frames,
                       uint32_t piece)
{
    ph_synthv v;
    ph_synthv_start(&v, ph_synthv_find(name), R, freq, p, given, 7);
    uint32_t done = 0, live = 0;
    while (done < frames) {
        uint32_t n = frames - done < piece ? frames - done : piece;
        bool more = ph_synthv_render(&v, out + done, n);
        done += n;
        if (more) live = done;
    }
    return live;
}

static double rms_at(const float *x, double t0, double t1) { return td_rms(x + (uint32_t)(t0 * R), (uint32_t)((t1 - t0) * R)); }

/* Zero crossings upward per second in [t0, t1): the pitch of a clean tone. */
static double pitch_at(const float *x, double t0, double t1)
{
    int up = 0;
    uint32_t a = (uint32_t)(t0 * R), b = (uint32_t)(t1 * R), first = 0, last = 0;
    for (uint32_t i = a + 1; i < b; i++)
        if (x[i - 1] < 0 && x[i] >= 0) {
            if (!up) first = i;
            last = i;
            up++;
        }
    return up > 1 ? (up - 1) * (double)R / (last - first) : 0;
}

Test(dsp_synthv, superkick_sweeps_down_to_its_pitch_and_decays_over_sustain)
{
    float *x = td_buf(R, 0);
    const float p[3] = {0.5f, 0.3f, 0.0f}; /* no noise: a clean body to measure */
    uint32_t live = render("superkick", 60, p, 7, x, R, 64);
    cr_expect(live + 64 >= (uint32_t)(0.9 * R) && live <= (uint32_t)(0.9 * R), "ends at 3 sustain: %u", live);
    double early = pitch_at(x, 0.0, 0.03), late = pitch_at(x, 0.1, 0.3);
    cr_log_info("superkick 60: %.1f Hz in the first 30 ms, %.2f Hz after 100 ms", early, late);
    cr_expect(fabs(late - 60) < 0.5 && early > 70);
    /* -26 dB (e^-3) over `sustain` */
    double drop = td_db(rms_at(x, 0.33, 0.35) / rms_at(x, 0.03, 0.05));
    cr_expect(fabs(drop + 26) < 2, "fell %.1f dB over 0.3 s", drop);
    /* pitchenv 0: no sweep */
    const float flat[3] = {0, 0.3f, 0};
    render("superkick", 60, flat, 7, x, R, 64);
    cr_expect(fabs(pitch_at(x, 0.0, 0.05) - 60) < 1);
    free(x);
}

Test(dsp_synthv, supersnare_mixes_its_body_with_snappy_noise)
{
    float *x = td_buf(R, 0), *y = td_buf(R, 0);
    const float dry[2] = {0, 0.2f}, snappy[2] = {1, 0.2f};
    render("supersnare", 200, dry, 3, x, R, 64);
    render("supersnare", 200, snappy, 3, y, R, 64);
    double b1 = td_amp(x, 4800, 200, R), b2 = td_amp(x, 4800, 210, R);
    cr_expect(b1 > 0.01 && b2 > 0.01, "two tones: %g %g", b1, b2);
    /* the noise is above 3 kHz: snappy adds high-frequency energy */
    double hi_dry = td_amp(x, 4800, 6000, R), hi_snap = td_amp(y, 4800, 6000, R);
    cr_expect(hi_dry < 1e-4 && hi_snap > 30 * (hi_dry + 1e-6), "6 kHz: %g dry, %g snappy", hi_dry, hi_snap);
    free(x), free(y);
}

/* The frequency under which half of x's energy lies (a rough brightness). */
static double median_freq(const float *x, uint32_t n)
{
    double e[64], total = 0;
    for (int k = 0; k < 64; k++) {
        double a = td_amp(x, n, 375.0 * (k + 1), R);
        e[k] = a * a;
        total += e[k];
    }
    double acc = 0;
    for (int k = 0; k < 64; k++)
        if ((acc += e[k]) >= total / 2) return 375.0 * (k + 1);
    return 24000;
}

Test(dsp_synthv, superhat_gets_brighter_and_longer_with_its_arguments)
{
    float *x = td_buf(R, 0), *y = td_buf(R, 0);
    const float dull[2] = {0, 0.3f}, bright[2] = {1, 0.3f};
    render("superhat", 0, dull, 3, x, R, 64);
    render("superhat", 0, bright, 3, y, R, 64);
    double mx = median_freq(x, 9600), my = median_freq(y, 9600);
    cr_expect(my > mx + 2000, "median %g Hz dull, %g Hz bright", mx, my);
    const float shrt[2] = {0.7f, 0.02f};
    uint32_t a = render("superhat", 0, shrt, 3, x, R, 64), b = render("superhat", 0, dull, 3, y, R, 64);
    cr_expect(a < 0.07 * R && b > 0.85 * R, "lengths %u %u", a, b);
    free(x), free(y);
}

Test(dsp_synthv, superchip_wobbles_by_its_vibrato_and_superfm_has_its_sidebands)
{
    float *x = td_buf(R, 0);
    const float vib[2] = {4, 0.05f};
    render("superchip", 440, vib, 3, x, R, 64);
    /* a quarter period of the 4 Hz vibrato apart: the pitch at the top and bottom of the swing */
    double hi = pitch_at(x, 0.02, 0.105), lo = pitch_at(x, 0.145, 0.23);
    cr_log_info("superchip 440 vib 4 Hz 5%%: %.1f then %.1f Hz", hi, lo);
    cr_expect(hi > 450 && lo < 430);
    const float fm[2] = {0.3f, 0.3f};
    render("superfm", 1000, fm, 3, x, R, 64);
    /* a 300 Hz modulator swinging the frequency by 0.3 * 1000 Hz: phase modulation with
     * index 0.3 / 0.3 = 1 (sidebands clear of their mirror images below 0 Hz) */
    for (int k = -2; k <= 2; k++)
        cr_expect(fabs(td_amp(x, R, 1000 + 300 * k, R) - 0.7 * fabs(jn(abs(k), 1.0))) < 0.005, "sideband %d: %g, want %g",
                  k, td_amp(x, R, 1000 + 300 * k, R), 0.7 * fabs(jn(abs(k), 1.0)));
    free(x);
}

Test(dsp_synthv, the_same_bits_however_the_render_is_cut_and_finite_for_any_argument)
{
    static const char *names[] = {"superkick", "supersnare", "superhat", "superchip", "superfm"};
    float *a = td_buf(R / 2, 0), *b = td_buf(R / 2, 0);
    const float p[3] = {0.7f, 0.1f, 0.5f};
    for (int k = 0; k < 5; k++) {
        render(names[k], 150, p, 7, a, R / 2, 64);
        render(names[k], 150, p, 7, b, R / 2, 7);
        cr_expect(memcmp(a, b, R / 2 * sizeof(float)) == 0, "%s", names[k]);
        render(names[k], 150, p, 7, b, R / 2, 1);
        cr_expect(memcmp(a, b, R / 2 * sizeof(float)) == 0, "%s", names[k]);
    }
    static const float wild[] = {NAN, INFINITY, -INFINITY, 1e30f, -1e30f, 0, -1};
    for (int k = 0; k < 5; k++)
        for (int w = 0; w < 7; w++) {
            const float q[3] = {wild[w], wild[(w + 2) % 7], wild[(w + 4) % 7]};
            render(names[k], wild[(w + 1) % 7], q, 7, a, R / 2, 64);
            cr_expect(td_finite(a, R / 2) && td_peak(a, R / 2) < 2, "%s with wild arguments %d", names[k], w);
        }
    free(a), free(b);
}

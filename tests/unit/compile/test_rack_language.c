/* The rack's names (issue 14) through the language, on rendered audio: each does what its
 * usage says, in the seed's spellings and argument orders; every one renders the same for
 * any host block size; extreme arguments never give NaN or Inf; errors are clear. */
#include <sndfile.h>
#include <unistd.h>

#include "render_test_util.h"

#define RATE 48000.0

static rendered render(const char *text, uint32_t frames) { return render_text(text, frames, 512, 1, PH_EVAL_BLOCK); }

/* Equal as numbers (a sum with a zero term turns -0 into +0, which memcmp would see). */
static bool equal_values(const float *a, const float *b, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (a[i] != b[i]) return false;
    return true;
}

static bool same_values(const char *a, const char *b, uint32_t frames)
{
    rendered ra = render(a, frames), rb = render(b, frames);
    bool same = equal_values(ra.ch[0], rb.ch[0], frames) && equal_values(ra.ch[1], rb.ch[1], frames);
    rendered_free(&ra);
    rendered_free(&rb);
    return same;
}

static double db_of(double x) { return 20 * log10(x > 1e-30 ? x : 1e-30); }

static double peak(const float *x, uint32_t n)
{
    double p = 0;
    for (uint32_t i = 0; i < n; i++) p = fabs(x[i]) > p ? fabs(x[i]) : p;
    return p;
}

/* Every rack name in one program each: the same bits for host blocks of 1, 7, 64 and 4096,
 * finite and not silent. */
static const char *const programs[] = {
    "cps: 2\nout: saw \"110 220\" # ad 0.01 0.1 * 0.3",
    "cps: 2\n~e: ad 0.01 0.2\nout: saw 55 * ~e * 0.3",
    "cps: 2\nout: sine 220 * (\"t ~ t t\" # asr 0.01 0.05) * 0.3",
    "cps: 2\nout: sine 220 * asr (gate \"t ~ t f\") 0.01 0.2 0.5",
    "out: sine 220 * curve 0 1 0.05 3",
    "cps: 2\nout: saw \"55 110\" # env 0.01 0.05 0.3 0.02 * 0.3",
    "out: saw 55 # env 0.01 0.05 0.3 0.02 * 0.3",
    "cps: 2\nout: saw 55 * (1 - (s \"bd*4\" # follow 0.01 0.1)) * 0.3",
    "cps: 2\nout: sine 220 * gate \"t ~ t t\" * 0.3",
    "cps: 4\nout: sine (\"200 400\" # lag 0.01) * 0.3",
    "out: saw 110 # onepole (sine 0.5 * 800 + 1200) * 0.3",
    "out: (saw 110 * 0.3) # delayl (sine 0.3 * 0.01 + 0.02) 0.5 0.5",
    "cps: 4\nout: sine 220 * line 0 1",
    "out: sine 220 * line 1 0 0.05",
    "out: mix (sine 220) (sine 330 * 0.5) * 0.3",
    "cps: 2\nout: s \"bd*4\" # rms 0.01",
    "cps: 2\nout: s \"bd*4\" # amp_follower 0.001 0.05 0.005",
    "cps: 4\nout: sine ((noise # sample_hold \"x*4\") * 200 + 400) * 0.3",
    "out: sine 220 * segments \"0 1 0.3 0\" \"0.01 0.02 0.03\"",
    "out: select (sine 20 * 2) (sine 220) (saw 110) (sine 330) * 0.3",
    "out: sine (sine 30 * 3 # wrap 0 1) * 0.3",
    "out: xfade (sine 220) (saw 110) (sine 10 * 0.5 + 0.5) * 0.3",
    "out: sine 220 * xline 1 0.01 0.05",
    "out: saw 110 # coarse 4.5 * 0.3",
    "cps: 2\nout: s \"bd sn\" # convolve",
    "out: saw 110 * 3 # expander -20 2 0.001 0.05",
    "out: saw 110 # flanger 0.7 3 0.6 * 0.3",
    "out: saw 110 * 4 # limiter 0.5 0.002 0.05",
    "cps: 2\nout: s \"bd sn\" # multitap 0.01 4 0.5 0.6",
    "out: saw 110 * sine 5 # noisegate -10 10",
    "out: saw 110 # phaser 3 0.8 0.5 6 * 0.3",
    "cps: 2\nout: s \"bd ~ sn ~\" # pingpong 0.02 0.6",
    "out: saw 110 # pitch_shift 5 * 0.3",
    "cps: 2\nout: s \"bd ~ sn ~\" # plate 5 1",
    "out: sine 440 # ring 100 * 0.3",
    "out: ring_mod (sine 440) (sine 70) * 0.3",
    "cps: 2\nout: saw 110 # sidechain_compressor (s \"bd*4\") -30 4 0.001 0.05",
    "cps: 2\nout: saw 110 # compress -30 4 0.001 0.05 0 (s \"bd*4\")",
    "cps: 2\nout: s \"bd ~ sn ~\" # tapedelay 0.02 0.6 1 1 8 1 0.8 0.5",
    "out: saw 110 # tremolo 9 1 * 0.3",
    "out: saw 110 # vibrato 9 2 * 0.3",
    "out: vocoder (saw 110 * sine 3) (saw 55) 12",
    "cps: 2\nout: s \"bd hh sn hh\" # width 2",
};
#define N_PROGRAMS (sizeof programs / sizeof programs[0])

Test(rack_language, every_name_is_bit_identical_for_any_host_block_size, .timeout = 120)
{
    const uint32_t frames = 9600, blocks[] = {1, 7, 64, 4096};
    for (size_t k = 0; k < N_PROGRAMS; k++) {
        rendered ref = render_text(programs[k], frames, 4096, 1, PH_EVAL_BLOCK);
        cr_assert(all_finite(ref.ch[0], frames) && all_finite(ref.ch[1], frames), "%s", programs[k]);
        cr_assert(peak(ref.ch[0], frames) + peak(ref.ch[1], frames) > 1e-3, "silent: %s", programs[k]);
        for (int b = 0; b < 3; b++) {
            rendered r = render_text(programs[k], frames, blocks[b], 1, PH_EVAL_BLOCK);
            for (int c = 0; c < 2; c++)
                cr_assert(memcmp(r.ch[c], ref.ch[c], frames * sizeof(float)) == 0, "block %u differs: %s", blocks[b],
                          programs[k]);
            rendered_free(&r);
        }
        rendered_free(&ref);
    }
}

/* Every number argument of every program pushed to extremes, and signals of absurd size as
 * parameters: still finite. */
Test(rack_language, extreme_arguments_never_give_nan_or_inf, .timeout = 120)
{
    static const char *const extremes[] = {"100000000", "-100000000", "0", "0.0000001", "(noise * 1000000000)",
                                          "(sine 20000 * 100000)"};
    char text[1024];
    for (size_t k = 0; k < N_PROGRAMS; k++)
        for (size_t e = 0; e < sizeof extremes / sizeof extremes[0]; e++) {
            /* every number after the rack name replaced (the tempo and the sources kept) */
            const char *src = programs[k], *body = strstr(src, "out:");
            size_t w = (size_t)(body - src);
            memcpy(text, src, w);
            for (const char *p = body; *p && w < sizeof text - 64;) {
                bool num = (*p >= '0' && *p <= '9') && (p == body || strchr(" (", p[-1]));
                if (num && p - body > 12) {
                    w += (size_t)snprintf(text + w, sizeof text - w, "%s", extremes[e]);
                    while ((*p >= '0' && *p <= '9') || *p == '.') p++;
                } else {
                    text[w++] = *p++;
                }
            }
            text[w] = 0;
            ph_settings s = {.sample_rate = RATE, .max_block = 512, .threads = 1};
            ph_diag d;
            ph_program *p = ph_program_compile(text, strlen(text), &s, &d);
            if (!p) continue; /* a count out of range is refused at compile time: fine */
            ph_program_free(p);
            rendered r = render_text(text, 4800, 512, 1, PH_EVAL_BLOCK);
            cr_assert(all_finite(r.ch[0], 4800) && all_finite(r.ch[1], 4800), "%s", text);
            rendered_free(&r);
        }
}

/* ---- envelopes and control ------------------------------------------------------------------------ */

Test(rack_language, ad_on_events_and_as_a_value_every_cycle)
{
    /* on events: each note rises in 10 ms and is gone 100 ms later */
    rendered r = render("cps: 2\nout: sine \"440 ~\" # ad 0.01 0.1", 48000);
    cr_expect(peak(r.ch[0] + 240, 240) > 0.5, "the attack");
    cr_expect(peak(r.ch[0] + 5400, 2000) < 1e-6, "decayed after 110 ms");
    cr_expect(peak(r.ch[0] + 24000 + 240, 240) > 0.5, "the next cycle's event");
    rendered_free(&r);
    /* as a value: the seed's per-cycle envelope */
    cr_expect(same_audio("cps: 2\n~e: ad 0.01 0.1\nout: sine 440 * ~e", "cps: 2\nout: sine 440 * (\"1\" # ad 0.01 0.1)", 48000));
}

Test(rack_language, env_follows_events_or_opens_once)
{
    rendered r = render("out: sine 440 # env 0.01 0.05 0.5 0.2", 48000); /* the seed's: no events, held */
    cr_expect(fabs(peak(r.ch[0] + 24000, 2400) - 0.5) < 0.01, "held at the sustain %g",
              peak(r.ch[0] + 24000, 2400));
    rendered_free(&r);
    cr_expect(same_audio("cps: 2\nout: sine \"440 ~\" # env 0.01 0.05 0.5 0.2", "cps: 2\nout: sine \"440 ~\" # adsr 0.01 0.05 0.5 0.2",
                         48000), "with events: adsr");
    cr_expect(same_audio("out: sine 440 # envelope 0.01 0.05 0.5 0.2", "out: sine 440 # env 0.01 0.05 0.5 0.2", 9600));
}

Test(rack_language, asr_from_a_gate_signal_or_pattern)
{
    /* gate "t ~" at 1 cycle a second: high for 0.5 s */
    rendered r = render("cps: 1\nout: gate \"t ~\" # asr 0.1 0.2", 48000);
    const float *x = r.ch[0];
    cr_expect(fabs(x[2399] - 0.5) < 0.01, "half way up at 50 ms: %g", x[2399]);
    cr_expect(fabs(x[23999] - 1) < 1e-4);
    cr_expect(fabs(x[24000 + 4799] - 0.5) < 0.01, "half way down at 100 ms: %g", x[24000 + 4799]);
    cr_expect(x[24000 + 9700] == 0.0f);
    rendered_free(&r);
    cr_expect(same_audio("cps: 1\nout: gate \"t ~\" # asr 0.1 0.2", "cps: 1\nout: \"t ~\" # asr 0.1 0.2", 48000));
    cr_expect(same_audio("cps: 1\n~g: gate \"t ~\"\nout: asr ~g 0.1 0.2", "cps: 1\nout: \"t ~\" # asr 0.1 0.2", 48000),
              "the seed's form");
    cr_expect(same_audio("cps: 1\nout: \"t ~\" # asr 0.1 0.5 0.2", "cps: 1\nout: \"t ~\" # asr 0.1 0.2 * 0.5", 48000),
              "three: attack level release");
}

Test(rack_language, gate_is_one_during_true_events)
{
    rendered r = render("cps: 1\nout: gate \"t ~ t f\"", 48000);
    const float g = 1.0f; /* a mono output goes to both sides as it is */
    for (int i = 0; i < 48000; i += 100) {
        float want = i < 12000 || (i >= 24000 && i < 36000) ? g : 0.0f;
        cr_assert(fabsf(r.ch[0][i] - want) < 1e-6f, "%d: %g", i, r.ch[0][i]);
    }
    rendered_free(&r);
    cr_expect(same_audio("cps: 1\nout: gate \"1 0 x true\"", "cps: 1\nout: gate \"t ~ t t\"", 48000));
    refused("out: gate (sine 3)", "takes a pattern of true and false values");
}

Test(rack_language, lag_sample_hold_wrap)
{
    rendered r = render("cps: 1\nout: \"0 1\" # lag 0.05", 48000);
    double v = r.ch[0][24000 + 2399];
    cr_expect(fabs(v - 0.632) < 0.02, "63 %% after 50 ms: %g", v);
    rendered_free(&r);
    cr_expect(same_audio("~x: saw 55\nout: lag ~x 0.05", "~x: saw 55\nout: ~x # lag 0.05", 9600), "the seed's form");
    /* held at each event's onset: constant between onsets */
    r = render("cps: 1\nout: saw 1 # sample_hold \"x*4\"", 48000);
    for (int q = 0; q < 4; q++)
        for (int i = q * 12000 + 1; i < (q + 1) * 12000; i += 97) cr_assert_eq(r.ch[0][i], r.ch[0][q * 12000]);
    cr_expect(r.ch[0][12000] != r.ch[0][0]);
    rendered_free(&r);
    cr_expect(same_audio("out: sample_hold (saw 1) (square 4)", "out: saw 1 # sample_hold (square 4)", 48000));
    r = render("out: (saw 2 * 3) # wrap 0 1", 24000);
    for (int i = 0; i < 24000; i += 11) cr_assert(r.ch[0][i] >= 0 && r.ch[0][i] < 1.0f);
    rendered_free(&r);
}

/* onepole: -3 dB at its cutoff against a tone far below it; delayl: an echo at its time,
 * the half sample read as two halves (delay's Hermite rings around it) */
Test(rack_language, onepole_and_delayl)
{
    rendered lo = render("out: sine 100 * 0.5 # onepole 1000", 48000), at = render("out: sine 1000 * 0.5 # onepole 1000", 48000);
    double g_lo = db_of(tone_level(lo.ch[0] + 24000, 24000, 100, RATE)), g_at = db_of(tone_level(at.ch[0] + 24000, 24000, 1000, RATE));
    cr_expect(fabs(g_lo - db_of(0.5)) < 0.1, "far below: %.2f dB", g_lo);
    cr_expect(fabs(g_at - g_lo + 3.0) < 0.3, "at the cutoff: %.2f dB below", g_lo - g_at);
    rendered_free(&lo);
    rendered_free(&at);
    cr_expect(same_audio("~x: saw 55\nout: onepole ~x 300", "~x: saw 55\nout: ~x # onepole 300", 9600), "the seed's form");
    /* a tone at a quarter of the rate through a 100.5-sample delay, echoes only: read half-way
     * between samples, linear gives cos(pi/4) = 0.7071 of it (delay's Hermite gives 0.884) */
    rendered r = render("~t: sine 12000\nout: (~t # delayl 0.00209375 0 1) - ~t", 48000);
    rendered h = render("~t: sine 12000\nout: (~t # delay 0.00209375 0 1) - ~t", 48000);
    double lin = tone_level(r.ch[0] + 24000, 24000, 12000, RATE), her = tone_level(h.ch[0] + 24000, 24000, 12000, RATE);
    cr_expect(fabs(lin - 0.7071) < 0.01, "delayl: %.4f", lin);
    cr_expect(fabs(her - 0.884) < 0.01, "delay: %.4f", her);
    rendered_free(&r);
    rendered_free(&h);
}

Test(rack_language, ramps_lines_and_segments)
{
    rendered r = render("cps: 1\nout: line 0 1", 48000);
    for (int i = 0; i < 48000; i += 1000) cr_assert(fabs(r.ch[0][i] - i / 48000.0) < 1e-4, "%d", i);
    rendered_free(&r);
    r = render("out: line 200 800 0.5 * 0.001", 48000);
    cr_expect(fabs(r.ch[0][12000] - 0.5) < 1e-3 && fabs(r.ch[0][30000] - 0.8) < 1e-4);
    rendered_free(&r);
    r = render("out: xline 1 0.001 1", 96000);
    cr_expect(fabs(r.ch[0][24000] - sqrt(0.001)) < 1e-3, "%g", r.ch[0][24000]);
    cr_expect(fabs(r.ch[0][60000] - 0.001) < 1e-6, "the end value, held");
    rendered_free(&r);
    r = render("out: curve 0 1 1 4", 96000);
    cr_expect(r.ch[0][24000] < 0.15 && fabs(r.ch[0][60000] - 1) < 1e-5);
    rendered_free(&r);
    r = render("out: segments \"0 1 0.5\" \"0.1 0.4\"", 48000);
    cr_expect(fabs(r.ch[0][2400] - 0.5) < 1e-3 && fabs(r.ch[0][4800] - 1) < 1e-3);
    cr_expect(fabs(r.ch[0][40000] - 0.5) < 1e-5);
    rendered_free(&r);
    refused("out: segments \"0 1 0.5\" \"0.1\"", "takes 2 times (seconds) for 3 levels, got 1");
}

Test(rack_language, select_mix_xfade)
{
    cr_expect(same_audio("out: mix (sine 220) (sine 330) (saw 55)", "out: sine 220 + sine 330 + saw 55", 9600));
    cr_expect(same_audio("out: sine 220 # mix (sine 330)", "out: mix (sine 220) (sine 330)", 9600), "a # mix b");
    rendered r = render("out: select 1 (sine 220) (sine 330)", 48000), s = render("out: sine 330", 48000);
    cr_expect(equal_values(r.ch[0], s.ch[0], 48000), "index 1: the second");
    rendered_free(&r);
    rendered_free(&s);
    cr_expect(same_audio("out: select 5 (sine 220) (sine 330)", "out: select -1 (sine 220) (sine 330)", 9600), "wraps");
    /* a change cross-fades over 5 ms: no step larger than the inputs' own */
    r = render("cps: 4\nout: select \"0 1\" (sine 220) (sine 2000 * 0) ", 48000);
    double step = 0;
    for (int i = 1; i < 48000; i++) step = fmax(step, fabs(r.ch[0][i] - r.ch[0][i - 1]));
    cr_expect(step < 0.03, "largest step %g", step);
    rendered_free(&r);
    r = render("out: xfade (sine 220) (sine 330) 0.25", 48000);
    cr_expect(fabs(tone_level(r.ch[0], 48000, 220, RATE) - 0.75) < 0.01 &&
              fabs(tone_level(r.ch[0], 48000, 330, RATE) - 0.25) < 0.01);
    rendered_free(&r);
}

Test(rack_language, follow_ducks_a_pad_under_the_kick)
{
    rendered r = render("cps: 1\n~kick: s \"bd*2\"\n~pad: sine 330 * 0.3\nout: ~pad * (1 - (~kick # follow 0.005 0.15))", 48000);
    /* just after each kick the pad is down, before the next kick it has come back */
    double during = tone_level(r.ch[0] + 1000, 2000, 330, RATE), before = tone_level(r.ch[0] + 20000, 4000, 330, RATE);
    cr_log_info("pad under the kick %.3f, between kicks %.3f", during, before);
    cr_expect(during < 0.8 * before, "ducked %g vs %g", during, before);
    rendered_free(&r);
    r = render("out: sine 100 # rms 0.02", 48000);
    cr_expect(fabs(r.ch[0][40000] - M_SQRT1_2) < 2e-3, "rms of a sine %g", r.ch[0][40000]);
    rendered_free(&r);
    cr_expect(same_audio("out: saw 55 # peak_follower 0.01 0.1", "out: saw 55 # follow 0.01 0.1", 9600));
}

/* ---- effects ------------------------------------------------------------------------------------ */

Test(rack_language, tremolo_vibrato_ring)
{
    rendered r = render("out: sine 1000 # tremolo 2 1", 48000);
    double lo = 1, hi = 0; /* the level in 10 ms windows: 0 .. 1 at 2 Hz */
    for (int w = 0; w < 48000; w += 480) {
        double l = peak(r.ch[0] + w, 480);
        lo = fmin(lo, l), hi = fmax(hi, l);
    }
    cr_expect(lo < 0.05 && hi > 0.99, "tremolo depth 1: %g .. %g", lo, hi);
    rendered_free(&r);
    r = render("out: sine 1000 # ring 300", 48000);
    cr_expect(fabs(tone_level(r.ch[0], 48000, 700, RATE) - 0.5) < 0.01 &&
              tone_level(r.ch[0], 48000, 1000, RATE) < 0.005);
    rendered_free(&r);
    r = render("out: ring_mod (sine 1000) (sine 300)", 48000);
    cr_expect(fabs(tone_level(r.ch[0], 48000, 1300, RATE) - 0.5) < 0.01);
    rendered_free(&r);
    cr_expect(same_audio("out: sine 440 # trem 4 0.5", "out: sine 440 # tremolo 4 0.5", 9600));
    cr_expect(same_audio("out: sine 440 # vib 4 0.5", "out: sine 440 # vibrato 4 0.5", 9600));
    r = render("out: sine 1000 # vibrato 4 2", 96000);
    double top = tone_level(r.ch[0], 96000, 1000, RATE);
    cr_expect(top < 0.5 * M_SQRT1_2, "the pitch moves away from 1 kHz: %g", top);
    rendered_free(&r);
}

Test(rack_language, flanger_phaser_pitch_shift_coarse_width)
{
    rendered r = render("out: sine 500 # flanger 1 0 0", 48000); /* a fixed 3 ms comb: 500 Hz cancels */
    cr_expect(tone_level(r.ch[0] + 24000, 24000, 500, RATE) < 0.02);
    rendered_free(&r);
    cr_expect(same_audio("~raw: saw 110\nout: flanger ~raw 0.6 1.2 0.6", "out: saw 110 # flanger 0.6 1.2 0.6", 9600));
    r = render("out: sine 440 # pitch_shift 12", 96000);
    cr_expect(tone_level(r.ch[0] + 48000, 48000, 880, RATE) > 0.3 && tone_level(r.ch[0] + 48000, 48000, 440, RATE) < 0.03);
    rendered_free(&r);
    cr_expect(same_audio("out: pitch_shift (saw 220) 7", "out: saw 220 # pitch_shift 7", 9600));
    r = render("out: saw 110 # coarse 4", 4800);
    for (int i = 0; i < 4800; i += 4) cr_assert(r.ch[0][i + 1] == r.ch[0][i] && r.ch[0][i + 3] == r.ch[0][i]);
    rendered_free(&r);
    /* width 0 folds stereo to mono; a mono input widened has different sides */
    r = render("cps: 2\nout: s \"bd hh\" # pan \"0 1\" # width 0", 48000);
    cr_expect(memcmp(r.ch[0], r.ch[1], 48000 * sizeof(float)) == 0);
    rendered_free(&r);
    r = render("out: saw 110 # width 3", 9600);
    cr_expect(memcmp(r.ch[0], r.ch[1], 9600 * sizeof(float)) != 0);
    rendered_free(&r);
    cr_expect(same_audio("out: saw 110 # widener 2", "out: saw 110 # width 2", 9600));
    cr_expect(same_audio("out: saw 110 # ph 0.5 0.7 0.5 4", "out: saw 110 # phaser 0.5 0.7 0.5 4", 9600));
    refused("out: saw 110 # phaser 0.5 0.7 0.5 20", "number of stages");
    refused("out: saw 110 # phaser 0.5 0.7 0.5 (sine 1)", "number of stages");
}

Test(rack_language, echoes_land_where_they_should)
{
    /* a click (a short noise burst) and its echoes */
    rendered r = render("cps: 0.5\nout: s \"rim ~\" # pingpong 0.25 0.5 1 0 1", 96000);
    cr_expect(peak(r.ch[0] + 12000, 1000) > 0.05 && peak(r.ch[1] + 12000, 1000) < 1e-4, "first echo on the left");
    cr_expect(peak(r.ch[1] + 24000, 1000) > 0.02 && peak(r.ch[0] + 24000, 1000) < 1e-4, "second on the right");
    rendered_free(&r);
    r = render("cps: 0.5\nout: s \"rim ~\" # multitap 0.1 3 0 1", 96000);
    for (int k = 1; k <= 3; k++) cr_expect(peak(r.ch[0] + 4800 * k, 600) > 0.01, "tap %d", k);
    cr_expect(peak(r.ch[0] + 4800 * 4, 600) < 1e-4, "no fourth tap");
    rendered_free(&r);
    r = render("cps: 0.5\nout: s \"rim ~\" # tapedelay 0.1 0.5 0.5 0 6 0 0 1", 96000);
    cr_expect(peak(r.ch[0] + 4800, 600) > 0.01 && peak(r.ch[0] + 2000, 2000) < 1e-4);
    rendered_free(&r);
    cr_expect(same_audio("out: saw 110 # tape 0.1 0.5", "out: saw 110 # tapedelay 0.1 0.5", 9600));
    r = render("cps: 0.5\nout: s \"rim ~\" # plate 0 2 0.7 0 0.3 1", 96000);
    cr_expect(peak(r.ch[0] + 48000, 4800) > 0.001 && peak(r.ch[0] + 48000, 4800) < peak(r.ch[0], 9600), "a tail at 1 s");
    cr_expect(memcmp(r.ch[0], r.ch[1], 96000 * sizeof(float)) != 0, "stereo");
    rendered_free(&r);
}

/* A WAV impulse response: a tap of 0.5 after 1000 samples, and 0.25 after 6000. */
static void write_ir(const char *path)
{
    SF_INFO info = {.samplerate = 48000, .channels = 1, .format = SF_FORMAT_WAV | SF_FORMAT_FLOAT};
    SNDFILE *f = sf_open(path, SFM_WRITE, &info);
    cr_assert(f);
    static float ir[7000];
    ir[1000] = 0.5f;
    ir[6000] = 0.25f;
    sf_writef_float(f, ir, 7000);
    sf_close(f);
}

Test(rack_language, convolve_with_a_file_and_a_clear_error_without)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/phonon-ir-%d.wav", (int)getpid());
    write_ir(path);
    char text[256];
    snprintf(text, sizeof text, "out: sine 300 # convolve \"%s\"", path);
    rendered r = render(text, 48000), dry = render("out: sine 300", 48000);
    for (int i = 7000; i < 48000; i += 13)
        cr_assert(fabsf(r.ch[0][i] - (0.5f * dry.ch[0][i - 1000] + 0.25f * dry.ch[0][i - 6000])) < 1e-5f, "%d", i);
    rendered_free(&r);
    rendered_free(&dry);
    snprintf(text, sizeof text, "out: sine 300 # convolve \"%s\" 0", path);
    cr_expect(same_values(text, "out: sine 300", 9600), "mix 0: dry");
    unlink(path);
    refused("out: sine 300 # convolve \"/no/such/ir.wav\"", "cannot read the impulse response '/no/such/ir.wav'");
    cr_expect(same_audio("~k: s \"bd\"\nout: convolve ~k", "out: s \"bd\" # convolution", 9600), "the seed's form");
}

Test(rack_language, dynamics)
{
    rendered r = render("out: saw 110 * 8 # limiter 0.5", 48000);
    cr_expect(peak(r.ch[0], 48000) <= 0.5 + 1e-6 && peak(r.ch[0], 48000) > 0.3, "%g", peak(r.ch[0], 48000));
    rendered_free(&r);
    cr_expect(same_audio("~x: saw 110 * 3\nout: limiter ~x 0.8", "out: saw 110 * 3 # limiter 0.8", 9600));
    /* the key ducks a quiet tone while kicks play; a constant key is no key */
    r = render("cps: 1\nout: sine 300 * 0.1 # compress -30 4 0.001 0.05 0 (s \"bd ~\")", 48000);
    double ducked = tone_level(r.ch[0] + 2400, 4800, 300, RATE), free_ = tone_level(r.ch[0] + 36000, 9600, 300, RATE);
    cr_log_info("keyed compressor: %.4f under the kick, %.4f after", ducked, free_);
    cr_expect(ducked < 0.5 * free_, "ducked %g, free %g", ducked, free_);
    rendered_free(&r);
    cr_expect(same_audio("out: saw 110 # compress -20 4 0.01 0.1 0 0", "out: saw 110 # compress -20 4 0.01 0.1", 9600));
    cr_expect(same_audio("out: saw 110 # sidechain_compressor (s \"bd\") -20 4 0.01 0.1",
                         "out: saw 110 # compress -20 4 0.01 0.1 0 (s \"bd\")", 48000));
    cr_expect(same_audio("out: saw 110 # sc_comp (s \"bd\") -20 4", "out: saw 110 # sidechain_comp (s \"bd\") -20 4", 9600));
    /* upward expander: +10 dB for a signal 10 dB over the threshold at 2:1; the gate closes */
    r = render("out: sine 1000 * 0.316 # expander -20 2 0.0005 0.5", 48000);
    cr_expect(fabs(db_of(peak(r.ch[0] + 24000, 24000)) - 0.0) < 0.6, "%g dB", db_of(peak(r.ch[0] + 24000, 24000)));
    rendered_free(&r);
    r = render("out: sine 1000 * 0.01 # noisegate -20 10 0.0005 0.05", 48000);
    cr_expect(peak(r.ch[0] + 24000, 24000) < 1e-4, "below the threshold: shut");
    rendered_free(&r);
}

Test(rack_language, vocoder_carrier_and_modulator)
{
    /* the saw's 10th harmonic is a third of its 3rd: weigh each by the carrier's level */
    rendered r = render("out: vocoder (sine 1000) (saw 100) 16", 48000);
    double at = tone_level(r.ch[0] + 24000, 24000, 1000, RATE) * 10, off = tone_level(r.ch[0] + 24000, 24000, 300, RATE) * 3;
    cr_expect(at > 10 * off, "%g at 1 kHz, %g at 300 Hz (per unit of carrier)", at, off);
    rendered_free(&r);
    cr_expect(same_audio("out: vocoder (sine 1000) (saw 100) 16", "out: sine 1000 # vocoder (saw 100) 16", 9600));
    refused("out: vocoder (sine 1000) (saw 100) 64", "number of bands");
}

#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_voices.h"
#include "test_dsp_split.h"
#include "test_dsp_util.h"

#define RATE 48000

static float *make_sine_table(ph_table *t, uint32_t frames, double hz, float amp)
{
    float *d = malloc(sizeof(float) * frames);
    for (uint32_t i = 0; i < frames; i++) d[i] = (float)(amp * sin(2 * M_PI * hz * i / RATE));
    *t = (ph_table){d, frames, 1, RATE};
    return d;
}

Test(dsp_voices, onset_at_exact_sample_with_gain_and_pan)
{
    ph_table t;
    float *d = malloc(sizeof(float) * 1000);
    for (int i = 0; i < 1000; i++) d[i] = 0.5f;
    t = (ph_table){d, 1000, 1, RATE};
    ph_voices *p = ph_voices_create(RATE, 64);
    float L[1200], R[1200];
    ph_voice_event ev;
    ph_voice_event_defaults(&ev);
    ev.table = &t;
    ev.offset = 100;
    ev.gain = 0.8f;
    ev.pan = 0.0f;
    ph_voices_trigger(p, &ev);
    ph_voices_render(p, L, R, 600, 0);
    cr_assert_eq(L[99], 0.0f);
    cr_assert(fabsf(L[100] - 0.4f) < 1e-6f, "onset sample %g", L[100]);
    cr_assert(fabsf(R[100]) < 1e-6f, "hard left");
    cr_assert_eq(ph_voices_sounding(p), 1);
    /* the table ends 1000 samples after the onset, with a 1 ms (48 sample) fade */
    ph_voices_render(p, L + 600, R + 600, 600, 600);
    cr_assert(fabsf(L[1050] - 0.4f) < 1e-6f);
    cr_assert(L[1099] > 0.0f && L[1099] < 0.4f / 40);
    cr_assert_eq(L[1100], 0.0f);
    cr_assert_eq(ph_voices_sounding(p), 0);
    ph_voices_destroy(p);
    free(d);
}

Test(dsp_voices, pitched_and_backwards_playback)
{
    ph_table t;
    float *d = make_sine_table(&t, RATE, 480, 0.5f);
    ph_voices *p = ph_voices_create(RATE, 64);
    float *L = td_buf(RATE, 0), *R = td_buf(RATE, 0);
    ph_voice_event ev;
    ph_voice_event_defaults(&ev);
    ev.table = &t;
    ev.note = 12; /* an octave up: 960 Hz, half as long */
    ph_voices_trigger(p, &ev);
    ph_voices_render(p, L, R, RATE / 2, 0);
    double a = td_amp(L, 24000, 960, RATE) / M_SQRT1_2;
    cr_assert(fabs(a - 0.5) < 0.01, "960 Hz amplitude %g", a);
    cr_assert(td_amp(L, 24000, 480, RATE) < 0.01);
    ph_voices_render(p, L, R, 100, RATE / 2);
    cr_assert_eq(td_peak(L, 100), 0.0, "ended after half the table");

    /* speed -1: the table reversed */
    ph_voices_destroy(p);
    p = ph_voices_create(RATE, 64);
    ph_voice_event_defaults(&ev);
    ev.table = &t;
    ev.speed = -1;
    ev.pan = 0;
    ph_voices_trigger(p, &ev);
    ph_voices_render(p, L, R, RATE, 0);
    for (uint32_t i = 100; i < RATE - 100; i += 97)
        cr_assert(fabsf(L[i] - d[RATE - 1 - i]) < 1e-3f, "reverse at %u: %g vs %g", i, L[i], d[RATE - 1 - i]);
    /* begin/end: the middle half, 24000 samples */
    ph_voice_event_defaults(&ev);
    ev.table = &t;
    ev.begin = 0.25f;
    ev.end = 0.75f;
    ph_voices_trigger(p, &ev);
    ph_voices_render(p, L, R, RATE, RATE);
    cr_assert(td_peak(L + 24100, 1000) == 0.0 && td_peak(L + 23000, 900) > 0.3);
    cr_assert(fabsf(L[0]) < 0.02f, "begin fades in");
    ph_voices_destroy(p);
    free(d), free(L), free(R);
}

Test(dsp_voices, stealing_at_65_voices_is_click_free)
{
    ph_table t;
    float *d = malloc(sizeof(float) * RATE * 2);
    for (uint32_t i = 0; i < RATE * 2; i++) d[i] = 0.5f; /* DC: the worst case for clicks */
    t = (ph_table){d, RATE * 2, 1, RATE};
    ph_voices *p = ph_voices_create(RATE, 64);
    const uint32_t n = 256, blocks = 80;
    float *L = td_buf(n * blocks, 0), *R = td_buf(n * blocks, 0);
    ph_voice_event ev;
    ph_voice_event_defaults(&ev);
    ev.table = &t;
    ev.gain = 1.0f / 8;
    ev.attack = 0.01f;
    uint32_t started = 0;
    for (uint32_t b = 0; b < blocks; b++) {
        /* one voice a block: 65 voices by block 64 */
        if (started < 70) {
            ev.offset = (b * 37) % n;
            ph_voices_trigger(p, &ev);
            started++;
        }
        ph_voices_render(p, L + b * n, R + b * n, n, (uint64_t)b * n);
        cr_assert(ph_voices_sounding(p) <= 64);
        if (started >= 64) cr_assert_eq(ph_voices_sounding(p), 64);
    }
    cr_assert(ph_voices_busy(p) <= 64 + 16);
    /* one voice's level is 0.5/8*0.707 = 0.044; cutting it dead would jump by that much.
     * Attacks are 10 ms (480 samples), fades 5 ms (240): allow a few per-sample steps. */
    double one = 0.5 / 8 * M_SQRT1_2, worst = 0;
    for (uint32_t i = 1; i < n * blocks; i++) worst = fmax(worst, fabs(L[i] - L[i - 1]));
    cr_log_info("voice stealing: largest step %.5f (one voice %.4f)", worst, one);
    cr_assert(worst < one / 20, "largest sample step %g", worst);
    ph_voices_destroy(p);
    free(d), free(L), free(R);
}

Test(dsp_voices, cut_groups_and_synths)
{
    ph_kit *kit = ph_kit_create(RATE);
    ph_voices *p = ph_voices_create(RATE, 64);
    ph_voice_event ev;
    ph_voice_event_defaults(&ev);
    cr_assert(ph_voice_event_sound(&ev, kit, NULL, "oh", 0));
    cr_assert(!ph_voice_event_sound(&ev, kit, NULL, "nope", 0));
    cr_assert(ph_voice_event_sound(&ev, kit, NULL, "oh", 0));
    ev.cut = 1;
    float L[4800], R[4800];
    ph_voices_trigger(p, &ev);
    ph_voices_render(p, L, R, 1000, 0);
    cr_assert_eq(ph_voices_sounding(p), 1);
    ph_voice_event_sound(&ev, kit, NULL, "hh", 0);
    ph_voices_trigger(p, &ev);
    ph_voices_render(p, L, R, 1000, 1000);
    cr_assert_eq(ph_voices_sounding(p), 1, "oh cut by hh");
    ph_voices_render(p, L, R, 1000, 2000);
    cr_assert_eq(ph_voices_busy(p), 1, "the cut oh has faded out, the hh plays on");
    /* supersaw and superpwm: pitched, held for `length`, then released */
    for (int k = 0; k < 2; k++) {
        ph_voices_release_all(p);
        ph_voices_render(p, L, R, 4800, 3000);
        ph_voice_event_defaults(&ev);
        cr_assert(ph_voice_event_sound(&ev, kit, NULL, k ? "superpwm" : "supersaw", 0));
        ev.note = -12; /* C4: 130.8 Hz */
        ev.length = 2400;
        ev.release = 0.02f;
        uint32_t total = 48000;
        float *big = td_buf(total, 0), *bigR = td_buf(total, 0);
        ph_voices_trigger(p, &ev);
        ph_voices_render(p, big, bigR, total, 10000);
        cr_assert(td_finite(big, total));
        double f0 = td_amp(big, 2400, 130.8128, RATE), off = td_amp(big, 2400, 100, RATE);
        cr_log_info("%s C4: amplitude at 130.8 Hz %.3f, at 100 Hz %.3f", k ? "superpwm" : "supersaw", f0, off);
        cr_assert(f0 > 0.1 && f0 > 4 * off);
        cr_assert(td_peak(big + 2400 + 960 + 10, 1000) == 0.0, "released after 20 ms");
        cr_assert_eq(ph_voices_sounding(p), 0);
        free(big), free(bigR);
    }
    ph_voices_destroy(p);
    ph_kit_destroy(kit);
}

/* block-split invariance with events handed to the block containing their onset */
static ph_voices *sp;
static ph_kit *skit;
static float sR[8192];
static void v_init(void) { sp = ph_voices_create(RATE, 64); }
static void v_done(void) { ph_voices_destroy(sp); }
static void v_run(float *out, uint32_t off, uint32_t n)
{
    static const char *names[] = {"bd", "sn", "hh", "supersaw", "cp", "superpwm", "oh", "perc"};
    for (uint32_t i = off; i < off + n; i++) {
        if (i % 97 != 5) continue;
        uint32_t k = i / 97;
        ph_voice_event ev;
        ph_voice_event_defaults(&ev);
        ph_voice_event_sound(&ev, skit, NULL, names[k % 8], (int)k);
        ev.offset = i - off;
        ev.note = (float)(k % 7) - 3;
        ev.speed = k % 5 == 0 ? -1.0f : 1.0f;
        ev.pan = (k % 4) / 3.0f;
        ev.begin = k % 3 == 0 ? 0.1f : 0;
        ev.length = k % 2 ? 300 : 0;
        ev.cut = k % 6 == 0 ? 1 : 0;
        ph_voices_trigger(sp, &ev);
    }
    ph_voices_render(sp, out + off, sR + off, n, 1000 + off);
    for (uint32_t i = off; i < off + n; i++) out[i] += 3 * sR[i];
}

Test(dsp_voices, block_split_invariant)
{
    skit = ph_kit_create(RATE);
    td_kernel k = {"voices", v_init, v_run, v_done};
    td_check_split(&k, 8192);
    ph_kit_destroy(skit);
}

Test(dsp_voices, absurd_events_are_safe)
{
    ph_kit *kit = ph_kit_create(RATE);
    ph_voices *p = ph_voices_create(RATE, 10); /* raised to 64 */
    float L[512], R[512];
    const float bad[] = {NAN, INFINITY, -INFINITY, 1e30f, -1e30f, 0, -5};
    for (int i = 0; i < 7; i++) {
        ph_voice_event ev;
        ph_voice_event_defaults(&ev);
        ph_voice_event_sound(&ev, kit, NULL, i % 2 ? "supersaw" : "bd", i);
        ev.gain = ev.pan = ev.speed = ev.note = ev.freq = ev.begin = ev.end = ev.attack = ev.release = bad[i];
        ev.offset = 100000; /* beyond the block: clamped */
        ev.length = 0xFFFFFFFFu;
        ev.cut = -3;
        cr_assert(ph_voices_trigger(p, &ev));
    }
    ph_voice_event none;
    ph_voice_event_defaults(&none);
    ph_voices_trigger(p, &none); /* no table: ignored */
    for (int b = 0; b < 20; b++) {
        ph_voices_render(p, L, R, 512, (uint64_t)b * 512);
        cr_assert(td_finite(L, 512) && td_finite(R, 512));
        cr_assert(td_peak(L, 512) < 100);
    }
    /* the queue is bounded: overflow is counted, not crashed */
    ph_voice_event ev;
    ph_voice_event_defaults(&ev);
    ph_voice_event_sound(&ev, kit, NULL, "hh", 0);
    for (int i = 0; i < PH_VOICE_QUEUE + 10; i++) ph_voices_trigger(p, &ev);
    cr_assert_eq(ph_voices_dropped(p), 10);
    ph_voices_render(p, L, R, 512, 20 * 512);
    cr_assert(td_finite(L, 512));
    cr_assert(ph_voices_sounding(p) <= 64);
    ph_voices_destroy(p);
    ph_kit_destroy(kit);
}

/* A busy drum pattern rendered with and without the steady-state fast path. */
static void render_drums(ph_kit *kit, float *L, float *R, uint32_t blocks, bool fast)
{
    static const char *names[] = {"bd", "sn", "hh", "oh", "cp", "lt", "perc", "superkick"};
    ph_voices *p = ph_voices_create(RATE, 64);
    ph_voices_set_fast_path(p, fast);
    for (uint32_t b = 0; b < blocks; b++) {
        for (uint32_t j = 0; j < 3; j++) {
            ph_voice_event ev;
            ph_voice_event_defaults(&ev);
            ph_voice_event_sound(&ev, kit, NULL, names[(b * 3 + j) % 8], (int)b);
            ev.offset = (b * 37 + j * 11) % 256;
            ev.gain = 0.5f;
            ev.pan = (b % 5) / 4.0f;
            ev.length = b % 3 ? 0 : 3000;
            ev.attack = b % 4 == 0 ? 0.002f : 0;
            ev.cut = b % 7 == 0;
            ev.note = b % 9 == 0 ? 2.0f : 0.0f;
            ph_voices_trigger(p, &ev);
        }
        ph_voices_render(p, L + b * 256, R + b * 256, 256, (uint64_t)b * 256);
    }
    ph_voices_destroy(p);
}

Test(dsp_voices, fast_path_is_bit_identical)
{
    const uint32_t blocks = 300, n = blocks * 256;
    ph_kit *kit = ph_kit_create(RATE);
    float *a = td_buf(n, 0), *b = td_buf(n, 0), *ar = td_buf(n, 0), *br = td_buf(n, 0);
    render_drums(kit, a, ar, blocks, true);
    render_drums(kit, b, br, blocks, false);
    cr_assert(td_rms(a, n) > 0.05);
    cr_assert(memcmp(a, b, n * sizeof(float)) == 0 && memcmp(ar, br, n * sizeof(float)) == 0);
    ph_kit_destroy(kit);
    free(a), free(b), free(ar), free(br);
}

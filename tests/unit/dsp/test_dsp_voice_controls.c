/* The voice pool's per-sound controls: accelerate, loop, the effect chain on a voice and
 * its tail, dry level and orbit sends, and block-split invariance with all of them. */
#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_voices.h"
#include "test_dsp_split.h"
#include "test_dsp_util.h"

#define RATE 48000

static float *sine_table(ph_table *t, uint32_t frames, double hz)
{
    float *d = malloc(sizeof(float) * frames);
    for (uint32_t i = 0; i < frames; i++) d[i] = (float)(0.5 * sin(2 * M_PI * hz * i / RATE));
    *t = (ph_table){d, frames, 1, RATE};
    return d;
}

/* Frequency of x over [a, b) from its upward zero crossings (interpolated). */
static double zc_hz(const float *x, uint32_t a, uint32_t b)
{
    double first = -1, last = -1;
    int count = 0;
    for (uint32_t i = a + 1; i < b; i++)
        if (x[i - 1] < 0 && x[i] >= 0) {
            double at = i - 1 + x[i - 1] / (x[i - 1] - x[i]);
            if (first < 0) first = at;
            else count++;
            last = at;
        }
    return count ? count * RATE / (last - first) : 0;
}

static uint32_t last_sound(const float *x, uint32_t n)
{
    uint32_t last = 0;
    for (uint32_t i = 0; i < n; i++)
        if (fabsf(x[i]) > 1e-6f) last = i;
    return last;
}

static void play(ph_voices *p, const ph_voice_event *ev, float *L, float *R, uint32_t n)
{
    ph_voices_trigger(p, ev);
    for (uint32_t i = 0; i < n; i += 512) ph_voices_render(p, L + i, R + i, n - i < 512 ? n - i : 512, i);
}

Test(dsp_voice_controls, accelerate_glides_the_rate_over_the_sample)
{
    ph_table t;
    float *d = sine_table(&t, RATE, 1000); /* 1 s at 1 kHz */
    const uint32_t n = 3 * RATE;
    float *L = td_buf(n, 0), *R = td_buf(n, 0);
    const float accel[] = {1.0f, -0.5f};
    for (int k = 0; k < 2; k++) {
        ph_voices *p = ph_voices_create(RATE, 64);
        ph_voice_event ev;
        ph_voice_event_defaults(&ev);
        ev.table = &t;
        ev.accelerate = accel[k];
        play(p, &ev, L, R, n);
        /* SuperDirt: speed 1 -> 1 + a over the time the sample takes at the mean speed */
        double len = RATE / (1 + 0.5 * accel[k]);
        double start = zc_hz(L, 0, 960), end = zc_hz(L, (uint32_t)len - 1500, (uint32_t)len - 500);
        double want_end = 1000 * (1 + accel[k] * (len - 1000) / len);
        cr_log_info("accelerate %g: %.0f Hz at the start, %.0f Hz near the end (%.0f), ends at %u (%.0f)", accel[k],
                    start, end, want_end, last_sound(L, n), len);
        cr_assert(fabs(start - 1000 * (1 + accel[k] * 480 / len)) < 15);
        cr_assert(fabs(end - want_end) < 15);
        cr_assert(fabs((double)last_sound(L, n) - len) < 300, "lasts %u", last_sound(L, n));
        ph_voices_destroy(p);
    }
    free(L), free(R), free(d);
}

Test(dsp_voice_controls, loop_plays_the_part_n_times)
{
    ph_table t;
    float *d = sine_table(&t, 4800, 500); /* 0.1 s, whole cycles */
    const uint32_t n = RATE;
    float *L = td_buf(n, 0), *R = td_buf(n, 0);
    ph_voices *p = ph_voices_create(RATE, 64);
    ph_voice_event ev;
    ph_voice_event_defaults(&ev);
    ev.table = &t;
    ev.loop = 3;
    play(p, &ev, L, R, n);
    cr_assert(fabs((double)last_sound(L, n) - 3 * 4800) < 5, "ends at %u", last_sound(L, n));
    /* the middle repetition is the table again (1 ms fades at the wraps) */
    double err = 0;
    for (uint32_t i = 100; i < 4700; i++) err = fmax(err, fabs(L[4800 + i] - d[i] * sqrtf(0.5f)));
    cr_assert(err < 1e-5, "repetition differs by %g", err);
    ev.loop = 1.5; /* a fraction cuts the last time through */
    ph_voices_trigger(p, &ev);
    ph_dsp_zero(L, n);
    play(p, &ev, L, R, n);
    cr_assert(fabs((double)last_sound(L, n) - 7200) < 5);
    ph_voices_destroy(p);
    free(L), free(R), free(d);
}

Test(dsp_voice_controls, effects_ring_out_for_a_faded_tail)
{
    ph_table t;
    float *d = sine_table(&t, 2400, 3000);
    const uint32_t n = RATE / 4;
    float *L = td_buf(n, 0), *R = td_buf(n, 0), *pl = td_buf(n, 0), *pr = td_buf(n, 0);
    ph_voices *p = ph_voices_create(RATE, 64);
    ph_voice_event ev;
    ph_voice_event_defaults(&ev);
    ev.table = &t;
    play(p, &ev, pl, pr, n);
    ev.fx.on = PH_VFX_LPF;
    ev.fx.cutoff = 500;
    ev.fx.resonance = 30; /* rings at 500 Hz after the sound */
    play(p, &ev, L, R, n);
    cr_assert(td_amp(L, 2400, 3000, RATE) < 0.2 * td_amp(pl, 2400, 3000, RATE), "filtered");
    uint32_t end = last_sound(L, n);
    cr_log_info("plain voice ends at %u, filtered one at %u", last_sound(pl, n), end);
    cr_assert(end > 2400 + 800 && end <= 2400 + 16 + 960, "tail of at most 20 ms after the sound: %u", end);
    cr_assert(ph_voices_busy(p) == 0);
    ph_voices_destroy(p);
    free(L), free(R), free(pl), free(pr), free(d);
}

Test(dsp_voice_controls, dry_level_and_orbit_sends)
{
    ph_table t;
    float *d = sine_table(&t, 4800, 700);
    const uint32_t n = 6000;
    float *L = td_buf(n, 0), *R = td_buf(n, 0), *pl = td_buf(n, 0), *pr = td_buf(n, 0);
    float *buf[2][3];
    ph_voice_sends s = {.orbits = 2};
    for (int o = 0; o < 2; o++) {
        for (int k = 0; k < 3; k++) buf[o][k] = td_buf(n, 7); /* overwritten */
        s.room[o] = buf[o][0], s.delay_l[o] = buf[o][1], s.delay_r[o] = buf[o][2];
    }
    ph_voices *p = ph_voices_create(RATE, 64);
    ph_voice_event ev;
    ph_voice_event_defaults(&ev);
    ev.table = &t;
    ev.pan = 0.25f;
    ev.gain = 0.8f;
    play(p, &ev, pl, pr, n);
    ev.orbit = 1;
    ev.room = 0.5f;
    ev.delay = 0.25f;
    ph_voices_trigger(p, &ev);
    ph_voices_render_sends(p, L, R, &s, n, 0);
    for (uint32_t i = 0; i < n; i++) {
        cr_assert(fabsf(L[i] - pl[i]) < 1e-6f && fabsf(R[i] - pr[i]) < 1e-6f, "the dry sound is the plain one");
        cr_assert(fabsf(buf[1][0][i] - 0.25f * (pl[i] + pr[i])) < 1e-6f, "room: the mean of both sides, times room");
        cr_assert(fabsf(buf[1][1][i] - 0.25f * pl[i]) < 1e-6f && fabsf(buf[1][2][i] - 0.25f * pr[i]) < 1e-6f);
        cr_assert(buf[0][0][i] == 0 && buf[0][1][i] == 0 && buf[0][2][i] == 0, "nothing on orbit 0");
    }
    cr_assert(td_rms(buf[1][0], n) > 0.05);
    ev.dry = 0; /* only the sends */
    ph_voices_trigger(p, &ev);
    ph_voices_render_sends(p, L, R, &s, n, n);
    cr_assert(td_peak(L, n) == 0 && td_peak(R, n) == 0 && td_rms(buf[1][0], n) > 0.05);
    ph_voices_destroy(p);
    for (int o = 0; o < 2; o++)
        for (int k = 0; k < 3; k++) free(buf[o][k]);
    free(L), free(R), free(pl), free(pr), free(d);
}

Test(dsp_voice_controls, synths_take_the_chain_and_glide)
{
    ph_kit *kit = ph_kit_create(RATE);
    const uint32_t n = RATE / 2;
    float *a = td_buf(n, 0), *ar = td_buf(n, 0), *b = td_buf(n, 0), *br = td_buf(n, 0);
    ph_voices *p = ph_voices_create(RATE, 64);
    ph_voice_event ev;
    ph_voice_event_defaults(&ev);
    cr_assert(ph_voice_event_sound(&ev, kit, NULL, "supersaw", 0));
    ev.freq = 220;
    ev.length = n / 2;
    play(p, &ev, a, ar, n);
    ev.fx.on = PH_VFX_LPF;
    ev.fx.cutoff = 400;
    play(p, &ev, b, br, n);
    cr_assert(td_amp(b, n / 2, 1760, RATE) < 0.1 * td_amp(a, n / 2, 1760, RATE), "8th harmonic filtered");
    cr_assert(td_amp(b, n / 2, 220, RATE) > 0.7 * td_amp(a, n / 2, 220, RATE));
    ev.fx.on = 0;
    ph_dsp_zero(a, n);
    play(p, &ev, a, ar, n); /* plain: 220 Hz and its harmonics */
    ev.accelerate = 1;      /* 220 -> 440 Hz over the event: 330 Hz half way */
    ph_dsp_zero(b, n);
    play(p, &ev, b, br, n);
    const uint32_t mid = n / 4 - 480;
    double glide = td_amp(b + mid, 960, 330, RATE), plain = td_amp(a + mid, 960, 330, RATE);
    cr_log_info("half way: %.3f at 330 Hz gliding, %.3f plain", glide, plain);
    cr_assert(glide > 4 * plain && glide > 0.05);
    ph_voices_destroy(p);
    ph_kit_destroy(kit);
    free(a), free(ar), free(b), free(br);
}

/* block-split invariance: every control, events handed to the block of their onset */
static ph_voices *sp;
static ph_kit *skit;
static float sR[8192], sends_buf[12][8192];
static void v_init(void) { sp = ph_voices_create(RATE, 64); }
static void v_done(void) { ph_voices_destroy(sp); }
static void v_run(float *out, uint32_t off, uint32_t n)
{
    static const char *names[] = {"bd", "sn", "hh", "supersaw", "cp", "superpwm", "oh", "perc"};
    for (uint32_t i = off; i < off + n; i++) {
        if (i % 89 != 5) continue;
        uint32_t k = i / 89;
        ph_voice_event ev;
        ph_voice_event_defaults(&ev);
        ph_voice_event_sound(&ev, skit, NULL, names[k % 8], (int)k);
        ev.offset = i - off;
        ev.speed = k % 5 == 0 ? -1.0f : 1.0f;
        ev.pan = (k % 4) / 3.0f;
        ev.length = k % 2 ? 300 : 0;
        ev.cut = k % 11 == 0;
        ev.fx.on = (uint32_t)(k * 37) & 0xFF;
        ev.fx.cutoff = 300 + 50 * (k % 9);
        ev.fx.resonance = (float)(k % 20);
        ev.fx.hcutoff = 2000;
        ev.fx.bandf = 1500;
        ev.fx.bandq = 3;
        ev.fx.vowel = 1 + (int)(k % 5);
        ev.fx.coarse = 2.5f;
        ev.fx.crush = 5;
        ev.fx.shape = 0.6f;
        ev.fx.squiz = 2 + (k % 3);
        ev.accelerate = k % 3 == 1 ? 0.7f : 0;
        ev.loop = k % 7 == 2 ? 2.5f : 1;
        ev.orbit = (int)(k % 4);
        ev.room = k % 2 ? 0.4f : 0;
        ev.delay = k % 3 ? 0.3f : 0;
        ev.dry = k % 5 == 4 ? 0.5f : 1;
        ph_voices_trigger(sp, &ev);
    }
    ph_voice_sends s = {.orbits = 4};
    for (int o = 0; o < 4; o++) {
        s.room[o] = sends_buf[3 * o] + off;
        s.delay_l[o] = sends_buf[3 * o + 1] + off;
        s.delay_r[o] = sends_buf[3 * o + 2] + off;
    }
    ph_voices_render_sends(sp, out + off, sR + off, &s, n, 1000 + off);
    for (uint32_t i = off; i < off + n; i++) {
        out[i] += 3 * sR[i];
        for (int b = 0; b < 12; b++) out[i] += (float)(5 + b) * sends_buf[b][i];
    }
}

Test(dsp_voice_controls, block_split_invariant)
{
    skit = ph_kit_create(RATE);
    td_kernel k = {"voices with controls", v_init, v_run, v_done};
    td_check_split(&k, 8192);
    ph_kit_destroy(skit);
}

/* Phonon FX through lilv: the track's audio in, the program's audio out. Levels, gating
 * times, a filter's response, bypass to the dry signal, NaN and silence on the input,
 * tails, retriggered slices, block partitions, state and the RT guard. Without a host
 * transport the plugin free-runs at 120 BPM, 4 beats a cycle: one cycle is 2 s. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <lv2/presets/presets.h>
#include <lv2/state/state.h>

#include "fx_render.h"
#include "host.h"
#include "rt_guard.h"
#include "texts.h"

enum { FX_LATENCY = 19 };
#define CYCLE 96000 /* samples in a cycle at 48 kHz, free-running */

/* A stereo input of n frames: a sine of `hz` at amplitude `amp` on both sides. */
static float **sine_input(int64_t n, double hz, float amp)
{
    float **x = audio_new(2, n);
    for (int64_t i = 0; i < n; i++) x[0][i] = x[1][i] = amp * (float)sin(2.0 * M_PI * hz * (double)i / RATE);
    return x;
}

/* Renders `text` over the input through a fresh Phonon FX in blocks cycling through
 * sizes; returns the output (2 channels of n frames). */
static float **fx_render(const char *text, float **in, int64_t n, const uint32_t *sizes, size_t n_sizes,
                         void (*setup)(ph_lv2host *))
{
    ph_lv2host *h = host_new(PH_LV2HOST_FX_URI, RATE, 8192, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    cr_assert_eq(ph_lv2host_inputs(h), 2);
    if (setup) setup(h);
    ph_lv2host_stream s = {0};
    if (text) stream_text_str(&s, 0, text);
    return fx_render_stream(h, &s, in, n, sizes, n_sizes);
}

static double rms_at(const float *x, double from_s, double to_s)
{
    const int64_t a = (int64_t)(from_s * RATE), b = (int64_t)(to_s * RATE);
    return audio_rms(x + a, b - a);
}

Test(fx, passes_the_input_and_any_block_partition_is_identical)
{
    const int64_t n = 3 * 48000;
    float **in = sine_input(n, 440.0, 0.5f);
    float **a = fx_render("out: in", in, n, NULL, 0, NULL);
    /* the first block compiles the text (the default program plays until then) */
    cr_expect_eq(audio_diff(a[0] + 8192, in[0] + 8192, n - 8192), 0, "out: in is the input");
    cr_expect_eq(audio_diff(a[1] + 8192, in[1] + 8192, n - 8192), 0);
    const char *text = "out: in # lpf (sine 0.5 * 2000 + 2500) 1.2 # retrig \"0 [0 8] 16 0\" * \"1 0.5\"";
    static const uint32_t s1[] = {8192}, s7[] = {7}, s64[] = {64}, smix[] = {1, 333, 64, 4096, 7, 512};
    float **b = fx_render(text, in, n, s1, 1, NULL);
    float **c = fx_render(text, in, n, s7, 1, NULL);
    float **d = fx_render(text, in, n, s64, 1, NULL);
    float **e = fx_render(text, in, n, smix, 6, NULL);
    /* all start with the text at frame 0; the first block adopts it when it compiles */
    for (int ch = 0; ch < 2; ch++) {
        cr_expect_eq(audio_diff(b[ch] + 8192, c[ch] + 8192, n - 8192), 0, "blocks of 7");
        cr_expect_eq(audio_diff(b[ch] + 8192, d[ch] + 8192, n - 8192), 0, "blocks of 64");
        cr_expect_eq(audio_diff(b[ch] + 8192, e[ch] + 8192, n - 8192), 0, "mixed blocks");
    }
    cr_expect_gt(audio_rms(b[0], n), 0.05);
    float **all[] = {in, a, b, c, d, e};
    for (size_t k = 0; k < 6; k++) audio_free(all[k], 2);
}

static void wet_minus_6db(ph_lv2host *h) { ph_lv2host_set_control(h, HP_GAIN, -6.0206f); }

Test(fx, levels_and_wet_gain)
{
    const int64_t n = 48000;
    float **in = sine_input(n, 1000.0, 0.5f);
    float **a = fx_render("out: in * 0.25", in, n, NULL, 0, NULL);
    float **b = fx_render("out: in", in, n, NULL, 0, wet_minus_6db);
    const double ref = rms_at(in[0], 0.5, 1.0);
    cr_expect_float_eq(rms_at(a[0], 0.5, 1.0) / ref, 0.25, 1e-4);
    cr_expect_float_eq(rms_at(b[1], 0.5, 1.0) / ref, 0.5, 1e-3, "-6 dB wet gain");
    audio_free(in, 2);
    audio_free(a, 2);
    audio_free(b, 2);
}

Test(fx, a_pattern_gate_opens_and_closes_on_time_without_clicks)
{
    const int64_t n = 2 * CYCLE;
    float **in = audio_new(2, n);
    for (int64_t i = 0; i < n; i++) in[0][i] = in[1][i] = 0.5f; /* DC shows the gain itself */
    float **out = fx_render("out: in * \"1 0 1 1\"", in, n, NULL, 0, NULL);
    const int64_t q = CYCLE / 4;
    /* second cycle: open, closed from 1/4 to 2/4, open again */
    const int64_t c0 = CYCLE;
    cr_expect_float_eq(out[0][c0 + q - 1], 0.5f, 1e-4, "open just before the step");
    cr_expect_lt(fabsf(out[0][c0 + q + 480]), 0.5f * 0.01f, "closed 10 ms after the step");
    cr_expect_lt(fabsf(out[0][c0 + 2 * q - 1]), 1e-4f, "closed until the next step");
    cr_expect_gt(out[0][c0 + 2 * q + 480], 0.5f * 0.99f, "open 10 ms after the next step");
    /* the 50 % point of each edge is within 2 ms of the step */
    int64_t fall = c0 + q;
    while (out[0][fall] > 0.25f) fall++;
    int64_t rise = c0 + 2 * q;
    while (out[0][rise] < 0.25f) rise++;
    cr_expect_leq(fall - (c0 + q), 96, "fell at +%ld samples", (long)(fall - (c0 + q)));
    cr_expect_leq(rise - (c0 + 2 * q), 96, "rose at +%ld samples", (long)(rise - (c0 + 2 * q)));
    /* click-free: the gain never moves by more than a 2 ms one-pole's first step */
    float worst = 0;
    for (int64_t i = c0; i < n; i++) worst = fmaxf(worst, fabsf(out[0][i] - out[0][i - 1]));
    cr_expect_lt(worst, 0.5f * 0.011f, "largest step %g", worst);
    audio_free(in, 2);
    audio_free(out, 2);
}

/* Gain of `text` on a sine of hz (steady state), in dB. */
static double response_db(const char *text, double hz)
{
    const int64_t n = 48000;
    float **in = sine_input(n, hz, 0.5f);
    float **out = fx_render(text, in, n, NULL, 0, NULL);
    double db = 20.0 * log10(rms_at(out[0], 0.5, 1.0) / rms_at(in[0], 0.5, 1.0));
    audio_free(in, 2);
    audio_free(out, 2);
    return db;
}

Test(fx, low_pass_response_on_the_input)
{
    const char *lp = "out: in # lpf 1000 0.707";
    cr_expect_float_eq(response_db(lp, 100.0), 0.0, 0.2, "passband");
    const double at_cutoff = response_db(lp, 1000.0);
    cr_expect_float_eq(at_cutoff, -3.0, 0.5, "at the cutoff: %.2f dB", at_cutoff);
    const double stop = response_db(lp, 8000.0);
    cr_expect_lt(stop, -33.0, "3 octaves above: %.1f dB (12 dB/octave)", stop);
    const double hp = response_db("out: inR # hpf 1000 0.707", 125.0);
    cr_expect_lt(hp, -33.0, "high-pass on one side, 3 octaves below: %.1f dB", hp);
}

static void bypassed(ph_lv2host *h) { ph_lv2host_set_control(h, HP_ENABLED, 0.0f); }

Test(fx, bypass_passes_the_dry_input)
{
    const int64_t n = 48000;
    float **in = sine_input(n, 440.0, 0.5f);
    float **out = fx_render("out: in * -1 # lpf 300", in, n, NULL, 0, bypassed);
    /* bypassed from the start: after the 10 ms fade the output is the input */
    const int64_t from = 4800;
    float worst = 0;
    for (int64_t i = from; i < n; i++) worst = fmaxf(worst, fabsf(out[0][i] - in[0][i]));
    cr_expect_lt(worst, 1e-4f, "dry input, off by %g", worst);
    audio_free(in, 2);
    audio_free(out, 2);
}

Test(fx, switching_bypass_crossfades_without_a_click)
{
    const int64_t n = 48000;
    float **in = audio_new(2, n);
    for (int64_t i = 0; i < n; i++) in[0][i] = in[1][i] = 0.5f;
    ph_lv2host *h = host_new(PH_LV2HOST_FX_URI, RATE, 256, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, "out: in * -1"); /* the wet signal is the dry one upside down */
    ph_lv2host_set_input(h, in, 2, n);
    float **out = audio_new(2, n);
    ph_lv2host_render(h, &s, 12000, NULL, 0, out);
    ph_lv2host_set_control(h, HP_ENABLED, 0.0f);
    float *rest[2] = {out[0] + 12000, out[1] + 12000};
    ph_lv2host_render(h, NULL, n - 12000, NULL, 0, rest);
    cr_expect_float_eq(out[0][11999], -0.5f, 1e-5, "wet before the switch");
    cr_expect_float_eq(out[0][n - 1], 0.5f, 1e-5, "dry after it");
    float worst = 0;
    for (int64_t i = 11000; i < n; i++) worst = fmaxf(worst, fabsf(out[0][i] - out[0][i - 1]));
    /* from -0.5 to 0.5 with a 10 ms one-pole: the first step is 1 * (1 - exp(-1/480)) */
    cr_expect_lt(worst, 0.0025f, "largest step %g", worst);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
    audio_free(in, 2);
    audio_free(out, 2);
}

Test(fx, nan_inf_silence_and_a_missing_input_stay_finite)
{
    const int64_t n = 48000;
    float **in = sine_input(n, 440.0, 0.5f);
    for (int64_t i = 100; i < n; i += 997) {
        in[0][i] = NAN;
        in[1][i] = (i / 997) % 2 ? INFINITY : -INFINITY;
    }
    const char *text = "out: in # lpf 800 4 # delay 0.25 0.7 # reverb 0.9 0.3 0.5 + in * (1 - (in # follow))";
    float **out = fx_render(text, in, n, NULL, 0, NULL);
    cr_expect(audio_finite(out[0], n) && audio_finite(out[1], n));
    cr_expect_gt(rms_at(out[0], 0.5, 1.0), 0.01, "the program still plays");
    float **silent = fx_render(text, NULL, n, NULL, 0, NULL); /* nothing on the input ports */
    cr_expect(audio_finite(silent[0], n) && audio_finite(silent[1], n));
    cr_expect_lt(audio_rms(silent[0], n), 1e-6);
    /* NaN everywhere: as good as silence */
    for (int64_t i = 0; i < n; i++) in[0][i] = in[1][i] = NAN;
    float **nan = fx_render(text, in, n, NULL, 0, bypassed);
    cr_expect(audio_finite(nan[0], n) && audio_finite(nan[1], n), "bypassed NaN input stays out");
    float **all[] = {in, out, silent, nan};
    for (size_t k = 0; k < 4; k++) audio_free(all[k], 2);
}

Test(fx, tails_ring_out_after_the_input_stops_then_fall_silent)
{
    const int64_t n = 10 * 48000;
    float **in = sine_input(n, 440.0, 0.5f);
    for (int64_t i = 48000; i < n; i++) in[0][i] = in[1][i] = 0.0f; /* one second, then nothing */
    float **out = fx_render("out: in # delay 0.25 0.5 0.5", in, n, NULL, 0, NULL);
    cr_expect_gt(rms_at(out[0], 1.05, 1.2), 0.05, "the echo goes on after the input");
    cr_expect_gt(rms_at(out[0], 1.3, 1.45), 0.02, "and repeats");
    cr_expect_lt(rms_at(out[0], 8.0, 10.0), 1e-5, "then it is silent");
    cr_expect(audio_finite(out[0], n));
    audio_free(in, 2);
    audio_free(out, 2);
}

Test(fx, retrig_repeats_the_first_slice_of_each_event)
{
    /* a ramp of noise-like values: every sample differs, so a repeat is recognisable */
    const int64_t n = 2 * CYCLE;
    float **in = audio_new(2, n);
    uint32_t r = 1;
    for (int64_t i = 0; i < n; i++) {
        r = r * 1664525u + 1013904223u;
        in[0][i] = in[1][i] = (float)((double)(r >> 8) / 16777216.0 - 0.5);
    }
    float **out = fx_render("out: in # retrig \"8\"", in, n, NULL, 0, NULL);
    const int64_t c0 = CYCLE, len = CYCLE / 8, fade = 96;
    /* first pass: the live input; later passes: the same slice again (after each fade-in) */
    /* (the step from the old repeat to the live input is smoothed over the fade) */
    cr_expect_eq(audio_diff(out[0] + c0 + fade, in[0] + c0 + fade, len - fade), 0, "first pass is live");
    for (int k = 1; k < 8; k++)
        cr_expect_eq(audio_diff(out[0] + c0 + k * len + fade, in[0] + c0 + fade, len - fade), 0, "pass %d repeats", k);
    cr_expect(audio_finite(out[0], n));
    audio_free(in, 2);
    audio_free(out, 2);
}

Test(fx, latency_port_reports_zero)
{
    ph_lv2host *h = host_new(PH_LV2HOST_FX_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_set_control(h, FX_LATENCY, -1.0f);
    ph_lv2host_render(h, NULL, 512, NULL, 0, NULL);
    cr_expect_eq(ph_lv2host_control(h, FX_LATENCY), 0.0f);
    ph_lv2host_free(h);
}

Test(fx, default_program_filters_the_input)
{
    const int64_t n = 4 * 48000;
    float **in = sine_input(n, 5000.0, 0.5f);
    float **out = fx_render(NULL, in, n, NULL, 0, NULL);
    const double g = rms_at(out[0], 0.0, 4.0) / rms_at(in[0], 0.0, 4.0);
    cr_expect(g > 0.05 && g < 0.9, "a sweeping low-pass: some of a 5 kHz tone passes (%.3f)", g);
    audio_free(in, 2);
    audio_free(out, 2);
}

Test(fx, state_round_trip_gives_identical_audio)
{
    const int64_t n = 96000;
    float **in = sine_input(n, 220.0, 0.5f);
    ph_lv2host *h = host_new(PH_LV2HOST_FX_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, "out: in # retrig \"0 16\" # lpf 1500 2");
    ph_lv2host_render(h, &s, 2048, NULL, 0, NULL);
    LilvState *st = host_capture(h, PH_LV2HOST_FX_URI);
    cr_assert_not_null(st);
    ph_lv2host *a = host_new(PH_LV2HOST_FX_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    ph_lv2host *b = host_new(PH_LV2HOST_FX_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    lilv_state_restore(st, ph_lv2host_instance(a), NULL, NULL, 0, NULL);
    ph_lv2host_stream same = {0};
    stream_text_str(&same, 0, "out: in # retrig \"0 16\" # lpf 1500 2");
    ph_lv2host_set_input(a, in, 2, n);
    ph_lv2host_set_input(b, in, 2, n);
    float **xa = audio_new(2, n), **xb = audio_new(2, n);
    ph_lv2host_render(a, NULL, n, NULL, 0, xa);
    ph_lv2host_render(b, &same, n, NULL, 0, xb);
    cr_expect_eq(audio_diff(xa[0], xb[0], n), 0, "restored = set by patch:Set");
    cr_expect_gt(audio_rms(xa[0], n), 0.05);
    lilv_state_free(st);
    ph_lv2host_stream_free(&s);
    ph_lv2host_stream_free(&same);
    ph_lv2host_free(h);
    ph_lv2host_free(a);
    ph_lv2host_free(b);
    float **all[] = {in, xa, xb};
    for (size_t k = 0; k < 3; k++) audio_free(all[k], 2);
}

Test(fx, run_never_allocates_or_locks)
{
    if (!rt_guard_available()) cr_skip_test("allocator interposition is off under sanitizers");
    const int64_t n = 170000;
    float **in = sine_input(n, 330.0, 0.5f);
    ph_lv2host *h = host_new(PH_LV2HOST_FX_URI, RATE, 8192, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    const char *texts[] = {"out: in # retrig \"0 [0 8] 16 0\"", "out: in * \"1 0 1 1\" # delay 0.375 0.6",
                           "out: in * (1 - (s \"bd*4\" # follow 0.005 0.15))", "out: inL # lpf 800", TEXT_BAD};
    for (int i = 0; i < 40; i++) {
        const int64_t f = i * 4000;
        stream_text_str(&s, f + 1, texts[i % 5]);
        ph_lv2host_stream_position(&s, f + 2, 100 + i, 4, i / 4, (i % 4) * 1.0, i % 7 ? 1 : 0, i % 3);
        ph_lv2host_stream_midi(&s, f + 600, 0xB0, (uint8_t)(1 + i % 8), (uint8_t)(i * 3));
    }
    ph_lv2host_set_input(h, in, 2, n);
    static const uint32_t sizes[] = {1, 7, 64, 333, 512, 8192, 100};
    rt_guard_reset();
    ph_lv2host_render(h, &s, n, sizes, 7, NULL);
    cr_expect_eq(rt_guard_violations(), 0, "%ld calls in run(), first: %s", rt_guard_violations(), rt_guard_first());
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
    audio_free(in, 2);
}

Test(fx, every_fx_preset_loads_and_shapes_the_input)
{
    LilvWorld *w = host_world();
    LilvNode *pset = lilv_new_uri(w, LV2_PRESETS__Preset);
    LilvNodes *presets = lilv_plugin_get_related(host_plugin(PH_LV2HOST_FX_URI), pset);
    cr_assert_geq(lilv_nodes_size(presets), 8);
    const int64_t n = 4 * 48000;
    float **in = sine_input(n, 330.0, 0.5f);
    for (int64_t i = 0; i < n; i++) in[1][i] = 0.5f * (float)sin(2.0 * M_PI * 550.0 * (double)i / RATE);
    LILV_FOREACH (nodes, i, presets) {
        const LilvNode *preset = lilv_nodes_get(presets, i);
        lilv_world_load_resource(w, preset);
        LilvState *st = lilv_state_new_from_world(w, ph_lv2host_map_feature(), preset);
        cr_assert_not_null(st, "%s", lilv_node_as_uri(preset));
        ph_lv2host *h = host_new(PH_LV2HOST_FX_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
        cr_assert_not_null(h);
        lilv_state_restore(st, ph_lv2host_instance(h), ph_lv2host_set_port_value, h, 0, NULL);
        ph_lv2host_set_input(h, in, 2, n);
        float **a = audio_new(2, n);
        ph_lv2host_stream get = {0};
        ph_lv2host_stream_get(&get, 0, NULL);
        ph_lv2host_render(h, &get, n, NULL, 0, a);
        const ph_lv2host_notify *no = ph_lv2host_notifications(h);
        cr_expect(no->error && !no->error[0], "preset %s: %s", lilv_node_as_uri(preset), no->error ? no->error : "");
        cr_expect(no->text && strlen(no->text) > 20);
        cr_expect(audio_finite(a[0], n) && audio_finite(a[1], n));
        const double r = audio_rms(a[0], n) + audio_rms(a[1], n), dry = audio_rms(in[0], n) + audio_rms(in[1], n);
        cr_expect(r > 0.05 * dry, "preset %s plays the input (rms %g)", lilv_node_as_uri(preset), r);
        /* it does something: the output is not the input */
        cr_expect_gt(audio_diff(a[0] + 4800, in[0] + 4800, n - 4800), n / 20, "preset %s changes the sound",
                     lilv_node_as_uri(preset));
        float peak = 0;
        for (int c = 0; c < 2; c++)
            for (int64_t k = 0; k < n; k++) peak = fmaxf(peak, fabsf(a[c][k]));
        cr_expect_lt(peak, 1.0f, "preset %s peaks at %g from a 0.5 input", lilv_node_as_uri(preset), peak);
        audio_free(a, 2);
        ph_lv2host_stream_free(&get);
        ph_lv2host_free(h);
        lilv_state_free(st);
    }
    audio_free(in, 2);
    lilv_nodes_free(presets);
    lilv_node_free(pset);
}

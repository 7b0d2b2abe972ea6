/* The plugin's side of the editor UI (ui/ph_ui_protocol.h): status reports on the
 * notify port, hush, and the draft kept in the state apart from the evaluated text. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lv2/state/state.h>

#include "host.h"
#include "texts.h"

static LilvState *capture(ph_lv2host *h)
{
    return lilv_state_new_from_instance(host_plugin(PH_LV2HOST_PLUGIN_URI), ph_lv2host_instance(h),
                                        ph_lv2host_map_feature(), NULL, NULL, NULL, NULL, NULL, NULL,
                                        LV2_STATE_IS_POD | LV2_STATE_IS_PORTABLE, NULL);
}

Test(editor, status_reports_cycle_tempo_and_peaks_thirty_times_a_second)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_TONE);
    ph_lv2host_render(h, &s, 48000, NULL, 0, NULL);
    const ph_lv2host_notify *n = ph_lv2host_notifications(h);
    /* 1 s of audio: a report every 1600 samples, at block ends */
    cr_expect(n->n_status >= 28 && n->n_status <= 31, "%d reports in 1 s", n->n_status);
    /* free-running at 120 BPM, 4 beats a cycle: 0.5 cycles per second */
    cr_expect_float_eq(n->status_cps, 0.5, 1e-9);
    cr_expect(n->status_cycle > 0.45 && n->status_cycle <= 0.5 + 1e-9, "cycle %f", n->status_cycle);
    cr_expect(n->status_rolling);
    cr_expect(!n->status_hushed);
    /* sine 440 * 0.5 on both sides */
    cr_expect(fabsf(n->status_peak[0] - 0.5f) < 0.01f, "peak L %f", (double)n->status_peak[0]);
    cr_expect(fabsf(n->status_peak[1] - 0.5f) < 0.01f, "peak R %f", (double)n->status_peak[1]);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}

Test(editor, hush_fades_out_and_the_next_evaluation_plays_again)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 256, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    const int64_t n = 9600;
    float **a = audio_new(2, n), **b = audio_new(2, n), **c = audio_new(2, n);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_TONE);
    ph_lv2host_render(h, &s, n, NULL, 0, a);
    cr_expect_gt(audio_rms(a[0] + n / 2, n / 2), 0.3);
    ph_lv2host_stream hush = {0};
    ph_lv2host_stream_hush(&hush, ph_lv2host_position(h));
    ph_lv2host_render(h, &hush, n, NULL, 0, b);
    /* a fade (the bypass smoother, 10 ms time constant), then exact silence; the program
     * itself keeps running */
    cr_expect_lt(audio_rms(b[0] + n / 2, n / 4), 1e-3);
    cr_expect_eq(audio_rms(b[0] + 3 * n / 4, n / 4), 0.0);
    cr_expect(ph_lv2host_notifications(h)->status_hushed);
    /* Evaluating the same text again ends the hush. */
    ph_lv2host_stream again = {0};
    stream_text_str(&again, ph_lv2host_position(h), TEXT_TONE);
    ph_lv2host_render(h, &again, n, NULL, 0, c);
    cr_expect_gt(audio_rms(c[0] + n / 2, n / 2), 0.3);
    cr_expect(!ph_lv2host_notifications(h)->status_hushed);
    audio_free(a, 2);
    audio_free(b, 2);
    audio_free(c, 2);
    ph_lv2host_stream_free(&s);
    ph_lv2host_stream_free(&hush);
    ph_lv2host_stream_free(&again);
    ph_lv2host_free(h);
}

Test(editor, draft_is_saved_apart_from_the_text_and_comes_back)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_TONE);
    ph_lv2host_stream_string(&s, 100, PH_LV2HOST_DRAFT_URI, "out: sine 440 # lfp 8"); /* half typed */
    ph_lv2host_render(h, &s, 4800, NULL, 0, NULL);
    cr_expect_geq(ph_lv2host_notifications(h)->n_state_changed, 1, "a new draft dirties the session");
    LilvState *st = capture(h);
    cr_assert_not_null(st);
    char *ttl = lilv_state_to_string(host_world(), ph_lv2host_map_feature(), ph_lv2host_unmap_feature(), st,
                                     "urn:phonon:test-state", NULL);
    cr_expect(strstr(ttl, "<urn:phonon:draft>") && strstr(ttl, "lfp 8"), "draft in the state:\n%s", ttl);
    cr_expect(strstr(ttl, "out: sine 440 * 0.5"), "the evaluated text stays the text:\n%s", ttl);
    lilv_free(ttl);

    /* A fresh instance (Ardour re-creates the UI; a session reloads): patch:Get gives both. */
    ph_lv2host *b = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    lilv_state_restore(st, ph_lv2host_instance(b), NULL, NULL, 0, NULL);
    ph_lv2host_stream get = {0};
    ph_lv2host_stream_get(&get, 10, NULL);
    ph_lv2host_render(b, &get, 4800, NULL, 0, NULL);
    const ph_lv2host_notify *n = ph_lv2host_notifications(b);
    cr_assert_not_null(n->draft);
    cr_expect_str_eq(n->draft, "out: sine 440 # lfp 8");
    cr_assert_not_null(n->text);
    cr_expect_str_eq(n->text, TEXT_TONE);
    cr_expect_str_eq(n->error, "", "the draft is not compiled");

    /* A state without a draft (a preset) clears it. */
    LilvState *preset = lilv_state_new_from_string(
        host_world(), ph_lv2host_map_feature(),
        "@prefix state: <http://lv2plug.in/ns/ext/state#> .\n"
        "<urn:phonon:test-preset> a <http://lv2plug.in/ns/ext/presets#Preset> ;\n"
        "  <http://lv2plug.in/ns/lv2core#appliesTo> <urn:phonon:phonon> ;\n"
        "  state:state [ <urn:phonon:text> \"out: saw 110\\n\" ] .\n");
    cr_assert_not_null(preset);
    ph_lv2host_clear_notifications(b);
    lilv_state_restore(preset, ph_lv2host_instance(b), NULL, NULL, 0, NULL);
    ph_lv2host_render(b, NULL, 512, NULL, 0, NULL);
    cr_assert_not_null(ph_lv2host_notifications(b)->draft);
    cr_expect_str_eq(ph_lv2host_notifications(b)->draft, "");
    LilvState *after = capture(b);
    ttl = lilv_state_to_string(host_world(), ph_lv2host_map_feature(), ph_lv2host_unmap_feature(), after,
                               "urn:phonon:test-state", NULL);
    cr_expect(!strstr(ttl, "urn:phonon:draft"), "no draft saved:\n%s", ttl);
    lilv_free(ttl);
    lilv_state_free(after);
    lilv_state_free(preset);
    lilv_state_free(st);
    ph_lv2host_stream_free(&s);
    ph_lv2host_stream_free(&get);
    ph_lv2host_free(h);
    ph_lv2host_free(b);
}

Test(editor, odd_editor_messages_are_refused_without_harm)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_TONE);
    char *big = malloc(140000);
    memset(big, 'a', 139999);
    big[139999] = '\0';
    ph_lv2host_stream_string(&s, 100, PH_LV2HOST_DRAFT_URI, big);
    ph_lv2host_stream_string(&s, 200, "urn:phonon:unknown", "x");
    ph_lv2host_render(h, &s, 4800, NULL, 0, NULL);
    cr_assert_not_null(ph_lv2host_notifications(h)->error);
    cr_expect(strstr(ph_lv2host_notifications(h)->error, "draft too long"), "%s", ph_lv2host_notifications(h)->error);
    float **a = audio_new(2, 4800);
    ph_lv2host_render(h, NULL, 4800, NULL, 0, a);
    cr_expect_gt(audio_rms(a[0], 4800), 0.3, "the program plays on");
    audio_free(a, 2);
    free(big);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}

/* A program with a warning (an unknown sound) plays, and the warning comes back where an
 * error would, as "L:C: warning: ...", for the editor to place; a clean program clears it. */
Test(editor, warnings_are_reported_and_the_program_plays)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    const int64_t n = 24000;
    float **a = audio_new(2, n);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, "out: s \"bd*4 808bd\" * 0.5");
    ph_lv2host_render(h, &s, n, NULL, 0, a);
    const ph_lv2host_notify *no = ph_lv2host_notifications(h);
    cr_assert_not_null(no->error);
    cr_expect(strstr(no->error, "1:14: warning: unknown sound '808bd'") == no->error, "%s", no->error);
    cr_expect_gt(audio_rms(a[0], n), 0.01, "the kicks play");
    ph_lv2host_stream clean = {0};
    stream_text_str(&clean, ph_lv2host_position(h), "out: s \"bd*4\" * 0.5");
    ph_lv2host_render(h, &clean, n, NULL, 0, a);
    cr_expect_str_eq(ph_lv2host_notifications(h)->error, "", "a clean compile clears it");
    audio_free(a, 2);
    ph_lv2host_stream_free(&s);
    ph_lv2host_stream_free(&clean);
    ph_lv2host_free(h);
}

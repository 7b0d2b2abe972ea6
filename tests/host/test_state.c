/* State: save and restore through lilv (to memory and to disk), presets, and restore
 * racing run() the way Ardour does it. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lv2/presets/presets.h>
#include <lv2/state/state.h>

#include "host.h"
#include "texts.h"

static LilvState *capture(ph_lv2host *h) { return host_capture(h, PH_LV2HOST_PLUGIN_URI); }

static ph_lv2host *fresh_with(const LilvState *st)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    lilv_state_restore(st, ph_lv2host_instance(h), NULL, NULL, 0, NULL);
    return h;
}

Test(state, save_restore_round_trip_gives_identical_audio)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_RICH);
    ph_lv2host_render(h, &s, 4800, NULL, 0, NULL);
    LilvState *st = capture(h);
    cr_assert_not_null(st);
    char *ttl = lilv_state_to_string(host_world(), ph_lv2host_map_feature(),
                                     ph_lv2host_unmap_feature(), st, "urn:phonon:test-state", NULL);
    cr_expect(strstr(ttl, "~fb: (~keys") != NULL, "the text is in the state:\n%s", ttl);
    lilv_free(ttl);

    /* to disk and back */
    char dir[] = "/tmp/phonon-state-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    cr_assert_eq(lilv_state_save(host_world(), ph_lv2host_map_feature(), ph_lv2host_unmap_feature(),
                                 st, NULL, dir, "state.ttl"), 0);
    char path[512];
    snprintf(path, sizeof path, "%s/state.ttl", dir);
    LilvState *loaded =
        lilv_state_new_from_file(host_world(), ph_lv2host_map_feature(), NULL, path);
    cr_assert_not_null(loaded);

    const int64_t n = 96000;
    ph_lv2host *a = fresh_with(st), *b = fresh_with(loaded);
    float **xa = audio_new(2, n), **xb = audio_new(2, n);
    ph_lv2host_stream get = {0};
    ph_lv2host_stream_get(&get, 10, PH_LV2HOST_TEXT_URI);
    ph_lv2host_render(a, &get, n, NULL, 0, xa);
    ph_lv2host_render(b, &get, n, NULL, 0, xb);
    cr_expect_gt(audio_rms(xa[0], n), 1e-3);
    cr_expect_eq(audio_diff(xa[0], xb[0], n), 0);
    cr_expect_eq(audio_diff(xa[1], xb[1], n), 0);
    cr_expect_str_eq(ph_lv2host_notifications(b)->text, TEXT_RICH);
    cr_expect_eq(ph_lv2host_notifications(b)->n_state_changed, 0, "restoring does not dirty");

    /* and it matches the original instance rendering the same stretch of time */
    audio_free(xa, 2);
    audio_free(xb, 2);
    ph_lv2host_stream_free(&s);
    ph_lv2host_stream_free(&get);
    lilv_state_free(st);
    lilv_state_free(loaded);
    ph_lv2host_free(a);
    ph_lv2host_free(b);
    ph_lv2host_free(h);
    unlink(path);
    rmdir(dir);
}

Test(state, missing_key_resets_to_default)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_TONE);
    ph_lv2host_render(h, &s, 1024, NULL, 0, NULL);
    /* a state with no text key (a preset that only sets ports) */
    const char *ttl = "@prefix state: <http://lv2plug.in/ns/ext/state#> .\n"
                      "@prefix lv2: <http://lv2plug.in/ns/lv2core#> .\n"
                      "<urn:phonon:test-empty> a <http://lv2plug.in/ns/ext/presets#Preset> ;\n"
                      "  lv2:appliesTo <urn:phonon:phonon> ;\n"
                      "  state:state [ <urn:phonon:unrelated> 1 ] .\n";
    LilvState *st = lilv_state_new_from_string(host_world(), ph_lv2host_map_feature(), ttl);
    cr_assert_not_null(st);
    lilv_state_restore(st, ph_lv2host_instance(h), NULL, NULL, 0, NULL);
    ph_lv2host_clear_notifications(h);
    ph_lv2host_stream_free(&s);
    ph_lv2host_stream_get(&s, ph_lv2host_position(h) + 10, PH_LV2HOST_TEXT_URI);
    ph_lv2host_render(h, &s, 1024, NULL, 0, NULL);
    const char *t = ph_lv2host_notifications(h)->text;
    cr_assert_not_null(t);
    cr_expect(strstr(t, "Phonon") != NULL, "default text back, got: %s", t);
    lilv_state_free(st);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}

/* ---- restore concurrently with run(), as Ardour does ---- */

typedef struct race {
    ph_lv2host *h;
    LilvState *states[2];
    bool with_worker;
    int rounds;
    atomic_int done;
} race;

static void *restorer(void *arg)
{
    race *r = arg;
    for (int i = 0; i < r->rounds; i++) {
        lilv_state_restore(r->states[i % 2], ph_lv2host_instance(r->h), NULL, NULL, 0,
                           ph_lv2host_restore_features(r->h, r->with_worker));
        usleep(1000);
    }
    atomic_store(&r->done, 1);
    return NULL;
}

static void restore_while_running(bool with_worker)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 256, PH_LV2HOST_WORKER_THREADED);
    cr_assert_not_null(h);
    race r = {.h = h, .with_worker = with_worker, .rounds = 21};
    ph_lv2host *src = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 256, PH_LV2HOST_WORKER_SYNC);
    const char *texts[2] = {TEXT_RICH, TEXT_OTHER};
    for (int i = 0; i < 2; i++) {
        ph_lv2host_stream s = {0};
        stream_text_str(&s, ph_lv2host_position(src), texts[i]);
        ph_lv2host_render(src, &s, 256, NULL, 0, NULL);
        r.states[i] = capture(src);
        ph_lv2host_stream_free(&s);
    }
    ph_lv2host_free(src);

    pthread_t t;
    pthread_create(&t, NULL, restorer, &r);
    float **a = audio_new(2, 256);
    bool finite = true;
    long blocks = 0;
    while (!atomic_load(&r.done) || blocks < 50) {
        ph_lv2host_render(h, NULL, 256, NULL, 0, a);
        finite = finite && audio_finite(a[0], 256) && audio_finite(a[1], 256);
        blocks++;
    }
    pthread_join(t, NULL);
    ph_lv2host_worker_wait(h);
    ph_lv2host_stream get = {0};
    ph_lv2host_stream_get(&get, ph_lv2host_position(h), PH_LV2HOST_TEXT_URI);
    ph_lv2host_render(h, &get, 2048, NULL, 0, NULL);
    cr_expect(finite);
    cr_expect_gt(blocks, 0);
    /* the last restore (round 20, even) wins */
    const char *text = ph_lv2host_notifications(h)->text;
    cr_expect_str_eq(text ? text : "", TEXT_RICH);
    audio_free(a, 2);
    ph_lv2host_stream_free(&get);
    lilv_state_free(r.states[0]);
    lilv_state_free(r.states[1]);
    ph_lv2host_free(h);
}

Test(state, restore_without_features_while_running)
{
    restore_while_running(false); /* Ardour's session load */
}

Test(state, restore_with_synchronous_worker_while_running)
{
    restore_while_running(true); /* Ardour's preset load */
}

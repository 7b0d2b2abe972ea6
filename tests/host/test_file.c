/* The watched pattern file: loaded when set, recompiled when it changes, its text in
 * the state, errors reported while the old program plays on. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lv2/state/state.h>

#include "host.h"
#include "texts.h"

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

Test(file, loads_watches_and_reports)
{
    char dir[] = "/tmp/phonon-file-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char path[512];
    snprintf(path, sizeof path, "%s/live.ph", dir);
    write_file(path, TEXT_TONE);

    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    ph_lv2host_stream_path(&s, 0, path);
    float **a = audio_new(2, 48000);
    ph_lv2host_render(h, &s, 4800, NULL, 0, a);
    const ph_lv2host_notify *no = ph_lv2host_notifications(h);
    cr_expect_str_eq(no->file ? no->file : "", path);
    cr_expect_str_eq(no->text ? no->text : "", TEXT_TONE, "the file's text is loaded");

    /* edit the file (as an editor would), then let 0.5 s of audio pass */
    write_file(path, TEXT_OTHER "-- edited\n");
    ph_lv2host_render(h, NULL, 36000, NULL, 0, a);
    cr_expect_str_eq(no->text ? no->text : "", TEXT_OTHER "-- edited\n", "reloaded on change");
    cr_expect_gt(audio_rms(a[0] + 24000, 12000), 1e-3);

    /* a bad edit: error reported, sound goes on */
    write_file(path, TEXT_BAD);
    ph_lv2host_render(h, NULL, 36000, NULL, 0, a);
    cr_expect(no->error && no->error[0], "error reported for the bad file");
    cr_expect_str_eq(no->text, TEXT_OTHER "-- edited\n");
    cr_expect_gt(audio_rms(a[0] + 24000, 12000), 1e-3);

    /* the text and the path are in the state */
    LilvState *st = lilv_state_new_from_instance(host_plugin(PH_LV2HOST_PLUGIN_URI),
                                                 ph_lv2host_instance(h), ph_lv2host_map_feature(),
                                                 NULL, NULL, NULL, NULL, NULL, NULL,
                                                 LV2_STATE_IS_POD | LV2_STATE_IS_PORTABLE, NULL);
    char *ttl = lilv_state_to_string(host_world(), ph_lv2host_map_feature(),
                                     ph_lv2host_unmap_feature(), st, "urn:phonon:test-state", NULL);
    cr_expect(strstr(ttl, "-- edited") != NULL, "%s", ttl);
    cr_expect(strstr(ttl, "live.ph") != NULL, "%s", ttl);
    lilv_free(ttl);

    /* restored into a fresh instance: the saved text plays at once; the file, edited
     * since, takes over at the first look (the file wins when it is there) */
    write_file(path, TEXT_TONE "-- after the save\n");
    ph_lv2host *g = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(g);
    lilv_state_restore(st, ph_lv2host_instance(g), NULL, NULL, 0, NULL);
    ph_lv2host_render(g, NULL, 4800, NULL, 0, a);
    const ph_lv2host_notify *gn = ph_lv2host_notifications(g);
    cr_expect_str_eq(gn->text ? gn->text : "", TEXT_OTHER "-- edited\n", "the saved text first");
    cr_expect_str_eq(gn->file ? gn->file : "", path);
    ph_lv2host_render(g, NULL, 36000, NULL, 0, a);
    cr_expect_str_eq(gn->text ? gn->text : "", TEXT_TONE "-- after the save\n", "then the file");
    ph_lv2host_free(g);
    lilv_state_free(st);

    /* a missing file is an error, not a crash */
    ph_lv2host_clear_notifications(h);
    ph_lv2host_stream_free(&s);
    ph_lv2host_stream_path(&s, ph_lv2host_position(h), "/nonexistent/phonon.ph");
    ph_lv2host_render(h, &s, 4800, NULL, 0, a);
    cr_expect(no->error && strstr(no->error, "/nonexistent/phonon.ph"), "%s",
              no->error ? no->error : "(none)");
    cr_expect_gt(audio_rms(a[0], 4800), 1e-3);

    audio_free(a, 2);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
    unlink(path);
    rmdir(dir);
}

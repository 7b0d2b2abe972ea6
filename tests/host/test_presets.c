/* The factory presets: every one loads through lilv and plays finite, non-silent audio
 * (free-running at its own tempo), with no compile error. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include <lv2/presets/presets.h>

#include "host.h"
#include "texts.h"

static ph_lv2host *fresh_with(const LilvState *st)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    lilv_state_restore(st, ph_lv2host_instance(h), ph_lv2host_set_port_value, h, 0, NULL);
    return h;
}

Test(presets, every_preset_loads_and_plays)
{
    LilvWorld *w = host_world();
    LilvNode *pset = lilv_new_uri(w, LV2_PRESETS__Preset);
    LilvNode *label_pred = lilv_new_uri(w, "http://www.w3.org/2000/01/rdf-schema#label");
    LilvNodes *presets = lilv_plugin_get_related(host_plugin(PH_LV2HOST_PLUGIN_URI), pset);
    cr_assert_geq(lilv_nodes_size(presets), 16);
    int played = 0;
    LILV_FOREACH (nodes, i, presets) {
        const LilvNode *preset = lilv_nodes_get(presets, i);
        lilv_world_load_resource(w, preset);
        LilvNodes *labels = lilv_world_find_nodes(w, preset, label_pred, NULL);
        cr_expect(labels && lilv_nodes_size(labels) == 1, "%s has a label",
                  lilv_node_as_uri(preset));
        lilv_nodes_free(labels);
        LilvState *st = lilv_state_new_from_world(w, ph_lv2host_map_feature(), preset);
        cr_assert_not_null(st, "%s", lilv_node_as_uri(preset));
        ph_lv2host *h = fresh_with(st);
        const int64_t n = 4 * 48000;
        float **a = audio_new(2, n);
        ph_lv2host_stream get = {0};
        ph_lv2host_stream_get(&get, 0, NULL);
        ph_lv2host_render(h, &get, n, NULL, 0, a);
        const ph_lv2host_notify *no = ph_lv2host_notifications(h);
        cr_expect(no->error && !no->error[0], "preset %s: %s", lilv_node_as_uri(preset),
                  no->error ? no->error : "(no error property)");
        cr_expect(no->text && strlen(no->text) > 20, "preset %s text", lilv_node_as_uri(preset));
        const bool ok = audio_finite(a[0], n) && audio_finite(a[1], n) &&
                        audio_rms(a[0], n) + audio_rms(a[1], n) > 1e-3;
        cr_expect(ok, "preset %s: finite, non-silent (rms %g)", lilv_node_as_uri(preset),
                  audio_rms(a[0], n));
        played += ok;
        float peak = 0;
        for (int c = 0; c < 2; c++)
            for (int64_t k = 0; k < n; k++) peak = fabsf(a[c][k]) > peak ? fabsf(a[c][k]) : peak;
        cr_expect_lt(peak, 1.0f, "preset %s peaks at %g: leave headroom", lilv_node_as_uri(preset),
                     peak);
        audio_free(a, 2);
        ph_lv2host_stream_free(&get);
        ph_lv2host_free(h);
        lilv_state_free(st);
    }
    cr_expect_geq(played, 16);
    lilv_nodes_free(presets);
    lilv_node_free(pset);
    lilv_node_free(label_pred);
}


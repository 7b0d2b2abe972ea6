/* The bundle: discovery through LV2_PATH, lv2_validate, ports, presets. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lv2/presets/presets.h>

#include "host.h"

Test(bundle, both_plugins_found_and_verified)
{
    const char *uris[] = {PH_LV2HOST_PLUGIN_URI, PH_LV2HOST_PLUGIN16_URI};
    const uint32_t ports[] = {17, 33};
    for (int i = 0; i < 2; i++) {
        const LilvPlugin *p = host_plugin(uris[i]);
        cr_assert_not_null(p, "%s not found on LV2_PATH=%s", uris[i], getenv("LV2_PATH"));
        cr_expect(lilv_plugin_verify(p));
        cr_expect_eq(lilv_plugin_get_num_ports(p), ports[i]);
        const LilvPluginClass *c = lilv_plugin_get_class(p);
        cr_expect_str_eq(lilv_node_as_uri(lilv_plugin_class_get_uri(c)),
                         "http://lv2plug.in/ns/lv2core#InstrumentPlugin");
    }
}

Test(bundle, lv2_validate_is_clean)
{
    const char *build = getenv("PHONON_BUILD_DIR");
    cr_assert_not_null(build, "PHONON_BUILD_DIR not set");
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "lv2_validate %s/phonon.lv2/*.ttl 2>&1", build);
    FILE *f = popen(cmd, "r");
    cr_assert_not_null(f);
    char line[1024];
    int problems = 0, summary = 0;
    while (fgets(line, sizeof line, f)) {
        /* lv2_validate (sord_validate) exits 0 even on parse errors: read its output.
         * The system's own lv2core.doap.ttl is always "skipped"; that is not ours. */
        if (strstr(line, "Found 0 errors")) summary++;
        else if (strstr(line, "Skipping file /usr/lib/lv2/")) continue;
        else if (strstr(line, "error") || strstr(line, "warning")) {
            problems++;
            cr_log_error("lv2_validate: %s", line);
        }
    }
    int rc = pclose(f);
    cr_expect_eq(rc, 0, "lv2_validate exit status %d", rc);
    cr_expect_eq(problems, 0);
    cr_expect_eq(summary, 1, "no 'Found 0 errors' summary line");
}

Test(bundle, ports_have_ranges_and_units)
{
    const LilvPlugin *p = host_plugin(PH_LV2HOST_PLUGIN16_URI);
    cr_assert_not_null(p);
    LilvWorld *w = host_world();
    const uint32_t n = lilv_plugin_get_num_ports(p);
    float *lo = calloc(n, sizeof(float)), *hi = calloc(n, sizeof(float)),
          *def = calloc(n, sizeof(float));
    lilv_plugin_get_port_ranges_float(p, lo, hi, def);
    const char *symbols[] = {"gain", "macro1", "macro8", "cycles_per_bar", "tempo", "crossfade",
                             "enabled"};
    for (size_t i = 0; i < sizeof symbols / sizeof *symbols; i++) {
        LilvNode *sym = lilv_new_string(w, symbols[i]);
        const LilvPort *port = lilv_plugin_get_port_by_symbol(p, sym);
        lilv_node_free(sym);
        cr_assert_not_null(port, "no port %s", symbols[i]);
        uint32_t k = lilv_port_get_index(p, port);
        cr_expect(lo[k] < hi[k] && def[k] >= lo[k] && def[k] <= hi[k], "%s range", symbols[i]);
    }
    LilvNode *enabled = lilv_new_uri(w, "http://lv2plug.in/ns/lv2core#enabled");
    LilvNode *input = lilv_new_uri(w, "http://lv2plug.in/ns/lv2core#InputPort");
    const LilvPort *en = lilv_plugin_get_port_by_designation(p, input, enabled);
    cr_expect_not_null(en, "no lv2:enabled port");
    lilv_node_free(enabled);
    lilv_node_free(input);
    free(lo);
    free(hi);
    free(def);
}

Test(bundle, at_least_sixteen_presets_for_each_plugin)
{
    LilvWorld *w = host_world();
    LilvNode *pset = lilv_new_uri(w, LV2_PRESETS__Preset);
    const char *uris[] = {PH_LV2HOST_PLUGIN_URI, PH_LV2HOST_PLUGIN16_URI};
    for (int i = 0; i < 2; i++) {
        LilvNodes *presets = lilv_plugin_get_related(host_plugin(uris[i]), pset);
        cr_expect_geq(lilv_nodes_size(presets), 16, "%s has %u presets", uris[i],
                      lilv_nodes_size(presets));
        lilv_nodes_free(presets);
    }
    lilv_node_free(pset);
}

Test(bundle, every_plugin_has_the_editor_ui)
{
    const char *uris[] = {PH_LV2HOST_PLUGIN_URI, PH_LV2HOST_PLUGIN16_URI, "urn:phonon:fx", "urn:phonon:midi"};
    LilvNode *x11 = lilv_new_uri(host_world(), "http://lv2plug.in/ns/extensions/ui#X11UI");
    for (int i = 0; i < 4; i++) {
        const LilvPlugin *p = host_plugin(uris[i]);
        cr_assert_not_null(p);
        LilvUIs *uis = lilv_plugin_get_uis(p);
        cr_assert_not_null(uis);
        cr_expect_eq(lilv_uis_size(uis), 1u, "%s has one UI", uris[i]);
        LILV_FOREACH (uis, it, uis) {
            const LilvUI *ui = lilv_uis_get(uis, it);
            cr_expect_str_eq(lilv_node_as_uri(lilv_ui_get_uri(ui)), "urn:phonon:ui");
            cr_expect(lilv_ui_is_a(ui, x11), "an X11 UI");
            char *path = lilv_file_uri_parse(lilv_node_as_uri(lilv_ui_get_binary_uri(ui)), NULL);
            cr_expect(access(path, R_OK) == 0, "%s exists", path);
            lilv_free(path);
        }
        lilv_uis_free(uis);
    }
    lilv_node_free(x11);
}

/* The lilv world: which bundles are known, and finding a plugin among them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ph_lv2host.h"

LilvWorld *ph_lv2host_world_new(const char *lv2_path)
{
    LilvWorld *world = lilv_world_new();
    if (!world) return NULL;
    if (lv2_path) {
        LilvNode *p = lilv_new_string(world, lv2_path);
        lilv_world_set_option(world, LILV_OPTION_LV2_PATH, p);
        lilv_node_free(p);
    }
    lilv_world_load_all(world);
    return world;
}

bool ph_lv2host_load_bundle(LilvWorld *world, const char *dir)
{
    /* lilv wants the bundle as an absolute file URI with a trailing slash */
    char *abs = realpath(dir, NULL);
    if (!abs) return false;
    char *slashed = malloc(strlen(abs) + 2);
    const bool ok = slashed != NULL;
    if (ok) {
        sprintf(slashed, "%s/", abs);
        LilvNode *b = lilv_new_file_uri(world, NULL, slashed);
        lilv_world_load_bundle(world, b);
        lilv_node_free(b);
    }
    free(slashed);
    free(abs);
    return ok;
}

const LilvPlugin *ph_lv2host_find_plugin(LilvWorld *world, const char *uri)
{
    LilvNode *n = lilv_new_uri(world, uri);
    const LilvPlugin *p = lilv_plugins_get_by_uri(lilv_world_get_all_plugins(world), n);
    lilv_node_free(n);
    return p;
}

/* The URID table (see ph_lv2host.h): a list searched linearly, which is plenty for the
 * few dozen URIs a plugin and its host use. Guarded by a mutex because the threaded
 * worker and a restoring thread may map while the audio thread does. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ph_lv2host.h"

static pthread_mutex_t map_lock = PTHREAD_MUTEX_INITIALIZER;
static char **uris;
static size_t n_uris;

static LV2_URID map_uri(LV2_URID_Map_Handle handle, const char *uri)
{
    (void)handle;
    pthread_mutex_lock(&map_lock);
    for (size_t i = 0; i < n_uris; i++) {
        if (!strcmp(uris[i], uri)) {
            pthread_mutex_unlock(&map_lock);
            return (LV2_URID)(i + 1);
        }
    }
    LV2_URID id = 0; /* 0: out of memory, which LV2 allows a map to answer */
    char **grown = realloc(uris, (n_uris + 1) * sizeof *grown);
    char *copy = strdup(uri);
    if (grown) uris = grown;
    if (grown && copy) {
        uris[n_uris] = copy;
        id = (LV2_URID)++n_uris;
    } else {
        free(copy);
    }
    pthread_mutex_unlock(&map_lock);
    return id;
}

static const char *unmap_uri(LV2_URID_Unmap_Handle handle, LV2_URID id)
{
    (void)handle;
    pthread_mutex_lock(&map_lock);
    const char *s = id >= 1 && id <= n_uris ? uris[id - 1] : NULL;
    pthread_mutex_unlock(&map_lock);
    return s;
}

static LV2_URID_Map map_feature = {NULL, map_uri};
static LV2_URID_Unmap unmap_feature = {NULL, unmap_uri};

LV2_URID ph_lv2host_map(const char *uri) { return map_uri(NULL, uri); }
LV2_URID_Map *ph_lv2host_map_feature(void) { return &map_feature; }
LV2_URID_Unmap *ph_lv2host_unmap_feature(void) { return &unmap_feature; }

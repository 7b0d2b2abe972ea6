/* LV2 state: the text (atom:String), the pattern file (atom:Path) and the editor's
 * draft (atom:String, only when there is one: text typed but not evaluated), each under
 * its property's URI, stored POD | PORTABLE so lilv and every host keep them.
 * Hand-written presets use the same keys.
 *
 * restore() may run concurrently with run() (state:threadSafeRestore; Ardour does so
 * with no features at all). It compiles right here, on the caller's non-real-time
 * thread, and publishes through the mailbox like the worker does; run() adopts the
 * program at the start of its next block. Keys missing from the state reset to the
 * defaults. */
#include <stdlib.h>
#include <string.h>

#include <lv2/core/lv2_util.h>

#include "ph_lv2.h"

LV2_State_Status ph_lv2_save(LV2_Handle h, LV2_State_Store_Function store,
                             LV2_State_Handle sh, uint32_t flags,
                             const LV2_Feature *const *features)
{
    (void)flags;
    ph_lv2 *self = h;
    LV2_State_Map_Path *map_path = NULL;
    LV2_State_Free_Path *free_path = NULL;
    lv2_features_query(features, LV2_STATE__mapPath, &map_path, false, LV2_STATE__freePath,
                       &free_path, false, NULL);
    const uint32_t pod = LV2_STATE_IS_POD | LV2_STATE_IS_PORTABLE;
    LV2_State_Status st = LV2_STATE_SUCCESS;

    pthread_mutex_lock(&self->lock);
    const char *text = self->w_text ? self->w_text : "";
    st = store(sh, self->uris.ph_text, text, strlen(text) + 1, self->uris.atom_String, pod);
    if (st == LV2_STATE_SUCCESS && self->w_draft && self->w_draft_len)
        st = store(sh, self->uris.ph_draft, self->w_draft, self->w_draft_len + 1,
                   self->uris.atom_String, pod);
    if (st == LV2_STATE_SUCCESS && self->w_path[0]) {
        char *abstract = map_path ? map_path->abstract_path(map_path->handle, self->w_path)
                                  : NULL;
        const char *p = abstract ? abstract : self->w_path;
        st = store(sh, self->uris.ph_file, p, strlen(p) + 1, self->uris.atom_Path, pod);
        if (abstract) {
            if (free_path) free_path->free_path(free_path->handle, abstract);
            else free(abstract);
        }
    }
    pthread_mutex_unlock(&self->lock);
    return st;
}

LV2_State_Status ph_lv2_restore(LV2_Handle h, LV2_State_Retrieve_Function retrieve,
                                LV2_State_Handle sh, uint32_t flags,
                                const LV2_Feature *const *features)
{
    (void)flags;
    ph_lv2 *self = h;
    LV2_State_Map_Path *map_path = NULL;
    LV2_State_Free_Path *free_path = NULL;
    lv2_features_query(features, LV2_STATE__mapPath, &map_path, false, LV2_STATE__freePath,
                       &free_path, false, NULL);
    size_t size = 0;
    uint32_t type = 0, vflags = 0;

    const char *text = ph_lv2_default_text(self);
    size_t text_len = strlen(text);
    const void *v = retrieve(sh, self->uris.ph_text, &size, &type, &vflags);
    if (v && type == self->uris.atom_String) {
        text = v;
        text_len = strnlen(text, size);
    }

    /* The draft: kept as it was typed; no draft in the state means none. */
    char *draft = NULL;
    size_t draft_len = 0;
    v = retrieve(sh, self->uris.ph_draft, &size, &type, &vflags);
    if (v && type == self->uris.atom_String) {
        draft_len = strnlen(v, size);
        if (draft_len > PH_LV2_TEXT_MAX) draft_len = 0;
        if (draft_len && (draft = malloc(draft_len + 1))) {
            memcpy(draft, v, draft_len);
            draft[draft_len] = '\0';
        } else {
            draft_len = 0;
        }
    }

    char path[PH_LV2_PATH_MAX] = "";
    v = retrieve(sh, self->uris.ph_file, &size, &type, &vflags);
    if (v && (type == self->uris.atom_Path || type == self->uris.atom_String)) {
        const size_t n = strnlen(v, size);
        char *stored = malloc(n + 1);
        if (stored) {
            memcpy(stored, v, n);
            stored[n] = '\0';
            char *absolute = map_path ? map_path->absolute_path(map_path->handle, stored) : NULL;
            const char *p = absolute ? absolute : stored;
            if (strlen(p) < sizeof path) strcpy(path, p);
            if (absolute) {
                if (free_path) free_path->free_path(free_path->handle, absolute);
                else free(absolute);
            }
            free(stored);
        }
    }

    pthread_mutex_lock(&self->lock);
    ph_lv2_result *r = ph_lv2_compile(self, text, text_len, true);
    if (r) {
        if (!r->program) {
            /* Keep what the session said even if this engine cannot compile it. */
            char *saved = malloc(text_len + 1);
            if (saved) {
                memcpy(saved, text, text_len);
                saved[text_len] = '\0';
                free(self->w_text);
                self->w_text = saved;
                self->w_text_len = text_len;
            }
        }
        r->has_path = true;
        memcpy(r->path, path, sizeof r->path);
        r->has_draft = true;
        r->draft = draft;
        r->draft_len = draft_len;
        draft = NULL;
    }
    /* save() stores what restore() got, until the editor sends another draft. */
    free(self->w_draft);
    self->w_draft = NULL;
    self->w_draft_len = 0;
    if (r && r->draft && (self->w_draft = malloc(r->draft_len + 1))) {
        memcpy(self->w_draft, r->draft, r->draft_len + 1);
        self->w_draft_len = r->draft_len;
    }
    free(draft);
    /* The file, if any, is looked at by the first watch poll: it wins when it differs. */
    memcpy(self->w_path, path, sizeof self->w_path);
    self->w_mtime = (struct timespec){0};
    self->w_size = -1;
    ph_lv2_publish(self, r);
    pthread_mutex_unlock(&self->lock);
    return LV2_STATE_SUCCESS;
}

/* Reading the notify port after each run(): patch:Set of the text, the file and the
 * error (the last value of each is kept), state:StateChanged, and anything else counted. */
#include <stdlib.h>
#include <string.h>

#include <lv2/atom/util.h>
#include <lv2/patch/patch.h>
#include <lv2/state/state.h>

#include "ph_lv2host_impl.h"

static char *dup_string(const LV2_Atom *a, size_t *len)
{
    const char *s = LV2_ATOM_BODY_CONST(a);
    size_t n = strnlen(s, a->size);
    char *d = malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    if (len) *len = n;
    return d;
}

static void keep(char **slot, const LV2_Atom *value, size_t *len, int *count)
{
    free(*slot);
    *slot = dup_string(value, len);
    (*count)++;
}

void ph_lv2host_read_notify(ph_lv2host *h)
{
    const LV2_URID set = ph_lv2host_map(LV2_PATCH__Set),
                   prop = ph_lv2host_map(LV2_PATCH__property),
                   value = ph_lv2host_map(LV2_PATCH__value),
                   changed = ph_lv2host_map(LV2_STATE__StateChanged),
                   text = ph_lv2host_map(PH_LV2HOST_TEXT_URI),
                   file = ph_lv2host_map(PH_LV2HOST_FILE_URI),
                   error = ph_lv2host_map(PH_LV2HOST_ERROR_URI);
    ph_lv2host_notify *no = &h->notes;
    LV2_ATOM_SEQUENCE_FOREACH (h->notify_buf, ev) {
        const LV2_Atom_Object *obj = (const LV2_Atom_Object *)&ev->body;
        if (obj->body.otype == changed) {
            no->n_state_changed++;
            continue;
        }
        if (obj->body.otype != set) {
            no->n_other++;
            continue;
        }
        const LV2_Atom *p = NULL, *v = NULL;
        lv2_atom_object_get(obj, prop, &p, value, &v, 0);
        if (!p || !v) continue;
        const LV2_URID key = ((const LV2_Atom_URID *)p)->body;
        if (key == text) keep(&no->text, v, &no->text_len, &no->n_text);
        else if (key == file) keep(&no->file, v, NULL, &no->n_file);
        else if (key == error) keep(&no->error, v, NULL, &no->n_error);
        if (h->on_set) h->on_set(h->on_set_user, key, v);
    }
}

const ph_lv2host_notify *ph_lv2host_notifications(const ph_lv2host *h) { return &h->notes; }

void ph_lv2host_clear_notifications(ph_lv2host *h)
{
    free(h->notes.text);
    free(h->notes.file);
    free(h->notes.error);
    h->notes = (ph_lv2host_notify){0};
}

void ph_lv2host_on_set(ph_lv2host *h, ph_lv2host_set_fn fn, void *user)
{
    h->on_set = fn;
    h->on_set_user = user;
}

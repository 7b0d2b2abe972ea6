/* The LV2 UI (ui:X11UI) of Phonon and Phonon 16: glue between the host and the editor
 * window (ph_ui_view). Requires only urid:map and ui:idleInterface; ui:parent,
 * ui:resize and ui:showInterface are used when there (a host that passes no parent,
 * or a parent with NULL data as console jalv does, gets a top-level window shown by
 * showInterface). Talks to the plugin only with atoms, see ph_ui_protocol.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lv2/atom/forge.h>
#include <lv2/atom/util.h>
#include <lv2/core/lv2.h>
#include <lv2/options/options.h>
#include <lv2/patch/patch.h>
#include <lv2/ui/ui.h>
#include <lv2/urid/urid.h>

#include "ph_ui_protocol.h"
#include "ph_ui_view.h"

typedef struct ph_lv2_ui_uris {
    LV2_URID atom_eventTransfer, atom_Object, atom_Blank, atom_String, atom_Path, atom_URID,
        atom_Bool, atom_Double, atom_Float, atom_Int, atom_Long;
    LV2_URID patch_Set, patch_Get, patch_property, patch_value;
    LV2_URID text, file, error, draft, hush, status, cycle, cps, rolling, hushed, peak_l, peak_r;
} ph_lv2_ui_uris;

typedef struct ph_lv2_ui {
    LV2UI_Write_Function write;
    LV2UI_Controller controller;
    LV2_URID_Map *map;
    ph_lv2_ui_uris u;
    ph_ui_view *view;
    bool closed;
    uint32_t notify_port; /* the plugin's notify port: 1, or 2 for Phonon MIDI */
} ph_lv2_ui;

static void map_uris(ph_lv2_ui_uris *u, LV2_URID_Map *m)
{
    LV2_URID (*f)(LV2_URID_Map_Handle, const char *) = m->map;
    LV2_URID_Map_Handle h = m->handle;
    u->atom_eventTransfer = f(h, LV2_ATOM__eventTransfer);
    u->atom_Object = f(h, LV2_ATOM__Object);
    u->atom_Blank = f(h, LV2_ATOM__Blank);
    u->atom_String = f(h, LV2_ATOM__String);
    u->atom_Path = f(h, LV2_ATOM__Path);
    u->atom_URID = f(h, LV2_ATOM__URID);
    u->atom_Bool = f(h, LV2_ATOM__Bool);
    u->atom_Double = f(h, LV2_ATOM__Double);
    u->atom_Float = f(h, LV2_ATOM__Float);
    u->atom_Int = f(h, LV2_ATOM__Int);
    u->atom_Long = f(h, LV2_ATOM__Long);
    u->patch_Set = f(h, LV2_PATCH__Set);
    u->patch_Get = f(h, LV2_PATCH__Get);
    u->patch_property = f(h, LV2_PATCH__property);
    u->patch_value = f(h, LV2_PATCH__value);
    u->text = f(h, PH_PROTO_TEXT);
    u->file = f(h, PH_PROTO_FILE);
    u->error = f(h, PH_PROTO_ERROR);
    u->draft = f(h, PH_PROTO_DRAFT);
    u->hush = f(h, PH_PROTO_HUSH);
    u->status = f(h, PH_PROTO_STATUS);
    u->cycle = f(h, PH_PROTO_CYCLE);
    u->cps = f(h, PH_PROTO_CPS);
    u->rolling = f(h, PH_PROTO_ROLLING);
    u->hushed = f(h, PH_PROTO_HUSHED);
    u->peak_l = f(h, PH_PROTO_PEAK_L);
    u->peak_r = f(h, PH_PROTO_PEAK_R);
}

/* ------------------------------------------------------------ UI -> plugin */

/* patch:Set property = value (a string), or patch:Get when property is 0. */
static void send(ph_lv2_ui *ui, LV2_URID property, LV2_URID type, const void *body, uint32_t size)
{
    const ph_lv2_ui_uris *u = &ui->u;
    const uint32_t cap = size + 256;
    uint8_t *buf = malloc(cap);
    if (!buf) return;
    LV2_Atom_Forge forge;
    lv2_atom_forge_init(&forge, ui->map);
    lv2_atom_forge_set_buffer(&forge, buf, cap);
    LV2_Atom_Forge_Frame frame;
    LV2_Atom *msg = (LV2_Atom *)lv2_atom_forge_object(&forge, &frame, 0,
                                                      property ? u->patch_Set : u->patch_Get);
    if (property) {
        lv2_atom_forge_key(&forge, u->patch_property);
        lv2_atom_forge_urid(&forge, property);
        lv2_atom_forge_key(&forge, u->patch_value);
        if (type == u->atom_String) lv2_atom_forge_string(&forge, body, size);
        else if (type == u->atom_Bool) lv2_atom_forge_bool(&forge, *(const int32_t *)body != 0);
    }
    lv2_atom_forge_pop(&forge, &frame);
    if (msg && forge.offset <= cap)
        ui->write(ui->controller, PH_PROTO_PORT_CONTROL, lv2_atom_total_size(msg),
                  u->atom_eventTransfer, msg);
    free(buf);
}

static void on_evaluate(void *user, const char *text, size_t len)
{
    ph_lv2_ui *ui = user;
    send(ui, ui->u.text, ui->u.atom_String, text, (uint32_t)len);
}

static void on_hush(void *user)
{
    ph_lv2_ui *ui = user;
    const int32_t yes = 1;
    send(ui, ui->u.hush, ui->u.atom_Bool, &yes, sizeof yes);
}

static void on_draft(void *user, const char *text, size_t len)
{
    ph_lv2_ui *ui = user;
    send(ui, ui->u.draft, ui->u.atom_String, text, (uint32_t)len);
}

static void on_closed(void *user) { ((ph_lv2_ui *)user)->closed = true; }

/* ------------------------------------------------------------ plugin -> UI */

static bool number(const ph_lv2_ui_uris *u, const LV2_Atom *a, double *out)
{
    if (!a) return false;
    if (a->type == u->atom_Double && a->size >= sizeof(double)) *out = ((const LV2_Atom_Double *)a)->body;
    else if (a->type == u->atom_Float && a->size >= sizeof(float)) *out = ((const LV2_Atom_Float *)a)->body;
    else if (a->type == u->atom_Int && a->size >= sizeof(int32_t)) *out = ((const LV2_Atom_Int *)a)->body;
    else if (a->type == u->atom_Long && a->size >= sizeof(int64_t)) *out = (double)((const LV2_Atom_Long *)a)->body;
    else if (a->type == u->atom_Bool && a->size >= sizeof(int32_t)) *out = ((const LV2_Atom_Bool *)a)->body != 0;
    else return false;
    return true;
}

static void port_event(LV2UI_Handle h, uint32_t port, uint32_t size, uint32_t format, const void *buffer)
{
    ph_lv2_ui *ui = h;
    const ph_lv2_ui_uris *u = &ui->u;
    if (port != ui->notify_port || format != u->atom_eventTransfer || !buffer ||
        size < sizeof(LV2_Atom))
        return;
    const LV2_Atom *atom = buffer;
    if (lv2_atom_total_size(atom) > size) return; /* truncated: ignore, never read past */
    if (atom->type != u->atom_Object && atom->type != u->atom_Blank) return;
    const LV2_Atom_Object *obj = buffer;
    const double now = ph_ui_now_ms();
    if (obj->body.otype == u->patch_Set) {
        const LV2_Atom *property = NULL, *value = NULL;
        lv2_atom_object_get(obj, u->patch_property, &property, u->patch_value, &value, 0);
        if (!property || property->type != u->atom_URID || !value) return;
        const LV2_URID key = ((const LV2_Atom_URID *)property)->body;
        if (value->type != u->atom_String && value->type != u->atom_Path) return;
        const char *s = LV2_ATOM_BODY_CONST(value);
        const size_t n = strnlen(s, value->size);
        if (key == u->text) ph_ui_view_set_playing(ui->view, s, n, now);
        else if (key == u->draft) ph_ui_view_set_draft(ui->view, s, n);
        else if (key == u->error) ph_ui_view_set_error(ui->view, s, n);
    } else if (obj->body.otype == u->status) {
        const LV2_Atom *cycle = NULL, *cps = NULL, *rolling = NULL, *hushed = NULL, *pl = NULL, *pr = NULL;
        lv2_atom_object_get(obj, u->cycle, &cycle, u->cps, &cps, u->rolling, &rolling, u->hushed,
                            &hushed, u->peak_l, &pl, u->peak_r, &pr, 0);
        double c = 0, k = 0, r = 0, hu = 0, l = 0, rr = 0;
        if (!number(u, cycle, &c) || !number(u, cps, &k)) return;
        number(u, rolling, &r);
        number(u, hushed, &hu);
        number(u, pl, &l);
        number(u, pr, &rr);
        ph_ui_view_set_status(ui->view, c, k, r != 0, hu != 0, (float)l, (float)rr, now);
    }
}

/* ------------------------------------------------------------ life */

static LV2UI_Handle instantiate(const LV2UI_Descriptor *d, const char *plugin_uri,
                                const char *bundle_path, LV2UI_Write_Function write,
                                LV2UI_Controller controller, LV2UI_Widget *widget,
                                const LV2_Feature *const *features)
{
    (void)d;
    (void)bundle_path;
    LV2_URID_Map *map = NULL;
    void *parent = NULL;
    LV2UI_Resize *resize = NULL;
    bool has_parent = false;
    const char *title = NULL;
    for (int i = 0; features && features[i]; i++) {
        const LV2_Feature *f = features[i];
        if (!strcmp(f->URI, LV2_URID__map)) map = f->data;
        else if (!strcmp(f->URI, LV2_UI__parent)) {
            parent = f->data; /* console jalv passes NULL data: no parent */
            has_parent = parent != NULL;
        } else if (!strcmp(f->URI, LV2_UI__resize)) resize = f->data;
    }
    if (!map || !map->map || !write) {
        fprintf(stderr, "phonon-ui: the host does not provide %s\n", !write ? "a write function" : LV2_URID__map);
        return NULL;
    }
    ph_lv2_ui *ui = calloc(1, sizeof *ui);
    if (!ui) return NULL;
    ui->write = write;
    ui->controller = controller;
    ui->notify_port = plugin_uri && !strcmp(plugin_uri, PH_PROTO_MIDI_URI) ? PH_PROTO_PORT_NOTIFY_MIDI
                                                                          : PH_PROTO_PORT_NOTIFY;
    ui->map = map;
    map_uris(&ui->u, map);
    const LV2_URID title_key = map->map(map->handle, LV2_UI__windowTitle);
    const LV2_URID scale_key = map->map(map->handle, LV2_UI__scaleFactor);
    double scale = 0;
    for (int i = 0; features && features[i]; i++) {
        if (strcmp(features[i]->URI, LV2_OPTIONS__options) || !features[i]->data) continue;
        for (const LV2_Options_Option *o = features[i]->data; o->key; o++) {
            if (o->key == title_key && o->type == ui->u.atom_String && o->value) title = o->value;
            if (o->key == scale_key && o->type == ui->u.atom_Float && o->value && o->size >= sizeof(float))
                scale = *(const float *)o->value;
        }
    }
    if (!title) title = plugin_uri && strstr(plugin_uri, "phonon16") ? "Phonon 16" : "Phonon";
    const ph_ui_view_host host = {ui, on_evaluate, on_hush, on_draft, on_closed};
    char err[256];
    ui->view = ph_ui_view_new(has_parent ? (uintptr_t)parent : 0, title, &host, err, sizeof err);
    if (!ui->view) {
        fprintf(stderr, "phonon-ui: %s\n", err);
        free(ui);
        return NULL;
    }
    if (scale > 0) ph_ui_view_set_scale(ui->view, scale);
    *widget = (LV2UI_Widget)ph_ui_view_window(ui->view);
    int w, h;
    ph_ui_view_size(ui->view, &w, &h);
    if (resize && resize->ui_resize) resize->ui_resize(resize->handle, w, h);
    /* The plugin answers with the text, the draft, the file and the last error; Ardour
     * re-creates the UI every time its window opens, so this is also how the draft,
     * typed in an earlier window, comes back. */
    send(ui, 0, 0, NULL, 0);
    return ui;
}

static void cleanup(LV2UI_Handle h)
{
    ph_lv2_ui *ui = h;
    ph_ui_view_free(ui->view); /* sends a pending draft */
    free(ui);
}

static int ui_idle(LV2UI_Handle h)
{
    ph_lv2_ui *ui = h;
    ph_ui_view_idle(ui->view, ph_ui_now_ms());
    return ui->closed ? 1 : 0;
}

static int ui_show(LV2UI_Handle h)
{
    ph_lv2_ui *ui = h;
    ui->closed = false;
    ph_ui_view_show(ui->view, true);
    return 0;
}

static int ui_hide(LV2UI_Handle h)
{
    ph_ui_view_show(((ph_lv2_ui *)h)->view, false);
    return 0;
}

static const void *extension_data(const char *uri)
{
    static const LV2UI_Idle_Interface idle = {ui_idle};
    static const LV2UI_Show_Interface show = {ui_show, ui_hide};
    if (!strcmp(uri, LV2_UI__idleInterface)) return &idle;
    if (!strcmp(uri, LV2_UI__showInterface)) return &show;
    return NULL;
}

static const LV2UI_Descriptor descriptor = {PH_UI_URI, instantiate, cleanup, port_event, extension_data};

LV2_SYMBOL_EXPORT const LV2UI_Descriptor *lv2ui_descriptor(uint32_t index)
{
    return index == 0 ? &descriptor : NULL;
}

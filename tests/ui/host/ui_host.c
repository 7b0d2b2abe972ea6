/* The UI test host (see ui_host.h). The LV2 headers come before Xlib's: Xlib defines
 * a macro `Bool`, which is also a field of the atom forge. */
#include <lv2/atom/forge.h>
#include <lv2/atom/util.h>
#include <lv2/options/options.h>
#include <lv2/patch/patch.h>
#include <lv2/ui/ui.h>

#include "ui_host.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <X11/XKBlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XTest.h>

/* ------------------------------------------------------------ URIDs */

static char **uris;
static size_t n_uris;

static LV2_URID map_uri(LV2_URID_Map_Handle hd, const char *uri)
{
    (void)hd;
    for (size_t i = 0; i < n_uris; i++)
        if (!strcmp(uris[i], uri)) return (LV2_URID)(i + 1);
    uris = realloc(uris, (n_uris + 1) * sizeof *uris);
    uris[n_uris++] = strdup(uri);
    return (LV2_URID)n_uris;
}

LV2_URID uih_map(const char *uri) { return map_uri(NULL, uri); }
static LV2_URID_Map map_feature = {NULL, map_uri};

/* ------------------------------------------------------------ the host */

struct uih {
    Display *dpy;
    Window parent;
    void *lib;
    const LV2UI_Descriptor *desc;
    LV2UI_Handle ui;
    Window win;
    const LV2UI_Idle_Interface *idle;
    const LV2UI_Show_Interface *show;
    uih_msg *msgs;
    size_t n, cap;
    int resized_w, resized_h;
    uint32_t notify_port;
};

static void record(LV2UI_Controller c, uint32_t port, uint32_t size, uint32_t protocol, const void *buf)
{
    uih *h = c;
    if (h->n == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 64;
        h->msgs = realloc(h->msgs, h->cap * sizeof *h->msgs);
    }
    uih_msg m = {.port = port, .protocol = protocol};
    const LV2_Atom *a = buf;
    if (protocol == uih_map(LV2_ATOM__eventTransfer) && size >= sizeof(LV2_Atom) &&
        a->type == uih_map(LV2_ATOM__Object)) {
        const LV2_Atom_Object *o = buf;
        m.otype = o->body.otype;
        const LV2_Atom *p = NULL, *v = NULL;
        lv2_atom_object_get(o, uih_map(LV2_PATCH__property), &p, uih_map(LV2_PATCH__value), &v, 0);
        if (p) m.property = ((const LV2_Atom_URID *)p)->body;
        if (v && v->type == uih_map(LV2_ATOM__String)) {
            const char *s = LV2_ATOM_BODY_CONST(v);
            m.value_len = strnlen(s, v->size);
            m.value = malloc(m.value_len + 1);
            memcpy(m.value, s, m.value_len);
            m.value[m.value_len] = '\0';
        }
    }
    h->msgs[h->n++] = m;
}

static int resize_cb(LV2UI_Feature_Handle hd, int w, int hh)
{
    uih *h = hd;
    h->resized_w = w;
    h->resized_h = hh;
    return 0;
}

static int ignore_errors(Display *d, XErrorEvent *e)
{
    (void)d;
    (void)e;
    return 0;
}

static float next_scale;
void uih_next_scale(float scale) { next_scale = scale; }
static const char *next_plugin;
static uint32_t next_notify_port;
void uih_next_plugin(const char *plugin_uri, uint32_t notify_port)
{
    next_plugin = plugin_uri;
    next_notify_port = notify_port;
}

uih *uih_new(uih_parent mode)
{
    uih *h = calloc(1, sizeof *h);
    /* Xvfb resets a connection now and then when many clients come and go quickly
     * (50 create/destroy cycles, two connections each): try again a few times. */
    for (int tries = 0; tries < 50 && !(h->dpy = XOpenDisplay(NULL)); tries++) {
        struct timespec ts = {0, 20000000L};
        nanosleep(&ts, NULL);
    }
    if (!h->dpy) {
        fprintf(stderr, "ui_host: cannot open display (errno %d: %s)\n", errno, strerror(errno));
        free(h);
        return NULL;
    }
    XSetErrorHandler(ignore_errors);
    if (mode == UIH_PARENT) {
        h->parent = XCreateSimpleWindow(h->dpy, DefaultRootWindow(h->dpy), 0, 0, 900, 600, 0, 0, 0x333333);
        XMapRaised(h->dpy, h->parent);
        XSync(h->dpy, False);
    }
    const char *build = getenv("PHONON_BUILD_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/phonon.lv2/phonon_ui.so", build ? build : "build");
    h->lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h->lib) {
        fprintf(stderr, "ui_host: %s\n", dlerror());
        exit(2);
    }
    const LV2UI_Descriptor *(*get)(uint32_t) =
        (const LV2UI_Descriptor *(*)(uint32_t))dlsym(h->lib, "lv2ui_descriptor");
    h->desc = get ? get(0) : NULL;
    if (!h->desc || strcmp(h->desc->URI, "urn:phonon:ui")) {
        fprintf(stderr, "ui_host: no urn:phonon:ui in %s\n", path);
        exit(2);
    }
    static const char title[] = "Phonon under test";
    const float scale = next_scale;
    LV2_Options_Option opts[] = {
        {LV2_OPTIONS_INSTANCE, 0, uih_map(LV2_UI__windowTitle), sizeof title,
         uih_map(LV2_ATOM__String), title},
        {LV2_OPTIONS_INSTANCE, 0, uih_map(LV2_UI__scaleFactor), sizeof scale,
         uih_map(LV2_ATOM__Float), &scale},
        {LV2_OPTIONS_INSTANCE, 0, 0, 0, 0, NULL}};
    if (scale <= 0) opts[1] = opts[2]; /* no scale option at all */
    LV2UI_Resize resize = {h, resize_cb};
    LV2_Feature f_map = {LV2_URID__map, &map_feature};
    LV2_Feature f_parent = {LV2_UI__parent, mode == UIH_PARENT ? (void *)(uintptr_t)h->parent : NULL};
    LV2_Feature f_resize = {LV2_UI__resize, &resize};
    LV2_Feature f_idle = {LV2_UI__idleInterface, NULL};
    LV2_Feature f_opts = {LV2_OPTIONS__options, opts};
    const LV2_Feature *features[7];
    int k = 0;
    features[k++] = &f_map;
    if (mode != UIH_NO_PARENT) features[k++] = &f_parent;
    features[k++] = &f_resize;
    features[k++] = &f_idle;
    features[k++] = &f_opts;
    features[k] = NULL;
    LV2UI_Widget widget = NULL;
    h->notify_port = next_plugin ? next_notify_port : 1;
    h->ui = h->desc->instantiate(h->desc, next_plugin ? next_plugin : "urn:phonon:phonon",
                                 build ? build : "build", record, h, &widget, features);
    next_plugin = NULL;
    if (!h->ui) {
        fprintf(stderr, "ui_host: instantiate failed\n");
        exit(2);
    }
    h->win = (Window)(uintptr_t)widget;
    h->idle = h->desc->extension_data(LV2_UI__idleInterface);
    h->show = h->desc->extension_data(LV2_UI__showInterface);
    uih_idle(h, 50);
    return h;
}

void uih_free(uih *h, bool parent_first)
{
    if (parent_first && h->parent) {
        XDestroyWindow(h->dpy, h->parent);
        XSync(h->dpy, False);
    }
    h->desc->cleanup(h->ui);
    if (!parent_first && h->parent) XDestroyWindow(h->dpy, h->parent);
    XCloseDisplay(h->dpy);
    dlclose(h->lib);
    uih_clear(h);
    free(h->msgs);
    free(h);
}

Display *uih_display(uih *h) { return h->dpy; }

void uih_resized(uih *h, int *w, int *hh)
{
    *w = h->resized_w;
    *hh = h->resized_h;
}
Window uih_window(uih *h) { return h->win; }

bool uih_show(uih *h, bool show)
{
    if (!h->show) return false;
    return (show ? h->show->show(h->ui) : h->show->hide(h->ui)) == 0;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

void uih_idle(uih *h, int ms)
{
    for (int t = 0; t <= ms; t += 10) {
        while (XPending(h->dpy)) {
            XEvent ev;
            XNextEvent(h->dpy, &ev);
        }
        if (h->idle) h->idle->idle(h->ui);
        sleep_ms(10);
    }
}

/* ------------------------------------------------------------ plugin -> UI */

static void port_event(uih *h, const LV2_Atom *a)
{
    h->desc->port_event(h->ui, h->notify_port, lv2_atom_total_size(a), uih_map(LV2_ATOM__eventTransfer), a);
}

void uih_notify_string(uih *h, const char *property, const char *value)
{
    const size_t cap = strlen(value) + 512;
    uint8_t *buf = malloc(cap);
    LV2_Atom_Forge f;
    lv2_atom_forge_init(&f, &map_feature);
    lv2_atom_forge_set_buffer(&f, buf, cap);
    LV2_Atom_Forge_Frame fr;
    LV2_Atom *a = (LV2_Atom *)lv2_atom_forge_object(&f, &fr, 0, uih_map(LV2_PATCH__Set));
    lv2_atom_forge_key(&f, uih_map(LV2_PATCH__property));
    lv2_atom_forge_urid(&f, uih_map(property));
    lv2_atom_forge_key(&f, uih_map(LV2_PATCH__value));
    lv2_atom_forge_string(&f, value, (uint32_t)strlen(value));
    lv2_atom_forge_pop(&f, &fr);
    port_event(h, a);
    free(buf);
}

void uih_notify_status(uih *h, double cycle, double cps, bool rolling, float peak)
{
    uint8_t buf[512];
    LV2_Atom_Forge f;
    lv2_atom_forge_init(&f, &map_feature);
    lv2_atom_forge_set_buffer(&f, buf, sizeof buf);
    LV2_Atom_Forge_Frame fr;
    LV2_Atom *a = (LV2_Atom *)lv2_atom_forge_object(&f, &fr, 0, uih_map("urn:phonon:Status"));
    lv2_atom_forge_key(&f, uih_map("urn:phonon:cycle"));
    lv2_atom_forge_double(&f, cycle);
    lv2_atom_forge_key(&f, uih_map("urn:phonon:cps"));
    lv2_atom_forge_double(&f, cps);
    lv2_atom_forge_key(&f, uih_map("urn:phonon:rolling"));
    lv2_atom_forge_bool(&f, rolling);
    lv2_atom_forge_key(&f, uih_map("urn:phonon:hushed"));
    lv2_atom_forge_bool(&f, false);
    lv2_atom_forge_key(&f, uih_map("urn:phonon:peakL"));
    lv2_atom_forge_float(&f, peak);
    lv2_atom_forge_key(&f, uih_map("urn:phonon:peakR"));
    lv2_atom_forge_float(&f, peak);
    lv2_atom_forge_pop(&f, &fr);
    port_event(h, a);
}

/* ------------------------------------------------------------ input */

void uih_click(uih *h, int x, int y)
{
    int rx, ry;
    Window child;
    XTranslateCoordinates(h->dpy, h->win, DefaultRootWindow(h->dpy), x, y, &rx, &ry, &child);
    XTestFakeMotionEvent(h->dpy, -1, rx, ry, 0);
    XTestFakeButtonEvent(h->dpy, 1, True, 0);
    XTestFakeButtonEvent(h->dpy, 1, False, 0);
    XSync(h->dpy, False);
    uih_idle(h, 30);
}

static void press(uih *h, KeySym sym, unsigned mods)
{
    KeyCode kc = XKeysymToKeycode(h->dpy, sym);
    if (!kc) return;
    bool shift = (mods & ShiftMask) != 0;
    if (XkbKeycodeToKeysym(h->dpy, kc, 0, 0) != sym && XkbKeycodeToKeysym(h->dpy, kc, 0, 1) == sym)
        shift = true;
    const KeyCode ks = XKeysymToKeycode(h->dpy, XK_Shift_L), kctl = XKeysymToKeycode(h->dpy, XK_Control_L);
    if (mods & ControlMask) XTestFakeKeyEvent(h->dpy, kctl, True, 0);
    if (shift) XTestFakeKeyEvent(h->dpy, ks, True, 0);
    XTestFakeKeyEvent(h->dpy, kc, True, 0);
    XTestFakeKeyEvent(h->dpy, kc, False, 0);
    if (shift) XTestFakeKeyEvent(h->dpy, ks, False, 0);
    if (mods & ControlMask) XTestFakeKeyEvent(h->dpy, kctl, False, 0);
    XSync(h->dpy, False);
}

void uih_type(uih *h, const char *s)
{
    for (int k = 1; *s; s++, k++) {
        char name[2] = {*s, 0};
        KeySym sym = *s == '\n' ? XK_Return : *s == ' ' ? XK_space : XStringToKeysym(name);
        if (sym == NoSymbol) sym = (KeySym)(unsigned char)*s; /* Latin-1 keysyms equal the code */
        press(h, sym, 0);
        if (k % 8 == 0) uih_idle(h, 0); /* let the UI read its queue now and then */
    }
    uih_idle(h, 30);
}

void uih_key(uih *h, const char *name, unsigned mods)
{
    press(h, XStringToKeysym(name), mods);
    uih_idle(h, 30);
}

void uih_send_key(uih *h, const char *name, unsigned mods)
{
    XKeyEvent ev = {.type = KeyPress, .display = h->dpy, .window = h->win,
                    .root = DefaultRootWindow(h->dpy), .subwindow = None, .time = CurrentTime,
                    .same_screen = True, .state = mods,
                    .keycode = XKeysymToKeycode(h->dpy, XStringToKeysym(name))};
    XSendEvent(h->dpy, h->win, True, KeyPressMask, (XEvent *)&ev);
    ev.type = KeyRelease;
    XSendEvent(h->dpy, h->win, True, KeyReleaseMask, (XEvent *)&ev);
    XSync(h->dpy, False);
    uih_idle(h, 30);
}

/* ------------------------------------------------------------ messages */

size_t uih_count(uih *h) { return h->n; }
const uih_msg *uih_msg_at(uih *h, size_t i) { return i < h->n ? &h->msgs[i] : NULL; }

const uih_msg *uih_last_set(uih *h, const char *property)
{
    const LV2_URID set = uih_map(LV2_PATCH__Set), p = uih_map(property);
    for (size_t i = h->n; i-- > 0;)
        if (h->msgs[i].otype == set && h->msgs[i].property == p) return &h->msgs[i];
    return NULL;
}

void uih_clear(uih *h)
{
    for (size_t i = 0; i < h->n; i++) free(h->msgs[i].value);
    h->n = 0;
}

/* ------------------------------------------------------------ screenshots */

uint32_t *uih_grab(uih *h, int *w, int *hh)
{
    XWindowAttributes a;
    XGetWindowAttributes(h->dpy, h->win, &a);
    XImage *img = XGetImage(h->dpy, h->win, 0, 0, (unsigned)a.width, (unsigned)a.height, AllPlanes, ZPixmap);
    if (!img) return NULL;
    uint32_t *px = malloc((size_t)a.width * (size_t)a.height * sizeof *px);
    for (int y = 0; y < a.height; y++)
        for (int x = 0; x < a.width; x++)
            px[(size_t)y * (size_t)a.width + (size_t)x] = (uint32_t)XGetPixel(img, x, y) & 0xFFFFFFu;
    XDestroyImage(img);
    *w = a.width;
    *hh = a.height;
    return px;
}

bool uih_save_png(uih *h, const char *path)
{
    char cmd[4600];
    snprintf(cmd, sizeof cmd, "import -window 0x%lx '%s' 2>/dev/null", (unsigned long)h->win, path);
    return system(cmd) == 0;
}

/* The X11 window layer (see ph_win.h). What hosts do to an embedded X11 window, and
 * why each guard below exists, is in docs/ARCHITECTURE.md ("The editor UI"). */
#include "ph_win.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xresource.h>
#include <X11/Xutil.h>
#include <cairo/cairo-xlib.h>

#define PH_WIN_MULTI_CLICK_MS 400
#define PH_WIN_SELECTION_MAX (4u << 20)

struct ph_win {
    Display *dpy;
    Window win, parent;
    bool top_level;
    int width, height;
    ph_win_handler h;
    XIM im;
    XIC ic;
    cairo_surface_t *surface, *back;
    bool damaged, focused;
    Atom a_protocols, a_delete, a_clipboard, a_utf8, a_targets, a_text, a_prop, a_incr;
    char *sel[2]; /* [0] PRIMARY, [1] CLIPBOARD: what we own */
    size_t sel_len[2];
    Time last_time, last_click;
    int last_x, last_y, clicks;
};

/* ------------------------------------------------------------ X error guard */

/* X errors go to one process-wide handler. Around the calls that may hit a window the
 * host already destroyed (suil frees the parent before our cleanup; focus on a window
 * being unmapped) a handler that only counts is installed, under one mutex, and the
 * previous handler is put back after XSync. */
static pthread_mutex_t guard_lock = PTHREAD_MUTEX_INITIALIZER;
static int guard_errors;
static int (*guard_prev)(Display *, XErrorEvent *);

static int count_error(Display *d, XErrorEvent *e)
{
    (void)d;
    (void)e;
    guard_errors++;
    return 0;
}

static void guard_begin(Display *d)
{
    pthread_mutex_lock(&guard_lock);
    XSync(d, False);
    guard_errors = 0;
    guard_prev = XSetErrorHandler(count_error);
}

static int guard_end(Display *d)
{
    XSync(d, False);
    XSetErrorHandler(guard_prev);
    const int n = guard_errors;
    pthread_mutex_unlock(&guard_lock);
    return n;
}

/* ------------------------------------------------------------ creation */

static void set_hints(ph_win *w, int min_w, int min_h)
{
    XSizeHints *hints = XAllocSizeHints();
    if (!hints) return;
    hints->flags = PMinSize | PBaseSize | PSize;
    hints->min_width = min_w;
    hints->min_height = min_h;
    hints->base_width = hints->width = w->width;
    hints->base_height = hints->height = w->height;
    XSetWMNormalHints(w->dpy, w->win, hints);
    XFree(hints);
}

static void open_input(ph_win *w)
{
    /* No setlocale() here: a plugin must not change the host's locale. XIM works in
     * the locale the host set; without one, keys fall back to XLookupString. */
    XSetLocaleModifiers("");
    w->im = XOpenIM(w->dpy, NULL, NULL, NULL);
    if (!w->im) {
        XSetLocaleModifiers("@im=none");
        w->im = XOpenIM(w->dpy, NULL, NULL, NULL);
    }
    if (w->im)
        w->ic = XCreateIC(w->im, XNInputStyle, XIMPreeditNothing | XIMStatusNothing,
                          XNClientWindow, w->win, XNFocusWindow, w->win, NULL);
}

ph_win *ph_win_new(uintptr_t parent, int width, int height, int min_w, int min_h,
                   const char *title, const ph_win_handler *handler, char *err, size_t err_size)
{
    Display *dpy = XOpenDisplay(NULL);
    if (!dpy) {
        snprintf(err, err_size, "cannot open the X display '%s'", XDisplayName(NULL));
        return NULL;
    }
    ph_win *w = calloc(1, sizeof *w);
    if (!w) {
        XCloseDisplay(dpy);
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    w->dpy = dpy;
    w->h = *handler;
    w->width = width;
    w->height = height;
    w->top_level = parent == 0;
    const int screen = DefaultScreen(dpy);
    w->parent = parent ? (Window)parent : RootWindow(dpy, screen);

    XSetWindowAttributes attr = {0};
    attr.background_pixel = BlackPixel(dpy, screen);
    attr.bit_gravity = NorthWestGravity;
    attr.event_mask = ExposureMask | StructureNotifyMask | KeyPressMask | KeyReleaseMask |
                      ButtonPressMask | ButtonReleaseMask | PointerMotionMask |
                      FocusChangeMask | EnterWindowMask | LeaveWindowMask | PropertyChangeMask;
    guard_begin(dpy);
    w->win = XCreateWindow(dpy, w->parent, 0, 0, (unsigned)width, (unsigned)height, 0,
                           CopyFromParent, InputOutput, CopyFromParent,
                           CWBackPixel | CWBitGravity | CWEventMask, &attr);
    const int errors = guard_end(dpy);
    if (errors || !w->win) {
        snprintf(err, err_size, "cannot create a window in parent 0x%lx", (unsigned long)parent);
        w->win = 0;
        ph_win_free(w);
        return NULL;
    }
    XStoreName(dpy, w->win, title);
    XClassHint *cls = XAllocClassHint();
    if (cls) {
        cls->res_name = (char *)"phonon-editor";
        cls->res_class = (char *)"Phonon";
        XSetClassHint(dpy, w->win, cls);
        XFree(cls);
    }
    set_hints(w, min_w, min_h);
    w->a_protocols = XInternAtom(dpy, "WM_PROTOCOLS", False);
    w->a_delete = XInternAtom(dpy, "WM_DELETE_WINDOW", False);
    w->a_clipboard = XInternAtom(dpy, "CLIPBOARD", False);
    w->a_utf8 = XInternAtom(dpy, "UTF8_STRING", False);
    w->a_targets = XInternAtom(dpy, "TARGETS", False);
    w->a_text = XInternAtom(dpy, "TEXT", False);
    w->a_prop = XInternAtom(dpy, "PHONON_SELECTION", False);
    w->a_incr = XInternAtom(dpy, "INCR", False);
    if (w->top_level) XSetWMProtocols(dpy, w->win, &w->a_delete, 1);
    open_input(w);
    w->surface = cairo_xlib_surface_create(dpy, w->win, DefaultVisual(dpy, screen), width, height);
    if (!w->top_level) XMapRaised(dpy, w->win);
    w->damaged = true;
    /* Hosts read the size hints as soon as they have the window id. */
    XFlush(dpy);
    return w;
}

void ph_win_free(ph_win *w)
{
    if (!w) return;
    if (w->back) cairo_surface_destroy(w->back);
    if (w->surface) cairo_surface_destroy(w->surface);
    if (w->ic) XDestroyIC(w->ic);
    if (w->im) XCloseIM(w->im);
    if (w->win) {
        /* The parent, and so this window, may already be gone (suil). */
        guard_begin(w->dpy);
        XDestroyWindow(w->dpy, w->win);
        guard_end(w->dpy);
    }
    free(w->sel[0]);
    free(w->sel[1]);
    XCloseDisplay(w->dpy);
    free(w);
}

uintptr_t ph_win_id(const ph_win *w) { return (uintptr_t)w->win; }
int ph_win_fd(const ph_win *w) { return ConnectionNumber(w->dpy); }
bool ph_win_damaged(const ph_win *w) { return w->damaged; }
bool ph_win_has_focus(const ph_win *w) { return w->focused; }

void ph_win_size(const ph_win *w, int *width, int *height)
{
    *width = w->width;
    *height = w->height;
}

void ph_win_show(ph_win *w, bool show)
{
    if (show) XMapRaised(w->dpy, w->win);
    else XUnmapWindow(w->dpy, w->win);
    XFlush(w->dpy);
}

double ph_win_dpi_scale(const ph_win *w)
{
    const char *rms = XResourceManagerString(w->dpy);
    double scale = 1.0;
    if (!rms) return scale;
    XrmInitialize();
    XrmDatabase db = XrmGetStringDatabase(rms);
    if (!db) return scale;
    char *type = NULL;
    XrmValue v;
    if (XrmGetResource(db, "Xft.dpi", "Xft.Dpi", &type, &v) && v.addr) {
        const double dpi = atof(v.addr);
        if (dpi >= 48 && dpi <= 480) scale = dpi / 96.0;
    }
    XrmDestroyDatabase(db);
    return scale;
}

/* ------------------------------------------------------------ drawing */

cairo_t *ph_win_begin(ph_win *w)
{
    if (!w->back) w->back = cairo_surface_create_similar(w->surface, CAIRO_CONTENT_COLOR,
                                                         w->width > 0 ? w->width : 1,
                                                         w->height > 0 ? w->height : 1);
    return cairo_create(w->back);
}

void ph_win_end(ph_win *w)
{
    cairo_t *cr = cairo_create(w->surface);
    cairo_set_source_surface(cr, w->back, 0, 0);
    cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_flush(w->surface);
    XFlush(w->dpy);
    w->damaged = false;
}

/* ------------------------------------------------------------ focus */

void ph_win_take_focus(ph_win *w)
{
    XWindowAttributes a;
    if (!XGetWindowAttributes(w->dpy, w->win, &a) || a.map_state != IsViewable) return;
    guard_begin(w->dpy);
    XSetInputFocus(w->dpy, w->win, RevertToParent, w->last_time ? w->last_time : CurrentTime);
    guard_end(w->dpy);
}

void ph_win_release_focus(ph_win *w)
{
    if (w->top_level) return;
    guard_begin(w->dpy);
    XSetInputFocus(w->dpy, w->parent, RevertToParent, CurrentTime);
    guard_end(w->dpy);
}

/* ------------------------------------------------------------ selections */

void ph_win_set_selection(ph_win *w, bool clipboard, const char *s, size_t n)
{
    const int k = clipboard ? 1 : 0;
    char *copy = malloc(n + 1);
    if (!copy) return;
    memcpy(copy, s, n);
    copy[n] = '\0';
    free(w->sel[k]);
    w->sel[k] = copy;
    w->sel_len[k] = n;
    XSetSelectionOwner(w->dpy, clipboard ? w->a_clipboard : XA_PRIMARY, w->win,
                       w->last_time ? w->last_time : CurrentTime);
    XFlush(w->dpy);
}

void ph_win_request_selection(ph_win *w, bool clipboard)
{
    const Atom sel = clipboard ? w->a_clipboard : XA_PRIMARY;
    const int k = clipboard ? 1 : 0;
    if (XGetSelectionOwner(w->dpy, sel) == w->win && w->sel[k]) {
        if (w->h.paste) w->h.paste(w->h.user, w->sel[k], w->sel_len[k]);
        return;
    }
    XConvertSelection(w->dpy, sel, w->a_utf8, w->a_prop, w->win,
                      w->last_time ? w->last_time : CurrentTime);
    XFlush(w->dpy);
}

static void answer_request(ph_win *w, const XSelectionRequestEvent *r)
{
    XSelectionEvent reply = {.type = SelectionNotify, .display = r->display,
                             .requestor = r->requestor, .selection = r->selection,
                             .target = r->target, .property = None, .time = r->time};
    const int k = r->selection == w->a_clipboard ? 1 : r->selection == XA_PRIMARY ? 0 : -1;
    /* Obsolete clients pass None: the target names the property then (ICCCM). */
    const Atom prop = r->property != None ? r->property : r->target;
    guard_begin(w->dpy);
    if (k >= 0 && w->sel[k]) {
        if (r->target == w->a_targets) {
            const Atom targets[] = {w->a_targets, w->a_utf8, XA_STRING, w->a_text};
            XChangeProperty(w->dpy, r->requestor, prop, XA_ATOM, 32, PropModeReplace,
                            (const unsigned char *)targets, 4);
            reply.property = prop;
        } else if ((r->target == w->a_utf8 || r->target == XA_STRING || r->target == w->a_text) &&
                   w->sel_len[k] <= PH_WIN_SELECTION_MAX) {
            /* STRING is Latin-1 by the book; UTF-8 is what every current client reads. */
            XChangeProperty(w->dpy, r->requestor, prop,
                            r->target == XA_STRING ? XA_STRING : w->a_utf8, 8, PropModeReplace,
                            (const unsigned char *)w->sel[k], (int)w->sel_len[k]);
            reply.property = prop;
        }
    }
    XSendEvent(w->dpy, r->requestor, False, 0, (XEvent *)&reply);
    guard_end(w->dpy);
}

static void receive_selection(ph_win *w, const XSelectionEvent *e)
{
    if (e->property == None) {
        /* No UTF-8 offered: ask once more for STRING. */
        if (e->target == w->a_utf8)
            XConvertSelection(w->dpy, e->selection, XA_STRING, w->a_prop, w->win, e->time);
        return;
    }
    Atom type;
    int format;
    unsigned long n, after;
    unsigned char *data = NULL;
    if (XGetWindowProperty(w->dpy, w->win, e->property, 0, PH_WIN_SELECTION_MAX / 4, True,
                           AnyPropertyType, &type, &format, &n, &after, &data) != Success)
        return;
    /* INCR (transfers in pieces) is refused: programs are far below the server's limit. */
    if (data && format == 8 && type != w->a_incr && w->h.paste) w->h.paste(w->h.user, (const char *)data, n);
    if (data) XFree(data);
}

/* ------------------------------------------------------------ events */

static unsigned mods_of(unsigned state) { return state & (ShiftMask | ControlMask | Mod1Mask); }

/* UTF-8 of a keysym for the fallback path without XIM. */
static int keysym_utf8(KeySym ks, char *out)
{
    unsigned long c;
    if ((ks >= 0x20 && ks <= 0x7e) || (ks >= 0xa0 && ks <= 0xff)) c = ks;
    else if ((ks & 0xff000000) == 0x01000000) c = ks & 0x00ffffff;
    else return 0;
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

static void key_press(ph_win *w, XKeyEvent *ev)
{
    char buf[64] = "";
    KeySym sym = NoSymbol;
    int n = 0;
    /* Synthetic events (suil forwards keys with XSendEvent) go through the same path. */
    if (w->ic) {
        Status st;
        n = Xutf8LookupString(w->ic, ev, buf, sizeof buf - 1, &sym, &st);
        if (st != XLookupChars && st != XLookupBoth) n = 0;
        if (n < 0) n = 0;
    } else {
        char latin[32];
        XLookupString(ev, latin, sizeof latin, &sym, NULL);
        n = keysym_utf8(sym, buf);
    }
    buf[n] = '\0';
    const KeySym base = XLookupKeysym(ev, 0);
    if (w->h.key) w->h.key(w->h.user, (uint32_t)base, mods_of(ev->state), buf);
}

static void button(ph_win *w, XButtonEvent *ev, bool press)
{
    int clicks = 1;
    if (press && ev->button == 1) {
        const bool near = abs(ev->x - w->last_x) < 4 && abs(ev->y - w->last_y) < 4;
        if (near && ev->time - w->last_click < PH_WIN_MULTI_CLICK_MS) clicks = w->clicks % 3 + 1;
        w->clicks = clicks;
        w->last_click = ev->time;
        w->last_x = ev->x;
        w->last_y = ev->y;
    }
    if (w->h.button) w->h.button(w->h.user, (int)ev->button, press, ev->x, ev->y, mods_of(ev->state), clicks);
}

static void dispatch(ph_win *w, XEvent *ev)
{
    switch (ev->type) {
    case Expose:
        w->damaged = true;
        break;
    case ConfigureNotify:
        if (ev->xconfigure.width != w->width || ev->xconfigure.height != w->height) {
            w->width = ev->xconfigure.width;
            w->height = ev->xconfigure.height;
            cairo_xlib_surface_set_size(w->surface, w->width, w->height);
            if (w->back) cairo_surface_destroy(w->back);
            w->back = NULL;
            w->damaged = true;
            if (w->h.resize) w->h.resize(w->h.user, w->width, w->height);
        }
        break;
    case KeyPress:
        w->last_time = ev->xkey.time;
        key_press(w, &ev->xkey);
        break;
    case ButtonPress:
    case ButtonRelease:
        w->last_time = ev->xbutton.time;
        button(w, &ev->xbutton, ev->type == ButtonPress);
        break;
    case MotionNotify:
        if (w->h.motion) w->h.motion(w->h.user, ev->xmotion.x, ev->xmotion.y, mods_of(ev->xmotion.state));
        break;
    case FocusIn:
    case FocusOut:
        w->focused = ev->type == FocusIn;
        if (w->ic) {
            if (w->focused) XSetICFocus(w->ic);
            else XUnsetICFocus(w->ic);
        }
        if (w->h.focus) w->h.focus(w->h.user, w->focused);
        break;
    case SelectionRequest:
        answer_request(w, &ev->xselectionrequest);
        break;
    case SelectionNotify:
        receive_selection(w, &ev->xselection);
        break;
    case SelectionClear: {
        const int k = ev->xselectionclear.selection == w->a_clipboard ? 1 : 0;
        free(w->sel[k]);
        w->sel[k] = NULL;
        w->sel_len[k] = 0;
        break;
    }
    case ClientMessage:
        if (ev->xclient.message_type == w->a_protocols &&
            (Atom)ev->xclient.data.l[0] == w->a_delete && w->h.close)
            w->h.close(w->h.user);
        break;
    default:
        break;
    }
}

bool ph_win_pump(ph_win *w)
{
    while (XPending(w->dpy) > 0) {
        XEvent ev;
        XNextEvent(w->dpy, &ev);
        if (XFilterEvent(&ev, None)) continue;
        if (ev.xany.window != w->win && ev.type != SelectionRequest) continue;
        dispatch(w, &ev);
    }
    return true;
}

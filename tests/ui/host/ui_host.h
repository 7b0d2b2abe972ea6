/* A UI test host: loads build/phonon.lv2/phonon_ui.so directly (dlopen, no lilv, no
 * suil), instantiates the editor with stub features inside a parent window of its
 * own (or with no parent, through ui:showInterface), records every message the UI
 * writes, feeds it the plugin's notifications, and drives it like a person: keys and
 * clicks through XTEST (real input events, as a user's), or XSendEvent (synthetic, as
 * suil forwards keys), and screenshots of the window. Needs an X server ($DISPLAY,
 * Xvfb in CI: tests/ui/run). */
#ifndef PH_UI_HOST_H
#define PH_UI_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <X11/Xlib.h>
#include <lv2/urid/urid.h>

typedef struct uih_msg {
    uint32_t port, protocol;
    uint32_t otype;      /* patch:Set / patch:Get */
    uint32_t property;   /* for patch:Set */
    char *value;         /* string value (NUL-terminated) or NULL */
    size_t value_len;
} uih_msg;

typedef struct uih uih;

typedef enum uih_parent { UIH_PARENT, UIH_NO_PARENT, UIH_NULL_PARENT } uih_parent;

uih *uih_new(uih_parent mode);
/* The ui:scaleFactor option the next uih_new() passes (0: none). */
void uih_next_scale(float scale);
/* The plugin the next uih_new() opens the editor for, and the index of that plugin's
 * notify port, where uih_notify_* deliver (NULL: urn:phonon:phonon, port 1). */
void uih_next_plugin(const char *plugin_uri, uint32_t notify_port);
/* Destroys the parent window first, as suil does, when parent_first is set. */
void uih_free(uih *h, bool parent_first);
Display *uih_display(uih *h);
Window uih_window(uih *h);   /* the UI's window */
bool uih_show(uih *h, bool show); /* ui:showInterface */

/* The size the UI asked for with ui:resize (0 when it did not). */
void uih_resized(uih *h, int *w, int *hgt);

/* Calls idle() for ms milliseconds (every 10 ms), pumping the host's own events. */
void uih_idle(uih *h, int ms);

/* The plugin's side: patch:Set of text / error / draft, and a status report. */
void uih_notify_string(uih *h, const char *property_uri, const char *value);
void uih_notify_status(uih *h, double cycle, double cps, bool rolling, float peak);

/* Input. */
void uih_click(uih *h, int x, int y);        /* XTEST: move onto the window and click */
void uih_type(uih *h, const char *ascii);    /* XTEST key presses, Shift where needed */
void uih_key(uih *h, const char *keysym_name, unsigned mods); /* e.g. "Return", ControlMask */
void uih_send_key(uih *h, const char *keysym_name, unsigned mods); /* XSendEvent (suil) */

/* Messages the UI wrote. */
size_t uih_count(uih *h);
const uih_msg *uih_msg_at(uih *h, size_t i);
/* The last patch:Set of that property, or NULL. */
const uih_msg *uih_last_set(uih *h, const char *property_uri);
void uih_clear(uih *h);
LV2_URID uih_map(const char *uri);

/* Screenshot of the UI window: 0xRRGGBB pixels, row-major; free() it. */
uint32_t *uih_grab(uih *h, int *w, int *hgt);
/* Saves the UI window as PNG through ImageMagick's `import` (for docs/); false if absent. */
bool uih_save_png(uih *h, const char *path);

#endif

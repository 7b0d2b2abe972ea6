/* The editor window as a whole: the code editor, the error shown in place, the atoms
 * of the playing program outlined as they sound, and the strip below with the events
 * around the playhead, the cycle and the output levels. It knows nothing of LV2: the
 * plugin UI (ph_lv2_ui.c) and a standalone program feed it what the plugin reports and
 * receive what the user does through ph_ui_view_host. */
#ifndef PH_UI_VIEW_H
#define PH_UI_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ph_ui_view_host {
    void *user;
    void (*evaluate)(void *user, const char *text, size_t len); /* Ctrl+Enter */
    void (*hush)(void *user);                                   /* Ctrl+. */
    /* The unevaluated text, to keep with the plugin's state ("" when there is none). */
    void (*draft)(void *user, const char *text, size_t len);
    void (*closed)(void *user); /* the window manager closed a top-level window */
} ph_ui_view_host;

typedef struct ph_ui_view ph_ui_view;

#define PH_UI_DEFAULT_W 860
#define PH_UI_DEFAULT_H 560
#define PH_UI_MIN_W 360
#define PH_UI_MIN_H 220

/* parent 0 makes a top-level window (shown by ph_ui_view_show). */
ph_ui_view *ph_ui_view_new(uintptr_t parent, const char *title, const ph_ui_view_host *host,
                           char *err, size_t err_size);
/* Sends a pending draft first. */
void ph_ui_view_free(ph_ui_view *v);
uintptr_t ph_ui_view_window(const ph_ui_view *v);
void ph_ui_view_show(ph_ui_view *v, bool show);
void ph_ui_view_size(const ph_ui_view *v, int *w, int *h);
int ph_ui_view_fd(const ph_ui_view *v);
/* Handles input, sends what is due, redraws when needed. now_ms: a monotonic clock. */
void ph_ui_view_idle(ph_ui_view *v, double now_ms);

/* What the plugin reports. */
void ph_ui_view_set_playing(ph_ui_view *v, const char *text, size_t len, double now_ms);
void ph_ui_view_set_draft(ph_ui_view *v, const char *text, size_t len);
void ph_ui_view_set_error(ph_ui_view *v, const char *msg, size_t len);
void ph_ui_view_set_status(ph_ui_view *v, double cycle, double cps, bool rolling, bool hushed,
                           float peak_l, float peak_r, double now_ms);

/* The host's ui:scaleFactor (Ardour, Carla); 0 returns to Xft.dpi / 96. */
void ph_ui_view_set_scale(ph_ui_view *v, double scale);

/* For tests and the standalone editor: the editor's text now. */
const char *ph_ui_view_text(const ph_ui_view *v, size_t *len);

/* A monotonic clock in milliseconds. */
double ph_ui_now_ms(void);

#endif

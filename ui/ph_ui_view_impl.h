/* Inside of the editor window, shared by ph_ui_view.c (state and input), ph_ui_draw.c
 * (the code area) and ph_ui_strip.c (the strip below it). */
#ifndef PH_UI_VIEW_IMPL_H
#define PH_UI_VIEW_IMPL_H

#include <pango/pangocairo.h>

#include "ph_ed_syntax.h"
#include "ph_editor.h"
#include "ph_ui_config.h"
#include "ph_ui_events.h"
#include "ph_ui_source.h"
#include "ph_ui_view.h"
#include "ph_win.h"

#define PH_UI_FLASH_MS 200.0       /* the evaluated text flashes this long */
#define PH_UI_DRAFT_DELAY_MS 400.0 /* a draft is sent this long after the last edit */
#define PH_UI_STATUS_STALE_MS 500.0 /* the playhead is extrapolated at most this far */
#define PH_UI_ERROR_MAX 640

typedef struct ph_ui_layout {
    double scale;              /* device pixels per logical pixel */
    double line_h, char_w, ascent;
    double gutter_w;
    double code_x, code_y, code_w, code_h;
    double find_y, find_h;     /* 0 height when the find bar is closed */
    double strip_y, strip_h;   /* events around the playhead */
    double status_y, status_h;
} ph_ui_layout;

struct ph_ui_view {
    ph_win *win;
    ph_ui_view_host host;
    ph_editor ed;
    ph_ed_tokens tokens;
    bool tokens_stale;
    ph_ui_config config;
    PangoContext *pctx;
    PangoFontDescription *font, *ui_font;
    ph_ui_layout lay;
    double scale_override;     /* the host's ui:scaleFactor, or 0 */
    bool metrics_stale;
    size_t scroll_line;
    double scroll_x;
    bool want_caret_visible;
    bool dragging;
    bool user_edited;          /* typed into since the last text from outside */
    bool closed;

    /* the program the plugin plays */
    char *playing;
    size_t playing_len;
    bool playing_known;
    char *sent;                /* the last text this editor evaluated */
    size_t sent_len;
    ph_ui_source *src;
    ph_ui_events events;
    bool spans_valid;          /* editor spans belong to `playing` */

    /* the last error the plugin reported */
    char error[PH_UI_ERROR_MAX];
    bool has_error;
    bool error_is_warning; /* "L:C: warning: ...": the program plays; drawn in amber */
    int err_line, err_col;
    const char *err_msg;       /* into error, after "line:col: " */
    size_t err_pos;            /* byte position now */

    /* transport and levels */
    bool status_seen, rolling, hushed;
    double cycle, cps, status_ms;
    float peak[2];

    double now_ms, flash_until;
    bool draft_due;
    double draft_at;
    char *draft_sent;          /* what the plugin last got as the draft */
    size_t draft_sent_len;
    bool draft_sent_valid;
    bool dirty;                /* redraw */
};

/* ph_ui_draw.c */
void ph_ui_layout_update(ph_ui_view *v, cairo_t *cr);
void ph_ui_draw(ph_ui_view *v, cairo_t *cr);
/* The byte position under a point of the code area. */
size_t ph_ui_hit(ph_ui_view *v, double x, double y);
/* The playhead now (extrapolated from the last report). */
double ph_ui_cycle_now(const ph_ui_view *v);
bool ph_ui_is_modified(const ph_ui_view *v);

/* A copy pango accepts: invalid UTF-8 bytes become '?', one for one (free() it). */
char *ph_ui_display_copy(const char *s, size_t n);

/* ph_ui_strip.c */
void ph_ui_draw_strip(ph_ui_view *v, cairo_t *cr, double cycle);

#endif

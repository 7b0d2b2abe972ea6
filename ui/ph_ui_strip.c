/* The strip below the code: a punchcard of the events from two cycles before the
 * playhead to two after (Strudel's punchcard: one row per distinct value, numbers
 * ascending then names), the playhead in the middle, the cycle number and tempo, and
 * the plugin's output levels. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ph_ui_theme.h"
#include "ph_ui_view_impl.h"

#define PH_UI_STRIP_ROWS 16
#define PH_UI_LEVELS_W 120.0

typedef struct row_key {
    const char *value;
    double num;
    bool is_num;
} row_key;

static int cmp_rows(const void *a, const void *b)
{
    const row_key *x = a, *y = b;
    if (x->is_num != y->is_num) return x->is_num ? -1 : 1;
    if (x->is_num && x->num != y->num) return x->num < y->num ? -1 : 1;
    return strcmp(x->value, y->value);
}

static double db(float peak) { return peak > 1e-6f ? 20.0 * log10(peak) : -120.0; }

static void draw_levels(ph_ui_view *v, cairo_t *cr, double x, double y, double w, double h)
{
    const double s = v->lay.scale;
    for (int c = 0; c < 2; c++) {
        const double d = db(v->peak[c]);
        double f = (d + 60.0) / 60.0; /* -60 dB .. 0 dB across the bar */
        f = f < 0 ? 0 : f > 1 ? 1 : f;
        const double by = y + c * (h / 2) + 2 * s, bh = h / 2 - 4 * s;
        ph_ui_rgb(cr, PH_UI_GUTTER_BG);
        cairo_rectangle(cr, x, by, w, bh);
        cairo_fill(cr);
        ph_ui_rgb(cr, v->peak[c] >= 1.0f ? PH_UI_LEVEL_HOT : PH_UI_LEVEL);
        cairo_rectangle(cr, x, by, w * f, bh);
        cairo_fill(cr);
    }
}

void ph_ui_draw_strip(ph_ui_view *v, cairo_t *cr, double cycle)
{
    const ph_ui_layout *L = &v->lay;
    const double s = L->scale;
    int w, h;
    ph_win_size(v->win, &w, &h);
    const double y0 = L->strip_y, sh = L->strip_h;
    ph_ui_rgb(cr, PH_UI_STRIP_BG);
    cairo_rectangle(cr, 0, y0, w, sh);
    cairo_fill(cr);

    const double lw = PH_UI_LEVELS_W * s;
    const double px = 0, pw = w - lw - 2 * 6 * s; /* punchcard area */
    if (v->status_seen && v->src && !v->hushed) {
        ph_ui_events_update(&v->events, v->src, cycle);
        const ph_ui_events *E = &v->events;
        row_key rows[PH_UI_STRIP_ROWS];
        size_t n_rows = 0;
        for (size_t i = 0; i < E->n && n_rows < PH_UI_STRIP_ROWS; i++) {
            bool seen = false;
            for (size_t r = 0; r < n_rows && !seen; r++) seen = !strcmp(rows[r].value, E->ev[i].value);
            if (seen) continue;
            char *end;
            const double num = strtod(E->ev[i].value, &end);
            rows[n_rows++] = (row_key){E->ev[i].value, num, end != E->ev[i].value && !*end};
        }
        qsort(rows, n_rows, sizeof *rows, cmp_rows);
        const double from = cycle - 2, span = 4;
        const double rh = n_rows ? (sh - 4 * s) / (double)n_rows : 0;
        cairo_save(cr);
        cairo_rectangle(cr, px, y0, pw, sh);
        cairo_clip(cr);
        /* cycle boundaries */
        cairo_set_line_width(cr, 1);
        ph_ui_rgb(cr, PH_UI_GUTTER_BG);
        for (double c = ceil(from); c <= from + span; c += 1) {
            const double x = floor(px + (c - from) / span * pw) + 0.5;
            cairo_move_to(cr, x, y0);
            cairo_line_to(cr, x, y0 + sh);
            cairo_stroke(cr);
        }
        for (size_t i = 0; i < E->n; i++) {
            const ph_ui_ev *e = &E->ev[i];
            if (e->end <= from || e->begin >= from + span) continue;
            size_t r = 0;
            while (r < n_rows && strcmp(rows[r].value, e->value)) r++;
            if (r == n_rows) continue;
            const size_t row = n_rows - 1 - r; /* low values at the bottom */
            const double xa = px + (e->begin - from) / span * pw, xb = px + (e->end - from) / span * pw;
            const bool active = e->has_whole && e->begin <= cycle && cycle < e->end;
            ph_ui_rgba(cr, active ? PH_UI_EVENT_ACTIVE : PH_UI_EVENT, active ? 1.0 : 0.7);
            cairo_rectangle(cr, xa + 1, y0 + 2 * s + row * rh + 1, xb - xa - 2 > 1 ? xb - xa - 2 : 1, rh - 2 > 1 ? rh - 2 : 1);
            cairo_fill(cr);
        }
        /* row labels, over the events at the left edge */
        PangoLayout *label = pango_layout_new(v->pctx);
        pango_layout_set_font_description(label, v->ui_font);
        for (size_t r = 0; r < n_rows && rh >= 9 * s; r++) {
            char *clean = ph_ui_display_copy(rows[r].value, strlen(rows[r].value));
            pango_layout_set_text(label, clean ? clean : "", -1);
            free(clean);
            int lw2, lh2;
            pango_layout_get_pixel_size(label, &lw2, &lh2);
            const double ly = y0 + 2 * s + (double)(n_rows - 1 - r) * rh + (rh - lh2) / 2;
            cairo_set_source_rgba(cr, 0, 0, 0, 0.55);
            cairo_rectangle(cr, px + 2 * s, ly, lw2 + 4 * s, lh2);
            cairo_fill(cr);
            ph_ui_rgb(cr, PH_UI_STATUS_FG);
            cairo_move_to(cr, px + 4 * s, ly);
            pango_cairo_show_layout(cr, label);
        }
        g_object_unref(label);
        /* the playhead */
        ph_ui_rgba(cr, PH_UI_PLAYHEAD, 0.8);
        const double hx = floor(px + 2.0 / span * pw) + 0.5;
        cairo_move_to(cr, hx, y0);
        cairo_line_to(cr, hx, y0 + sh);
        cairo_stroke(cr);
        cairo_restore(cr);
    }
    /* cycle and tempo, levels */
    char buf[128];
    if (v->status_seen)
        snprintf(buf, sizeof buf, "cycle %.2f\n%.3g cps%s", cycle, v->cps, v->rolling ? "" : " (stopped)");
    else
        snprintf(buf, sizeof buf, "cycle -");
    PangoLayout *lay = pango_layout_new(v->pctx);
    pango_layout_set_font_description(lay, v->ui_font);
    pango_layout_set_text(lay, buf, -1);
    ph_ui_rgb(cr, PH_UI_STATUS_FG);
    cairo_move_to(cr, w - lw, y0 + 4 * s);
    pango_cairo_show_layout(cr, lay);
    g_object_unref(lay);
    draw_levels(v, cr, w - lw, y0 + sh - 28 * s, lw - 6 * s, 24 * s);
}

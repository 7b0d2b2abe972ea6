/* The editor window: state, input and the traffic with the plugin (see ph_ui_view.h). */
#include "ph_ui_view_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double ph_ui_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static char *dup_bytes(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

bool ph_ui_is_modified(const ph_ui_view *v)
{
    size_t n;
    const char *t = ph_editor_text(&v->ed, &n);
    return !v->playing_known || n != v->playing_len || memcmp(t, v->playing, n) != 0;
}

double ph_ui_cycle_now(const ph_ui_view *v)
{
    if (!v->status_seen) return 0;
    if (!v->rolling) return v->cycle;
    double dt = (v->now_ms - v->status_ms) / 1000.0;
    if (dt < 0) dt = 0;
    if (dt > PH_UI_STATUS_STALE_MS / 1000.0) dt = PH_UI_STATUS_STALE_MS / 1000.0;
    return v->cycle + dt * v->cps;
}

/* ------------------------------------------------------------ spans and errors */

/* The atoms of the buffer now, as the ids the engine will report for this text. */
static void snapshot_spans(ph_ui_view *v)
{
    size_t n;
    const char *t = ph_editor_text(&v->ed, &n);
    ph_ed_tokens tok = {0};
    ph_editor_spans_reset(&v->ed);
    if (ph_ed_syntax_scan(t, n, &tok))
        for (size_t i = 0; i < tok.n; i++)
            if (tok.v[i].cls == PH_SYN_ATOM || tok.v[i].cls == PH_SYN_NUMBER)
                ph_editor_spans_add(&v->ed, (uint32_t)tok.v[i].begin, (uint32_t)tok.v[i].end);
    ph_ed_tokens_free(&tok);
    ph_editor_mark_lines(&v->ed);
}

static void place_error(ph_ui_view *v)
{
    if (v->has_error && v->err_line > 0)
        v->err_pos = ph_editor_marked_position(&v->ed, v->err_line, v->err_col);
}

/* ------------------------------------------------------------ drafts */

static void draft_changed(ph_ui_view *v)
{
    v->draft_due = true;
    v->draft_at = v->now_ms + PH_UI_DRAFT_DELAY_MS;
}

static void send_draft(ph_ui_view *v)
{
    v->draft_due = false;
    if (!v->host.draft) return;
    size_t n;
    const char *t = ph_editor_text(&v->ed, &n);
    if (!ph_ui_is_modified(v)) n = 0, t = "";
    if (v->draft_sent_valid && n == v->draft_sent_len && !memcmp(t, v->draft_sent, n)) return;
    char *copy = dup_bytes(t, n);
    if (!copy) return;
    free(v->draft_sent);
    v->draft_sent = copy;
    v->draft_sent_len = n;
    v->draft_sent_valid = true;
    v->host.draft(v->host.user, t, n);
}

/* ------------------------------------------------------------ input */

static void after_edit(ph_ui_view *v, unsigned r)
{
    if (r & PH_ED_CHANGED) {
        v->tokens_stale = true;
        v->user_edited = true;
        place_error(v);
        draft_changed(v);
    }
    if (r & (PH_ED_CHANGED | PH_ED_MOVED)) v->want_caret_visible = true;
    if (r & PH_ED_COPY) {
        size_t b, e;
        if (ph_editor_selection(&v->ed, &b, &e) || (r & PH_ED_CHANGED))
            ph_win_set_selection(v->win, true, v->ed.text.s + b, e - b);
    }
    if ((r & PH_ED_PRIMARY)) {
        size_t b, e;
        if (ph_editor_selection(&v->ed, &b, &e)) ph_win_set_selection(v->win, false, v->ed.text.s + b, e - b);
    }
    if (r & PH_ED_PASTE) ph_win_request_selection(v->win, true);
    if (r & PH_ED_ZOOM) {
        v->config.font_size = v->ed.font_size;
        ph_ui_config_save(&v->config);
        v->metrics_stale = true;
    }
    if (r & PH_ED_UNFOCUS) ph_win_release_focus(v->win);
    if (r & PH_ED_EVAL) {
        size_t n;
        const char *t = ph_editor_text(&v->ed, &n);
        char *copy = dup_bytes(t, n);
        if (copy) {
            free(v->sent);
            v->sent = copy;
            v->sent_len = n;
        }
        snapshot_spans(v); /* pending until the plugin says it plays this text */
        v->flash_until = v->now_ms + PH_UI_FLASH_MS;
        if (v->host.evaluate) v->host.evaluate(v->host.user, t, n);
        draft_changed(v);
    }
    if (r & PH_ED_HUSH) {
        if (v->host.hush) v->host.hush(v->host.user);
        v->hushed = true;
    }
    v->dirty = true;
}

static void on_key(void *user, uint32_t keysym, unsigned mods, const char *utf8)
{
    ph_ui_view *v = user;
    /* The key that carries a KeyRelease of Escape to Carla's window closes it there; we
     * take Escape ourselves (KeyPress and KeyRelease are selected on our window). */
    after_edit(v, ph_editor_key(&v->ed, keysym, mods, utf8, v->now_ms));
}

static void on_button(void *user, int button, bool press, int x, int y, unsigned mods, int clicks)
{
    ph_ui_view *v = user;
    const ph_ui_layout *L = &v->lay;
    if (!press) {
        if (button == 1) v->dragging = false;
        return;
    }
    if (button == 4 || button == 5) { /* wheel */
        if (button == 4) v->scroll_line = v->scroll_line > 3 ? v->scroll_line - 3 : 0;
        else if (v->scroll_line + 3 < v->ed.text.n_lines) v->scroll_line += 3;
        v->dirty = true;
        return;
    }
    if (y >= L->code_y + L->code_h) return; /* the strip */
    ph_win_take_focus(v->win);
    const size_t pos = ph_ui_hit(v, x, y);
    if (button == 1) {
        after_edit(v, ph_editor_click(&v->ed, pos, clicks, (mods & PH_MOD_SHIFT) != 0));
        v->dragging = clicks == 1;
    } else if (button == 2) { /* paste PRIMARY where clicked */
        ph_editor_click(&v->ed, pos, 1, false);
        ph_win_request_selection(v->win, false);
        v->dirty = true;
    }
}

static void on_motion(void *user, int x, int y, unsigned mods)
{
    (void)mods;
    ph_ui_view *v = user;
    if (!v->dragging) return;
    after_edit(v, ph_editor_drag(&v->ed, ph_ui_hit(v, x, y)));
}

static void on_resize(void *user, int w, int h)
{
    (void)w;
    (void)h;
    ph_ui_view *v = user;
    v->metrics_stale = true;
    v->dirty = true;
}

static void on_focus(void *user, bool in)
{
    (void)in;
    ((ph_ui_view *)user)->dirty = true;
}

static void on_paste(void *user, const char *s, size_t n)
{
    ph_ui_view *v = user;
    /* NUL and CR are not program text (a pasted Windows file ends lines with CRLF). */
    char *clean = malloc(n + 1);
    if (!clean) return;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '\0' && s[i] != '\r') clean[k++] = s[i];
    after_edit(v, ph_editor_paste(&v->ed, clean, k, v->now_ms));
    free(clean);
}

static void on_close(void *user)
{
    ph_ui_view *v = user;
    v->closed = true;
    if (v->host.closed) v->host.closed(v->host.user);
}

/* ------------------------------------------------------------ life */

ph_ui_view *ph_ui_view_new(uintptr_t parent, const char *title, const ph_ui_view_host *host,
                           char *err, size_t err_size)
{
    ph_ui_view *v = calloc(1, sizeof *v);
    if (!v) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    v->host = *host;
    v->now_ms = ph_ui_now_ms();
    if (!ph_editor_init(&v->ed)) {
        free(v);
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    ph_ui_config_load(&v->config);
    v->ed.font_size = v->config.font_size;
    ph_ui_events_invalidate(&v->events);
    const ph_win_handler h = {v, on_key, on_button, on_motion, on_resize, on_focus, on_paste, on_close};
    v->win = ph_win_new(parent, PH_UI_DEFAULT_W, PH_UI_DEFAULT_H, PH_UI_MIN_W, PH_UI_MIN_H,
                        title, &h, err, err_size);
    if (!v->win) {
        ph_editor_free(&v->ed);
        free(v);
        return NULL;
    }
    v->tokens_stale = v->metrics_stale = v->dirty = true;
    return v;
}

void ph_ui_view_free(ph_ui_view *v)
{
    if (!v) return;
    if (v->draft_due) send_draft(v);
    ph_win_free(v->win);
    ph_editor_free(&v->ed);
    ph_ed_tokens_free(&v->tokens);
    ph_ui_source_free(v->src);
    ph_ui_events_free(&v->events);
    if (v->font) pango_font_description_free(v->font);
    if (v->ui_font) pango_font_description_free(v->ui_font);
    free(v->playing);
    free(v->sent);
    free(v->draft_sent);
    free(v);
}

uintptr_t ph_ui_view_window(const ph_ui_view *v) { return ph_win_id(v->win); }
void ph_ui_view_show(ph_ui_view *v, bool show) { ph_win_show(v->win, show); }
void ph_ui_view_size(const ph_ui_view *v, int *w, int *h) { ph_win_size(v->win, w, h); }
int ph_ui_view_fd(const ph_ui_view *v) { return ph_win_fd(v->win); }

const char *ph_ui_view_text(const ph_ui_view *v, size_t *len) { return ph_editor_text(&v->ed, len); }

void ph_ui_view_set_scale(ph_ui_view *v, double scale)
{
    v->scale_override = scale >= 0.5 && scale <= 8.0 ? scale : 0.0;
    v->metrics_stale = v->dirty = true;
}

void ph_ui_view_idle(ph_ui_view *v, double now_ms)
{
    v->now_ms = now_ms;
    ph_win_pump(v->win);
    if (v->draft_due && now_ms >= v->draft_at) send_draft(v);
    const bool animating = (v->status_seen && v->rolling) || now_ms < v->flash_until + 50;
    if (!(v->dirty || animating || ph_win_damaged(v->win))) return;
    cairo_t *cr = ph_win_begin(v->win);
    ph_ui_draw(v, cr);
    cairo_destroy(cr);
    ph_win_end(v->win);
    v->dirty = false;
}

/* ------------------------------------------------------------ from the plugin */

void ph_ui_view_set_playing(ph_ui_view *v, const char *text, size_t len, double now_ms)
{
    v->now_ms = now_ms;
    if (v->playing_known && len == v->playing_len && !memcmp(text, v->playing, len)) return;
    char *copy = dup_bytes(text, len);
    if (!copy) return;
    free(v->playing);
    v->playing = copy;
    v->playing_len = len;
    v->playing_known = true;
    v->hushed = false;
    ph_ui_source_free(v->src);
    v->src = ph_ui_source_new(text, len);
    ph_ui_events_invalidate(&v->events);

    size_t n;
    const char *buf = ph_editor_text(&v->ed, &n);
    if (!v->user_edited) {
        /* Nothing typed here: show what plays (a preset, a restored session, the file). */
        ph_editor_set_text(&v->ed, text, len);
        v->tokens_stale = true;
        snapshot_spans(v);
        ph_editor_spans_promote(&v->ed);
        v->spans_valid = true;
    } else if (v->sent && len == v->sent_len && !memcmp(text, v->sent, len)) {
        /* what we evaluated: its snapshot has followed the edits made since */
        ph_editor_spans_promote(&v->ed);
        v->spans_valid = true;
    } else if (n == len && !memcmp(buf, text, len)) {
        snapshot_spans(v);
        ph_editor_spans_promote(&v->ed);
        v->spans_valid = true;
    } else {
        v->spans_valid = false; /* another text, from elsewhere: its atoms are not on screen */
    }
    draft_changed(v);
    v->dirty = true;
}

void ph_ui_view_set_draft(ph_ui_view *v, const char *text, size_t len)
{
    /* The plugin keeps what was typed but not evaluated; a fresh window shows it. */
    if (!len || v->user_edited) return;
    ph_editor_set_text(&v->ed, text, len);
    v->tokens_stale = true;
    v->spans_valid = false;
    v->user_edited = true; /* it is someone's unevaluated work: a new text must not replace it */
    char *copy = dup_bytes(text, len);
    if (copy) {
        free(v->draft_sent);
        v->draft_sent = copy;
        v->draft_sent_len = len;
        v->draft_sent_valid = true;
    }
    v->dirty = true;
}

void ph_ui_view_set_error(ph_ui_view *v, const char *msg, size_t len)
{
    if (len >= sizeof v->error) len = sizeof v->error - 1;
    memcpy(v->error, msg, len);
    v->error[len] = '\0';
    v->has_error = len > 0;
    v->err_line = v->err_col = 0;
    v->err_msg = v->error;
    v->error_is_warning = false;
    int line, col, used = 0;
    if (v->has_error && sscanf(v->error, "%d:%d: %n", &line, &col, &used) == 2 && used > 0 && line > 0) {
        v->err_line = line;
        v->err_col = col;
        v->err_msg = v->error + used;
        v->error_is_warning = !strncmp(v->err_msg, "warning: ", 9);
        /* The error is about the text last sent: place it where that text's line is now. */
        /* (Lines are marked at each evaluation; an error that this editor did not cause,
         * e.g. reported when the window opens, is placed in the text as it is.) */
        if (!v->sent || v->ed.lines.n == 0) ph_editor_mark_lines(&v->ed);
        place_error(v);
    }
    v->dirty = true;
}

void ph_ui_view_set_status(ph_ui_view *v, double cycle, double cps, bool rolling, bool hushed,
                           float peak_l, float peak_r, double now_ms)
{
    if (!isfinite(cycle) || !isfinite(cps)) return;
    v->status_seen = true;
    v->cycle = cycle;
    v->cps = cps > 0 && cps < 1000 ? cps : 0;
    v->rolling = rolling;
    v->hushed = hushed;
    /* Meters fall back slowly (reports may come faster than audio blocks, some empty). */
    const float in[2] = {isfinite(peak_l) ? peak_l : 0, isfinite(peak_r) ? peak_r : 0};
    for (int c = 0; c < 2; c++) v->peak[c] = in[c] > v->peak[c] * 0.9f ? in[c] : v->peak[c] * 0.9f;
    v->status_ms = now_ms;
    v->dirty = true;
}

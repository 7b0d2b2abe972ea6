/* The editor model (see ph_editor.h). Every change of the text goes through
 * replace(), which records undo and moves the spans of the playing program. */
#include "ph_editor.h"

#include <stdlib.h>
#include <string.h>

#include <X11/keysym.h>

bool ph_editor_init(ph_editor *e)
{
    *e = (ph_editor){.page_lines = 20, .font_size = PH_ED_FONT_DEFAULT, .auto_close = true};
    ph_ed_undo_init(&e->undo);
    return ph_ed_text_init(&e->text);
}

void ph_editor_free(ph_editor *e)
{
    ph_ed_text_free(&e->text);
    ph_ed_undo_free(&e->undo);
    ph_ed_spans_free(&e->spans);
    ph_ed_spans_free(&e->pending);
    ph_ed_spans_free(&e->lines);
}

bool ph_editor_set_text(ph_editor *e, const char *s, size_t n)
{
    if (!ph_ed_text_set(&e->text, s, n)) return false;
    ph_ed_undo_clear(&e->undo);
    ph_ed_spans_clear(&e->spans);
    ph_ed_spans_clear(&e->pending);
    ph_ed_spans_clear(&e->lines);
    e->caret = e->anchor = 0;
    e->goal_valid = false;
    return true;
}

const char *ph_editor_text(const ph_editor *e, size_t *len)
{
    if (len) *len = e->text.len;
    return e->text.s;
}

bool ph_editor_selection(const ph_editor *e, size_t *b, size_t *end)
{
    *b = e->caret < e->anchor ? e->caret : e->anchor;
    *end = e->caret < e->anchor ? e->anchor : e->caret;
    return *b != *end;
}

void ph_editor_select(ph_editor *e, size_t anchor, size_t caret)
{
    e->anchor = anchor > e->text.len ? e->text.len : anchor;
    e->caret = caret > e->text.len ? e->text.len : caret;
    e->goal_valid = false;
}

/* ----------------------------------------------------------------- edits */

static bool do_insert(ph_editor *e, size_t pos, const char *s, size_t n)
{
    if (!ph_ed_text_insert(&e->text, pos, s, n)) return false;
    ph_ed_spans_insert(&e->spans, pos, n);
    ph_ed_spans_insert(&e->pending, pos, n);
    ph_ed_spans_insert(&e->lines, pos, n);
    return true;
}

static void do_erase(ph_editor *e, size_t pos, size_t n)
{
    ph_ed_text_erase(&e->text, pos, n);
    ph_ed_spans_erase(&e->spans, pos, n);
    ph_ed_spans_erase(&e->pending, pos, n);
    ph_ed_spans_erase(&e->lines, pos, n);
}

/* Replaces [pos, pos + n_erase) with s; the caret ends at caret_after (anchor too). */
static bool replace(ph_editor *e, size_t pos, size_t n_erase, const char *s, size_t n,
                    size_t caret_after, ph_ed_edit_kind kind, double now)
{
    const size_t cb = e->caret, ab = e->anchor;
    if (n_erase) {
        ph_ed_edit rec = {.insert = false, .pos = pos, .n = n_erase, .s = e->text.s + pos,
                          .caret_before = cb, .anchor_before = ab,
                          .caret_after = pos, .anchor_after = pos};
        if (n) ph_ed_undo_hold(&e->undo);
        ph_ed_undo_record(&e->undo, &rec, n ? PH_ED_KIND_OTHER : kind, now);
        do_erase(e, pos, n_erase);
    }
    bool ok = true;
    if (n) {
        ok = do_insert(e, pos, s, n);
        if (ok) {
            ph_ed_edit rec = {.insert = true, .pos = pos, .n = n, .s = (char *)s,
                              .caret_before = n_erase ? pos : cb,
                              .anchor_before = n_erase ? pos : ab,
                              .caret_after = caret_after, .anchor_after = caret_after};
            ph_ed_undo_record(&e->undo, &rec, n_erase ? PH_ED_KIND_OTHER : kind, now);
        }
        if (n_erase) ph_ed_undo_release(&e->undo);
    }
    e->caret = e->anchor = caret_after > e->text.len ? e->text.len : caret_after;
    e->goal_valid = false;
    return ok;
}

/* Deletes the selection, if any. */
static bool erase_selection(ph_editor *e, double now)
{
    size_t b, end;
    if (!ph_editor_selection(e, &b, &end)) return false;
    replace(e, b, end - b, NULL, 0, b, PH_ED_KIND_OTHER, now);
    ph_ed_undo_break(&e->undo);
    return true;
}

static unsigned apply_edits(ph_editor *e, const ph_ed_edit *first, size_t count, bool undo)
{
    if (!count) return 0;
    if (undo) {
        for (size_t i = count; i-- > 0;) {
            const ph_ed_edit *x = &first[i];
            if (x->insert) do_erase(e, x->pos, x->n);
            else do_insert(e, x->pos, x->s, x->n);
        }
        ph_editor_select(e, first[0].anchor_before, first[0].caret_before);
    } else {
        for (size_t i = 0; i < count; i++) {
            const ph_ed_edit *x = &first[i];
            if (x->insert) do_insert(e, x->pos, x->s, x->n);
            else do_erase(e, x->pos, x->n);
        }
        ph_editor_select(e, first[count - 1].anchor_after, first[count - 1].caret_after);
    }
    return PH_ED_CHANGED | PH_ED_MOVED;
}

/* ----------------------------------------------------------------- helpers */

static size_t line_of(const ph_editor *e, size_t pos) { return ph_ed_text_line_of(&e->text, pos); }
static size_t line_start(const ph_editor *e, size_t l) { return ph_ed_text_line_start(&e->text, l); }
static size_t line_end(const ph_editor *e, size_t l) { return ph_ed_text_line_end(&e->text, l); }

/* Lines touched by the selection (a selection ending at a line start leaves that line). */
static void selected_lines(const ph_editor *e, size_t *first, size_t *last)
{
    size_t b, end;
    const bool sel = ph_editor_selection(e, &b, &end);
    *first = line_of(e, b);
    *last = line_of(e, end);
    if (sel && *last > *first && end == line_start(e, *last)) (*last)--;
}

static size_t indent_width(const ph_editor *e, size_t line)
{
    size_t p = line_start(e, line);
    const size_t end = line_end(e, line);
    while (p < end && (e->text.s[p] == ' ' || e->text.s[p] == '\t')) p++;
    return p - line_start(e, line);
}

static void move_to(ph_editor *e, size_t pos, bool extend)
{
    e->caret = pos > e->text.len ? e->text.len : pos;
    if (!extend) e->anchor = e->caret;
}

static void move_lines(ph_editor *e, long delta, bool extend)
{
    if (!e->goal_valid) {
        e->goal_col = ph_ed_text_column(&e->text, e->caret);
        e->goal_valid = true;
    }
    const long line = (long)line_of(e, e->caret) + delta;
    const size_t goal = e->goal_col;
    if (line < 0) move_to(e, 0, extend);
    else if ((size_t)line >= e->text.n_lines) move_to(e, e->text.len, extend);
    else move_to(e, ph_ed_text_at_column(&e->text, (size_t)line, goal), extend);
    e->goal_col = goal;
    e->goal_valid = true;
}

/* ----------------------------------------------------------------- commands */

static unsigned indent_lines(ph_editor *e, bool add, double now)
{
    size_t first, last;
    selected_lines(e, &first, &last);
    const size_t b0 = e->anchor, c0 = e->caret;
    size_t anchor = b0, caret = c0;
    ph_ed_undo_hold(&e->undo);
    bool changed = false;
    for (size_t l = first; l <= last; l++) {
        const size_t start = line_start(e, l);
        if (add) {
            if (start == line_end(e, l) && first != last) continue; /* blank lines stay */
            replace(e, start, 0, "  ", PH_ED_INDENT, start, PH_ED_KIND_OTHER, now);
            if (anchor >= start) anchor += PH_ED_INDENT;
            if (caret >= start) caret += PH_ED_INDENT;
            changed = true;
        } else {
            size_t k = 0;
            while (k < PH_ED_INDENT && start + k < line_end(e, l) && e->text.s[start + k] == ' ') k++;
            if (!k) continue;
            replace(e, start, k, NULL, 0, start, PH_ED_KIND_OTHER, now);
            anchor = anchor >= start + k ? anchor - k : anchor > start ? start : anchor;
            caret = caret >= start + k ? caret - k : caret > start ? start : caret;
            changed = true;
        }
    }
    ph_ed_undo_release(&e->undo);
    ph_editor_select(e, anchor, caret);
    return changed ? PH_ED_CHANGED | PH_ED_MOVED : 0;
}

static unsigned toggle_comment(ph_editor *e, double now)
{
    size_t first, last;
    selected_lines(e, &first, &last);
    bool all = true, any = false;
    for (size_t l = first; l <= last; l++) {
        const size_t p = line_start(e, l) + indent_width(e, l);
        if (p == line_end(e, l)) continue;
        any = true;
        if (strncmp(e->text.s + p, "--", 2) != 0) all = false;
    }
    if (!any) return 0;
    size_t anchor = e->anchor, caret = e->caret;
    ph_ed_undo_hold(&e->undo);
    for (size_t l = first; l <= last; l++) {
        const size_t p = line_start(e, l) + indent_width(e, l);
        if (p == line_end(e, l)) continue;
        if (all) {
            const size_t k = e->text.s[p + 2] == ' ' ? 3 : 2;
            replace(e, p, k, NULL, 0, p, PH_ED_KIND_OTHER, now);
            anchor = anchor >= p + k ? anchor - k : anchor > p ? p : anchor;
            caret = caret >= p + k ? caret - k : caret > p ? p : caret;
        } else {
            replace(e, p, 0, "-- ", 3, p, PH_ED_KIND_OTHER, now);
            if (anchor >= p) anchor += 3;
            if (caret >= p) caret += 3;
        }
    }
    ph_ed_undo_release(&e->undo);
    ph_editor_select(e, anchor, caret);
    return PH_ED_CHANGED | PH_ED_MOVED;
}

static unsigned newline(ph_editor *e, double now)
{
    ph_ed_undo_hold(&e->undo);
    erase_selection(e, now);
    const size_t line = line_of(e, e->caret);
    size_t ind = indent_width(e, line);
    const size_t start = line_start(e, line);
    if (ind > e->caret - start) ind = e->caret - start;
    char buf[1 + 256];
    if (ind > 256) ind = 256;
    buf[0] = '\n';
    memcpy(buf + 1, e->text.s + start, ind);
    size_t n = 1 + ind;
    /* After an opening bracket, indent one more step. */
    size_t p = e->caret;
    while (p > start && e->text.s[p - 1] == ' ') p--;
    if (p > start && strchr("([{", e->text.s[p - 1]) && n + PH_ED_INDENT <= sizeof buf) {
        memset(buf + n, ' ', PH_ED_INDENT);
        n += PH_ED_INDENT;
    }
    replace(e, e->caret, 0, buf, n, e->caret + n, PH_ED_KIND_OTHER, now);
    ph_ed_undo_release(&e->undo);
    return PH_ED_CHANGED | PH_ED_MOVED;
}

static unsigned delete_range(ph_editor *e, size_t b, size_t end, double now)
{
    if (end <= b) return 0;
    replace(e, b, end - b, NULL, 0, b, PH_ED_KIND_DELETE, now);
    return PH_ED_CHANGED | PH_ED_MOVED;
}

static unsigned backspace(ph_editor *e, bool word, double now)
{
    if (erase_selection(e, now)) return PH_ED_CHANGED | PH_ED_MOVED;
    const size_t c = e->caret;
    if (c == 0) return 0;
    if (word) return delete_range(e, ph_ed_text_prev_word(&e->text, c), c, now);
    /* Inside an empty pair that auto-close made: delete both. */
    static const char pairs[] = "()[]{}\"\"";
    for (int k = 0; e->auto_close && pairs[k]; k += 2)
        if (c < e->text.len && e->text.s[c - 1] == pairs[k] && e->text.s[c] == pairs[k + 1])
            return delete_range(e, c - 1, c + 1, now);
    /* In leading blanks, go back one indent step. */
    const size_t start = line_start(e, line_of(e, c));
    if (c - start <= indent_width(e, line_of(e, c)) && c - start >= PH_ED_INDENT &&
        e->text.s[c - 1] == ' ' && e->text.s[c - 2] == ' ') {
        const size_t k = (c - start) % PH_ED_INDENT ? (c - start) % PH_ED_INDENT : PH_ED_INDENT;
        return delete_range(e, c - k, c, now);
    }
    return delete_range(e, ph_ed_text_prev_char(&e->text, c), c, now);
}

static unsigned del(ph_editor *e, bool word, double now)
{
    if (erase_selection(e, now)) return PH_ED_CHANGED | PH_ED_MOVED;
    const size_t c = e->caret;
    const size_t to = word ? ph_ed_text_next_word(&e->text, c) : ph_ed_text_next_char(&e->text, c);
    return delete_range(e, c, to, now);
}

static bool closer_or_space(char c)
{
    return c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == ')' || c == ']' || c == '}' ||
           c == ',' || c == ';';
}

unsigned ph_editor_type(ph_editor *e, const char *s, size_t n, double now)
{
    if (!n) return 0;
    if (e->find_open) {
        if (e->find_len + n >= sizeof e->find) return 0;
        memcpy(e->find + e->find_len, s, n);
        e->find_len += n;
        e->find[e->find_len] = '\0';
        /* Search as you type, from the start of the current match. */
        size_t b, end;
        ph_editor_selection(e, &b, &end);
        e->caret = e->anchor = b;
        return ph_editor_find_next(e, false) | PH_ED_MOVED;
    }
    for (size_t i = 0; i < n; i++) /* control characters are not text */
        if ((unsigned char)s[i] < 0x20 && s[i] != '\t' && s[i] != '\n') return 0;
    size_t b, end;
    const bool sel = ph_editor_selection(e, &b, &end);
    const char c = n == 1 ? s[0] : 0;
    const char next = e->text.s[e->caret];
    if (e->auto_close && !sel && c && (c == ')' || c == ']' || c == '}' || c == '"') && next == c) {
        /* Type over the closer that auto-close inserted. */
        e->caret = e->anchor = e->caret + 1;
        ph_ed_undo_break(&e->undo);
        return PH_ED_MOVED;
    }
    const char *closer = c == '(' ? ")" : c == '[' ? "]" : c == '{' ? "}" : c == '"' ? "\"" : NULL;
    if (e->auto_close && closer && !sel && closer_or_space(next)) {
        /* A quote closes only where a string can start (not after a word). */
        const char prev = e->caret ? e->text.s[e->caret - 1] : ' ';
        if (c != '"' || !ph_ed_is_word_byte((unsigned char)prev)) {
            char pair[2] = {c, closer[0]};
            replace(e, e->caret, 0, pair, 2, e->caret + 1, PH_ED_KIND_OTHER, now);
            ph_ed_undo_break(&e->undo);
            return PH_ED_CHANGED | PH_ED_MOVED;
        }
    }
    replace(e, b, end - b, s, n, b + n, sel ? PH_ED_KIND_OTHER : PH_ED_KIND_TYPE, now);
    return PH_ED_CHANGED | PH_ED_MOVED;
}

unsigned ph_editor_paste(ph_editor *e, const char *s, size_t n, double now)
{
    if (e->find_open) {
        size_t k = 0; /* first line only */
        while (k < n && s[k] != '\n') k++;
        return ph_editor_type(e, s, k, now);
    }
    size_t b, end;
    ph_editor_selection(e, &b, &end);
    ph_ed_undo_break(&e->undo);
    replace(e, b, end - b, s, n, b + n, PH_ED_KIND_OTHER, now);
    ph_ed_undo_break(&e->undo);
    return PH_ED_CHANGED | PH_ED_MOVED | PH_ED_PRIMARY;
}

static bool match_ascii_ci(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
        if (x != y) return false;
    }
    return true;
}

unsigned ph_editor_find_next(ph_editor *e, bool backwards)
{
    const size_t n = e->find_len, len = e->text.len;
    if (!n || n > len) {
        e->find_failed = n > 0;
        return PH_ED_MOVED;
    }
    size_t b, end;
    ph_editor_selection(e, &b, &end);
    const size_t count = len - n + 1;
    for (size_t k = 0; k < count; k++) {
        size_t p;
        if (backwards) p = (b + count - 1 - k) % count;
        else p = (b + 1 + k) % count;
        if (!backwards && k == 0 && e->caret == e->anchor) p = b % count; /* at the caret */
        if (match_ascii_ci(e->text.s + p, e->find, n)) {
            ph_editor_select(e, p, p + n);
            e->find_failed = false;
            return PH_ED_MOVED | PH_ED_PRIMARY;
        }
    }
    e->find_failed = true;
    return PH_ED_MOVED;
}

static unsigned zoom(ph_editor *e, int size)
{
    if (size < PH_ED_FONT_MIN) size = PH_ED_FONT_MIN;
    if (size > PH_ED_FONT_MAX) size = PH_ED_FONT_MAX;
    if (size == e->font_size) return 0;
    e->font_size = size;
    return PH_ED_ZOOM | PH_ED_MOVED;
}

unsigned ph_editor_command(ph_editor *e, ph_ed_cmd cmd, bool extend, double now)
{
    const ph_ed_text *t = &e->text;
    size_t b, end;
    const bool sel = ph_editor_selection(e, &b, &end);
    if (cmd != PH_CMD_UP && cmd != PH_CMD_DOWN && cmd != PH_CMD_PAGE_UP && cmd != PH_CMD_PAGE_DOWN)
        e->goal_valid = false;
    if (cmd >= PH_CMD_LEFT && cmd <= PH_CMD_PAGE_DOWN) ph_ed_undo_break(&e->undo);
    const unsigned moved = PH_ED_MOVED | (extend ? PH_ED_PRIMARY : 0);
    switch (cmd) {
    case PH_CMD_LEFT:
        move_to(e, sel && !extend ? b : ph_ed_text_prev_char(t, e->caret), extend);
        return moved;
    case PH_CMD_RIGHT:
        move_to(e, sel && !extend ? end : ph_ed_text_next_char(t, e->caret), extend);
        return moved;
    case PH_CMD_UP: move_lines(e, -1, extend); return moved;
    case PH_CMD_DOWN: move_lines(e, 1, extend); return moved;
    case PH_CMD_PAGE_UP: move_lines(e, -(long)e->page_lines, extend); return moved;
    case PH_CMD_PAGE_DOWN: move_lines(e, (long)e->page_lines, extend); return moved;
    case PH_CMD_WORD_LEFT: move_to(e, ph_ed_text_prev_word(t, e->caret), extend); return moved;
    case PH_CMD_WORD_RIGHT: move_to(e, ph_ed_text_next_word(t, e->caret), extend); return moved;
    case PH_CMD_HOME: {
        /* Smart home: first to the indentation, then to the line start. */
        const size_t l = line_of(e, e->caret), s = line_start(e, l), ind = s + indent_width(e, l);
        move_to(e, e->caret == ind ? s : ind, extend);
        return moved;
    }
    case PH_CMD_END: move_to(e, line_end(e, line_of(e, e->caret)), extend); return moved;
    case PH_CMD_DOC_START: move_to(e, 0, extend); return moved;
    case PH_CMD_DOC_END: move_to(e, t->len, extend); return moved;
    case PH_CMD_BACKSPACE:
        if (e->find_open) {
            if (e->find_len) e->find[--e->find_len] = '\0';
            return PH_ED_MOVED;
        }
        return backspace(e, false, now);
    case PH_CMD_WORD_BACKSPACE: return backspace(e, true, now);
    case PH_CMD_DELETE: return del(e, false, now);
    case PH_CMD_WORD_DELETE: return del(e, true, now);
    case PH_CMD_NEWLINE:
        if (e->find_open) return ph_editor_find_next(e, extend);
        return newline(e, now);
    case PH_CMD_INDENT:
        if (!sel || line_of(e, b) == line_of(e, end)) {
            const size_t col = ph_ed_text_column(t, sel ? b : e->caret);
            const size_t k = PH_ED_INDENT - col % PH_ED_INDENT;
            return ph_editor_type(e, "  ", k, now);
        }
        return indent_lines(e, true, now);
    case PH_CMD_DEDENT: return indent_lines(e, false, now);
    case PH_CMD_SELECT_ALL:
        ph_editor_select(e, 0, t->len);
        return PH_ED_MOVED | PH_ED_PRIMARY;
    case PH_CMD_UNDO: {
        const ph_ed_edit *first;
        const size_t n = ph_ed_undo_take(&e->undo, &first);
        return apply_edits(e, first, n, true);
    }
    case PH_CMD_REDO: {
        const ph_ed_edit *first;
        const size_t n = ph_ed_redo_take(&e->undo, &first);
        return apply_edits(e, first, n, false);
    }
    case PH_CMD_COPY: return sel ? PH_ED_COPY : 0;
    case PH_CMD_CUT:
        if (!sel) return 0;
        return PH_ED_COPY | delete_range(e, b, end, now);
    case PH_CMD_PASTE: return PH_ED_PASTE;
    case PH_CMD_COMMENT: return toggle_comment(e, now);
    case PH_CMD_FIND:
        if (e->find_open) return ph_editor_find_next(e, false);
        e->find_open = true;
        e->find_failed = false;
        if (sel && end - b < sizeof e->find && !memchr(t->s + b, '\n', end - b)) {
            memcpy(e->find, t->s + b, end - b);
            e->find_len = end - b;
            e->find[e->find_len] = '\0';
        }
        return PH_ED_MOVED;
    case PH_CMD_FIND_NEXT: return ph_editor_find_next(e, false);
    case PH_CMD_FIND_PREV: return ph_editor_find_next(e, true);
    case PH_CMD_EVAL: return PH_ED_EVAL;
    case PH_CMD_HUSH: return PH_ED_HUSH;
    case PH_CMD_ZOOM_IN: return zoom(e, e->font_size + 1);
    case PH_CMD_ZOOM_OUT: return zoom(e, e->font_size - 1);
    case PH_CMD_ZOOM_RESET: return zoom(e, PH_ED_FONT_DEFAULT);
    case PH_CMD_ESCAPE:
        if (e->find_open) {
            e->find_open = false;
            return PH_ED_MOVED;
        }
        if (sel) {
            e->anchor = e->caret;
            return PH_ED_MOVED;
        }
        return PH_ED_UNFOCUS;
    case PH_CMD_NONE:
    case PH_CMD_COUNT:
        break;
    }
    return 0;
}

unsigned ph_editor_key(ph_editor *e, uint32_t keysym, unsigned mods, const char *utf8, double now)
{
    int extend = 0;
    const ph_ed_cmd cmd = ph_ed_key_command(keysym, mods, &extend);
    if (cmd != PH_CMD_NONE) return ph_editor_command(e, cmd, extend != 0, now);
    if (mods & (PH_MOD_CTRL | PH_MOD_ALT)) return 0; /* unbound shortcuts type nothing */
    if (!utf8 || !utf8[0]) return 0;
    return ph_editor_type(e, utf8, strlen(utf8), now);
}

unsigned ph_editor_click(ph_editor *e, size_t pos, int clicks, bool extend)
{
    const ph_ed_text *t = &e->text;
    if (pos > t->len) pos = t->len;
    ph_ed_undo_break(&e->undo);
    e->goal_valid = false;
    if (clicks == 2) {
        size_t b = pos, end = pos;
        while (b > 0 && ph_ed_is_word_byte((unsigned char)t->s[b - 1])) b--;
        while (end < t->len && ph_ed_is_word_byte((unsigned char)t->s[end])) end++;
        ph_editor_select(e, b, end);
    } else if (clicks >= 3) {
        const size_t l = line_of(e, pos);
        ph_editor_select(e, line_start(e, l), l + 1 < t->n_lines ? line_start(e, l + 1) : t->len);
    } else {
        move_to(e, pos, extend);
    }
    return PH_ED_MOVED | (e->caret != e->anchor ? PH_ED_PRIMARY : 0);
}

unsigned ph_editor_drag(ph_editor *e, size_t pos)
{
    move_to(e, pos, true);
    return PH_ED_MOVED | PH_ED_PRIMARY;
}

bool ph_editor_match_bracket(const ph_editor *e, size_t *open, size_t *close)
{
    const char *s = e->text.s;
    const size_t len = e->text.len;
    static const char opens[] = "([{", closes[] = ")]}";
    size_t at = (size_t)-1;
    if (e->caret < len && strchr("()[]{}", s[e->caret]) && s[e->caret]) at = e->caret;
    else if (e->caret > 0 && strchr("()[]{}", s[e->caret - 1]) && s[e->caret - 1]) at = e->caret - 1;
    if (at == (size_t)-1) return false;
    const char *o = strchr(opens, s[at]);
    if (o) {
        const char want = closes[o - opens];
        int depth = 0;
        for (size_t i = at; i < len; i++) {
            if (s[i] == s[at]) depth++;
            else if (s[i] == want && --depth == 0) {
                *open = at;
                *close = i;
                return true;
            }
        }
        return false;
    }
    const char want = opens[strchr(closes, s[at]) - closes];
    int depth = 0;
    for (size_t i = at + 1; i-- > 0;) {
        if (s[i] == s[at]) depth++;
        else if (s[i] == want && --depth == 0) {
            *open = i;
            *close = at;
            return true;
        }
    }
    return false;
}

void ph_editor_spans_reset(ph_editor *e) { ph_ed_spans_clear(&e->pending); }

bool ph_editor_spans_add(ph_editor *e, uint32_t begin, uint32_t end)
{
    if (end > e->text.len || begin > end) return false;
    return ph_ed_spans_add(&e->pending, begin, end);
}

void ph_editor_spans_promote(ph_editor *e)
{
    ph_ed_spans_sort(&e->pending);
    const ph_ed_spans t = e->spans;
    e->spans = e->pending;
    e->pending = t;
    ph_ed_spans_clear(&e->pending);
}

void ph_editor_mark_lines(ph_editor *e)
{
    ph_ed_spans_clear(&e->lines);
    for (size_t l = 0; l < e->text.n_lines; l++)
        ph_ed_spans_add(&e->lines, (uint32_t)line_start(e, l), (uint32_t)line_end(e, l));
}

size_t ph_editor_marked_position(const ph_editor *e, int line, int column)
{
    size_t p = 0, end = e->text.len;
    if (line >= 1 && (size_t)line <= e->lines.n) {
        /* Line starts are strictly increasing, so the spans sorted by id are in line order
         * (ph_ed_spans_add keeps insertion order, which is line order here). */
        p = e->lines.v[line - 1].begin;
        end = e->lines.v[line - 1].end;
    } else if (line >= 1) {
        p = ph_ed_text_line_start(&e->text, (size_t)line - 1);
        end = ph_ed_text_line_end(&e->text, (size_t)line - 1);
    }
    if (column > 1) p += (size_t)(column - 1);
    if (p > end) p = end;
    return p > e->text.len ? e->text.len : p;
}

/* The editor's text buffer (see ph_ed_text.h). */
#include "ph_ed_text.h"

#include <stdlib.h>
#include <string.h>

static bool reserve(ph_ed_text *t, size_t need)
{
    if (need + 1 <= t->cap) return true;
    size_t cap = t->cap ? t->cap : 256;
    while (cap < need + 1) cap *= 2;
    char *s = realloc(t->s, cap);
    if (!s) return false;
    t->s = s;
    t->cap = cap;
    return true;
}

static void reindex(ph_ed_text *t)
{
    size_t n = 1;
    for (size_t i = 0; i < t->len; i++) n += t->s[i] == '\n';
    if (n > t->lines_cap) {
        size_t cap = t->lines_cap ? t->lines_cap : 64;
        while (cap < n) cap *= 2;
        size_t *l = realloc(t->lines, cap * sizeof *l);
        if (!l) { /* keep a valid (one-line) index rather than a stale one */
            t->n_lines = 1;
            t->lines[0] = 0;
            return;
        }
        t->lines = l;
        t->lines_cap = cap;
    }
    t->lines[0] = 0;
    size_t k = 1;
    for (size_t i = 0; i < t->len; i++)
        if (t->s[i] == '\n') t->lines[k++] = i + 1;
    t->n_lines = k;
}

bool ph_ed_text_init(ph_ed_text *t)
{
    *t = (ph_ed_text){0};
    t->lines = malloc(64 * sizeof *t->lines);
    if (!t->lines || !reserve(t, 0)) {
        ph_ed_text_free(t);
        return false;
    }
    t->lines_cap = 64;
    t->s[0] = '\0';
    reindex(t);
    return true;
}

void ph_ed_text_free(ph_ed_text *t)
{
    free(t->s);
    free(t->lines);
    *t = (ph_ed_text){0};
}

bool ph_ed_text_set(ph_ed_text *t, const char *s, size_t n)
{
    if (!reserve(t, n)) return false;
    memcpy(t->s, s, n);
    t->len = n;
    t->s[n] = '\0';
    reindex(t);
    return true;
}

bool ph_ed_text_insert(ph_ed_text *t, size_t pos, const char *s, size_t n)
{
    if (pos > t->len) pos = t->len;
    if (!reserve(t, t->len + n)) return false;
    memmove(t->s + pos + n, t->s + pos, t->len - pos + 1);
    memcpy(t->s + pos, s, n);
    t->len += n;
    reindex(t);
    return true;
}

void ph_ed_text_erase(ph_ed_text *t, size_t pos, size_t n)
{
    if (pos > t->len) return;
    if (n > t->len - pos) n = t->len - pos;
    memmove(t->s + pos, t->s + pos + n, t->len - pos - n + 1);
    t->len -= n;
    reindex(t);
}

size_t ph_ed_text_line_of(const ph_ed_text *t, size_t pos)
{
    size_t lo = 0, hi = t->n_lines; /* last line whose start <= pos */
    while (hi - lo > 1) {
        const size_t mid = (lo + hi) / 2;
        if (t->lines[mid] <= pos) lo = mid;
        else hi = mid;
    }
    return lo;
}

size_t ph_ed_text_line_start(const ph_ed_text *t, size_t line)
{
    return line < t->n_lines ? t->lines[line] : t->len;
}

size_t ph_ed_text_line_end(const ph_ed_text *t, size_t line)
{
    return line + 1 < t->n_lines ? t->lines[line + 1] - 1 : t->len;
}

static bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

size_t ph_ed_text_prev_char(const ph_ed_text *t, size_t pos)
{
    if (pos == 0) return 0;
    if (pos > t->len) return t->len;
    size_t p = pos - 1;
    /* At most three continuation bytes belong to one code point. */
    for (int k = 0; k < 3 && p > 0 && is_cont((unsigned char)t->s[p]); k++) p--;
    return p;
}

size_t ph_ed_text_next_char(const ph_ed_text *t, size_t pos)
{
    if (pos >= t->len) return t->len;
    size_t p = pos + 1;
    for (int k = 0; k < 3 && p < t->len && is_cont((unsigned char)t->s[p]); k++) p++;
    return p;
}

size_t ph_ed_text_column(const ph_ed_text *t, size_t pos)
{
    size_t p = ph_ed_text_line_start(t, ph_ed_text_line_of(t, pos)), col = 0;
    while (p < pos) {
        p = ph_ed_text_next_char(t, p);
        col++;
    }
    return col;
}

size_t ph_ed_text_at_column(const ph_ed_text *t, size_t line, size_t col)
{
    size_t p = ph_ed_text_line_start(t, line);
    const size_t end = ph_ed_text_line_end(t, line);
    while (col-- > 0 && p < end) p = ph_ed_text_next_char(t, p);
    return p;
}

bool ph_ed_is_word_byte(unsigned char c)
{
    return c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

size_t ph_ed_text_prev_word(const ph_ed_text *t, size_t pos)
{
    size_t p = pos > t->len ? t->len : pos;
    while (p > 0 && !ph_ed_is_word_byte((unsigned char)t->s[p - 1])) p--;
    while (p > 0 && ph_ed_is_word_byte((unsigned char)t->s[p - 1])) p--;
    return p;
}

size_t ph_ed_text_next_word(const ph_ed_text *t, size_t pos)
{
    size_t p = pos;
    while (p < t->len && !ph_ed_is_word_byte((unsigned char)t->s[p])) p++;
    while (p < t->len && ph_ed_is_word_byte((unsigned char)t->s[p])) p++;
    return p;
}

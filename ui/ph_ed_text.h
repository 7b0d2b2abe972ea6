/* The editor's text: one contiguous UTF-8 byte array (always NUL-terminated) and an
 * index of line starts rebuilt after every edit. Programs are at most a few hundred
 * kilobytes (the plugin accepts 128 KB), so memmove and a rescan are cheaper than a
 * gap buffer or a rope would be to get right. Positions are byte offsets, the same
 * unit as the engine's source spans. */
#ifndef PH_ED_TEXT_H
#define PH_ED_TEXT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ph_ed_text {
    char *s;        /* len bytes + NUL */
    size_t len, cap;
    size_t *lines;  /* byte offset of the start of each line */
    size_t n_lines; /* >= 1 */
    size_t lines_cap;
} ph_ed_text;

bool ph_ed_text_init(ph_ed_text *t);
void ph_ed_text_free(ph_ed_text *t);
bool ph_ed_text_set(ph_ed_text *t, const char *s, size_t n);
bool ph_ed_text_insert(ph_ed_text *t, size_t pos, const char *s, size_t n);
void ph_ed_text_erase(ph_ed_text *t, size_t pos, size_t n);

size_t ph_ed_text_line_of(const ph_ed_text *t, size_t pos);          /* 0-based */
size_t ph_ed_text_line_start(const ph_ed_text *t, size_t line);
size_t ph_ed_text_line_end(const ph_ed_text *t, size_t line);        /* before the newline */
/* Column in code points from the line start (what the caret's goal column counts). */
size_t ph_ed_text_column(const ph_ed_text *t, size_t pos);
/* The position `col` code points into `line`, clamped to its end. */
size_t ph_ed_text_at_column(const ph_ed_text *t, size_t line, size_t col);
/* The previous / next code point boundary (invalid bytes count as one code point each). */
size_t ph_ed_text_prev_char(const ph_ed_text *t, size_t pos);
size_t ph_ed_text_next_char(const ph_ed_text *t, size_t pos);
/* Word boundaries for Ctrl+Left/Right and double-click. */
size_t ph_ed_text_prev_word(const ph_ed_text *t, size_t pos);
size_t ph_ed_text_next_word(const ph_ed_text *t, size_t pos);
bool ph_ed_is_word_byte(unsigned char c);

#endif

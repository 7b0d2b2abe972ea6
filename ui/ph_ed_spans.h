/* Source spans of the evaluated program, followed through later edits.
 *
 * The engine reports the atoms that made an event as [begin, end) byte offsets into the
 * text that was evaluated. The user keeps typing while that program plays, so each span
 * is kept twice: its id (the offsets at evaluation) and where that text is now. Every
 * edit of the buffer moves the current positions (Strudel does the same with CodeMirror
 * marks); a span whose text is erased entirely is dead and never drawn. */
#ifndef PH_ED_SPANS_H
#define PH_ED_SPANS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ph_ed_span {
    uint32_t id_begin, id_end; /* offsets in the evaluated text */
    size_t begin, end;         /* offsets in the buffer now */
    bool dead;
} ph_ed_span;

typedef struct ph_ed_spans {
    ph_ed_span *v; /* sorted by id (id_begin, id_end), ids unique */
    size_t n, cap;
} ph_ed_spans;

void ph_ed_spans_free(ph_ed_spans *s);
void ph_ed_spans_clear(ph_ed_spans *s);
/* Adds a span (offsets of the evaluated text, which is the buffer's text now). */
bool ph_ed_spans_add(ph_ed_spans *s, uint32_t begin, uint32_t end);
void ph_ed_spans_sort(ph_ed_spans *s); /* after adding, before lookups */
/* Edits of the buffer. */
void ph_ed_spans_insert(ph_ed_spans *s, size_t pos, size_t n);
void ph_ed_spans_erase(ph_ed_spans *s, size_t pos, size_t n);
/* The span with this id, or NULL (unknown or dead). */
const ph_ed_span *ph_ed_spans_find(const ph_ed_spans *s, uint32_t id_begin, uint32_t id_end);

#endif

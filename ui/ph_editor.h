/* The editor model: text, selection, undo, find, and the spans of the program that
 * plays, with every command the keys and the mouse can give. No X, no drawing: the
 * window layer turns input into calls here and draws what it finds here, and the unit
 * tests drive it directly (tests/ui/test_editor.c). */
#ifndef PH_EDITOR_H
#define PH_EDITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ph_ed_keys.h"
#include "ph_ed_spans.h"
#include "ph_ed_text.h"
#include "ph_ed_undo.h"

#define PH_ED_INDENT 2         /* spaces per indent step */
#define PH_ED_FIND_MAX 256
#define PH_ED_FONT_MIN 7
#define PH_ED_FONT_MAX 40
#define PH_ED_FONT_DEFAULT 12

/* What happened, for the window to act on (bits). */
enum {
    PH_ED_CHANGED = 1 << 0,   /* the text changed */
    PH_ED_MOVED = 1 << 1,     /* caret, selection or find state changed: redraw */
    PH_ED_EVAL = 1 << 2,      /* evaluate the whole text */
    PH_ED_HUSH = 1 << 3,
    PH_ED_COPY = 1 << 4,      /* put ph_editor_selection() on CLIPBOARD */
    PH_ED_PASTE = 1 << 5,     /* ask for CLIPBOARD; call ph_editor_paste() with it */
    PH_ED_ZOOM = 1 << 6,      /* font size changed (persist it) */
    PH_ED_UNFOCUS = 1 << 7,   /* Escape with nothing to close: give keys back to the host */
    PH_ED_PRIMARY = 1 << 8,   /* the selection changed: offer it as PRIMARY */
};

typedef struct ph_editor {
    ph_ed_text text;
    size_t caret, anchor;     /* selection is [min, max) of the two */
    size_t goal_col;          /* column kept by Up/Down */
    bool goal_valid;
    ph_ed_undo undo;
    ph_ed_spans spans;        /* the playing program's atoms, followed through edits */
    ph_ed_spans pending;      /* the atoms of the text last evaluated, until it plays */
    ph_ed_spans lines;        /* the evaluated text's lines, to place its errors */
    size_t page_lines;        /* lines a Page Up/Down moves (set by the view) */
    int font_size;
    bool auto_close;          /* brackets and quotes */
    /* find */
    bool find_open;
    char find[PH_ED_FIND_MAX];
    size_t find_len;
    bool find_failed;
} ph_editor;

bool ph_editor_init(ph_editor *e);
void ph_editor_free(ph_editor *e);
/* Replaces everything (a new text from the plugin or a file): clears undo. */
bool ph_editor_set_text(ph_editor *e, const char *s, size_t n);
const char *ph_editor_text(const ph_editor *e, size_t *len);

/* Keyboard: a key with its X keysym and modifiers, and the text it types (UTF-8, may be
 * empty). now_ms is a monotonic clock, for undo grouping. Returns PH_ED_* bits. */
unsigned ph_editor_key(ph_editor *e, uint32_t keysym, unsigned mods, const char *utf8, double now_ms);
unsigned ph_editor_command(ph_editor *e, ph_ed_cmd cmd, bool extend, double now_ms);
unsigned ph_editor_type(ph_editor *e, const char *utf8, size_t n, double now_ms);
unsigned ph_editor_paste(ph_editor *e, const char *s, size_t n, double now_ms);

/* Mouse: a press at byte position pos (clicks = 1, 2 for a word, 3 for a line), with
 * Shift extending; a drag to pos. */
unsigned ph_editor_click(ph_editor *e, size_t pos, int clicks, bool extend);
unsigned ph_editor_drag(ph_editor *e, size_t pos);

/* The selection [*b, *e); false when empty. */
bool ph_editor_selection(const ph_editor *e, size_t *b, size_t *end);
void ph_editor_select(ph_editor *e, size_t anchor, size_t caret);

/* The bracket at or just before the caret and its partner; false when none. */
bool ph_editor_match_bracket(const ph_editor *e, size_t *open, size_t *close);
/* Find bar: typed text goes to the search string while it is open. */
unsigned ph_editor_find_next(ph_editor *e, bool backwards);

/* Snapshot the spans of the current text (the text about to be evaluated) into
 * `pending`; they become the playing spans when the plugin plays that text, and the
 * old ones stay (and keep being outlined) if it does not compile. */
void ph_editor_spans_reset(ph_editor *e);
bool ph_editor_spans_add(ph_editor *e, uint32_t begin, uint32_t end);
void ph_editor_spans_promote(ph_editor *e);
/* Remembers where the lines of the current text are (at evaluation), so that an error's
 * line:column that arrives later is placed where that text is now. */
void ph_editor_mark_lines(ph_editor *e);
/* The position now of line:column (1-based; column in bytes) of the marked text. */
size_t ph_editor_marked_position(const ph_editor *e, int line, int column);

#endif

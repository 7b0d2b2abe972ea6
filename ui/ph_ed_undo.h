/* Undo history of the editor: a list of primitive edits (insert or erase of bytes at a
 * position) with the selection before and after, in groups. Undo reverts a whole group.
 * Typing and deleting merge into one group while they continue where the last edit
 * ended and come less than PH_ED_UNDO_PAUSE_MS apart (as plugdata and most editors do);
 * commands that make several edits (indent a block, toggle comments, paste over a
 * selection) hold the group open so they undo in one step. */
#ifndef PH_ED_UNDO_H
#define PH_ED_UNDO_H

#include <stdbool.h>
#include <stddef.h>

#define PH_ED_UNDO_PAUSE_MS 1000.0
#define PH_ED_UNDO_MAX_EDITS 100000u /* oldest groups are dropped beyond this */

typedef enum ph_ed_edit_kind { PH_ED_KIND_OTHER, PH_ED_KIND_TYPE, PH_ED_KIND_DELETE } ph_ed_edit_kind;

typedef struct ph_ed_edit {
    bool insert;   /* true: `s` was inserted at pos; false: `s` was erased from pos */
    size_t pos, n;
    char *s;
    size_t caret_before, anchor_before, caret_after, anchor_after;
    unsigned group;
} ph_ed_edit;

typedef struct ph_ed_undo {
    ph_ed_edit *e;
    size_t n, top, cap; /* [0, top) can be undone, [top, n) redone */
    unsigned next_group;
    int hold;           /* > 0: every edit joins the current group */
    unsigned hold_group; /* the group of the compound command (0: none yet) */
    bool broken;        /* the next edit starts a group */
    ph_ed_edit_kind last_kind;
    double last_ms;
} ph_ed_undo;

void ph_ed_undo_init(ph_ed_undo *u);
void ph_ed_undo_free(ph_ed_undo *u);
void ph_ed_undo_clear(ph_ed_undo *u);
/* Records an edit (copies s). Drops the redo list. False when out of memory (the edit
 * itself has happened; history is cleared so undo cannot corrupt the text). */
bool ph_ed_undo_record(ph_ed_undo *u, const ph_ed_edit *e, ph_ed_edit_kind kind, double now_ms);
void ph_ed_undo_break(ph_ed_undo *u);
void ph_ed_undo_hold(ph_ed_undo *u);    /* start a compound command */
void ph_ed_undo_release(ph_ed_undo *u); /* end it */
/* The edits of the group to undo (in the order they were made), or 0 when there is none;
 * moves them to the redo side. */
size_t ph_ed_undo_take(ph_ed_undo *u, const ph_ed_edit **first);
size_t ph_ed_redo_take(ph_ed_undo *u, const ph_ed_edit **first);

#endif

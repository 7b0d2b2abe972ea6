/* Key bindings: (X keysym, modifiers) -> editor command. One table, so the bindings
 * are listed in one place (docs/LV2.md copies it for users) and tested without X.
 * Keysyms are X11's numbers (<X11/keysym.h> is only a list of constants). */
#ifndef PH_ED_KEYS_H
#define PH_ED_KEYS_H

#include <stdint.h>

/* Modifier bits, equal to X's ShiftMask, ControlMask, Mod1Mask. */
#define PH_MOD_SHIFT 1u
#define PH_MOD_CTRL 4u
#define PH_MOD_ALT 8u

typedef enum ph_ed_cmd {
    PH_CMD_NONE,
    PH_CMD_LEFT, PH_CMD_RIGHT, PH_CMD_UP, PH_CMD_DOWN,
    PH_CMD_WORD_LEFT, PH_CMD_WORD_RIGHT,
    PH_CMD_HOME, PH_CMD_END, PH_CMD_DOC_START, PH_CMD_DOC_END,
    PH_CMD_PAGE_UP, PH_CMD_PAGE_DOWN,
    PH_CMD_BACKSPACE, PH_CMD_DELETE, PH_CMD_WORD_BACKSPACE, PH_CMD_WORD_DELETE,
    PH_CMD_NEWLINE, PH_CMD_INDENT, PH_CMD_DEDENT,
    PH_CMD_SELECT_ALL, PH_CMD_UNDO, PH_CMD_REDO,
    PH_CMD_COPY, PH_CMD_CUT, PH_CMD_PASTE,
    PH_CMD_COMMENT,
    PH_CMD_FIND, PH_CMD_FIND_NEXT, PH_CMD_FIND_PREV,
    PH_CMD_EVAL, PH_CMD_HUSH,
    PH_CMD_ZOOM_IN, PH_CMD_ZOOM_OUT, PH_CMD_ZOOM_RESET,
    PH_CMD_ESCAPE,
    PH_CMD_COUNT
} ph_ed_cmd;

/* The command bound to a key; *extend is set when Shift extends a selection (movement
 * keys). Shift is ignored for keys whose binding does not mention it. */
ph_ed_cmd ph_ed_key_command(uint32_t keysym, unsigned mods, int *extend);

#endif

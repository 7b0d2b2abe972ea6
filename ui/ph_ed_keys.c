/* The key binding table (see ph_ed_keys.h). */
#include "ph_ed_keys.h"

#include <stdbool.h>
#include <stddef.h>

#include <X11/keysym.h>

typedef struct binding {
    uint32_t keysym;
    unsigned mods;    /* exact Ctrl/Alt state; Shift too when `shift` is 1 */
    int shift;        /* 1: Shift must be down; 0: must be up; -1: extends the selection */
    ph_ed_cmd cmd;
} binding;

#define C PH_MOD_CTRL
static const binding table[] = {
    {XK_Left, 0, -1, PH_CMD_LEFT}, {XK_KP_Left, 0, -1, PH_CMD_LEFT},
    {XK_Right, 0, -1, PH_CMD_RIGHT}, {XK_KP_Right, 0, -1, PH_CMD_RIGHT},
    {XK_Up, 0, -1, PH_CMD_UP}, {XK_KP_Up, 0, -1, PH_CMD_UP},
    {XK_Down, 0, -1, PH_CMD_DOWN}, {XK_KP_Down, 0, -1, PH_CMD_DOWN},
    {XK_Left, C, -1, PH_CMD_WORD_LEFT}, {XK_Right, C, -1, PH_CMD_WORD_RIGHT},
    {XK_Home, 0, -1, PH_CMD_HOME}, {XK_KP_Home, 0, -1, PH_CMD_HOME},
    {XK_End, 0, -1, PH_CMD_END}, {XK_KP_End, 0, -1, PH_CMD_END},
    {XK_Home, C, -1, PH_CMD_DOC_START}, {XK_End, C, -1, PH_CMD_DOC_END},
    {XK_Page_Up, 0, -1, PH_CMD_PAGE_UP}, {XK_Page_Down, 0, -1, PH_CMD_PAGE_DOWN},
    {XK_BackSpace, 0, -1, PH_CMD_BACKSPACE}, {XK_Delete, 0, 0, PH_CMD_DELETE},
    {XK_KP_Delete, 0, 0, PH_CMD_DELETE},
    {XK_BackSpace, C, 0, PH_CMD_WORD_BACKSPACE}, {XK_Delete, C, 0, PH_CMD_WORD_DELETE},
    {XK_Return, 0, -1, PH_CMD_NEWLINE}, {XK_KP_Enter, 0, -1, PH_CMD_NEWLINE},
    {XK_Tab, 0, 0, PH_CMD_INDENT}, {XK_Tab, 0, 1, PH_CMD_DEDENT},
    {XK_ISO_Left_Tab, 0, -1, PH_CMD_DEDENT},
    {XK_a, C, 0, PH_CMD_SELECT_ALL},
    {XK_z, C, 0, PH_CMD_UNDO}, {XK_z, C, 1, PH_CMD_REDO}, {XK_Z, C, 1, PH_CMD_REDO},
    {XK_y, C, 0, PH_CMD_REDO},
    {XK_c, C, 0, PH_CMD_COPY}, {XK_Insert, C, 0, PH_CMD_COPY},
    {XK_x, C, 0, PH_CMD_CUT}, {XK_Delete, 0, 1, PH_CMD_CUT},
    {XK_v, C, 0, PH_CMD_PASTE}, {XK_Insert, 0, 1, PH_CMD_PASTE},
    {XK_slash, C, 0, PH_CMD_COMMENT}, {XK_KP_Divide, C, 0, PH_CMD_COMMENT},
    {XK_f, C, 0, PH_CMD_FIND},
    {XK_F3, 0, 0, PH_CMD_FIND_NEXT}, {XK_g, C, 0, PH_CMD_FIND_NEXT},
    {XK_F3, 0, 1, PH_CMD_FIND_PREV}, {XK_g, C, 1, PH_CMD_FIND_PREV},
    {XK_G, C, 1, PH_CMD_FIND_PREV},
    {XK_Return, C, -1, PH_CMD_EVAL}, {XK_KP_Enter, C, -1, PH_CMD_EVAL},
    {XK_Return, PH_MOD_ALT, -1, PH_CMD_EVAL},
    {XK_period, C, 0, PH_CMD_HUSH}, {XK_KP_Decimal, C, 0, PH_CMD_HUSH},
    {XK_period, PH_MOD_ALT, 0, PH_CMD_HUSH},
    {XK_plus, C, -1, PH_CMD_ZOOM_IN}, {XK_equal, C, -1, PH_CMD_ZOOM_IN},
    {XK_KP_Add, C, -1, PH_CMD_ZOOM_IN},
    {XK_minus, C, 0, PH_CMD_ZOOM_OUT}, {XK_KP_Subtract, C, 0, PH_CMD_ZOOM_OUT},
    {XK_0, C, 0, PH_CMD_ZOOM_RESET}, {XK_KP_0, C, 0, PH_CMD_ZOOM_RESET},
    {XK_Escape, 0, -1, PH_CMD_ESCAPE},
};
#undef C

ph_ed_cmd ph_ed_key_command(uint32_t keysym, unsigned mods, int *extend)
{
    const unsigned cm = mods & (PH_MOD_CTRL | PH_MOD_ALT);
    const bool shift = (mods & PH_MOD_SHIFT) != 0;
    *extend = 0;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        const binding *b = &table[i];
        if (b->keysym != keysym || b->mods != cm) continue;
        if (b->shift == 1 && !shift) continue;
        if (b->shift == 0 && shift) continue;
        *extend = b->shift == -1 && shift;
        return b->cmd;
    }
    return PH_CMD_NONE;
}

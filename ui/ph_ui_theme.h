/* Colours of the editor. The ones the screenshot tests look for (the active-atom
 * outline, the error underline) are drawn without antialiasing so that their pixels
 * have exactly these values. */
#ifndef PH_UI_THEME_H
#define PH_UI_THEME_H

#include <cairo/cairo.h>

#include "ph_ed_syntax.h"

typedef struct ph_rgb {
    unsigned char r, g, b;
} ph_rgb;

#define PH_UI_BG ((ph_rgb){0x15, 0x17, 0x1e})
#define PH_UI_GUTTER_BG ((ph_rgb){0x1b, 0x1e, 0x27})
#define PH_UI_GUTTER_FG ((ph_rgb){0x5c, 0x63, 0x70})
#define PH_UI_CURRENT_LINE ((ph_rgb){0x20, 0x24, 0x2e})
#define PH_UI_SELECTION ((ph_rgb){0x2f, 0x4a, 0x6e})
#define PH_UI_CARET ((ph_rgb){0xf0, 0xf0, 0xf0})
#define PH_UI_BRACKET_MATCH ((ph_rgb){0x5a, 0x64, 0x78})
#define PH_UI_ACTIVE ((ph_rgb){0xff, 0xc8, 0x28})     /* outline of a sounding atom */
#define PH_UI_ERROR ((ph_rgb){0xf0, 0x3c, 0x3c})      /* underline at line:column */
#define PH_UI_ERROR_TEXT ((ph_rgb){0xff, 0x8a, 0x80})
#define PH_UI_WARNING ((ph_rgb){0xe8, 0xa8, 0x30})      /* a warning's underline */
#define PH_UI_WARNING_TEXT ((ph_rgb){0xf0, 0xc8, 0x70})
#define PH_UI_STRIP_BG ((ph_rgb){0x10, 0x11, 0x16})
#define PH_UI_EVENT ((ph_rgb){0x61, 0xaf, 0xef})
#define PH_UI_EVENT_ACTIVE ((ph_rgb){0xff, 0xc8, 0x28})
#define PH_UI_PLAYHEAD ((ph_rgb){0xff, 0xff, 0xff})
#define PH_UI_STATUS_FG ((ph_rgb){0x9d, 0xa5, 0xb4})
#define PH_UI_LEVEL ((ph_rgb){0x5c, 0xd6, 0x7a})
#define PH_UI_LEVEL_HOT ((ph_rgb){0xf0, 0x3c, 0x3c})

static inline void ph_ui_rgb(cairo_t *cr, ph_rgb c)
{
    cairo_set_source_rgb(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0);
}

static inline void ph_ui_rgba(cairo_t *cr, ph_rgb c, double a)
{
    cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, a);
}

static inline ph_rgb ph_ui_syntax_color(ph_ed_class c)
{
    switch (c) {
    case PH_SYN_COMMENT: return (ph_rgb){0x6a, 0x73, 0x7d};
    case PH_SYN_STRING: return (ph_rgb){0x98, 0xc3, 0x79};
    case PH_SYN_ATOM: return (ph_rgb){0xe5, 0xc0, 0x7b};
    case PH_SYN_BUS: return (ph_rgb){0xc6, 0x78, 0xdd};
    case PH_SYN_KEYWORD: return (ph_rgb){0xe0, 0x6c, 0x75};
    case PH_SYN_FUNCTION: return (ph_rgb){0x61, 0xaf, 0xef};
    case PH_SYN_NUMBER: return (ph_rgb){0xd1, 0x9a, 0x66};
    case PH_SYN_OPERATOR: return (ph_rgb){0x56, 0xb6, 0xc2};
    case PH_SYN_BRACKET: return (ph_rgb){0xab, 0xb2, 0xbf};
    default: return (ph_rgb){0xd6, 0xde, 0xeb};
    }
}

#endif

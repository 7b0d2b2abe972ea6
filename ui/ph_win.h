/* A small X11 window layer for the editor (Debian's pugl is too old to use): one
 * Display connection per window, a child of the host's window (ui:parent) or a
 * top-level of its own (ui:showInterface, `phonon edit`), cairo drawing into a back
 * buffer, keyboard input through XIM (UTF-8), the CLIPBOARD and PRIMARY selections,
 * and input focus taken only on request. Nothing here blocks: ph_win_pump() handles
 * what is queued and returns. Single-threaded, like every LV2 UI call. */
#ifndef PH_WIN_H
#define PH_WIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cairo/cairo.h>

typedef struct ph_win ph_win;

typedef struct ph_win_handler {
    void *user;
    /* keysym is the unshifted symbol (bindings); utf8 the text the key types. */
    void (*key)(void *user, uint32_t keysym, unsigned mods, const char *utf8);
    /* button 1..3, 4/5 wheel; clicks counts quick presses at one place (1..3). */
    void (*button)(void *user, int button, bool press, int x, int y, unsigned mods, int clicks);
    void (*motion)(void *user, int x, int y, unsigned mods);
    void (*resize)(void *user, int w, int h);
    void (*focus)(void *user, bool in);
    void (*paste)(void *user, const char *s, size_t n); /* selection contents arrived */
    void (*close)(void *user);                          /* the window manager's close */
} ph_win_handler;

/* parent 0: a top-level window (mapped by ph_win_show). Otherwise a mapped child of
 * parent. NULL with a message in err when the display cannot be opened. */
ph_win *ph_win_new(uintptr_t parent, int w, int h, int min_w, int min_h, const char *title,
                   const ph_win_handler *handler, char *err, size_t err_size);
void ph_win_free(ph_win *w);
uintptr_t ph_win_id(const ph_win *w);
void ph_win_show(ph_win *w, bool show);
void ph_win_size(const ph_win *w, int *width, int *height);
/* Handles every queued event; returns false once the connection is broken. */
bool ph_win_pump(ph_win *w);
/* A redraw is wanted (exposed or resized). */
bool ph_win_damaged(const ph_win *w);
/* Draw into the back buffer between begin and end; end copies it to the window. */
cairo_t *ph_win_begin(ph_win *w);
void ph_win_end(ph_win *w);
/* Takes the keyboard focus when the window is viewable (a click into the editor). */
void ph_win_take_focus(ph_win *w);
/* Gives it back to the parent (Escape), so the host's shortcuts work again. */
void ph_win_release_focus(ph_win *w);
bool ph_win_has_focus(const ph_win *w);
/* clipboard: true for CLIPBOARD (Ctrl+C/V), false for PRIMARY (select, middle click). */
void ph_win_set_selection(ph_win *w, bool clipboard, const char *s, size_t n);
void ph_win_request_selection(ph_win *w, bool clipboard);
int ph_win_fd(const ph_win *w); /* the connection's file descriptor, to poll on */
/* The display's scale (Xft.dpi / 96), 1 when unknown. */
double ph_win_dpi_scale(const ph_win *w);

#endif

/* The events of the playing program around the playhead, cached per window of whole
 * cycles ([floor(c) - 2, floor(c) + 3)) so that the engine is queried once a cycle, not
 * once a frame. Both the atom outlines and the punchcard strip read from here. */
#ifndef PH_UI_EVENTS_H
#define PH_UI_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ph_ui_source.h"

#define PH_UI_EV_VALUE 32
#define PH_UI_EV_MAX 4096  /* events kept per window; more are dropped (and counted) */

typedef struct ph_ui_ev {
    double begin, end;
    bool has_whole;
    char value[PH_UI_EV_VALUE];
    uint32_t loc0, n_locs; /* into ph_ui_events.locs */
} ph_ui_ev;

typedef struct ph_ui_events {
    ph_ui_ev *ev;
    size_t n, cap;
    ph_ui_loc *locs;
    size_t n_locs, cap_locs;
    double from, to;   /* the window cached; to <= from when none */
    size_t dropped;
} ph_ui_events;

void ph_ui_events_free(ph_ui_events *c);
void ph_ui_events_invalidate(ph_ui_events *c);
/* Makes sure the window around cycle c is cached from src (NULL: no events). */
void ph_ui_events_update(ph_ui_events *c, ph_ui_source *src, double cycle);

#endif

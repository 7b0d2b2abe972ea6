/* The one place where the UI asks the engine for the events of a program and the source
 * locations that made them: ph_program_events() (events carrying [begin, end) byte spans,
 * joined when events combine). Everything else in ui/ sees only this interface.
 *
 * The engine is deterministic: the UI compiles the same text the plugin plays and gets
 * the same events, so the plugin never sends event lists, only its cycle position. */
#ifndef PH_UI_SOURCE_H
#define PH_UI_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ph_ui_loc {
    uint32_t begin, end; /* byte offsets into the program text */
} ph_ui_loc;

typedef struct ph_ui_event {
    bool has_whole;
    double begin, end;      /* the whole (onset to offset) in cycles, else the part */
    const char *value;      /* as Strudel prints it; valid during the callback only */
    const ph_ui_loc *locs;  /* the atoms and arguments that made it */
    uint32_t n_locs;
    int channel;            /* 0 main, 1..16 outN (0 when unknown) */
} ph_ui_event;

typedef void (*ph_ui_event_fn)(void *user, const ph_ui_event *ev);

typedef struct ph_ui_source ph_ui_source;

/* Prepares the events of a program text (copied). NULL only when out of memory: a text
 * with errors gives a source with no events. [non-RT] */
ph_ui_source *ph_ui_source_new(const char *text, size_t len);
void ph_ui_source_free(ph_ui_source *s);
/* Calls fn for every event whose whole (or part) overlaps [from, to). */
bool ph_ui_source_events(ph_ui_source *s, double from, double to, ph_ui_event_fn fn, void *user);

#endif

/* The UI's source of events with locations (ui/ph_ui_source.c) and the cache around
 * the playhead. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "ph_ui_events.h"
#include "ph_ui_source.h"

typedef struct seen {
    int n;
    double begin[16], end[16];
    char value[16][16];
    ph_ui_loc loc[16];
    uint32_t n_locs[16];
} seen;

static void collect(void *user, const ph_ui_event *e)
{
    seen *s = user;
    if (s->n >= 16) return;
    s->begin[s->n] = e->begin;
    s->end[s->n] = e->end;
    snprintf(s->value[s->n], 16, "%s", e->value);
    s->n_locs[s->n] = e->n_locs;
    if (e->n_locs) s->loc[s->n] = e->locs[0];
    s->n++;
}

Test(source, events_point_back_at_their_atoms)
{
    const char *t = "~d: s \"bd [sn cp]\"\nout: ~d";
    ph_ui_source *src = ph_ui_source_new(t, strlen(t));
    cr_assert_not_null(src);
    seen s = {0};
    cr_assert(ph_ui_source_events(src, 1, 2, collect, &s));
    cr_assert_eq(s.n, 3);
    const char *want[] = {"{s: bd}", "{s: sn}", "{s: cp}"};
    const double begins[] = {1, 1.5, 1.75};
    for (int i = 0; i < 3; i++) {
        cr_expect_str_eq(s.value[i], want[i]);
        cr_expect_float_eq(s.begin[i], begins[i], 1e-9);
        cr_assert_eq(s.n_locs[i], 1u);
        cr_expect_eq(strncmp(t + s.loc[i].begin, want[i] + 4, 2), 0);
        cr_expect_eq(s.loc[i].end - s.loc[i].begin, 2u);
    }
    ph_ui_source_free(src);
}

Test(source, broken_text_gives_no_events_and_no_crash)
{
    const char *bad[] = {"s \"bd [sn\"", "s \"", "\"\"\"", "", "out: \xff\xfe \"bd\""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ph_ui_source *src = ph_ui_source_new(bad[i], strlen(bad[i]));
        cr_assert_not_null(src);
        seen s = {0};
        ph_ui_source_events(src, 0, 4, collect, &s);
        ph_ui_source_free(src);
    }
}

Test(source, cache_queries_once_per_cycle_window)
{
    const char *t = "out: s \"bd*4\"";
    ph_ui_source *src = ph_ui_source_new(t, strlen(t));
    ph_ui_events c = {0};
    ph_ui_events_invalidate(&c);
    ph_ui_events_update(&c, src, 10.3);
    cr_expect_float_eq(c.from, 8, 1e-12);
    cr_expect_float_eq(c.to, 13, 1e-12);
    cr_expect_eq(c.n, 20u, "four a cycle over five cycles");
    c.n = 0; /* marks whether a later call queries again */
    ph_ui_events_update(&c, src, 10.9);
    cr_expect_eq(c.n, 0u, "same window: no new query");
    ph_ui_events_update(&c, src, 11.0);
    cr_expect_eq(c.n, 20u);
    ph_ui_events_free(&c);
    ph_ui_source_free(src);
}

/* The engine's locations: a transform outside the string is seen, and two equal words of
 * one string light up on their own. */
Test(source, transforms_outside_strings_and_equal_words)
{
    const char *t = "out: s \"bd bd\" $ fast 2";
    ph_ui_source *src = ph_ui_source_new(t, strlen(t));
    cr_assert_not_null(src);
    seen s = {0};
    cr_assert(ph_ui_source_events(src, 0, 1, collect, &s));
    cr_assert_eq(s.n, 4, "fast 2: four events");
    const uint32_t first = (uint32_t)(strstr(t, "bd") - t), second = first + 3;
    const uint32_t want[] = {first, second, first, second};
    for (int i = 0; i < 4; i++) {
        cr_expect_float_eq(s.begin[i], i * 0.25, 1e-9);
        cr_expect_eq(s.loc[i].begin, want[i], "event %d at byte %u, not %u", i, s.loc[i].begin, want[i]);
    }
    ph_ui_source_free(src);
}

/* In Phonon MIDI the program plays MIDI controls the instruments refuse (velocity): the
 * editor still finds its events. */
Test(source, midi_programs_have_events)
{
    const char *t = "out: n \"0 4\" # velocity 0.8";
    ph_ui_source *src = ph_ui_source_new(t, strlen(t));
    cr_assert_not_null(src);
    seen s = {0};
    cr_assert(ph_ui_source_events(src, 0, 1, collect, &s));
    cr_expect_eq(s.n, 2);
    ph_ui_source_free(src);
}

/* ph_program_events (phonon.h): every event of a compiled program's patterns, with the
 * spans of the text that made it and the output the pattern plays into. Public API only. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "phonon/phonon.h"

typedef struct collected {
    const char *text;
    char buf[4096];
    size_t off;
    int count;
} collected;

/* "channel:onset value<-atom,atom;" per event */
static void collect(void *user, const ph_program_event *ev)
{
    collected *c = user;
    char wb[32] = "-";
    if (ev->e.has_whole) ph_time_format(ev->e.whole_begin, wb, sizeof wb);
    cr_assert_eq(ev->locs, ev->e.locs);
    cr_assert_eq(ev->n_locs, ev->e.n_locs);
    c->off += (size_t)snprintf(c->buf + c->off, sizeof c->buf - c->off, "%d:%s %s<-", ev->channel, wb, ev->e.value);
    for (uint32_t k = 0; k < ev->n_locs; k++) {
        ph_src_span l = ev->locs[k];
        cr_assert(l.begin < l.end && l.end <= strlen(c->text));
        c->off += (size_t)snprintf(c->buf + c->off, sizeof c->buf - c->off, "%s%.*s", k ? "," : "",
                                   (int)(l.end - l.begin), c->text + l.begin);
    }
    c->off += (size_t)snprintf(c->buf + c->off, sizeof c->buf - c->off, ";");
    c->count++;
}

Test(program_events, two_outputs)
{
    /* out: a sound; out2: a chord's pitches (three lanes, one pattern: reported once) and
     * a cutoff pattern; ~unused plays nowhere and is left out. (outmix: separate keeps out2
     * out of the main output, which would otherwise reach its nodes first.) */
    const char *text = "outmix: separate\n~unused: s \"hh*8\"\n"
                       "out: s \"bd <sn cp>\"\n"
                       "out2: (saw \"[55, 110, 220] 82.5\" # lpf \"<400 800>\" 0.2) * 0.1\n";
    ph_settings s = {.sample_rate = 48000, .max_block = 512, .threads = 1};
    ph_diag d;
    ph_program *p = ph_program_compile(text, strlen(text), &s, &d);
    cr_assert(p, "%d:%d: %s", d.line, d.column, d.message);
    collected c = {.text = text};
    cr_assert(ph_program_events(p, (ph_time){0, 1}, (ph_time){2, 1}, collect, &c));
    cr_assert_str_eq(c.buf,
                     "0:0/1 {s: bd}<-bd;0:1/2 {s: sn}<-sn;0:1/1 {s: bd}<-bd;0:3/2 {s: cp}<-cp;"
                     "2:0/1 55<-55;2:0/1 110<-110;2:0/1 220<-220;2:1/2 82.5<-82.5;"
                     "2:1/1 55<-55;2:1/1 110<-110;2:1/1 220<-220;2:3/2 82.5<-82.5;"
                     "2:0/1 400<-400;2:1/1 800<-800;",
                     "got %s", c.buf);
    /* a bad span and no program are refused; an empty span reports nothing */
    cr_assert(!ph_program_events(p, (ph_time){2, 1}, (ph_time){1, 1}, collect, &c));
    cr_assert(!ph_program_events(NULL, (ph_time){0, 1}, (ph_time){1, 1}, collect, &c));
    c.count = 0;
    cr_assert(ph_program_events(p, (ph_time){1, 2}, (ph_time){1, 2}, collect, &c));
    ph_program_free(p);
}

/* The public query gives the same spans, into the expression. */
Test(program_events, query_pattern_locations)
{
    const char *expr = "\"0*2\" + \"1\"";
    ph_diag d;
    ph_query_result *r = ph_query_pattern(expr, strlen(expr), (ph_time){0, 1}, (ph_time){1, 1}, &d);
    cr_assert(r, "%s", d.message);
    cr_assert_eq(ph_query_count(r), 2);
    const ph_event_info *e = ph_query_event(r, 1);
    /* `+` is appBoth: the right's `1` (9-10), then the left's `0` (1-2) and its `2` (3-4) */
    cr_assert_str_eq(e->value, "1");
    cr_assert_eq(e->n_locs, 3);
    cr_assert(e->locs[0].begin == 9 && e->locs[0].end == 10);
    cr_assert(e->locs[1].begin == 1 && e->locs[1].end == 2);
    cr_assert(e->locs[2].begin == 3 && e->locs[2].end == 4);
    ph_query_free(r);
}

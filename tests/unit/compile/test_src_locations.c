/* Events' source spans index the program text: the evaluator offsets each string's atoms
 * by the string's byte offset (ph_ast_node.str_offset), on any line of a program and in
 * `phonon query` expressions. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "compile/ph_compile.h"
#include "compile/ph_compiler.h"
#include "nodes/ph_nodes.h"

/* The text of every span of every event the patch's pattern and voice nodes make in
 * [0, cycles), as "value<-atom,atom;" in node order, each pattern once. */
static void spans_of_patch(const char *text, const ph_patch *patch, int cycles, char *out, size_t size)
{
    const ph_pat *seen[64];
    uint32_t n_seen = 0;
    size_t off = 0;
    out[0] = 0;
    ph_arena *a = ph_arena_new_growable(1 << 14);
    for (uint32_t i = 0; i < patch->g.n_nodes; i++) {
        const ph_pat *p = ph_node_played_pattern(&patch->g, (int)i);
        bool dup = false;
        for (uint32_t k = 0; k < n_seen; k++) dup |= seen[k] == p;
        if (!p || dup) continue;
        cr_assert(n_seen < 64);
        seen[n_seen++] = p;
        ph_events ev;
        ph_events_init(&ev);
        ph_arena_reset(a);
        cr_assert_eq(ph_query_locs(p, ph_span_make(ph_rat_int(0), ph_rat_int(cycles)), a, &ev), PH_Q_OK);
        ph_events_sort(&ev);
        for (uint32_t e = 0; e < ev.count; e++) {
            char v[128];
            off += (size_t)snprintf(out + off, size - off, "%s<-", ph_value_format(ev.ev[e].value, v, sizeof v));
            for (uint32_t k = 0; k < ev.ev[e].n_locs; k++) {
                ph_loc l = ev.ev[e].locs[k];
                cr_assert(l.begin < l.end && l.end <= strlen(text), "span %u-%u", l.begin, l.end);
                off += (size_t)snprintf(out + off, size - off, "%s%.*s", k ? "," : "", (int)(l.end - l.begin),
                                        text + l.begin);
            }
            off += (size_t)snprintf(out + off, size - off, ";");
        }
    }
    ph_arena_free(a);
}

Test(src_locations, spans_index_a_multi_line_program)
{
    const char *text = "-- drums and a bass line\n"
                       "tempo: 0.5\n"
                       "~bass: saw \"55 <110 82.5>\" # lpf 800 0.3\n"
                       "out: (s \"bd:3 [sn cp]\" # gain \"0.8\")\n"
                       "  + ~bass * 0.2\n";
    ph_settings s = {.sample_rate = 48000, .max_block = 512, .threads = 1};
    ph_diag d;
    ph_patch *patch = ph_compile(text, strlen(text), &s, NULL, &d);
    cr_assert(patch, "%d:%d: %s", d.line, d.column, d.message);
    char got[4096];
    spans_of_patch(text, patch, 2, got, sizeof got);
    /* the pitches: one pattern node; the sound: a voice node, each `# gain` event joined
     * as appLeft joins (the gain's atom, then the sound's; `bd:3` is bd's index 3 first) */
    cr_assert_str_eq(got,
                     "55<-55;110<-110;55<-55;82.5<-82.5;"
                     "{gain: 0.8, n: 3, s: bd}<-0.8,3,bd;{gain: 0.8, s: sn}<-0.8,sn;{gain: 0.8, s: cp}<-0.8,cp;"
                     "{gain: 0.8, n: 3, s: bd}<-0.8,3,bd;{gain: 0.8, s: sn}<-0.8,sn;{gain: 0.8, s: cp}<-0.8,cp;",
                     "got %s", got);
    ph_patch_free(patch);
}

/* An expression (phonon query) counts from its own first byte, across lines too. */
Test(src_locations, query_expression_offsets)
{
    const char *expr = "(\"bd sn\"\n   $ fast \"<1 2>\")";
    ph_heap *h = ph_heap_new();
    ph_diag d;
    const ph_pat *p = ph_eval_pattern_text(h, expr, strlen(expr), &d);
    cr_assert(p, "%s", d.message);
    ph_arena *a = ph_arena_new_growable(1 << 14);
    ph_events ev;
    ph_events_init(&ev);
    cr_assert_eq(ph_query_locs(p, ph_span_make(ph_rat_int(1), ph_rat_int(2)), a, &ev), PH_Q_OK);
    ph_events_sort(&ev);
    cr_assert_eq(ev.count, 4);
    uint32_t two = (uint32_t)(strstr(expr, "2>") - expr), bd = (uint32_t)(strstr(expr, "bd") - expr);
    cr_assert_eq(ev.ev[0].n_locs, 2);
    cr_assert(ev.ev[0].locs[0].begin == two && ev.ev[0].locs[0].end == two + 1);
    cr_assert(ev.ev[0].locs[1].begin == bd && ev.ev[0].locs[1].end == bd + 2);
    ph_arena_free(a);
    ph_heap_free(h);
}

/* The one list of node kinds (nodes/ph_node_kinds.h): every kind a program is built from
 * is in it, and each listed kind can render. */
#include <criterion/criterion.h>
#include <string.h>

#include "nodes/ph_nodes.h"
#include "render_test_util.h"

static bool listed(const char *kind)
{
    if (!strcmp(kind, "feedback")) return true; /* the graph's own tap */
    for (unsigned i = 0; i < ph_node_kind_count; i++)
        if (!strcmp(ph_node_kinds[i]->kind, kind)) return true;
    return false;
}

Test(node_kinds, every_listed_kind_is_complete_and_unique)
{
    cr_assert_gt(ph_node_kind_count, 30);
    for (unsigned i = 0; i < ph_node_kind_count; i++) {
        const ph_node_ops *k = ph_node_kinds[i];
        cr_assert(k->kind && k->kind[0], "kind %u has no name", i);
        cr_assert(k->render || k->init, "'%s' neither renders nor initialises its output", k->kind);
        for (unsigned j = 0; j < i; j++)
            cr_assert(strcmp(ph_node_kinds[j]->kind, k->kind) != 0, "'%s' listed twice", k->kind);
    }
}

/* The kinds of the nodes in programs that use every family: all listed. */
Test(node_kinds, programs_use_only_listed_kinds)
{
    const char *texts[] = {
        "out: sine 220 * 0.1 + saw 110 * 0.1 + square 55 0.3 * 0.1 + tri 440 * 0.1",
        "out: (noise + pink + brown) * 0.01 # lpf 800 0.625 # hpf 100 # bpf 400 # notch 300 # ladder 900 0.1",
        "~d: s \"bd sn\"\nout: ~d # delay 0.25 0.3 # reverb # distort 0.2 # bitcrush 8 # chorus # compress # pan 0.3",
        "out: (saw \"55 [110, 165]\" # adsr 0.01 0.1 0.5 0.2) + (saw midi # ar 0.01 0.2) * ~m1",
        "out: min (sine 1) 0.5 + (sine 2 # max 0) + (sine 3 # clip 0.5) + (sine 4 # range 0 1)",
        "~fb: saw 110 * 0.2 + ~fb * 0.3\nout: ~fb",
    };
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        ph_program *p = compile_or_fail(texts[t], 48000);
        for (uint32_t i = 0; i < ph_program_node_count(p); i++) {
            ph_node_info info;
            cr_assert(ph_program_node_info(p, i, &info));
            cr_expect(listed(info.kind), "program %zu has a node of kind '%s' that is not in the list", t, info.kind);
        }
        ph_program_free(p);
    }
}

/* A constructor refuses arguments it cannot take instead of reading missing inputs. */
Test(node_kinds, constructors_refuse_missing_parameters)
{
    ph_graph g;
    ph_graph_init(&g);
    ph_node_args a;
    memset(&a, 0, sizeof a);
    a.rate = 48000;
    a.channels = 1;
    a.in = a.gate = a.trig = ph_ref_none();
    uint32_t oc;
    cr_expect_eq(ph_make_lpf(&g, &a, &oc), -1, "a filter needs cutoff and resonance");
    cr_expect_eq(ph_make_saw(&g, &a, &oc), -1, "an oscillator needs a frequency");
    a.n_param = 4;
    cr_expect_eq(ph_make_adsr(&g, &a, &oc), -1, "an envelope needs its gate and trigger");
    cr_expect_eq(g.n_nodes, 0);
    ph_graph_destroy(&g);
}

/* ph_program_events (phonon.h): the events of every pattern a compiled program plays, with
 * their source locations, for an editor's highlighting. The patterns are found in the
 * graph (nodes/: pattern and voice nodes) and queried here, off the audio thread, each
 * with its own arena; the program's render state is never touched. */
#include <stdlib.h>
#include <string.h>

#include "api/ph_api_events.h"
#include "nodes/ph_nodes.h"
#include "phonon/phonon.h"
#include "render/ph_program_impl.h"

/* chan[i]: the first output (0 main, 1..16 outN, in that order) whose graph reaches node
 * i through inputs and feedback taps, -1 when none does. Marking each node once, outputs
 * in order, gives each the first output that reaches it in O(nodes + edges). */
static int *output_of_nodes(const ph_patch *patch)
{
    const ph_graph *g = &patch->g;
    uint32_t n = g->n_nodes;
    int *chan = malloc((n ? n : 1) * sizeof *chan);
    uint32_t *stack = malloc((n ? n : 1) * sizeof *stack);
    if (!chan || !stack) {
        free(chan);
        free(stack);
        return NULL;
    }
    for (uint32_t i = 0; i < n; i++) chan[i] = -1;
    for (int ch = 0; ch <= PH_AUX_CHANNELS; ch++) {
        int root = ch == 0 ? patch->main_node : patch->aux_node[ch - 1];
        if (root < 0 || (uint32_t)root >= n || chan[root] >= 0) continue;
        uint32_t top = 0;
        chan[root] = ch;
        stack[top++] = (uint32_t)root;
        while (top) {
            const ph_node *nd = &g->nodes[stack[--top]];
            int next[PH_NODE_MAX_IN + 1];
            uint32_t k = 0;
            for (uint32_t i = 0; i < nd->n_in; i++) next[k++] = nd->in_ref[i].node;
            if (nd->tap_source >= 0) next[k++] = nd->tap_source;
            for (uint32_t i = 0; i < k; i++)
                if (next[i] >= 0 && (uint32_t)next[i] < n && chan[next[i]] < 0) {
                    chan[next[i]] = ch;
                    stack[top++] = (uint32_t)next[i];
                }
        }
    }
    free(stack);
    return chan;
}

/* One pattern's events over span, sorted, each handed to fn. */
static bool report(const ph_pat *pat, int channel, ph_span span, ph_arena *arena, ph_program_event_fn fn, void *user)
{
    ph_events ev;
    ph_events_init(&ev);
    ph_arena_reset(arena);
    if (ph_query_locs(pat, span, arena, &ev) != PH_Q_OK) return false;
    ph_events_sort(&ev);
    char val[512];
    ph_src_span locs[PH_EVENT_MAX_LOCS];
    for (uint32_t i = 0; i < ev.count; i++) {
        ph_program_event pe;
        memset(&pe, 0, sizeof pe);
        ph_api_event_info(&ev.ev[i], ph_value_format(ev.ev[i].value, val, sizeof val), locs, &pe.e);
        pe.locs = pe.e.locs;
        pe.n_locs = pe.e.n_locs;
        pe.channel = channel;
        fn(user, &pe);
    }
    return true;
}

bool ph_program_events(const ph_program *p, ph_time from, ph_time to, ph_program_event_fn fn, void *user)
{
    ph_diag ignored;
    ph_span span;
    if (!p || !fn || !ph_api_span(from, to, &span, &ignored)) return false;
    const ph_graph *g = &p->patch->g;
    int *chan = output_of_nodes(p->patch);
    const ph_pat **seen = malloc((g->n_nodes ? g->n_nodes : 1) * sizeof *seen);
    ph_arena *arena = ph_arena_new_growable(1 << 16);
    bool ok = chan && seen && arena;
    uint32_t n_seen = 0;
    for (uint32_t i = 0; chan && seen && arena && i < g->n_nodes; i++) {
        const ph_pat *pat = ph_node_played_pattern(g, (int)i);
        if (!pat || chan[i] < 0) continue;
        /* the lanes of a chord are several nodes playing one pattern: report it once */
        bool dup = false;
        for (uint32_t k = 0; k < n_seen && !dup; k++) dup = seen[k] == pat;
        if (dup) continue;
        seen[n_seen++] = pat;
        if (!report(pat, chan[i], span, arena, fn, user)) ok = false;
    }
    ph_arena_free(arena);
    free(seen);
    free(chan);
    return ok;
}

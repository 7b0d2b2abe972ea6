/* Orbits: where a program's `room` and `delay` sends go. Only a program that sets one of
 * them anywhere (ph_set_control notes it) gets any of this, so every other program's
 * graph is what it was. Then every voice node the outputs reach sends (to one orbit, or
 * PH_VOICE_ORBITS when the program sets `orbit`) through a sends node per orbit, each
 * orbit's sends are summed over those voice nodes into an orbit node (its reverb and delay, their parameters from
 * the same sound patterns), and the orbit nodes are mixed into the main output by
 * ph_compiler.c. The voice nodes' stereo outputs stay their dry sound. */
#include <stdlib.h>

#include "compile/ph_compile.h"

/* The sum of port `port` of the sends nodes (a plain reference when there is one). */
static ph_ref sum_port(ph_compiler *c, const int *sends, uint32_t n, int32_t port)
{
    ph_ref *in = malloc(n * sizeof *in);
    if (!in) return ph_ref_none();
    for (uint32_t i = 0; i < n; i++) in[i] = (ph_ref){sends[i], port};
    ph_ref r = n == 1 ? in[0] : ph_ref_audio(ph_mix_tree(c->g, in, n, 1));
    free(in);
    return r;
}

int ph_orbits_wire(ph_compiler *c, const int *roots, uint32_t n_roots, int *orbit_nodes)
{
    if (!c->orbit_sends || !ph_compiler_ok(c)) return 0;
    ph_graph *g = c->g;
    bool *seen = calloc(g->n_nodes ? g->n_nodes : 1, sizeof *seen);
    int *voices = malloc((g->n_nodes ? g->n_nodes : 1) * sizeof *voices);
    int *sends = malloc((g->n_nodes ? g->n_nodes : 1) * sizeof *sends);
    const ph_pat **pats = malloc((g->n_nodes ? g->n_nodes : 1) * sizeof *pats);
    uint32_t n_voices = 0, orbits = c->orbit_numbers ? PH_VOICE_ORBITS : 1;
    int count = 0;
    if (!seen || !voices || !sends || !pats || !ph_graph_reachable(g, roots, n_roots, seen)) {
        ph_compiler_error(c, NULL, "out of memory");
        goto done;
    }
    uint32_t n_nodes = g->n_nodes; /* the voice nodes there are before sends nodes are added */
    for (uint32_t i = 0; i < n_nodes; i++) {
        const ph_pat *p = seen[i] ? ph_node_voices_pattern(g, (int)i) : NULL;
        if (!p) continue;
        pats[n_voices] = p;
        voices[n_voices++] = (int)i;
    }
    if (!n_voices) goto done;
    double rate = ph_compiler_rate(c);
    for (uint32_t k = 0; k < orbits; k++) {
        for (uint32_t i = 0; i < n_voices; i++) /* each voice node's lines of orbit k */
            if ((sends[i] = ph_node_voices_sends(g, voices[i], orbits, k)) < 0) {
                ph_compiler_error(c, NULL, "out of memory");
                goto done;
            }
        ph_ref room = sum_port(c, sends, n_voices, 0);
        ph_ref dl = sum_port(c, sends, n_voices, 1);
        ph_ref dr = sum_port(c, sends, n_voices, 2);
        int node = room.node < 0 || dl.node < 0 || dr.node < 0
                       ? -1
                       : ph_node_orbit(g, (int)k, room, dl, dr, pats, n_voices, rate);
        if (node < 0) {
            ph_compiler_error(c, NULL, "out of memory");
            goto done;
        }
        orbit_nodes[count++] = node;
    }
done:
    free(seen);
    free(voices);
    free(sends);
    free(pats);
    return ph_compiler_ok(c) ? count : 0;
}

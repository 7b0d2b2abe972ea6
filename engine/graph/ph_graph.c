/* Graph construction, liveness, staging and buffer allocation. */
#include "graph/ph_graph.h"

#include "core/ph_fp.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ph_sanitize_copy's loop, built for AVX2 too (core/ph_fp.h): every feedback tap and
 * output goes through it each chunk (a tenth of W3's time with SSE2 alone). */
PH_ALSO_AVX2 static void sanitize_copy(float *dst, const float *src, uint32_t n, float limit)
{
    for (uint32_t i = 0; i < n; i++) {
        float v = src[i];
        /* v != v catches NaN; the clamp catches +-Inf. Written branch-light so it
         * vectorises (a mask, a min and a max). */
        v = (v == v) ? v : 0.0f;
        v = v > limit ? limit : v;
        v = v < -limit ? -limit : v;
        dst[i] = v;
    }
}

void ph_graph_init(ph_graph *g) { memset(g, 0, sizeof *g); }

void ph_graph_destroy(ph_graph *g)
{
    for (uint32_t i = 0; i < g->n_nodes; i++)
        if (g->nodes[i].ops && g->nodes[i].ops->destroy) g->nodes[i].ops->destroy(&g->nodes[i]);
    free(g->nodes);
    free(g->order);
    free(g->stages);
    free(g->taps);
    free(g->prepares);
    free(g->mem);
    memset(g, 0, sizeof *g);
}

int ph_graph_add(ph_graph *g, const ph_node_ops *ops, void *state, uint32_t channels,
                 uint32_t n_aux, const ph_ref *inputs, uint32_t n_in)
{
    if (g->finalized || channels < 1 || channels > 2 || channels + n_aux > PH_NODE_MAX_OUT ||
        n_in > PH_NODE_MAX_IN)
        return -1;
    if (g->n_nodes == g->cap_nodes) {
        uint32_t cap = g->cap_nodes ? g->cap_nodes * 2 : 64;
        ph_node *nn = realloc(g->nodes, cap * sizeof *nn);
        if (!nn) return -1;
        g->nodes = nn;
        g->cap_nodes = cap;
    }
    ph_node *n = &g->nodes[g->n_nodes];
    memset(n, 0, sizeof *n);
    n->ops = ops;
    n->state = state;
    n->channels = channels;
    n->n_aux = n_aux;
    n->n_in = n_in;
    for (uint32_t i = 0; i < PH_NODE_MAX_IN; i++) n->in_ref[i] = ph_ref_none();
    for (uint32_t i = 0; i < n_in; i++) n->in_ref[i] = inputs ? inputs[i] : ph_ref_none();
    n->tap_source = -1;
    n->tap_kept = -1;
    n->stage = -1;
    snprintf(n->label, sizeof n->label, "%s", ops ? ops->kind : "?");
    return (int)g->n_nodes++;
}

void ph_graph_set_input(ph_graph *g, int node, uint32_t index, ph_ref src)
{
    if (node < 0 || (uint32_t)node >= g->n_nodes || index >= PH_NODE_MAX_IN) return;
    ph_node *n = &g->nodes[node];
    n->in_ref[index] = src;
    if (index >= n->n_in) n->n_in = index + 1;
}

/* Reads what the source wrote PH_CHUNK samples ago: the other half of the ring. A chunk
 * never straddles a multiple of PH_CHUNK, so it never wraps around the ring. */
static void tap_render(ph_node *n, const ph_ctx *ctx)
{
    uint32_t at = (uint32_t)((ctx->sample + PH_CHUNK) % PH_TAP_RING);
    for (uint32_t c = 0; c < n->channels; c++)
        memcpy(n->out[c], n->tap_ring[c] + at, ctx->n * sizeof(float));
}

static const ph_node_ops tap_ops = {.kind = "feedback", .render = tap_render};

int ph_graph_add_tap(ph_graph *g, uint32_t channels)
{
    return ph_graph_add(g, &tap_ops, NULL, channels, 0, NULL, 0);
}

void ph_graph_set_tap_source(ph_graph *g, int tap, int source)
{
    if (tap < 0 || (uint32_t)tap >= g->n_nodes) return;
    g->nodes[tap].tap_source = source;
}

/* Iterative DFS marking liveness: inputs and tap sources of live nodes are live. */
bool ph_graph_reachable(const ph_graph *g, const int *roots, uint32_t n_roots, bool *seen)
{
    int *stack = malloc((g->n_nodes ? g->n_nodes : 1) * sizeof *stack);
    if (!stack) return false;
    uint32_t sp = 0; /* a node is pushed once: when first seen */
    for (uint32_t r = 0; r < n_roots; r++)
        if (roots[r] >= 0 && (uint32_t)roots[r] < g->n_nodes && !seen[roots[r]]) seen[roots[r]] = true, stack[sp++] = roots[r];
    while (sp) {
        const ph_node *n = &g->nodes[stack[--sp]];
        int next[PH_NODE_MAX_IN + 1];
        uint32_t k = 0;
        for (uint32_t i = 0; i < n->n_in; i++) next[k++] = n->in_ref[i].node;
        next[k++] = n->tap_source;
        for (uint32_t i = 0; i < k; i++)
            if (next[i] >= 0 && (uint32_t)next[i] < g->n_nodes && !seen[next[i]]) seen[next[i]] = true, stack[sp++] = next[i];
    }
    free(stack);
    return true;
}

static bool mark_live(ph_graph *g, const int *roots, uint32_t n_roots)
{
    bool *seen = calloc(g->n_nodes ? g->n_nodes : 1, sizeof *seen);
    bool ok = seen && ph_graph_reachable(g, roots, n_roots, seen);
    for (uint32_t i = 0; ok && i < g->n_nodes; i++) g->nodes[i].live |= seen[i];
    free(seen);
    return ok;
}

/* Stage of a node = 1 + the highest stage of its inputs (taps and sources: 0). Nodes of
 * one stage therefore never read each other. Computed by Kahn's algorithm in node index
 * order, so the result is deterministic. */
static bool assign_stages(ph_graph *g, char *err, size_t errlen)
{
    uint32_t N = g->n_nodes;
    uint32_t *indeg = calloc(N ? N : 1, sizeof *indeg);
    uint32_t *queue = malloc((N ? N : 1) * sizeof *queue);
    /* consumers lists (CSR) */
    uint32_t *cstart = calloc(N + 1, sizeof *cstart);
    uint32_t n_edges = 0;
    bool ok = indeg && queue && cstart;
    for (uint32_t i = 0; ok && i < N; i++) {
        ph_node *n = &g->nodes[i];
        if (!n->live) continue;
        for (uint32_t k = 0; k < n->n_in; k++) {
            int32_t s = n->in_ref[k].node;
            if (s < 0) continue;
            cstart[s + 1]++;
            indeg[i]++;
            n_edges++;
        }
    }
    uint32_t *cons = ok ? malloc((n_edges ? n_edges : 1) * sizeof *cons) : NULL;
    uint32_t *fill = ok ? calloc(N ? N : 1, sizeof *fill) : NULL;
    ok = ok && cons && fill;
    if (ok) {
        for (uint32_t i = 0; i < N; i++) cstart[i + 1] += cstart[i];
        for (uint32_t i = 0; i < N; i++) {
            ph_node *n = &g->nodes[i];
            if (!n->live) continue;
            for (uint32_t k = 0; k < n->n_in; k++) {
                int32_t s = n->in_ref[k].node;
                if (s < 0) continue;
                cons[cstart[s] + fill[s]++] = i;
            }
        }
        uint32_t qh = 0, qt = 0, n_live = 0;
        for (uint32_t i = 0; i < N; i++) {
            if (!g->nodes[i].live) continue;
            n_live++;
            g->nodes[i].stage = 0;
            if (indeg[i] == 0) queue[qt++] = i;
        }
        while (qh < qt) {
            uint32_t i = queue[qh++];
            for (uint32_t e = cstart[i]; e < cstart[i + 1]; e++) {
                uint32_t c = cons[e];
                if (g->nodes[c].stage < g->nodes[i].stage + 1) g->nodes[c].stage = g->nodes[i].stage + 1;
                if (--indeg[c] == 0) queue[qt++] = c;
            }
        }
        if (qt != n_live) {
            for (uint32_t i = 0; i < N; i++)
                if (g->nodes[i].live && indeg[i]) {
                    snprintf(err, errlen, "internal error: unbroken cycle through node '%s'",
                             g->nodes[i].label);
                    break;
                }
            ok = false;
        }
        if (ok) {
            int32_t max_stage = -1;
            for (uint32_t i = 0; i < N; i++)
                if (g->nodes[i].live && g->nodes[i].stage > max_stage) max_stage = g->nodes[i].stage;
            g->n_stages = (uint32_t)(max_stage + 1);
            g->stages = calloc(g->n_stages ? g->n_stages : 1, sizeof *g->stages);
            g->order = malloc((n_live ? n_live : 1) * sizeof *g->order);
            ok = g->stages && g->order;
            if (ok) {
                /* Nodes without a render op (constants written once) are not scheduled. */
                for (uint32_t i = 0; i < N; i++)
                    if (g->nodes[i].live && g->nodes[i].ops->render)
                        g->stages[g->nodes[i].stage].count++;
                uint32_t at = 0;
                for (uint32_t s = 0; s < g->n_stages; s++) {
                    g->stages[s].first = at;
                    at += g->stages[s].count;
                    g->stages[s].count = 0;
                }
                n_live = 0;
                for (uint32_t i = 0; i < N; i++) {
                    if (!g->nodes[i].live || !g->nodes[i].ops->render) continue;
                    n_live++;
                    ph_stage *st = &g->stages[g->nodes[i].stage];
                    g->order[st->first + st->count++] = i;
                }
                g->n_order = n_live;
            } else {
                snprintf(err, errlen, "out of memory");
            }
        }
    } else {
        snprintf(err, errlen, "out of memory");
    }
    free(indeg);
    free(queue);
    free(cstart);
    free(cons);
    free(fill);
    return ok;
}

static bool allocate_buffers(ph_graph *g, char *err, size_t errlen)
{
    size_t floats = PH_CHUNK; /* zeros */
    for (uint32_t i = 0; i < g->n_nodes; i++) {
        ph_node *n = &g->nodes[i];
        if (!n->live) continue;
        floats += (size_t)(n->channels + n->n_aux) * PH_CHUNK;
        if (n->tap_source >= 0) floats += (size_t)n->channels * PH_TAP_RING;
    }
    g->mem = aligned_alloc(64, floats * sizeof(float));
    if (!g->mem) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    memset(g->mem, 0, floats * sizeof(float));
    float *p = g->mem;
    g->zeros = p;
    p += PH_CHUNK;
    uint32_t n_taps = 0, n_prep = 0;
    for (uint32_t i = 0; i < g->n_nodes; i++) {
        ph_node *n = &g->nodes[i];
        if (!n->live) continue;
        for (uint32_t c = 0; c < n->channels + n->n_aux; c++, p += PH_CHUNK) n->out[c] = p;
        if (n->tap_source >= 0) {
            for (uint32_t c = 0; c < n->channels; c++, p += PH_TAP_RING) n->tap_ring[c] = p;
            n_taps++;
        }
        if (n->ops->prepare) n_prep++;
    }
    g->taps = malloc((n_taps ? n_taps : 1) * sizeof *g->taps);
    g->prepares = malloc((n_prep ? n_prep : 1) * sizeof *g->prepares);
    if (!g->taps || !g->prepares) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    for (uint32_t i = 0; i < g->n_nodes; i++) {
        ph_node *n = &g->nodes[i];
        if (!n->live) continue;
        if (n->tap_source >= 0) g->taps[g->n_taps++] = i;
        if (n->ops->prepare) g->prepares[g->n_prepares++] = i;
    }
    /* Resolve input buffers. */
    for (uint32_t i = 0; i < g->n_nodes; i++) {
        ph_node *n = &g->nodes[i];
        if (!n->live) continue;
        for (uint32_t k = 0; k < PH_NODE_MAX_IN; k++) {
            n->in[k][0] = n->in[k][1] = g->zeros;
            n->in_channels[k] = 0;
            if (k >= n->n_in) continue;
            ph_ref r = n->in_ref[k];
            if (r.node < 0) continue;
            ph_node *s = &g->nodes[r.node];
            if (r.port == 0) {
                n->in[k][0] = s->out[0];
                n->in[k][1] = s->out[s->channels > 1 ? 1 : 0];
                n->in_channels[k] = s->channels;
            } else if ((uint32_t)r.port <= s->n_aux) {
                n->in[k][0] = n->in[k][1] = s->out[s->channels + (uint32_t)r.port - 1];
                n->in_channels[k] = 1;
            }
        }
    }
    return true;
}

bool ph_graph_finalize(ph_graph *g, const int *roots, uint32_t n_roots, char *err, size_t errlen)
{
    if (g->finalized) return true;
    for (uint32_t i = 0; i < g->n_nodes; i++) {
        ph_node *n = &g->nodes[i];
        for (uint32_t k = 0; k < n->n_in; k++)
            if (n->in_ref[k].node >= (int32_t)g->n_nodes) n->in_ref[k].node = -1;
        if (n->tap_source >= (int32_t)g->n_nodes) n->tap_source = -1;
    }
    if (!mark_live(g, roots, n_roots)) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    if (!assign_stages(g, err, errlen)) return false;
    if (!allocate_buffers(g, err, errlen)) return false;
    for (uint32_t i = 0; i < g->n_nodes; i++)
        if (g->nodes[i].live && g->nodes[i].ops->init) g->nodes[i].ops->init(&g->nodes[i]);
    g->finalized = true;
    return true;
}

void ph_graph_prepare(ph_graph *g, const ph_window *w)
{
    for (uint32_t i = 0; i < g->n_prepares; i++) {
        ph_node *n = &g->nodes[g->prepares[i]];
        n->ops->prepare(n, w);
    }
}


void ph_graph_commit_tap(ph_graph *g, uint32_t k, const ph_ctx *ctx)
{
    uint32_t at = (uint32_t)(ctx->sample % PH_TAP_RING);
    ph_node *tap = &g->nodes[g->taps[k]];
    if (tap->tap_kept == ctx->sample) return; /* its source's fused unit keeps it */
    const ph_node *src = &g->nodes[tap->tap_source];
    for (uint32_t c = 0; c < tap->channels; c++) {
        const float *x = src->out[c < src->channels ? c : 0];
        ph_sanitize_copy(tap->tap_ring[c] + at, x, ctx->n, PH_FEEDBACK_LIMIT);
    }
}

void ph_graph_commit_taps(ph_graph *g, const ph_ctx *ctx)
{
    for (uint32_t k = 0; k < g->n_taps; k++) ph_graph_commit_tap(g, k, ctx);
}

void ph_fuse_unit_render_members(ph_fuse_unit *u, const ph_ctx *ctx)
{
    for (uint32_t k = 0; k < u->n_members; k++) u->members[k]->ops->render(u->members[k], ctx);
}

static void eval_node(ph_graph *g, uint32_t i, const ph_ctx *ctx, uint32_t stamp, uint32_t depth)
{
    ph_node *n = &g->nodes[i];
    if (n->eval_stamp == stamp || depth > g->n_nodes) return;
    n->eval_stamp = stamp;
    for (uint32_t k = 0; k < n->n_in; k++)
        if (n->in_ref[k].node >= 0) eval_node(g, (uint32_t)n->in_ref[k].node, ctx, stamp, depth + 1);
    if (n->ops->render) n->ops->render(n, ctx);
}

void ph_graph_eval_recursive(ph_graph *g, const int *roots, uint32_t n_roots, const ph_ctx *ctx,
                             uint32_t stamp)
{
    for (uint32_t r = 0; r < n_roots; r++)
        if (roots[r] >= 0) eval_node(g, (uint32_t)roots[r], ctx, stamp, 0);
    for (uint32_t t = 0; t < g->n_taps; t++)
        eval_node(g, (uint32_t)g->nodes[g->taps[t]].tap_source, ctx, stamp, 0);
}

void ph_sanitize(float *x, uint32_t n, float limit)
{
    ph_sanitize_copy(x, x, n, limit);
}

void ph_sanitize_copy(float *dst, const float *src, uint32_t n, float limit) { sanitize_copy(dst, src, n, limit); }

double ph_window_cycle_at(const ph_window *w, int64_t s)
{
    if (!w->rolling) return ph_rat_to_double(w->clock.anchor_cycle);
    return ph_clock_cycle_at_double(&w->clock, s);
}

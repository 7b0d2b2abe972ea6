/* The render plan (ph_plan.h): the live graph partitioned into tasks for parallel
 * rendering, the dependencies between tasks that let several chunks be in flight at once,
 * and the output captures. */
#include "render/ph_plan.h"
#include "render/ph_lane_groups.h"

#include <stdlib.h>
#include <string.h>

#define PH_TASK_SPLIT_NODES 16 /* see ph_plan_build */

/* The node that stands for i in the task partition: its fused unit's rep, its lane group's
 * first member, or i. */
static uint32_t unit_rep(const ph_graph *g, uint32_t i)
{
    const ph_fuse_unit *u = g->nodes[i].fused;
    return u ? (uint32_t)(u->rep - g->nodes) : ph_lanes_rep(g, i);
}

/* Appends b to list l (at *n) unless it is a or already there (lists are short). */
static void add_unique(uint32_t *l, uint32_t *n, uint32_t a, uint32_t b)
{
    if (b == a) return;
    for (uint32_t k = 0; k < *n; k++)
        if (l[k] == b) return;
    l[(*n)++] = b;
}

/* Fills prod/after (see ph_tasks) and task_of/tap_task, from the consumer lists and the
 * graph's taps. */
static bool build_pipeline_deps(ph_tasks *t, const ph_graph *g, const int32_t *task_of)
{
    uint32_t n = t->n, N = g->n_nodes;
    size_t n_edges = t->cons_start[n];
    /* after[a]: a's consumers, plus per tap (reader task r, source task s) s in after[r]
     * and r in after[s]; at most 2 extra entries per tap. Built in a scratch table. */
    uint32_t *cnt = calloc(n ? n : 1, sizeof *cnt);
    uint32_t *cap = calloc((size_t)n + 1, sizeof *cap);
    t->prod_start = calloc((size_t)n + 1, sizeof *t->prod_start);
    t->prod = malloc((n_edges ? n_edges : 1) * sizeof *t->prod);
    t->after_start = calloc((size_t)n + 1, sizeof *t->after_start);
    t->task_of = malloc((N ? N : 1) * sizeof *t->task_of);
    t->tap_task = malloc((g->n_taps ? g->n_taps : 1) * sizeof *t->tap_task);
    if (!cnt || !cap || !t->prod_start || !t->prod || !t->after_start || !t->task_of || !t->tap_task) {
        free(cnt);
        free(cap);
        return false;
    }
    for (uint32_t i = 0; i < N; i++) t->task_of[i] = task_of[i] >= 0 ? (uint32_t)task_of[i] : UINT32_MAX;
    /* producers: invert the consumer lists */
    for (uint32_t b = 0; b < n; b++)
        for (uint32_t e = t->cons_start[b]; e < t->cons_start[b + 1]; e++) t->prod_start[t->cons[e] + 1]++;
    for (uint32_t a = 0; a < n; a++) t->prod_start[a + 1] += t->prod_start[a];
    for (uint32_t b = 0; b < n; b++)
        for (uint32_t e = t->cons_start[b]; e < t->cons_start[b + 1]; e++) {
            uint32_t a = t->cons[e];
            t->prod[t->prod_start[a] + cnt[a]++] = b;
        }
    /* after: room for the consumers and two per tap, then deduplicated in place */
    for (uint32_t a = 0; a < n; a++) cap[a + 1] = cap[a] + (t->cons_start[a + 1] - t->cons_start[a]) + 2 * g->n_taps;
    t->after = malloc((cap[n] ? cap[n] : 1) * sizeof *t->after);
    if (!t->after) {
        free(cnt);
        free(cap);
        return false;
    }
    memset(cnt, 0, n * sizeof *cnt);
    for (uint32_t a = 0; a < n; a++)
        for (uint32_t e = t->cons_start[a]; e < t->cons_start[a + 1]; e++)
            add_unique(t->after + cap[a], &cnt[a], a, t->cons[e]);
    for (uint32_t k = 0; k < g->n_taps; k++) {
        uint32_t r = t->task_of[g->taps[k]], s = t->task_of[g->nodes[g->taps[k]].tap_source];
        t->tap_task[k] = s;
        if (r == UINT32_MAX || s == UINT32_MAX) continue;
        add_unique(t->after + cap[r], &cnt[r], r, s);
        add_unique(t->after + cap[s], &cnt[s], s, r);
    }
    /* compact */
    uint32_t at = 0;
    for (uint32_t a = 0; a < n; a++) {
        memmove(t->after + at, t->after + cap[a], cnt[a] * sizeof *t->after);
        t->after_start[a] = at;
        at += cnt[a];
    }
    t->after_start[n] = at;
    free(cnt);
    free(cap);
    return true;
}

/* Partition into tasks (see ph_tasks). Roots and nodes with several (or no) consumers
 * start a task; other nodes join their single consumer's task. */
static bool build_tasks(ph_tasks *t, const ph_graph *g, const int *roots, uint32_t n_roots)
{
    uint32_t N = g->n_nodes, M = g->n_order;
    int32_t *consumer = malloc((N ? N : 1) * sizeof *consumer); /* -1 none, -2 several */
    int32_t *task_of = malloc((N ? N : 1) * sizeof *task_of);
    if (!consumer || !task_of) goto fail;
    /* A lane group or a fused unit is one unit here (unit_rep stands for it), so that its
     * members land in one task. A lane group's members share a stage, and fused units are
     * made convex (render/ph_fusion.c), so units stay acyclic; edges inside a unit are
     * not edges between units. */
    for (uint32_t i = 0; i < N; i++) consumer[i] = -1, task_of[i] = -1;
    for (uint32_t k = 0; k < M; k++) {
        uint32_t i = g->order[k], ri = unit_rep(g, i);
        const ph_node *n = &g->nodes[i];
        for (uint32_t j = 0; j < n->n_in; j++) {
            int32_t s = n->in_ref[j].node;
            if (s < 0 || !g->nodes[s].ops->render) continue;
            uint32_t rs = unit_rep(g, (uint32_t)s);
            if (rs == ri) continue; /* inside a fused unit */
            if (consumer[rs] == -1) consumer[rs] = (int32_t)ri;
            else if (consumer[rs] != (int32_t)ri) consumer[rs] = -2;
        }
    }
    for (uint32_t r = 0; r < n_roots; r++)
        if (roots[r] >= 0) consumer[unit_rep(g, (uint32_t)roots[r])] = -2;
    for (uint32_t k = 0; k < g->n_taps; k++) consumer[unit_rep(g, (uint32_t)g->nodes[g->taps[k]].tap_source)] = -2;
    /* Split big in-trees (bench): a tree-shaped graph (W1's voices summed by `+`) would
     * otherwise be one task and never run in parallel. weight = nodes in the in-tree a
     * node heads; a node stays in its consumer's task only if it is the consumer's
     * heaviest in-tree input or a small one (< PH_TASK_SPLIT_NODES nodes). */
    uint32_t *weight = calloc(N ? N : 1, sizeof *weight);
    int32_t *heavy = malloc((N ? N : 1) * sizeof *heavy);
    if (!weight || !heavy) {
        free(weight);
        free(heavy);
        goto fail;
    }
    for (uint32_t i = 0; i < N; i++) heavy[i] = -1;
    for (uint32_t k = 0; k < M; k++) weight[unit_rep(g, g->order[k])] += 1;
    for (uint32_t k = 0; k < M; k++) { /* stage order: producers first */
        uint32_t i = g->order[k];
        if (unit_rep(g, i) != i || consumer[i] < 0) continue;
        uint32_t c = (uint32_t)consumer[i];
        weight[c] += weight[i];
        if (heavy[c] < 0 || weight[i] > weight[heavy[c]]) heavy[c] = (int32_t)i;
    }
    /* reverse topological order: a consumer gets its task before its producers */
    uint32_t n_tasks = 0;
    for (uint32_t k = M; k-- > 0;) {
        uint32_t i = g->order[k];
        if (unit_rep(g, i) != i) continue; /* a group's other members: below */
        bool join = consumer[i] >= 0 && task_of[consumer[i]] >= 0 &&
                    (heavy[consumer[i]] == (int32_t)i || weight[i] < PH_TASK_SPLIT_NODES);
        if (join) task_of[i] = task_of[consumer[i]];
        else task_of[i] = (int32_t)n_tasks++;
    }
    for (uint32_t k = 0; k < M; k++) task_of[g->order[k]] = task_of[unit_rep(g, g->order[k])];
    free(weight);
    free(heavy);
    t->n = n_tasks;
    size_t tn = n_tasks ? n_tasks : 1;
    t->first = calloc(tn, sizeof *t->first);
    t->count = calloc(tn, sizeof *t->count);
    t->nodes = malloc((M ? M : 1) * sizeof *t->nodes);
    t->ndeps = calloc(tn, sizeof *t->ndeps);
    t->cons_start = calloc(tn + 1, sizeof *t->cons_start);
    t->initial = malloc(tn * sizeof *t->initial);
    t->pending = calloc(tn, sizeof *t->pending);
    t->slots = calloc(tn, sizeof *t->slots);
    t->sync = aligned_alloc(64, tn * sizeof *t->sync);
    if (t->sync) memset(t->sync, 0, tn * sizeof *t->sync);
    t->cost = calloc(PH_TASK_COST_PARTS * tn, sizeof *t->cost);
    t->rank = calloc(tn, sizeof *t->rank);
    t->ready = calloc(tn, sizeof *t->ready);
    t->order = calloc(tn, sizeof *t->order);
    t->owner = calloc(tn, sizeof *t->owner);
    t->lists = calloc(tn, sizeof *t->lists);
    if (!t->first || !t->count || !t->nodes || !t->ndeps || !t->cons_start || !t->initial || !t->pending ||
        !t->slots || !t->sync || !t->cost || !t->rank || !t->ready || !t->order || !t->owner || !t->lists)
        goto fail;
    for (uint32_t k = 0; k < M; k++) t->count[task_of[g->order[k]]]++;
    for (uint32_t a = 0, at = 0; a < n_tasks; a++) t->first[a] = at, at += t->count[a], t->count[a] = 0;
    for (uint32_t k = 0; k < M; k++) { /* stage order keeps each task topological */
        uint32_t i = g->order[k], a = (uint32_t)task_of[i];
        t->nodes[t->first[a] + t->count[a]++] = i;
    }
    /* task edges, deduplicated with a stamp per producer task */
    uint32_t *stamp = malloc(tn * sizeof *stamp);
    uint32_t *edges = malloc(((size_t)M * PH_NODE_MAX_IN + 1) * 2 * sizeof *edges);
    uint32_t n_edges = 0;
    if (!stamp || !edges) {
        free(stamp);
        free(edges);
        goto fail;
    }
    for (uint32_t a = 0; a < n_tasks; a++) stamp[a] = UINT32_MAX;
    for (uint32_t a = 0; a < n_tasks; a++) {
        for (uint32_t k = 0; k < t->count[a]; k++) {
            const ph_node *n = &g->nodes[t->nodes[t->first[a] + k]];
            for (uint32_t j = 0; j < n->n_in; j++) {
                int32_t s = n->in_ref[j].node;
                if (s < 0 || !g->nodes[s].ops->render) continue;
                uint32_t b = (uint32_t)task_of[s];
                if (b == a || stamp[b] == a) continue;
                stamp[b] = a;
                edges[2 * n_edges] = b; /* b feeds a */
                edges[2 * n_edges + 1] = a;
                n_edges++;
                t->ndeps[a]++;
                t->cons_start[b + 1]++;
            }
        }
    }
    t->cons = malloc((n_edges ? n_edges : 1) * sizeof *t->cons);
    if (!t->cons) {
        free(stamp);
        free(edges);
        goto fail;
    }
    for (uint32_t a = 0; a < n_tasks; a++) t->cons_start[a + 1] += t->cons_start[a];
    for (uint32_t a = 0; a < n_tasks; a++) stamp[a] = 0;
    for (uint32_t e = 0; e < n_edges; e++) {
        uint32_t b = edges[2 * e], a = edges[2 * e + 1];
        t->cons[t->cons_start[b] + stamp[b]++] = a;
    }
    free(stamp);
    free(edges);
    for (uint32_t a = 0; a < n_tasks; a++)
        if (!t->ndeps[a]) t->initial[t->n_initial++] = a;
    if (!build_pipeline_deps(t, g, task_of)) goto fail;
    /* the tasks' lists keep only the nodes that render something (the others cost a visit
     * per chunk and their cache lines) */
    for (uint32_t a = 0; a < n_tasks; a++) {
        uint32_t kept = 0;
        for (uint32_t k = 0; k < t->count[a]; k++) {
            uint32_t i = t->nodes[t->first[a] + k];
            if (ph_node_renders(&g->nodes[i])) t->nodes[t->first[a] + kept++] = i;
        }
        t->count[a] = kept;
    }
    free(consumer);
    free(task_of);
    return true;
fail:
    free(consumer);
    free(task_of);
    return false;
}

static void free_tasks(ph_tasks *t)
{
    free(t->first);
    free(t->count);
    free(t->nodes);
    free(t->ndeps);
    free(t->cons_start);
    free(t->cons);
    free(t->initial);
    free((void *)t->pending);
    free((void *)t->slots);
    free(t->sync);
    free(t->cost);
    free(t->rank);
    free(t->ready);
    free(t->order);
    free(t->owner);
    free(t->lists);
    free(t->prod_start);
    free(t->prod);
    free(t->after_start);
    free(t->after);
    free(t->task_of);
    free(t->tap_task);
    memset(t, 0, sizeof *t);
}

bool ph_plan_build(ph_plan *pl, ph_graph *g, const int *roots, uint32_t n_roots)
{
    memset(pl, 0, sizeof *pl);
    pl->g = g;
    if (ph_fuse_build(&pl->fusion, g, roots, n_roots, true) && ph_lanes_build(&pl->lanes, g, true) &&
        build_tasks(&pl->tasks, g, roots, n_roots)) {
        pl->serial = malloc((g->n_order ? g->n_order : 1) * sizeof *pl->serial);
        if (pl->serial) {
            for (uint32_t k = 0; k < g->n_order; k++)
                if (ph_node_renders(&g->nodes[g->order[k]])) pl->serial[pl->n_serial++] = g->order[k];
            return true;
        }
    }
    free_tasks(&pl->tasks);
    ph_lanes_free(&pl->lanes, g);
    ph_fuse_free(&pl->fusion, g);
    return false;
}

void ph_plan_free(ph_plan *pl)
{
    if (!pl) return;
    free_tasks(&pl->tasks);
    ph_lanes_free(&pl->lanes, pl->g);
    ph_fuse_free(&pl->fusion, pl->g);
    free(pl->serial);
    pl->serial = NULL;
    pl->n_serial = 0;
    pl->g = NULL;
    pl->n_captures = 0;
}

bool ph_plan_add_capture(ph_plan *pl, int node, uint32_t channel, float *dst)
{
    ph_graph *g = pl->g;
    if (!g || !g->finalized || node < 0 || (uint32_t)node >= g->n_nodes || pl->n_captures == PH_PLAN_MAX_CAPTURES)
        return false;
    const ph_node *n = &g->nodes[node];
    uint32_t task = pl->tasks.task_of ? pl->tasks.task_of[node] : UINT32_MAX;
    if (!n->live || !n->ops->render || task == UINT32_MAX || channel >= n->channels) return false;
    pl->captures[pl->n_captures++] = (ph_capture){.node = (uint32_t)node, .channel = channel, .task = task, .dst = dst};
    return true;
}

static void capture(ph_graph *g, const ph_capture *c, const ph_ctx *ctx, uint32_t offset)
{
    memcpy(c->dst + offset, g->nodes[c->node].out[c->channel], ctx->n * sizeof(float));
}

void ph_plan_chunk_done(ph_plan *pl, const ph_ctx *ctx, uint32_t offset)
{
    ph_graph_commit_taps(pl->g, ctx);
    for (uint32_t k = 0; k < pl->n_captures; k++) capture(pl->g, &pl->captures[k], ctx, offset);
}

void ph_plan_task_done(ph_plan *pl, uint32_t a, const ph_ctx *ctx, uint32_t offset)
{
    for (uint32_t k = 0; k < pl->g->n_taps; k++)
        if (pl->tasks.tap_task[k] == a) ph_graph_commit_tap(pl->g, k, ctx);
    for (uint32_t k = 0; k < pl->n_captures; k++)
        if (pl->captures[k].task == a) capture(pl->g, &pl->captures[k], ctx, offset);
}

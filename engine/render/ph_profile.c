/* Preemption-filtered per-node profiling (see ph_profile.h). */
#include "render/ph_profile.h"

#include <sys/resource.h>
#include <time.h>

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Context switches of the calling thread so far (-1 when unknown: never filter). */
static long switches(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_THREAD, &ru) != 0) return -1;
    return ru.ru_nvcsw + ru.ru_nivcsw;
}

/* Adds the nodes' prof_chunk_ns to prof_ns unless the thread was switched out. */
static bool commit(ph_graph *g, const uint32_t *nodes, uint32_t count, long before)
{
    long after = switches();
    bool clean = before < 0 || after < 0 || after == before;
    for (uint32_t k = 0; k < count; k++) {
        ph_node *n = &g->nodes[nodes[k]];
        if (clean) n->prof_ns += n->prof_chunk_ns;
        n->prof_chunk_ns = 0;
    }
    return clean;
}

void ph_profile_render_chunk(ph_plan *pl, const ph_ctx *ctx)
{
    ph_graph *g = pl->g;
    long before = switches();
    for (uint32_t k = 0; k < g->n_order; k++) { /* order is stage by stage */
        ph_node *n = &g->nodes[g->order[k]];
        const ph_lane_group *lg = n->lanes;
        const ph_fuse_unit *fu = n->fused;
        if (!ph_node_renders(n)) continue; /* its group's first member or unit's rep timed it */
        uint64_t t = now_ns();
        ph_node_render(n, ctx);
        uint64_t d = now_ns() - t;
        if (fu) /* a fused unit's time is shared by its members equally */
            for (uint32_t m = 0; m < fu->n_members; m++) fu->members[m]->prof_chunk_ns = d / fu->n_members;
        else if (!lg) n->prof_chunk_ns = d;
        else /* a lane group's time is shared by its members equally */
            for (uint32_t m = 0; m < lg->count; m++) lg->member[m]->prof_chunk_ns = d / lg->count;
    }
    if (commit(g, g->order, g->n_order, before)) pl->prof_samples += ctx->n;
}

void ph_profile_prepare(ph_plan *pl, const ph_window *w)
{
    ph_graph *g = pl->g;
    long before = switches();
    for (uint32_t k = 0; k < g->n_prepares; k++) {
        ph_node *n = &g->nodes[g->prepares[k]];
        uint64_t t = now_ns();
        n->ops->prepare(n, w);
        n->prof_chunk_ns = now_ns() - t;
    }
    (void)commit(g, g->prepares, g->n_prepares, before);
}


/* Fusion: finding a program's fused units (see ph_fusion.h). */
#include "render/ph_fusion.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static _Atomic bool fusion_on = true;

void ph_fuse_enable(bool on) { fusion_on = on; }


/* A consumer edge: node `node` reads the node it is listed under at input `input`. */
typedef struct edge {
    uint32_t node, input;
} edge;

/* A unit while it is being found. */
typedef struct cand {
    uint32_t lanes, len;
    uint32_t at[PH_FUSE_MAX_LEN][PH_FUSE_MAX_LANES]; /* node of lane l at position k */
    uint32_t *post;                                  /* mixing nodes (into a shared array) */
    uint32_t n_post, cap_post;
    bool alive;
} cand;

typedef struct finder {
    ph_graph *g;
    ph_fuse_desc *desc;
    uint32_t *cstart; /* consumers of node i: cons[cstart[i] .. cstart[i + 1]) */
    edge *cons;
    int32_t *unit_of; /* -1: none */
    int32_t *pos_of;  /* lane position, or -1 - index among the mixing nodes */
    uint32_t *lane_of;
    cand *cands;
    uint32_t n_cands;
} finder;

static bool fusable(const finder *f, uint32_t i)
{
    return f->desc[i].role != PH_FUSE_NONE;
}

static bool same_kind(const finder *f, uint32_t a, uint32_t b)
{
    const ph_node *x = &f->g->nodes[a], *y = &f->g->nodes[b];
    return x->ops == y->ops && f->desc[a].role == f->desc[b].role && f->desc[a].key == f->desc[b].key &&
           f->desc[a].sig == f->desc[b].sig && x->n_in == y->n_in && x->channels == y->channels;
}

static void claim(finder *f, uint32_t u, uint32_t node, uint32_t lane, int32_t pos)
{
    f->unit_of[node] = (int32_t)u;
    f->lane_of[node] = lane;
    f->pos_of[node] = pos;
}

/* Adds position c->len holding y[l] in lane l when y is a new, unshared node of one kind in
 * every lane; true when it was added. */
static bool try_add(finder *f, uint32_t u, const uint32_t *y)
{
    cand *c = &f->cands[u];
    if (c->len == PH_FUSE_MAX_LEN) return false;
    for (uint32_t l = 0; l < c->lanes; l++) {
        if (f->unit_of[y[l]] >= 0 || !fusable(f, y[l]) || !same_kind(f, y[0], y[l])) return false;
        for (uint32_t m = 0; m < l; m++)
            if (y[m] == y[l]) return false; /* shared by two lanes: a parameter, not a lane's */
    }
    for (uint32_t l = 0; l < c->lanes; l++) {
        c->at[c->len][l] = y[l];
        claim(f, u, y[l], l, (int32_t)c->len);
    }
    c->len++;
    return true;
}

/* The consumer of node x at input j with x's kind `like` (unique), or UINT32_MAX. */
static uint32_t consumer_like(const finder *f, uint32_t x, uint32_t j, uint32_t like)
{
    uint32_t found = UINT32_MAX;
    for (uint32_t e = f->cstart[x]; e < f->cstart[x + 1]; e++) {
        uint32_t c = f->cons[e].node;
        if (f->cons[e].input != j || !same_kind(f, c, like)) continue;
        if (found != UINT32_MAX && found != c) return UINT32_MAX; /* two of them: ambiguous */
        found = c;
    }
    return found;
}

/* Grows the lanes of candidate u in lockstep along signal inputs and consumers. */
static void grow(finder *f, uint32_t u)
{
    cand *c = &f->cands[u];
    const ph_graph *g = f->g;
    uint32_t y[PH_FUSE_MAX_LANES];
    for (uint32_t k = 0; k < c->len; k++) {
        const uint32_t x0 = c->at[k][0];
        const ph_node *n0 = &g->nodes[x0];
        /* producers along the signal inputs */
        for (uint32_t j = 0; j < n0->n_in; j++) {
            if (!(f->desc[x0].sig >> j & 1)) continue;
            bool ok = true;
            for (uint32_t l = 0; l < c->lanes && ok; l++) {
                ph_ref r = g->nodes[c->at[k][l]].in_ref[j];
                ok = r.node >= 0 && r.port == 0;
                if (ok) y[l] = (uint32_t)r.node;
            }
            if (ok) (void)try_add(f, u, y);
        }
        /* consumers that read it as their signal */
        for (uint32_t e = f->cstart[x0]; e < f->cstart[x0 + 1]; e++) {
            uint32_t c0 = f->cons[e].node, j = f->cons[e].input;
            if (f->unit_of[c0] >= 0 || !fusable(f, c0) || f->desc[c0].role == PH_FUSE_TAP) continue;
            if (!(f->desc[c0].sig >> j & 1) || g->nodes[c0].in_ref[j].port != 0) continue;
            bool ok = true;
            for (uint32_t l = 0; l < c->lanes && ok; l++) {
                y[l] = consumer_like(f, c->at[k][l], j, c0);
                ok = y[l] != UINT32_MAX;
            }
            if (ok) (void)try_add(f, u, y);
        }
    }
}

/* Whether the lanes of u are wired alike: at every position and input, either the same
 * position of the same lane in every lane, or something outside the unit in every lane
 * (parameters must be outside). And at least one recurrence to put in lanes. */
static bool wired_alike(const finder *f, uint32_t u)
{
    const cand *c = &f->cands[u];
    const ph_graph *g = f->g;
    bool any_lane = false;
    for (uint32_t k = 0; k < c->len; k++) {
        const uint32_t x0 = c->at[k][0];
        any_lane |= f->desc[x0].role == PH_FUSE_LANE;
        for (uint32_t j = 0; j < g->nodes[x0].n_in; j++) {
            int32_t q = -2; /* -2 unset, -1 outside, else the position */
            for (uint32_t l = 0; l < c->lanes; l++) {
                ph_ref r = g->nodes[c->at[k][l]].in_ref[j];
                int32_t here = -1;
                if (r.node >= 0 && f->unit_of[r.node] == (int32_t)u) {
                    if (f->lane_of[r.node] != l || f->pos_of[r.node] < 0 || r.port != 0) return false;
                    here = f->pos_of[r.node];
                }
                if (q != -2 && q != here) return false;
                q = here;
            }
            if (q >= 0 && !(f->desc[x0].sig >> j & 1)) return false; /* a parameter from the unit */
        }
    }
    return any_lane && c->lanes >= 2;
}

static void drop(finder *f, uint32_t u)
{
    cand *c = &f->cands[u];
    for (uint32_t k = 0; k < c->len; k++)
        for (uint32_t l = 0; l < c->lanes; l++) f->unit_of[c->at[k][l]] = -1;
    for (uint32_t p = 0; p < c->n_post; p++) f->unit_of[c->post[p]] = -1;
    c->alive = false;
}

/* What a voice does with node x downstream, as a number: the recurrences along the chain
 * of single consumers that read it as their signal (a few steps, up to the first
 * arithmetic, whose wiring differs from voice to voice in a `+` tree). Seeds group nodes
 * with equal signatures, so that the voices of one shape grow together (a saw into a filter
 * apart from a saw into arithmetic, which both start the same). */
static uint64_t signature(const finder *f, uint32_t x)
{
    const ph_graph *g = f->g;
    uint64_t h = 1469598103934665603u;
    for (int depth = 0; depth < 6; depth++) {
        const ph_node *n = &g->nodes[x];
        h = (h ^ (uintptr_t)n->ops) * 1099511628211u;
        h = (h ^ f->desc[x].key) * 1099511628211u;
        if (f->cstart[x + 1] - f->cstart[x] != 1) break;
        const edge *e = &f->cons[f->cstart[x]];
        if (f->desc[e->node].role != PH_FUSE_LANE || !(f->desc[e->node].sig >> e->input & 1)) break;
        x = e->node;
    }
    return h;
}

/* Seeds of one stage: its unclaimed recurrences grouped by kind and signature (like lane
 * groups), each grown into a candidate. */
static bool seed_stage(finder *f, uint32_t s)
{
    const ph_graph *g = f->g;
    const ph_stage *st = &g->stages[s];
    uint32_t seed[PH_FUSE_MAX_LANES];
    bool *used = calloc(st->count ? st->count : 1, sizeof *used);
    uint64_t *sig = calloc(st->count ? st->count : 1, sizeof *sig);
    if (!used || !sig) {
        free(used);
        free(sig);
        return false;
    }
    for (uint32_t a = 0; a < st->count; a++) {
        uint32_t x = g->order[st->first + a];
        if (f->desc[x].role == PH_FUSE_LANE) sig[a] = signature(f, x);
    }
    for (uint32_t a = 0; a < st->count; a++) {
        uint32_t first = g->order[st->first + a];
        if (used[a] || f->unit_of[first] >= 0 || f->desc[first].role != PH_FUSE_LANE) continue;
        uint32_t m = 0;
        for (uint32_t b = a; b < st->count && m < PH_FUSE_MAX_LANES; b++) {
            uint32_t x = g->order[st->first + b];
            if (used[b] || f->unit_of[x] >= 0 || !same_kind(f, first, x) || sig[b] != sig[a]) continue;
            used[b] = true;
            seed[m++] = x;
        }
        if (m < 2) continue;
        uint32_t u = f->n_cands++;
        cand *c = &f->cands[u];
        memset(c, 0, sizeof *c);
        c->lanes = m;
        c->alive = true;
        c->len = 1;
        for (uint32_t l = 0; l < m; l++) {
            c->at[0][l] = seed[l];
            claim(f, u, seed[l], l, 0);
        }
        grow(f, u);
        if (!wired_alike(f, u)) drop(f, u);
    }
    free(used);
    free(sig);
    return true;
}

/* The mixing after the lanes: in graph order, elementwise nodes whose inputs are members of
 * one unit or constants (at least one member). */
static bool take_mixing(finder *f)
{
    const ph_graph *g = f->g;
    for (uint32_t k = 0; k < g->n_order; k++) {
        uint32_t x = g->order[k];
        if (f->unit_of[x] >= 0 || f->desc[x].role != PH_FUSE_ELEM) continue;
        const ph_node *n = &g->nodes[x];
        int32_t u = -1;
        bool ok = true;
        for (uint32_t j = 0; j < n->n_in && ok; j++) {
            ph_ref r = n->in_ref[j];
            if (r.node < 0 || !g->nodes[r.node].ops->render) continue; /* zeros or a constant */
            int32_t v = f->unit_of[r.node];
            ok = v >= 0 && r.port == 0 && (u < 0 || u == v);
            u = v;
        }
        if (!ok || u < 0) continue;
        cand *c = &f->cands[u];
        if (c->n_post == c->cap_post) {
            uint32_t cap = c->cap_post ? 2 * c->cap_post : 16;
            uint32_t *p = realloc(c->post, cap * sizeof *p);
            if (!p) return false;
            c->post = p;
            c->cap_post = cap;
        }
        claim(f, (uint32_t)u, x, 0, -1 - (int32_t)c->n_post);
        c->post[c->n_post++] = x;
    }
    return true;
}

/* Drops candidate u when something outside it reads the unit and feeds it back in the
 * same chunk (the unit could not render before that reader, nor after it). */
static bool check_convex(finder *f, uint32_t u, bool *dep)
{
    const ph_graph *g = f->g;
    bool bad = false;
    for (uint32_t k = 0; k < g->n_order && !bad; k++) {
        uint32_t x = g->order[k];
        const ph_node *n = &g->nodes[x];
        bool mine = f->unit_of[x] == (int32_t)u, d = mine;
        for (uint32_t j = 0; j < n->n_in; j++) {
            int32_t s = n->in_ref[j].node;
            if (s < 0 || !g->nodes[s].ops->render || f->unit_of[s] == (int32_t)u) continue;
            if (dep[s]) {
                if (mine) bad = true;
                d = true;
            }
        }
        dep[x] = d;
    }
    for (uint32_t k = 0; k < g->n_order; k++) dep[g->order[k]] = false;
    if (bad) drop(f, u);
    return !bad;
}

/* Recomputes the stages with every unit as one node (Kahn's algorithm on the condensed
 * graph), all of a unit's members in its stage, and the order stage by stage (ties in the
 * old order). 1 when done, 0 when the condensed graph has a cycle (nothing changed), -1
 * when out of memory. */
static int restage(ph_graph *g, const int32_t *unit_of, uint32_t n_units)
{
    uint32_t N = g->n_nodes, V = N + n_units;
    uint32_t *level = calloc(V, sizeof *level), *indeg = calloc(V, sizeof *indeg);
    uint32_t *start = calloc((size_t)V + 1, sizeof *start), *queue = malloc(V * sizeof *queue);
    uint32_t n_edges = 0;
    for (uint32_t k = 0; k < g->n_order; k++) n_edges += g->nodes[g->order[k]].n_in;
    uint32_t *adj = malloc((n_edges ? n_edges : 1) * sizeof *adj), *fill = calloc(V, sizeof *fill);
    uint32_t *order = malloc((g->n_order ? g->n_order : 1) * sizeof *order);
    bool ok = level && indeg && start && queue && adj && fill && order;
#define VID(i) (unit_of[i] >= 0 ? N + (uint32_t)unit_of[i] : (uint32_t)(i))
    for (int pass = 0; ok && pass < 2; pass++)
        for (uint32_t k = 0; k < g->n_order; k++) {
            uint32_t x = g->order[k];
            const ph_node *n = &g->nodes[x];
            for (uint32_t j = 0; j < n->n_in; j++) {
                int32_t s = n->in_ref[j].node;
                if (s < 0 || !g->nodes[s].ops->render || VID(s) == VID(x)) continue;
                if (pass == 0) start[VID(s) + 1]++, indeg[VID(x)]++;
                else adj[start[VID(s)] + fill[VID(s)]++] = VID(x);
            }
            if (pass == 0 && k == g->n_order - 1)
                for (uint32_t v = 0; v < V; v++) start[v + 1] += start[v];
        }
    uint32_t qh = 0, qt = 0, max_level = 0, n_vertices = 0;
    bool *seen = ok ? calloc(V, sizeof *seen) : NULL;
    ok = ok && seen;
    for (uint32_t k = 0; ok && k < g->n_order; k++) {
        uint32_t v = VID(g->order[k]);
        if (seen[v]) continue;
        seen[v] = true;
        n_vertices++;
        if (!indeg[v]) queue[qt++] = v;
    }
    while (ok && qh < qt) {
        uint32_t v = queue[qh++];
        if (level[v] > max_level) max_level = level[v];
        for (uint32_t e = start[v]; e < start[v + 1]; e++) {
            uint32_t w = adj[e];
            if (level[w] < level[v] + 1) level[w] = level[v] + 1;
            if (--indeg[w] == 0) queue[qt++] = w;
        }
    }
    /* every vertex reached: the condensed graph is acyclic (what check_convex ensures) */
    bool acyclic = qt == n_vertices;
    ph_stage *stages = ok && acyclic ? calloc(max_level + 1, sizeof *stages) : NULL;
    ok = ok && (!acyclic || stages);
    if (ok && acyclic) {
        for (uint32_t k = 0; k < g->n_order; k++) {
            uint32_t x = g->order[k];
            g->nodes[x].stage = (int32_t)level[VID(x)];
            stages[level[VID(x)]].count++;
        }
        uint32_t at = 0;
        for (uint32_t s = 0; s <= max_level; s++) stages[s].first = at, at += stages[s].count, stages[s].count = 0;
        for (uint32_t k = 0; k < g->n_order; k++) {
            uint32_t x = g->order[k];
            ph_stage *st = &stages[g->nodes[x].stage];
            order[st->first + st->count++] = x;
        }
        memcpy(g->order, order, g->n_order * sizeof *order);
        free(g->stages);
        g->stages = stages;
        g->n_stages = max_level + 1;
    }
#undef VID
    free(level);
    free(indeg);
    free(start);
    free(queue);
    free(adj);
    free(fill);
    free(order);
    free(seen);
    return !ok ? -1 : acyclic ? 1 : 0;
}

static bool is_root(const int *roots, uint32_t n_roots, uint32_t x)
{
    for (uint32_t r = 0; r < n_roots; r++)
        if (roots[r] == (int)x) return true;
    return false;
}

/* Makes the ph_fuse_units of the live candidates, compiles them, links the members. */
static bool make_units(ph_fusion *fu, finder *f, const int *roots, uint32_t n_roots)
{
    ph_graph *g = f->g;
    uint32_t n_units = 0, n_ptrs = 0;
    for (uint32_t u = 0; u < f->n_cands; u++) {
        const cand *c = &f->cands[u];
        if (!c->alive) continue;
        n_units++;
        n_ptrs += 2 * (c->len * c->lanes + c->n_post);
    }
    if (!n_units) return true;
    fu->units = calloc(n_units, sizeof *fu->units);
    fu->mem = malloc(n_ptrs * sizeof *fu->mem);
    if (!fu->units || !fu->mem) return false;
    /* whether anything outside a node's unit reads it */
    ph_node **p = fu->mem;
    for (uint32_t u = 0; u < f->n_cands; u++) {
        cand *c = &f->cands[u];
        if (!c->alive) continue;
        ph_fuse_unit *unit = &fu->units[fu->n_units];
        memset(unit, 0, sizeof *unit);
        unit->fuser = g->fuser;
        unit->n_lanes = c->lanes;
        unit->lane_len = c->len;
        unit->lane = p;
        /* positions in a topological order: by stage (the lanes are wired alike) */
        uint32_t perm[PH_FUSE_MAX_LEN];
        for (uint32_t k = 0; k < c->len; k++) {
            uint32_t j = k;
            while (j > 0 && g->nodes[c->at[perm[j - 1]][0]].stage > g->nodes[c->at[k][0]].stage)
                perm[j] = perm[j - 1], j--;
            perm[j] = k;
        }
        for (uint32_t k = 0; k < c->len; k++)
            for (uint32_t l = 0; l < c->lanes; l++) {
                f->pos_of[c->at[perm[k]][l]] = (int32_t)k;
                *p++ = &g->nodes[c->at[perm[k]][l]];
            }
        unit->n_post = c->n_post;
        unit->post = p;
        for (uint32_t q = 0; q < c->n_post; q++) *p++ = &g->nodes[c->post[q]];
        unit->members = p;
        for (uint32_t k = 0; k < g->n_order; k++)
            if (f->unit_of[g->order[k]] == (int32_t)u) *p++ = &g->nodes[g->order[k]];
        unit->n_members = (uint32_t)(p - unit->members);
        for (uint32_t m = 0; m < unit->n_members; m++) {
            ph_node *n = unit->members[m];
            uint32_t x = (uint32_t)(n - g->nodes);
            n->fused = unit; /* for the fuser's compile; final below */
            n->fuse_pos = f->pos_of[x];
            n->fuse_lane = f->lane_of[x];
            bool out = is_root(roots, n_roots, x);
            for (uint32_t e = f->cstart[x]; e < f->cstart[x + 1] && !out; e++)
                out = f->unit_of[f->cons[e].node] != (int32_t)u;
            n->fuse_out = out;
        }
        for (uint32_t t = 0; t < g->n_taps; t++) {
            int32_t src = g->nodes[g->taps[t]].tap_source;
            if (src >= 0 && f->unit_of[src] == (int32_t)u) g->nodes[src].fuse_out = true;
        }
        if (!g->fuser->compile(unit, g)) {
            for (uint32_t m = 0; m < unit->n_members; m++) unit->members[m]->fused = NULL;
            drop(f, u);
            continue;
        }
        unit->rep = unit->members[0];
        fu->n_units++;
    }
    /* the unit numbers of the kept candidates, for the restaging */
    for (uint32_t i = 0; i < g->n_nodes; i++) f->unit_of[i] = -1;
    for (uint32_t u = 0; u < fu->n_units; u++)
        for (uint32_t m = 0; m < fu->units[u].n_members; m++) {
            ph_node *n = fu->units[u].members[m];
            f->unit_of[n - g->nodes] = (int32_t)u;
            n->fused = &fu->units[u];
        }
    int r = restage(g, f->unit_of, fu->n_units);
    if (r == 0) ph_fuse_free(fu, g); /* cannot happen (check_convex); then no unit at all */
    return r >= 0;
}

bool ph_fuse_build(ph_fusion *fu, ph_graph *g, const int *roots, uint32_t n_roots, bool enabled)
{
    memset(fu, 0, sizeof *fu);
    if (!enabled || !fusion_on || ph_plan_off_by_env("PHONON_FUSE") || !g->fuser || !g->n_order) return true;
    uint32_t N = g->n_nodes;
    finder f = {.g = g};
    f.desc = calloc(N, sizeof *f.desc);
    f.cstart = calloc((size_t)N + 1, sizeof *f.cstart);
    f.unit_of = malloc(N * sizeof *f.unit_of);
    f.pos_of = calloc(N, sizeof *f.pos_of);
    f.lane_of = calloc(N, sizeof *f.lane_of);
    f.cands = malloc((g->n_order / 2 + 1) * sizeof *f.cands);
    bool *dep = calloc(N, sizeof *dep);
    bool ok = f.desc && f.cstart && f.unit_of && f.pos_of && f.lane_of && f.cands && dep;
    uint32_t n_edges = 0;
    for (uint32_t i = 0; ok && i < N; i++) {
        ph_node *n = &g->nodes[i];
        f.unit_of[i] = -1;
        if (!n->live || !n->ops->render) continue;
        if (n->tap_source >= 0) {
            if (n->channels == 1) f.desc[i].role = PH_FUSE_TAP;
        } else {
            g->fuser->describe(g, n, &f.desc[i]);
        }
        for (uint32_t j = 0; j < n->n_in; j++)
            if (n->in_ref[j].node >= 0) f.cstart[n->in_ref[j].node + 1]++, n_edges++;
    }
    f.cons = ok ? malloc((n_edges ? n_edges : 1) * sizeof *f.cons) : NULL;
    uint32_t *fill = ok ? calloc(N, sizeof *fill) : NULL;
    ok = ok && f.cons && fill;
    if (ok) {
        for (uint32_t i = 0; i < N; i++) f.cstart[i + 1] += f.cstart[i];
        for (uint32_t k = 0; k < g->n_order; k++) { /* consumers in graph order */
            uint32_t i = g->order[k];
            const ph_node *n = &g->nodes[i];
            for (uint32_t j = 0; j < n->n_in; j++) {
                int32_t s = n->in_ref[j].node;
                if (s >= 0) f.cons[f.cstart[s] + fill[s]++] = (edge){i, j};
            }
        }
    }
    for (uint32_t s = 0; ok && s < g->n_stages; s++) ok = seed_stage(&f, s);
    ok = ok && take_mixing(&f);
    for (uint32_t u = 0; ok && u < f.n_cands; u++)
        if (f.cands[u].alive) (void)check_convex(&f, u, dep);
    ok = ok && make_units(fu, &f, roots, n_roots);
    free(fill);
    for (uint32_t u = 0; f.cands && u < f.n_cands; u++) free(f.cands[u].post);
    free(f.desc);
    free(f.cstart);
    free(f.cons);
    free(f.unit_of);
    free(f.pos_of);
    free(f.lane_of);
    free(f.cands);
    free(dep);
    if (!ok) ph_fuse_free(fu, g);
    return ok;
}

void ph_fuse_free(ph_fusion *fu, ph_graph *g)
{
    for (uint32_t u = 0; u < fu->n_units; u++) {
        ph_fuse_unit *unit = &fu->units[u];
        if (unit->fuser && unit->fuser->release) unit->fuser->release(unit);
        if (g)
            for (uint32_t m = 0; m < unit->n_members; m++) unit->members[m]->fused = NULL;
    }
    free(fu->units);
    free(fu->mem);
    memset(fu, 0, sizeof *fu);
}

bool ph_plan_off_by_env(const char *name)
{
    const char *v = getenv(name);
    return v && (!strcmp(v, "off") || !strcmp(v, "0"));
}

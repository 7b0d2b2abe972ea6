/* ph_program_compile: parse, order the buses (breaking feedback cycles by the rule in
 * ph_compile.h), compile every statement into the graph, finalize. Nothing is half
 * compiled: any error frees everything and returns NULL. */
#include "compile/ph_compile.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/ph_lang.h"

typedef struct ph_owned {
    void *ptr;
    void (*free_fn)(void *);
    struct ph_owned *next;
} ph_owned;

static void free_owned(void *list)
{
    ph_owned *o = list;
    while (o) {
        ph_owned *next = o->next;
        if (o->free_fn) o->free_fn(o->ptr);
        free(o);
        o = next;
    }
}

bool ph_cc_own(ph_cc *c, void *ptr, void (*free_fn)(void *))
{
    ph_owned *o = malloc(sizeof *o);
    if (!o) {
        free_fn(ptr);
        ph_cc_error(c, NULL, "out of memory");
        return false;
    }
    o->ptr = ptr;
    o->free_fn = free_fn;
    o->next = c->owned;
    c->owned = o;
    return true;
}

cv ph_cc_error(ph_cc *c, const ph_ast_node *at, const char *fmt, ...)
{
    if (!c->failed) {
        c->failed = true;
        c->err->line = at ? at->line : 0;
        c->err->column = at ? at->column : 0;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err->message, sizeof c->err->message, fmt, ap);
        va_end(ap);
    }
    cv v;
    memset(&v, 0, sizeof v);
    v.kind = CV_NUM;
    v.at = at;
    v.node = v.driver = -1;
    return v;
}

bool ph_cc_ok(const ph_cc *c) { return !c->failed; }

/* ---- bus reference graph ----------------------------------------------------------- */

typedef struct refs {
    int *to; /* referenced statement indices, per statement: [start[i], start[i+1]) */
    int *start;
} refs;

static void collect(const ph_ast_node *n, int *out, int *count, int cap)
{
    if (!n) return;
    if (n->kind == PH_AST_BUS && n->macro == 0 && n->bus_stmt >= 0) {
        if (*count < cap) out[*count] = n->bus_stmt;
        (*count)++;
    }
    collect(n->lhs, out, count, cap);
    collect(n->rhs, out, count, cap);
    for (size_t i = 0; i < n->n_items; i++) collect(n->items[i], out, count, cap);
}

static bool build_refs(const ph_ast_program *ast, refs *r)
{
    size_t ns = ast->n_stmts;
    r->start = calloc(ns + 1, sizeof *r->start);
    if (!r->start) return false;
    int total = 0;
    for (size_t i = 0; i < ns; i++) {
        int cnt = 0;
        if (ast->stmts[i].kind != PH_STMT_TEMPO) collect(ast->stmts[i].expr, NULL, &cnt, 0);
        r->start[i] = total;
        total += cnt;
    }
    r->start[ns] = total;
    r->to = malloc((size_t)(total ? total : 1) * sizeof *r->to);
    if (!r->to) return false;
    for (size_t i = 0; i < ns; i++) {
        int cnt = 0;
        if (ast->stmts[i].kind != PH_STMT_TEMPO)
            collect(ast->stmts[i].expr, r->to + r->start[i], &cnt, r->start[i + 1] - r->start[i]);
    }
    return true;
}

/* Tarjan's strongly connected components, iterative (no recursion on user input). */
static bool tarjan(size_t ns, const refs *r, int *comp)
{
    int *index = malloc(ns * sizeof *index), *low = malloc(ns * sizeof *low);
    int *stack = malloc(ns * sizeof *stack), *cs_node = malloc(ns * sizeof *cs_node);
    int *cs_edge = malloc(ns * sizeof *cs_edge);
    bool *on = calloc(ns, sizeof *on);
    bool ok = index && low && stack && cs_node && cs_edge && on;
    if (ok) {
        for (size_t i = 0; i < ns; i++) index[i] = -1;
        int next = 0, sp = 0, ncomp = 0;
        for (size_t root = 0; root < ns; root++) {
            if (index[root] >= 0) continue;
            int csp = 0;
            cs_node[csp] = (int)root;
            cs_edge[csp++] = r->start[root];
            index[root] = low[root] = next++;
            stack[sp++] = (int)root;
            on[root] = true;
            while (csp) {
                int v = cs_node[csp - 1];
                if (cs_edge[csp - 1] < r->start[v + 1]) {
                    int w = r->to[cs_edge[csp - 1]++];
                    if (index[w] < 0) {
                        index[w] = low[w] = next++;
                        stack[sp++] = w;
                        on[w] = true;
                        cs_node[csp] = w;
                        cs_edge[csp++] = r->start[w];
                    } else if (on[w] && index[w] < low[v]) {
                        low[v] = index[w];
                    }
                    continue;
                }
                if (low[v] == index[v]) {
                    int w;
                    do {
                        w = stack[--sp];
                        on[w] = false;
                        comp[w] = ncomp;
                    } while (w != v);
                    ncomp++;
                }
                csp--;
                if (csp) {
                    int u = cs_node[csp - 1];
                    if (low[v] < low[u]) low[u] = low[v];
                }
            }
        }
    }
    free(index);
    free(low);
    free(stack);
    free(cs_node);
    free(cs_edge);
    free(on);
    return ok;
}

/* ---- statements -------------------------------------------------------------------- */

static bool delayed(const ph_cc *c, int from, int to) { return c->scc[from] == c->scc[to] && to >= from; }

static void compile_stmt_expr(ph_cc *c, int i)
{
    const ph_ast_stmt *st = &c->ast->stmts[i];
    int saved = c->cur_stmt;
    c->cur_stmt = i;
    cv v = ph_cc_expr(c, st->expr);
    uint32_t ch = 1;
    ph_ref r = ph_cc_signal(c, &v, &ch);
    c->cur_stmt = saved;
    if (!ph_cc_ok(c)) return;
    c->bus_node[i] = r.node;
    c->bus_channels[i] = ch;
    c->bus_driver[i] = v.driver;
}

/* Compiles bus statement i. Statements are compiled in topo_order, so every bus it reads
 * without delay is already compiled (no recursion: long bus chains cannot overflow the
 * stack). */
static void compile_bus(ph_cc *c, int i)
{
    if (c->state[i] == 2) return;
    c->state[i] = 1;
    compile_stmt_expr(c, i);
    c->state[i] = 2;
}

/* Statement order in which every undelayed reference is compiled before its reader:
 * iterative depth-first post-order over undelayed edges, roots in source order. */
static bool topo_order(ph_cc *c, const refs *r, int *order)
{
    size_t ns = c->ast->n_stmts;
    int *stk = malloc((ns ? ns : 1) * sizeof *stk), *edge = malloc((ns ? ns : 1) * sizeof *edge);
    uint8_t *mark = calloc(ns ? ns : 1, 1);
    if (!stk || !edge || !mark) {
        free(stk);
        free(edge);
        free(mark);
        return false;
    }
    int n = 0;
    for (size_t root = 0; root < ns; root++) {
        if (mark[root]) continue;
        int sp = 0;
        stk[sp] = (int)root;
        edge[sp++] = r->start[root];
        mark[root] = 1;
        while (sp) {
            int v = stk[sp - 1];
            if (edge[sp - 1] < r->start[v + 1]) {
                int w = r->to[edge[sp - 1]++];
                if (!mark[w] && !delayed(c, v, w)) {
                    mark[w] = 1;
                    stk[sp] = w;
                    edge[sp++] = r->start[w];
                }
                continue;
            }
            order[n++] = v;
            sp--;
        }
    }
    free(stk);
    free(edge);
    free(mark);
    return true;
}

/* Bus reference from the statement being compiled. */
cv ph_cc_bus_ref(ph_cc *c, const ph_ast_node *n)
{
    int b = n->bus_stmt;
    if (b < 0 || (size_t)b >= c->ast->n_stmts || c->ast->stmts[b].kind != PH_STMT_BUS)
        return ph_cc_error(c, n, "unknown bus '~%s'", n->text ? n->text : "?");
    if (delayed(c, c->cur_stmt, b)) {
        if (c->tap[b] < 0) {
            uint32_t ch = c->tap_channels_hint ? c->tap_channels_hint[b] : 1;
            c->tap[b] = ph_graph_add_tap(c->g, ch ? ch : 1);
            if (c->tap[b] < 0) return ph_cc_error(c, n, "out of memory");
            snprintf(c->g->nodes[c->tap[b]].label, sizeof c->g->nodes[0].label, "~%s (previous block)",
                     n->text);
        }
        return ph_cc_sig(c->tap[b], c->g->nodes[c->tap[b]].channels, n);
    }
    if (c->state[b] == 1) /* cannot happen: a cycle always has a delayed edge */
        return ph_cc_error(c, n, "internal error: bus '~%s' read while being compiled", n->text);
    if (c->state[b] != 2) return ph_cc_error(c, n, "internal error: bus '~%s' not compiled yet", n->text);
    cv v = ph_cc_sig(c->bus_node[b], c->bus_channels[b], n);
    v.driver = c->bus_driver[b];
    return v;
}

static ph_program *compile_pass(const ph_ast_program *ast, const ph_settings *s, ph_diag *err,
                                const uint32_t *hint, uint32_t *channels_out)
{
    size_t ns = ast->n_stmts;
    ph_cc cc;
    memset(&cc, 0, sizeof cc);
    ph_cc *c = &cc;
    c->ast = ast;
    c->set = s;
    c->err = err;
    c->tap_channels_hint = hint;
    c->p = ph_program_alloc();
    size_t n1 = ns ? ns : 1;
    c->bus_node = malloc(n1 * sizeof(int));
    c->bus_channels = calloc(n1, sizeof(uint32_t));
    c->bus_driver = malloc(n1 * sizeof(int));
    c->tap = malloc(n1 * sizeof(int));
    c->scc = malloc(n1 * sizeof(int));
    c->state = calloc(n1, 1);
    refs r = {0};
    if (!c->p || !c->bus_node || !c->bus_channels || !c->bus_driver || !c->tap || !c->scc ||
        !c->state || !build_refs(ast, &r) || !tarjan(ns, &r, c->scc)) {
        ph_cc_error(c, NULL, "out of memory");
    } else {
        c->g = &c->p->g;
        c->heap = ph_heap_new();
        if (!c->heap || !ph_cc_own(c, c->heap, (void (*)(void *))ph_heap_free)) ph_cc_error(c, NULL, "out of memory");
        for (size_t i = 0; i < ns; i++) c->bus_node[i] = c->bus_driver[i] = c->tap[i] = -1;
        c->p->cps = ast->cps;
        c->p->aux_outputs = ast->max_out;
        int *order = malloc(n1 * sizeof *order);
        if (!order || !topo_order(c, &r, order)) ph_cc_error(c, NULL, "out of memory");
        for (size_t k = 0; k < ns && ph_cc_ok(c); k++) {
            size_t i = (size_t)order[k];
            const ph_ast_stmt *st = &ast->stmts[i];
            if (st->kind == PH_STMT_BUS) {
                c->cur_stmt = (int)i;
                compile_bus(c, (int)i);
            } else if (st->kind == PH_STMT_OUT) {
                c->cur_stmt = (int)i;
                compile_stmt_expr(c, (int)i);
                if (!ph_cc_ok(c)) break;
                if (st->channel == 0) c->p->main_node = c->bus_node[i];
                else if (st->channel >= 1 && st->channel <= PH_AUX_CHANNELS)
                    c->p->aux_node[st->channel - 1] = c->bus_node[i];
            }
        }
        free(order);
        for (size_t i = 0; i < ns && ph_cc_ok(c); i++)
            if (c->tap[i] >= 0) ph_graph_set_tap_source(c->g, c->tap[i], c->bus_node[i]);
        if (channels_out)
            for (size_t i = 0; i < ns; i++) channels_out[i] = c->bus_channels[i];
        char msg[256];
        if (ph_cc_ok(c) && !ph_program_finish(c->p, msg, sizeof msg)) ph_cc_error(c, NULL, "%s", msg);
    }
    free(r.to);
    free(r.start);
    free(c->bus_node);
    free(c->bus_channels);
    free(c->bus_driver);
    free(c->tap);
    free(c->scc);
    free(c->state);
    if (c->p) {
        c->p->owned = c->owned;
        c->p->free_owned = free_owned;
    } else {
        free_owned(c->owned);
    }
    if (!ph_cc_ok(c)) {
        ph_program_free(c->p);
        return NULL;
    }
    return c->p;
}

ph_program *ph_program_compile(const char *text, size_t len, const ph_settings *s, ph_diag *err)
{
    ph_diag dummy;
    if (!err) err = &dummy;
    memset(err, 0, sizeof *err);
    if (!text || !s) {
        snprintf(err->message, sizeof err->message, "no text or settings");
        return NULL;
    }
    ph_ast_program *ast = ph_lang_parse(text, len, err);
    if (!ast) return NULL;
    /* Pass 1 learns each bus's channel count so that pass 2 can size the feedback taps
     * (a tap is created before the bus it reads is compiled). */
    size_t ns = ast->n_stmts ? ast->n_stmts : 1;
    uint32_t *ch = calloc(ns, sizeof *ch);
    ph_program *p = NULL;
    if (!ch) {
        snprintf(err->message, sizeof err->message, "out of memory");
    } else {
        p = compile_pass(ast, s, err, NULL, ch);
        bool need = false;
        for (uint32_t i = 0; p && i < p->g.n_nodes; i++) {
            const ph_node *n = &p->g.nodes[i];
            if (n->tap_source >= 0 && n->channels != p->g.nodes[n->tap_source].channels) need = true;
        }
        if (need) {
            ph_program_free(p);
            p = compile_pass(ast, s, err, ch, NULL);
        }
    }
    free(ch);
    ph_ast_free(ast);
    return p;
}

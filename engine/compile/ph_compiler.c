/* ph_compile: parse, order the buses (breaking feedback cycles by the rule in
 * ph_compile.h), evaluate every statement and lower what plays into the patch's graph.
 * Nothing is half compiled: any error frees everything and returns NULL. */
#include "compile/ph_compiler.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/ph_compile.h"
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

bool ph_compiler_own(ph_compiler *c, void *ptr, void (*free_fn)(void *))
{
    ph_owned *o = malloc(sizeof *o);
    if (!o) {
        free_fn(ptr);
        ph_compiler_error(c, NULL, "out of memory");
        return false;
    }
    o->ptr = ptr;
    o->free_fn = free_fn;
    o->next = c->owned;
    c->owned = o;
    return true;
}

ph_term ph_compiler_error(ph_compiler *c, const ph_ast_node *at, const char *fmt, ...)
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
    return ph_term_num(0, at);
}

bool ph_compiler_ok(const ph_compiler *c) { return !c->failed; }

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
        if (!ast->stmts[i].superseded) collect(ast->stmts[i].expr, NULL, &cnt, 0);
        r->start[i] = total;
        total += cnt;
    }
    r->start[ns] = total;
    r->to = malloc((size_t)(total ? total : 1) * sizeof *r->to);
    if (!r->to) return false;
    for (size_t i = 0; i < ns; i++) {
        int cnt = 0;
        if (!ast->stmts[i].superseded)
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

static bool delayed(const ph_compiler *c, int from, int to) { return c->scc[from] == c->scc[to] && to >= from; }

/* Evaluates statement i. A bus keeps its value (so a pattern bus is still a pattern where
 * it is used); a sound is played once, here, so that every reader hears the same voices. */
static void compile_stmt(ph_compiler *c, int i)
{
    const ph_ast_stmt *st = &c->ast->stmts[i];
    int saved = c->cur_stmt;
    c->cur_stmt = i;
    ph_term v = ph_eval(c, st->expr);
    if (ph_compiler_ok(c) && st->kind == PH_STMT_OUT) ph_midi_output(c, &v, st->channel); /* MIDI programs */
    if (ph_compiler_ok(c) && ((v.type == PH_T_SOUND && v.playable) || st->kind == PH_STMT_OUT)) {
        uint32_t ch;
        ph_lower(c, &v, PH_PATSIG_SMOOTH, &ch);
    }
    c->cur_stmt = saved;
    c->bus_val[i] = v;
}

/* Compiles bus statement i. Statements are compiled in topo_order, so every bus it reads
 * without delay is already compiled (no recursion: long bus chains cannot overflow the
 * stack). */
static void compile_bus(ph_compiler *c, int i)
{
    if (c->state[i] == 2) return;
    c->state[i] = 1;
    if (!c->ast->stmts[i].modifier) compile_stmt(c, i); /* a modifier is expanded where used */
    c->state[i] = 2;
}

/* Statement order in which every undelayed reference is compiled before its reader:
 * iterative depth-first post-order over undelayed edges, roots in source order. */
static bool topo_order(ph_compiler *c, const refs *r, int *order)
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

/* Whether expression n reaches modifier bus `target` through modifier buses (whose chains
 * are expanded where used, possibly later, inside a function: a cycle would never end).
 * Each modifier statement is entered once (seen[]), so the walk is linear in the program. */
static bool modifier_reaches(const ph_compiler *c, const ph_ast_node *n, int target, bool *seen)
{
    if (!n) return false;
    if (n->kind == PH_AST_BUS && !n->macro && n->bus_stmt >= 0 && c->ast->stmts[n->bus_stmt].modifier) {
        if (n->bus_stmt == target) return true;
        if (!seen[n->bus_stmt]) {
            seen[n->bus_stmt] = true;
            if (modifier_reaches(c, c->ast->stmts[n->bus_stmt].expr, target, seen)) return true;
        }
    }
    if (modifier_reaches(c, n->lhs, target, seen) || modifier_reaches(c, n->rhs, target, seen)) return true;
    for (size_t i = 0; i < n->n_items; i++)
        if (modifier_reaches(c, n->items[i], target, seen)) return true;
    return false;
}

static bool modifier_cycles(const ph_compiler *c, int b)
{
    bool *seen = calloc(c->ast->n_stmts, sizeof *seen);
    bool cycle = !seen || modifier_reaches(c, c->ast->stmts[b].expr, b, seen);
    free(seen);
    return cycle;
}

/* Bus reference from the statement being compiled: the bus's value (its signal, or its
 * pattern or function), or, across a feedback edge, its previous block through a tap. */
ph_term ph_compiler_bus_ref(ph_compiler *c, const ph_ast_node *n)
{
    int b = n->bus_stmt;
    if (!c->ast || b < 0 || (size_t)b >= c->ast->n_stmts || c->ast->stmts[b].kind != PH_STMT_BUS)
        return ph_compiler_error(c, n, "unknown bus '%s%s'%s", ph_bus_sigil(n->text), n->text ? n->text : "?",
                           c->g ? "" : " (buses belong to programs; a pattern expression cannot use them)");
    if (delayed(c, c->cur_stmt, b)) {
        if (!c->g)
            return ph_compiler_error(c, n, "'%s%s' reads itself (feedback), which needs a program", ph_bus_sigil(n->text),
                                     n->text);
        if (c->tap[b] < 0) {
            uint32_t ch = c->tap_channels_hint ? c->tap_channels_hint[b] : 1;
            c->tap[b] = ph_graph_add_tap(c->g, ch ? ch : 1);
            if (c->tap[b] < 0) return ph_compiler_error(c, n, "out of memory");
            snprintf(c->g->nodes[c->tap[b]].label, sizeof c->g->nodes[0].label, "%s%s (previous block)",
                     ph_bus_sigil(n->text), n->text);
        }
        return ph_term_sig(c->tap[b], c->g->nodes[c->tap[b]].channels, n);
    }
    if (c->state[b] != 2) /* cannot happen: a cycle always has a delayed edge */
        return ph_compiler_error(c, n, "internal error: bus '~%s' read before it is compiled", n->text);
    const ph_ast_stmt *st = &c->ast->stmts[b];
    if (st->modifier) {
        /* `~fx # lpf 800 # delay 0.3`: the chain, evaluated here, at each use (the seed's
         * modifier buses expand where they are used: `x # ~fx`, `~lfo * 500`) */
        if (c->expanding[b] || modifier_cycles(c, b))
            return ph_compiler_error(c, n, "%s '%s%s' uses itself", n->text[0] == '@' ? "template" : "modifier bus",
                                     ph_bus_sigil(n->text), n->text);
        /* each use expands the chain again: chains that use chains twice over would grow
         * without bound, so a program gets a fixed number of expansions */
        if (++c->n_expansions > PH_MODIFIER_EXPANSIONS)
            return ph_compiler_error(c, n, "modifier buses expand more than %d times (chains using chains many times over)",
                                     PH_MODIFIER_EXPANSIONS);
        c->expanding[b] = 1;
        ph_term t = ph_eval_modifier(c, st->expr);
        c->expanding[b] = 0;
        return t;
    }
    if (c->n_wrap && c->bus_val[b].type == PH_T_SIG) {
        /* read under transforms (`~drums $ fast 2`): the bus's expression evaluated again,
         * as the seed does, so that its patterns and sounds are transformed; a sound stays
         * a sound (played where it is used) */
        int saved = c->cur_stmt;
        c->cur_stmt = b;
        ph_term t = ph_eval(c, st->expr);
        c->cur_stmt = saved;
        t.at = n;
        return t;
    }
    /* What a reader gets: the value and what drives it, not the chain's gating state
     * (an envelope on one reader must not ungate another reader's oscillators). */
    const ph_term *v = &c->bus_val[b];
    ph_term r = *v;
    r.at = n;
    r.n_gate_osc = 0;
    r.n_lanes = 0;
    r.lane_own_gates = false;
    return r;
}

/* Loads, into every voice node's sample folder, each sound named by a word of the
 * program's strings, so that a sound first played late (`"<bd sn>/100"`) or by a rare
 * random choice is there too: words are runs of letters, digits, '_' and '-'. */
static void preload_named(ph_compiler *c, const ph_ast_node *n)
{
    if (!n || !ph_compiler_ok(c)) return;
    if (n->kind == PH_AST_STR && n->text) {
        for (size_t i = 0; i < n->len;) {
            size_t j = i;
            while (j < n->len && (isalnum((unsigned char)n->text[j]) || n->text[j] == '_' || n->text[j] == '-')) j++;
            if (j > i && j - i < 128) {
                char name[128], err[300];
                memcpy(name, n->text + i, j - i);
                name[j - i] = 0;
                for (int k = 0; k < c->n_voice_nodes; k++)
                    if (ph_node_voices_preload(c->g, c->voice_nodes[k], name, err, sizeof err) != 0) {
                        ph_compiler_error(c, n, "%s", err);
                        return;
                    }
            }
            i = j > i ? j : i + 1;
        }
    }
    preload_named(c, n->lhs);
    preload_named(c, n->rhs);
    for (size_t k = 0; k < n->n_items; k++) preload_named(c, n->items[k]);
}

/* The value of the bus that a tap reads, as a signal. */
static int tap_source(ph_compiler *c, size_t i)
{
    ph_term *v = &c->bus_val[i];
    uint32_t ch;
    ph_ref r = ph_lower(c, v, PH_PATSIG_SMOOTH, &ch);
    return r.node;
}

/* The outputs as the seed plays them: `hush`, `hushN`, `unhush`, `panic` in text order
 * silence outputs; the numbered outputs are also mixed into the main one, under the
 * `outmix:` policy (none: a plain sum, gain: / number of outputs, sqrt: / its square root,
 * tanh: soft saturation, hard: clipped to +-1; separate: not mixed, Phonon's own for
 * Phonon 16's separate ports). The orbits' effects (ph_orbits.c: the reverb and delay
 * that `room` and `delay` send to, fed by the voices every output plays) join the main
 * mix before tanh/hard, without counting as outputs for gain/sqrt. */
static void mix_outputs(ph_compiler *c, ph_patch *patch, const int *outs, const uint32_t *out_ch)
{
    const ph_ast_program *ast = c->ast;
    bool muted[1 + PH_AUX_CHANNELS] = {0};
    const char *mode = "none";
    for (size_t i = 0; i < ast->n_stmts; i++) {
        const ph_ast_stmt *st = &ast->stmts[i];
        if (st->kind == PH_STMT_OUTMIX && !st->superseded) mode = st->name;
        if (st->kind != PH_STMT_HUSH) continue;
        for (int k = 0; k <= PH_AUX_CHANNELS; k++)
            if (st->channel < 0 || st->channel == k) muted[k] = !st->unhush;
    }
    for (int k = 1; k <= PH_AUX_CHANNELS; k++) patch->aux_node[k - 1] = muted[k] ? -1 : outs[k];
    ph_ref in[1 + PH_AUX_CHANNELS + PH_VOICE_ORBITS];
    int roots[1 + PH_AUX_CHANNELS], orbit_nodes[PH_VOICE_ORBITS];
    uint32_t n = 0, ch = 1, n_roots = 0;
    for (int k = 0; k <= PH_AUX_CHANNELS; k++) {
        if (outs[k] >= 0 && !muted[k]) roots[n_roots++] = outs[k];
        if (outs[k] < 0 || muted[k] || (k > 0 && !strcmp(mode, "separate"))) continue;
        in[n++] = ph_ref_audio(outs[k]);
        if (out_ch[k] > ch) ch = out_ch[k];
    }
    int n_orbits = ph_orbits_wire(c, roots, n_roots, orbit_nodes);
    if (!ph_compiler_ok(c)) return;
    uint32_t n_mixed = n;
    for (int k = 0; k < n_orbits; k++) in[n_mixed++] = ph_ref_audio(orbit_nodes[k]);
    if (n_orbits) ch = 2;
    if (n_mixed == 0) return;
    int node = n_mixed == 1 ? in[0].node : ph_mix_tree(c->g, in, n_mixed, ch);
    if (node >= 0 && n > 1 && (!strcmp(mode, "gain") || !strcmp(mode, "sqrt"))) {
        int g = ph_node_const(c->g, (float)(!strcmp(mode, "gain") ? 1.0 / n : 1.0 / sqrt((double)n)));
        node = g < 0 ? -1 : ph_node_binop(c->g, PH_BIN_MUL, ph_ref_audio(node), ph_ref_audio(g), ch);
    } else if (node >= 0 && (!strcmp(mode, "tanh") || !strcmp(mode, "hard"))) {
        ph_node_args a;
        memset(&a, 0, sizeof a);
        a.rate = ph_compiler_rate(c);
        a.in = ph_ref_audio(node);
        a.channels = ch;
        uint32_t oc;
        bool hard = !strcmp(mode, "hard");
        int p0 = ph_node_const(c->g, hard ? -1.0f : 0.0f), p1 = ph_node_const(c->g, 1.0f);
        a.param[0] = ph_ref_audio(p0);
        a.param[1] = ph_ref_audio(p1);
        a.n_param = hard ? 2 : 1;
        node = p0 < 0 || p1 < 0 ? -1 : hard ? ph_make_clip(c->g, &a, &oc) : ph_make_distort(c->g, &a, &oc);
    }
    if (node < 0) {
        ph_compiler_error(c, NULL, "out of memory");
        return;
    }
    if (n_mixed > 1 || n == 1)
        snprintf(c->g->nodes[node].label, sizeof c->g->nodes[0].label, "%s",
                 n_mixed > n ? "outputs and orbits mixed" : n > 1 ? "outputs mixed" : "out");
    patch->main_node = node;
}

/* Whether bus name is dN or outN (N digits): the seed's speaker routes. */
static bool route_name(const char *name)
{
    const char *d = !strncmp(name, "out", 3) ? name + 3 : name[0] == 'd' ? name + 1 : NULL;
    if (!d || !*d) return false;
    for (; *d; d++)
        if (!isdigit((unsigned char)*d)) return false;
    return true;
}

/* A program with no output statement plays as the seed's does: ~master, else ~out, else
 * the sum of the ~dN / ~outN buses, else every bus that makes sound summed at a quarter
 * (-12 dB, the seed's "you forgot your output" level); with a warning saying which. */
static void auto_output(ph_compiler *c, int *outs, uint32_t *out_ch)
{
    const ph_ast_program *ast = c->ast;
    ph_ref in[64];
    uint32_t n = 0, ch = 1;
    static const char *const what[4] = {"~master", "~out", "the ~dN and ~outN buses", "every bus at -12 dB"};
    int pass = 0;
    for (; pass < 4 && !n; pass++) {
        for (size_t i = 0; i < ast->n_stmts && n < 64; i++) {
            const ph_ast_stmt *st = &ast->stmts[i];
            if (st->kind != PH_STMT_BUS || st->superseded || st->modifier || c->bus_val[i].type != PH_T_SIG) continue;
            bool take = pass == 0 ? !strcmp(st->name, "master") : pass == 1 ? !strcmp(st->name, "out")
                        : pass == 2 ? route_name(st->name) : true;
            if (!take) continue;
            in[n++] = ph_ref_audio(c->bus_val[i].node);
            if (c->bus_val[i].channels > ch) ch = c->bus_val[i].channels;
        }
    }
    if (!n) return;
    const int found = pass - 1; /* the pass that found the buses */
    int node = n == 1 ? in[0].node : ph_mix_tree(c->g, in, n, ch);
    if (node >= 0 && found == 3) { /* every bus: at -12 dB */
        int g = ph_node_const(c->g, 0.25f);
        node = g < 0 ? -1 : ph_node_binop(c->g, PH_BIN_MUL, ph_ref_audio(node), ph_ref_audio(g), ch);
    }
    if (node < 0) {
        ph_compiler_error(c, NULL, "out of memory");
        return;
    }
    outs[0] = node;
    out_ch[0] = ch;
    char msg[160];
    snprintf(msg, sizeof msg, "no out statement: playing %s, as the seed does (write out: ... to choose)", what[found]);
    ph_patch_warn(c->patch, 1, 1, msg);
}

/* Marks the statements `from` reads, directly or through others (iterative). */
static bool mark_needed(const refs *r, int from, uint8_t *needed, size_t ns)
{
    int *stack = malloc((ns ? ns : 1) * sizeof *stack);
    if (!stack) return false;
    int top = 0;
    needed[from] = 1;
    stack[top++] = from;
    while (top > 0) {
        int i = stack[--top];
        for (int e = r->start[i]; e < r->start[i + 1]; e++) {
            int j = r->to[e];
            if (j >= 0 && !needed[j]) {
                needed[j] = 1;
                stack[top++] = j;
            }
        }
    }
    free(stack);
    return true;
}

/* One compile of the program; with solo >= 0, only to play bus `solo` (its value is the
 * main output and the program's outputs are left out): a bus rendered as an instrument. */
static ph_patch *compile_pass(const ph_ast_program *ast, const ph_settings *s, const ph_compile_hooks *hooks,
                              int depth, int solo, ph_diag *err, const uint32_t *hint, uint32_t *channels_out)
{
    size_t ns = ast->n_stmts;
    ph_compiler cc;
    memset(&cc, 0, sizeof cc);
    ph_compiler *c = &cc;
    c->ast = ast;
    c->set = s;
    c->err = err;
    c->tap_channels_hint = hint;
    c->hooks = hooks;
    c->depth = depth;
    ph_patch *patch = ph_patch_new();
    if (patch) patch->g.fuser = &ph_node_fuser; /* its voices may be fused (graph/ph_fuse.h) */
    size_t n1 = ns ? ns : 1;
    c->bus_val = calloc(n1, sizeof *c->bus_val);
    c->tap = malloc(n1 * sizeof(int));
    c->scc = malloc(n1 * sizeof(int));
    c->state = calloc(n1, 1);
    c->expanding = calloc(n1, 1);
    refs r = {0};
    if (!patch || !c->bus_val || !c->tap || !c->scc || !c->state || !c->expanding || !build_refs(ast, &r) ||
        !tarjan(ns, &r, c->scc)) {
        ph_compiler_error(c, NULL, "out of memory");
    } else {
        c->g = &patch->g;
        c->heap = ph_heap_new();
        if (!c->heap || !ph_compiler_own(c, c->heap, (void (*)(void *))ph_heap_free)) ph_compiler_error(c, NULL, "out of memory");
        for (size_t i = 0; i < ns; i++) c->tap[i] = -1;
        patch->cps = ast->cps;
        patch->aux_outputs = ast->max_out;
        c->patch = patch;
        for (size_t k = 0; k < ast->n_warnings; k++)
            ph_patch_warn(patch, ast->warnings[k].line, ast->warnings[k].column, ast->warnings[k].message);
        int *order = malloc(n1 * sizeof *order);
        if (!order || !topo_order(c, &r, order)) ph_compiler_error(c, NULL, "out of memory");
        int outs[1 + PH_AUX_CHANNELS];
        uint32_t out_ch[1 + PH_AUX_CHANNELS];
        for (int k = 0; k <= PH_AUX_CHANNELS; k++) outs[k] = -1;
        /* playing one bus as an instrument: only the buses it reads (another bus that plays
         * it as an instrument would nest without end) */
        uint8_t *needed = solo >= 0 ? calloc(n1, 1) : NULL;
        if (solo >= 0 && (!needed || !mark_needed(&r, solo, needed, ns))) ph_compiler_error(c, NULL, "out of memory");
        for (size_t k = 0; k < ns && ph_compiler_ok(c); k++) {
            size_t i = (size_t)order[k];
            const ph_ast_stmt *st = &ast->stmts[i];
            if (st->superseded || (needed && !needed[i])) continue;
            if (st->kind == PH_STMT_BUS) {
                c->cur_stmt = (int)i;
                compile_bus(c, (int)i);
            } else if (st->kind == PH_STMT_OUT && solo < 0) {
                c->cur_stmt = (int)i;
                compile_stmt(c, (int)i);
                if (!ph_compiler_ok(c)) break;
                outs[st->channel] = c->bus_val[i].node;
                out_ch[st->channel] = c->bus_val[i].channels;
            }
        }
        free(order);
        free(needed);
        bool any_out = false;
        for (size_t i = 0; i < ns; i++) any_out |= ast->stmts[i].kind == PH_STMT_OUT;
        if (ph_compiler_ok(c) && solo < 0 && !any_out) auto_output(c, outs, out_ch);
        if (ph_compiler_ok(c) && solo >= 0) {
            c->cur_stmt = solo;
            compile_bus(c, solo);
            uint32_t ch;
            ph_ref r = ph_lower(c, &c->bus_val[solo], PH_PATSIG_SMOOTH, &ch);
            patch->main_node = r.node;
        } else if (ph_compiler_ok(c)) {
            mix_outputs(c, patch, outs, out_ch);
        }
        for (size_t i = 0; i < ns && ph_compiler_ok(c); i++)
            if (c->tap[i] >= 0) ph_graph_set_tap_source(c->g, c->tap[i], tap_source(c, i));
        if (channels_out)
            for (size_t i = 0; i < ns; i++)
                channels_out[i] = c->bus_val[i].type == PH_T_SIG ? c->bus_val[i].channels : 1;
        if (ph_compiler_ok(c) && c->set->sample_dir && c->set->sample_dir[0] && c->n_voice_nodes)
            for (size_t k = 0; k < ns; k++) preload_named(c, ast->stmts[k].expr);
    }
    free(r.to);
    free(r.start);
    free(c->bus_val);
    free(c->tap);
    free(c->scc);
    free(c->state);
    free(c->expanding);
    if (patch) {
        patch->owned = c->owned;
        patch->free_owned = free_owned;
    } else {
        free_owned(c->owned);
    }
    if (!ph_compiler_ok(c)) {
        ph_patch_free(patch);
        return NULL;
    }
    return patch;
}

/* Renders bus `name` (a statement of ast) into a mono table of `frames` samples, for a
 * voice node: the bus played as an instrument (`s "~synth*4"`, the seed's bus patterns).
 * NULL when it cannot (no renderer, nested too deep, an error: *err says). */
float *ph_compile_bus_table(ph_compiler *c, const char *name, uint32_t frames, ph_diag *err)
{
    int b = ph_ast_find_bus(c->ast, name);
    if (b < 0 || c->ast->stmts[b].modifier) {
        snprintf(err->message, sizeof err->message, "no bus '~%s' to play", name);
        return NULL;
    }
    if (!c->hooks || !c->hooks->render || c->depth >= 2) {
        snprintf(err->message, sizeof err->message, "bus '~%s' cannot be played as an instrument here", name);
        return NULL;
    }
    float *out = malloc((size_t)frames * sizeof *out);
    ph_patch *p = out ? compile_pass(c->ast, c->set, c->hooks, c->depth + 1, b, err, NULL, NULL) : NULL;
    double rate = ph_compiler_rate(c);
    double cps = c->ast->cps > 0 ? c->ast->cps : 0.5;
    if (!p || !c->hooks->render(p, rate, cps, frames, out)) {
        free(out);
        return NULL;
    }
    /* fade the last 5 ms so a voice that plays to the end does not click */
    uint32_t fade = (uint32_t)(0.005 * rate) < frames ? (uint32_t)(0.005 * rate) : frames;
    for (uint32_t i = 0; i < fade; i++) out[frames - 1 - i] *= (float)i / (float)fade;
    return out;
}

ph_patch *ph_compile(const char *text, size_t len, const ph_settings *s, const ph_compile_hooks *hooks, ph_diag *err)
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
    ph_patch *p = NULL;
    if (!ch) {
        snprintf(err->message, sizeof err->message, "out of memory");
    } else {
        p = compile_pass(ast, s, hooks, 0, -1, err, NULL, ch);
        bool need = false;
        for (uint32_t i = 0; p && i < p->g.n_nodes; i++) {
            const ph_node *n = &p->g.nodes[i];
            if (n->tap_source >= 0 && n->channels != p->g.nodes[n->tap_source].channels) need = true;
        }
        if (need) {
            ph_patch_free(p);
            p = compile_pass(ast, s, hooks, 0, -1, err, ch, NULL);
        }
    }
    free(ch);
    ph_ast_free(ast);
    return p;
}

/* ---- patterns only (phonon query) ----------------------------------------------------- */

const ph_pat *ph_eval_pattern_text(ph_heap *h, const char *text, size_t len, ph_diag *err)
{
    ph_diag dummy;
    if (!err) err = &dummy;
    memset(err, 0, sizeof *err);
    ph_ast_program *ast = ph_lang_parse_expr(text, len, err);
    if (!ast) return NULL;
    ph_compiler cc;
    memset(&cc, 0, sizeof cc);
    cc.heap = h;
    cc.err = err;
    cc.cur_stmt = -1;
    ph_term v = ph_eval(&cc, ast->expr);
    const ph_pat *p = NULL;
    if (ph_compiler_ok(&cc)) {
        if (v.type == PH_T_FUNC)
            ph_compiler_error(&cc, ast->expr, "this is a function (a transform waiting for its pattern), not a pattern");
        else if (!(p = ph_term_pattern(&cc, &v)))
            ph_compiler_error(&cc, ast->expr, "this is a %s, not a pattern", ph_term_type_name(v.type));
    }
    free_owned(cc.owned);
    ph_ast_free(ast);
    return ph_compiler_ok(&cc) ? p : NULL;
}

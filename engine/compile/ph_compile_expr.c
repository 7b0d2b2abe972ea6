/* Expressions: numbers, strings, buses, arithmetic, `#`, `$`, application. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compile/ph_compile.h"
#include "graph/ph_nodes.h"
#include "lang/ph_lang.h"

cv ph_cc_sig(int node, uint32_t channels, const ph_ast_node *at)
{
    cv v;
    memset(&v, 0, sizeof v);
    v.kind = CV_SIG;
    v.node = node;
    v.channels = channels;
    v.at = at;
    v.driver = -1;
    return v;
}

static cv num(double x, const ph_ast_node *at)
{
    cv v = ph_cc_sig(-1, 1, at);
    v.kind = CV_NUM;
    v.num = x;
    return v;
}

static cv pat(const ph_pat *p, const ph_ast_node *at)
{
    cv v = ph_cc_sig(-1, 1, at);
    v.kind = CV_PAT;
    v.pat = p;
    return v;
}

int ph_cc_voice_node(ph_cc *c, cv *v); /* compile/ph_voice_node.c */

ph_ref ph_cc_signal(ph_cc *c, cv *v, uint32_t *channels)
{
    *channels = 1;
    if (!ph_cc_ok(c)) return ph_ref_none();
    int node = -1;
    switch (v->kind) {
    case CV_NUM:
        node = ph_node_const(c->g, (float)v->num);
        break;
    case CV_PAT:
        node = ph_node_pattern_lane(c->g, v->pat, PH_PATSIG_SMOOTH, 0, c->set->sample_rate);
        if (node >= 0) v->driver = node;
        break;
    case CV_SIG:
        *channels = v->channels;
        return ph_ref_audio(v->node);
    case CV_SOUND:
        node = ph_cc_voice_node(c, v);
        if (!ph_cc_ok(c)) return ph_ref_none();
        *channels = 2;
        break;
    }
    if (node < 0) {
        ph_cc_error(c, v->at, "out of memory");
        return ph_ref_none();
    }
    if (v->at) {
        c->g->nodes[node].line = v->at->line;
        c->g->nodes[node].column = v->at->column;
    }
    v->kind = CV_SIG;
    v->node = node;
    v->channels = *channels;
    return ph_ref_audio(node);
}

/* ---- arithmetic -------------------------------------------------------------------- */

static bool pattern_like(const cv *v) { return v->kind == CV_NUM || v->kind == CV_PAT; }

static const ph_pat *as_pat(ph_cc *c, const cv *v)
{
    if (v->kind == CV_PAT) return v->pat;
    const ph_pat *p = ph_pure_num(c->heap, v->num);
    if (!p) ph_cc_error(c, v->at, "out of memory");
    return p;
}

/* A value with lanes times (or divided by) one without: per lane, since the product of
 * the mix is the mix of the products; the result keeps its lanes, so a filter or
 * envelope after `saw midi * 0.5` is still per voice. (Not for + and -: x would be added
 * once per lane.) */
static cv lanes_times(ph_cc *c, ph_binop bo, const cv *laned, cv *other, bool laned_left, const ph_ast_node *at)
{
    uint32_t co;
    ph_ref ro = ph_cc_signal(c, other, &co);
    cv r = *laned;
    ph_ref mix[8];
    for (int k = 0; k < laned->n_lanes && ph_cc_ok(c); k++) {
        ph_ref l = ph_ref_audio(laned->lane_node[k]);
        uint32_t ch = laned->channels > co ? laned->channels : co;
        int node = laned_left ? ph_node_binop(c->g, bo, l, ro, ch) : ph_node_binop(c->g, bo, ro, l, ch);
        if (node < 0) return ph_cc_error(c, at, "out of memory");
        c->g->nodes[node].line = at->line;
        c->g->nodes[node].column = at->column;
        r.lane_node[k] = node;
        r.channels = ch;
        mix[k] = ph_ref_audio(node);
    }
    if (!ph_cc_ok(c)) return r;
    r.node = ph_node_mix(c->g, mix, (uint32_t)laned->n_lanes, r.channels);
    if (r.node < 0) return ph_cc_error(c, at, "out of memory");
    r.at = at;
    if (r.driver < 0) r.driver = other->driver;
    for (int k = 0; k < other->n_gate_osc && r.n_gate_osc < 8; k++) r.gate_osc[r.n_gate_osc++] = other->gate_osc[k];
    return r;
}

static cv arith(ph_cc *c, ph_ast_op op, cv a, cv b, const ph_ast_node *at)
{
    if (!ph_cc_ok(c)) return a;
    if (a.kind == CV_NUM && b.kind == CV_NUM) {
        switch (op) {
        case PH_OP_ADD: return num(a.num + b.num, at);
        case PH_OP_SUB: return num(a.num - b.num, at);
        case PH_OP_MUL: return num(a.num * b.num, at);
        default: return num(b.num != 0.0 ? a.num / b.num : 0.0, at);
        }
    }
    if (pattern_like(&a) && pattern_like(&b)) {
        /* Stay in pattern space (structure from the left, as Tidal's `+`... Strudel's
         * default `add` keeps the left structure) so the result is still a pattern. */
        ph_binop_fn fn = op == PH_OP_ADD ? ph_op_add : op == PH_OP_SUB ? ph_op_sub
                         : op == PH_OP_MUL ? ph_op_mul : ph_op_div;
        const ph_pat *pa = as_pat(c, &a), *pb = as_pat(c, &b);
        if (!pa || !pb) return a;
        const ph_pat *r = ph_app(c->heap, PH_STRUCT_LEFT, fn, NULL, 0, pa, pb);
        if (!r) return ph_cc_error(c, at, "%s", ph_heap_error(c->heap));
        return pat(r, at);
    }
    ph_binop bo = op == PH_OP_ADD ? PH_BIN_ADD : op == PH_OP_SUB ? PH_BIN_SUB
                  : op == PH_OP_MUL ? PH_BIN_MUL : PH_BIN_DIV;
    bool la = a.kind == CV_SIG && a.n_lanes > 1, lb = b.kind == CV_SIG && b.n_lanes > 1;
    if ((bo == PH_BIN_MUL || bo == PH_BIN_DIV) && la && !lb) return lanes_times(c, bo, &a, &b, true, at);
    if (bo == PH_BIN_MUL && lb && !la) return lanes_times(c, bo, &b, &a, false, at);
    uint32_t ca, cb;
    ph_ref ra = ph_cc_signal(c, &a, &ca);
    ph_ref rb = ph_cc_signal(c, &b, &cb);
    if (!ph_cc_ok(c)) return a;
    uint32_t ch = ca > cb ? ca : cb;
    int node = ph_node_binop(c->g, bo, ra, rb, ch);
    if (node < 0) return ph_cc_error(c, at, "out of memory");
    c->g->nodes[node].line = at->line;
    c->g->nodes[node].column = at->column;
    cv r = ph_cc_sig(node, ch, at);
    r.driver = a.driver >= 0 ? a.driver : b.driver;
    for (int k = 0; k < a.n_gate_osc && r.n_gate_osc < 8; k++) r.gate_osc[r.n_gate_osc++] = a.gate_osc[k];
    for (int k = 0; k < b.n_gate_osc && r.n_gate_osc < 8; k++) r.gate_osc[r.n_gate_osc++] = b.gate_osc[k];
    return r;
}

/* ---- # and $ ----------------------------------------------------------------------- */

/* Splits an applied function into (name node, args). */
static bool split_apply(const ph_ast_node *f, const ph_ast_node **name, const ph_ast_node *const **args,
                        size_t *n_args)
{
    if (f->kind == PH_AST_IDENT) {
        *name = f;
        *args = NULL;
        *n_args = 0;
        return true;
    }
    if (f->kind == PH_AST_APPLY && f->lhs && f->lhs->kind == PH_AST_IDENT) {
        *name = f->lhs;
        *args = (const ph_ast_node *const *)f->items;
        *n_args = f->n_items;
        return true;
    }
    return false;
}

/* `left # f args` (and `left $ f args` when f is a signal function). */
static cv send_through(ph_cc *c, cv left, const ph_ast_node *f, const ph_ast_node *at)
{
    if (f->kind == PH_AST_SECTION && f->op == PH_OP_HASH && !f->lhs && f->rhs)
        return send_through(c, left, f->rhs, at);
    const ph_ast_node *name;
    const ph_ast_node *const *args;
    size_t n;
    if (!split_apply(f, &name, &args, &n))
        return ph_cc_error(c, f, "the right side of '#' must be a function such as 'lpf 800 0.7'");
    return ph_cc_apply(c, name, args, n, &left, at);
}

static cv transform(ph_cc *c, cv v, const ph_ast_node *f)
{
    const ph_ast_node *name;
    const ph_ast_node *const *args;
    size_t n;
    if (f->kind == PH_AST_SECTION && f->op == PH_OP_HASH && v.kind != CV_PAT) return send_through(c, v, f, f);
    bool split = split_apply(f, &name, &args, &n);
    /* A pattern (or sound) goes through the pattern transform when there is one of that
     * name; a signal goes through the signal function. */
    bool pattern_in = v.kind != CV_SIG;
    if (split && ph_cc_is_signal_function(name->text) &&
        !(pattern_in && ph_cc_is_partial_transform(name->text, n)))
        return send_through(c, v, f, f);
    if (v.kind == CV_SIG)
        return ph_cc_error(c, f, "a pattern transform cannot apply to a signal; apply it to the "
                                 "pattern string instead, e.g. saw (\"55 82\" $ fast 2)");
    const ph_pat *in = v.kind == CV_NUM ? as_pat(c, &v) : v.pat;
    if (!in) return v;
    const ph_pat *out = ph_cc_transform(c, f, in);
    if (!out) return v.kind == CV_NUM ? v : ph_cc_error(c, f, "?");
    v.pat = out;
    if (v.kind == CV_NUM) v.kind = CV_PAT;
    return v;
}

static bool is_function_node(const ph_ast_node *n)
{
    const ph_ast_node *name;
    const ph_ast_node *const *args;
    size_t k;
    if (n->kind == PH_AST_SECTION) return true;
    if (!split_apply(n, &name, &args, &k)) return false;
    return ph_cc_is_partial_transform(name->text, k);
}

static cv chain(ph_cc *c, const ph_ast_node *n)
{
    size_t k = n->n_items;
    /* Phonon order: value first, transforms after, applied left to right. Tidal order:
     * functions first, the value last, applied right to left. */
    if (!is_function_node(n->items[0]) || is_function_node(n->items[k - 1])) {
        cv v = ph_cc_expr(c, n->items[0]);
        for (size_t i = 1; i < k && ph_cc_ok(c); i++) v = transform(c, v, n->items[i]);
        return v;
    }
    cv v = ph_cc_expr(c, n->items[k - 1]);
    for (size_t i = k - 1; i-- > 0 && ph_cc_ok(c);) v = transform(c, v, n->items[i]);
    return v;
}

/* ---- expressions ------------------------------------------------------------------- */

cv ph_cc_expr(ph_cc *c, const ph_ast_node *n)
{
    if (!ph_cc_ok(c)) return num(0, n);
    if (!n) return ph_cc_error(c, NULL, "missing expression");
    switch (n->kind) {
    case PH_AST_NUM:
        return num(n->num, n);
    case PH_AST_STR: {
        const ph_pat *p = ph_cc_mini(c, n);
        if (!p) return ph_cc_error(c, n, "?");
        return pat(p, n);
    }
    case PH_AST_BUS:
        if (n->macro >= 1 && n->macro <= 8) {
            int node = ph_node_macro(c->g, n->macro - 1);
            if (node < 0) return ph_cc_error(c, n, "out of memory");
            return ph_cc_sig(node, 1, n);
        }
        return ph_cc_bus_ref(c, n);
    case PH_AST_IDENT:
        return ph_cc_apply(c, n, NULL, 0, NULL, n);
    case PH_AST_APPLY:
        if (!n->lhs || n->lhs->kind != PH_AST_IDENT) {
            if (n->lhs && n->lhs->kind == PH_AST_SECTION && n->n_items == 1) {
                /* `(# speed 2) x` = `x # speed 2` */
                cv x = ph_cc_expr(c, n->items[0]);
                return transform(c, x, n->lhs);
            }
            return ph_cc_error(c, n, "only a named function can be applied here");
        }
        return ph_cc_apply(c, n->lhs, (const ph_ast_node *const *)n->items, n->n_items, NULL, n);
    case PH_AST_BINOP:
        switch (n->op) {
        case PH_OP_ADD:
        case PH_OP_SUB:
        case PH_OP_MUL:
        case PH_OP_DIV: {
            cv a = ph_cc_expr(c, n->lhs);
            cv b = ph_cc_expr(c, n->rhs);
            return arith(c, n->op, a, b, n);
        }
        case PH_OP_HASH: {
            cv a = ph_cc_expr(c, n->lhs);
            if (!ph_cc_ok(c)) return a;
            return send_through(c, a, n->rhs, n);
        }
        case PH_OP_EARLY:
        case PH_OP_LATE: {
            /* `t <~ x`: shift the pattern (or the sound's events) of x by t cycles */
            const ph_pat *t = ph_cc_pattern_expr(c, n->lhs);
            cv x = ph_cc_expr(c, n->rhs);
            if (!ph_cc_ok(c)) return x;
            if (x.kind == CV_SIG)
                return ph_cc_error(c, n, "'%s' shifts patterns in time; it cannot apply to a signal",
                                   ph_ast_op_name(n->op));
            const ph_pat *in = x.kind == CV_NUM ? as_pat(c, &x) : x.pat;
            const ph_pat *r = in ? (n->op == PH_OP_EARLY ? ph_early(c->heap, t, in) : ph_late(c->heap, t, in)) : NULL;
            if (!r) return ph_cc_error(c, n, "%s", ph_heap_error(c->heap));
            if (x.kind == CV_NUM) x.kind = CV_PAT;
            x.pat = r;
            return x;
        }
        default:
            return ph_cc_error(c, n, "operator '%s' is not allowed here", ph_ast_op_name(n->op));
        }
    case PH_AST_NEG: {
        cv a = ph_cc_expr(c, n->lhs);
        return arith(c, PH_OP_MUL, a, num(-1.0, n), n);
    }
    case PH_AST_SECTION:
        return ph_cc_error(c, n, "an operator section needs something to apply to");
    case PH_AST_CHAIN:
        return chain(c, n);
    }
    return ph_cc_error(c, n, "unexpected expression");
}

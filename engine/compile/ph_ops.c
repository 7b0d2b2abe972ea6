/* The operators: one meaning for each, by the types of its operands (docs/LANGUAGE.md has
 * the table).
 *
 *   + - * /     numbers: folded. patterns (and control patterns naming no sound, such as
 *               `n "0 2"`): values combined, structure from BOTH sides (Tidal's `+` on
 *               patterns, |+|). a sound times (or over) a number or pattern: its gain scaled,
 *               still a sound (`s "hh*8" * 0.5 $ swing 0.15`). otherwise sample-wise on the
 *               audio (a pattern becomes a smoothed stepped signal, a sound its voices).
 *   |+ +| |+|   patterns (and sounds' control maps) only: structure from the left, the right,
 *   (- * / %)   both. |< <| |<| keep the left values, |> >| |>| the right ones (|> is #).
 *   ~+ ~- ~* ~/ signals only (the seed's): sample-wise.
 *   #           a processor or control applied to the left (ph_eval.c), or a pattern's
 *               values onto the left's events: structure from the left (Tidal's #).
 *   <~ ~>       shift a pattern or sound earlier / later by a (patterned) time.
 *   unary -     x * -1, structure from x. */
#include <string.h>

#include "compile/ph_compile.h"

typedef struct op_meaning {
    ph_ast_op op;
    ph_binop_fn pattern;  /* values combined (pattern/ph_pattern.h) */
    int signal;           /* ph_binop, or -1 when the operator has no sample-wise meaning */
} op_meaning;

static const op_meaning meanings[] = {
    {PH_OP_ADD, ph_op_add, PH_BIN_ADD},     {PH_OP_SUB, ph_op_sub, PH_BIN_SUB},
    {PH_OP_MUL, ph_op_mul, PH_BIN_MUL},     {PH_OP_DIV, ph_op_div, PH_BIN_DIV},
    {PH_OP_MOD, ph_op_mod, -1},             {PH_OP_KEEP_LEFT, ph_op_keep, -1},
    {PH_OP_KEEP_RIGHT, ph_op_set, -1},      {PH_OP_HASH, ph_op_set, -1},
};

static const op_meaning *meaning_of(ph_ast_op op)
{
    for (size_t i = 0; i < sizeof meanings / sizeof meanings[0]; i++)
        if (meanings[i].op == op) return &meanings[i];
    return NULL;
}

static bool pattern_side(const ph_term *v) { return ph_term_patternish(v) || v->type == PH_T_SOUND; }

static bool reciprocal(const void *data, ph_value in, ph_value *out, ph_qctx *q)
{
    (void)data;
    (void)q;
    double x;
    if (!ph_value_to_number(in, &x)) return false;
    *out = ph_val_num(x != 0.0 ? 1.0 / x : 0.0);
    return true;
}

/* A sound times a number or a pattern of numbers: the gain of its events scaled (a map
 * without gain plays at 1, so {gain: k} merged by multiplication is the product). */
static ph_term scale_gain(ph_compiler *c, ph_term snd, ph_term k, bool divide, const ph_ast_node *at)
{
    const ph_pat *kp = ph_term_pattern(c, &k);
    if (kp && divide) kp = k.type == PH_T_NUM ? ph_pure_num(c->heap, k.num != 0.0 ? 1.0 / k.num : 0.0)
                                              : ph_fmap(c->heap, reciprocal, NULL, 0, kp);
    const ph_pat *gain = kp ? ph_as_control(c->heap, ph_intern_cstr("gain"), kp) : NULL;
    const ph_pat *r = gain ? ph_app(c->heap, PH_STRUCT_LEFT, ph_op_mul, NULL, 0, snd.pat, gain) : NULL;
    if (!r) return ph_compiler_error(c, at, "%s", ph_heap_error(c->heap));
    snd.pat = r;
    snd.at = at;
    return snd;
}

static ph_term combine_patterns(ph_compiler *c, ph_structure how, ph_binop_fn fn, ph_term a, ph_term b, const ph_ast_node *at)
{
    const ph_pat *pa = ph_term_pattern(c, &a), *pb = ph_term_pattern(c, &b);
    if (!pa || !pb) return a;
    const ph_pat *r = ph_app(c->heap, how, fn, NULL, 0, pa, pb);
    if (!r) return ph_compiler_error(c, at, "%s", ph_heap_error(c->heap));
    if (a.type != PH_T_SOUND && b.type != PH_T_SOUND) return ph_term_pat(r, at);
    /* a sound keeps its signal controls (those of the side giving the structure) */
    ph_term out = a.type == PH_T_SOUND ? a : b;
    out.pat = r;
    out.at = at;
    out.playable = (a.type == PH_T_SOUND && a.playable) || (b.type == PH_T_SOUND && b.playable);
    return out;
}

/* A value with lanes times (or divided by) one without: per lane, since the product of
 * the mix is the mix of the products; the result keeps its lanes, so a filter or envelope
 * after `saw midi * 0.5` is still per voice. (Not for + and -: x would be added once per
 * lane.) */
static ph_term lanes_times(ph_compiler *c, ph_binop bo, const ph_term *laned, ph_term *other, bool laned_left,
                          const ph_ast_node *at)
{
    uint32_t co;
    ph_ref ro = ph_lower(c, other, PH_PATSIG_SMOOTH, &co);
    ph_term r = *laned;
    ph_ref mix[PH_LANES];
    for (int k = 0; k < laned->n_lanes && ph_compiler_ok(c); k++) {
        ph_ref l = ph_ref_audio(laned->lane_node[k]);
        uint32_t ch = laned->channels > co ? laned->channels : co;
        int node = laned_left ? ph_node_binop(c->g, bo, l, ro, ch) : ph_node_binop(c->g, bo, ro, l, ch);
        ph_term lane = ph_term_node(c, node, ch, at, NULL);
        r.lane_node[k] = lane.node;
        r.channels = ch;
        mix[k] = ph_ref_audio(lane.node);
    }
    if (!ph_compiler_ok(c)) return r;
    ph_term m = ph_term_node(c, ph_node_mix(c->g, mix, (uint32_t)laned->n_lanes, r.channels), r.channels, at, NULL);
    r.node = m.node;
    r.at = at;
    if (r.driver < 0) r.driver = other->driver;
    for (int k = 0; k < other->n_gate_osc && r.n_gate_osc < PH_LANES; k++) r.gate_osc[r.n_gate_osc++] = other->gate_osc[k];
    return r;
}

static ph_term signal_op(ph_compiler *c, ph_binop bo, ph_term a, ph_term b, const ph_ast_node *at)
{
    bool la = a.type == PH_T_SIG && a.n_lanes > 1, lb = b.type == PH_T_SIG && b.n_lanes > 1;
    if ((bo == PH_BIN_MUL || bo == PH_BIN_DIV) && la && !lb) return lanes_times(c, bo, &a, &b, true, at);
    if (bo == PH_BIN_MUL && lb && !la) return lanes_times(c, bo, &b, &a, false, at);
    uint32_t ca, cb;
    ph_ref ra = ph_lower(c, &a, PH_PATSIG_SMOOTH, &ca);
    ph_ref rb = ph_lower(c, &b, PH_PATSIG_SMOOTH, &cb);
    if (!ph_compiler_ok(c)) return a;
    uint32_t ch = ca > cb ? ca : cb;
    ph_term r = ph_term_node(c, ph_node_binop(c->g, bo, ra, rb, ch), ch, at, NULL);
    r.driver = a.driver >= 0 ? a.driver : b.driver;
    for (int k = 0; k < a.n_gate_osc && r.n_gate_osc < PH_LANES; k++) r.gate_osc[r.n_gate_osc++] = a.gate_osc[k];
    for (int k = 0; k < b.n_gate_osc && r.n_gate_osc < PH_LANES; k++) r.gate_osc[r.n_gate_osc++] = b.gate_osc[k];
    return r;
}

ph_term ph_binary(ph_compiler *c, const ph_ast_node *opnode, ph_term a, ph_term b, const ph_ast_node *at)
{
    if (!ph_compiler_ok(c)) return a;
    char text[8];
    const char *name = ph_ast_op_text(opnode->op, opnode->structure, text);
    const op_meaning *m = meaning_of(opnode->op);
    if (!m) return ph_compiler_error(c, opnode, "operator '%s' is not allowed here", name);
    uint32_t ch;
    if (ph_term_is_envelope(&a) && c->g) ph_lower(c, &a, PH_PATSIG_SMOOTH, &ch); /* saw 55 * ~env */
    if (ph_term_is_envelope(&b) && c->g) ph_lower(c, &b, PH_PATSIG_SMOOTH, &ch);
    if (!ph_compiler_ok(c)) return a;
    if (a.type == PH_T_FUNC || b.type == PH_T_FUNC)
        return ph_compiler_error(c, a.type == PH_T_FUNC ? a.at : b.at, "'%s' needs values on both sides, not a function",
                                 name);
    ph_ast_structure s = opnode->structure;
    if (opnode->op == PH_OP_HASH) s = PH_AST_LEFT; /* # is |> */
    switch (s) {
    case PH_AST_LEFT:
    case PH_AST_RIGHT:
    case PH_AST_BOTH:
        if (!pattern_side(&a) || !pattern_side(&b))
            return ph_compiler_error(c, opnode, "'%s' combines patterns; this side is a signal%s", name,
                               m->signal >= 0 ? " (signals combine with +, -, *, / or ~+ ...)" : "");
        return combine_patterns(c, s == PH_AST_LEFT ? PH_STRUCT_LEFT : s == PH_AST_RIGHT ? PH_STRUCT_RIGHT : PH_STRUCT_BOTH,
                                m->pattern, a, b, at);
    case PH_AST_SIGNAL:
        if (m->signal < 0) return ph_compiler_error(c, opnode, "'%s' has no meaning on signals", name);
        return signal_op(c, (ph_binop)m->signal, a, b, at);
    case PH_AST_PLAIN:
        break;
    }
    if (m->signal < 0) return ph_compiler_error(c, opnode, "operator '%s' is not allowed here", name);
    if (a.type == PH_T_NUM && b.type == PH_T_NUM) {
        switch (opnode->op) {
        case PH_OP_ADD: return ph_term_num(a.num + b.num, at);
        case PH_OP_SUB: return ph_term_num(a.num - b.num, at);
        case PH_OP_MUL: return ph_term_num(a.num * b.num, at);
        default: return ph_term_num(b.num != 0.0 ? a.num / b.num : 0.0, at);
        }
    }
    /* Tidal's + on patterns: |+|, structure from both; a number has no structure of its
     * own, so `"0 1" + 7` keeps the pattern's events (also across cycle boundaries). */
    if (ph_term_valued(&a) && ph_term_valued(&b)) {
        ph_structure how = a.type == PH_T_NUM ? PH_STRUCT_RIGHT : b.type == PH_T_NUM ? PH_STRUCT_LEFT : PH_STRUCT_BOTH;
        return combine_patterns(c, how, m->pattern, a, b, at);
    }
    bool mul = opnode->op == PH_OP_MUL, div = opnode->op == PH_OP_DIV;
    if ((mul || div) && a.type == PH_T_SOUND && a.playable && ph_term_valued(&b) && b.type != PH_T_SOUND)
        return scale_gain(c, a, b, div, at);
    if (mul && b.type == PH_T_SOUND && b.playable && ph_term_valued(&a) && a.type != PH_T_SOUND)
        return scale_gain(c, b, a, false, at);
    return signal_op(c, (ph_binop)m->signal, a, b, at);
}

ph_term ph_negate(ph_compiler *c, ph_term a, const ph_ast_node *at)
{
    if (!ph_compiler_ok(c)) return a;
    switch (a.type) {
    case PH_T_NUM: return ph_term_num(-a.num, at);
    case PH_T_PAT: return combine_patterns(c, PH_STRUCT_LEFT, ph_op_mul, a, ph_term_num(-1, at), at);
    case PH_T_FUNC: return ph_compiler_error(c, a.at ? a.at : at, "cannot negate a function");
    default: return signal_op(c, PH_BIN_MUL, a, ph_term_num(-1, at), at);
    }
}

ph_term ph_shift(ph_compiler *c, bool early, ph_term t, ph_term x, const ph_ast_node *at)
{
    if (!ph_compiler_ok(c)) return x;
    const char *op = early ? "<~" : "~>";
    if (!ph_term_patternish(&t)) return ph_compiler_error(c, at, "'%s' shifts by a time, a number or pattern", op);
    if (x.type == PH_T_SIG || x.type == PH_T_FUNC)
        return ph_compiler_error(c, at, "'%s' shifts patterns in time; it cannot apply to a %s", op, ph_term_type_name(x.type));
    const ph_pat *pt = ph_term_pattern(c, &t), *px = ph_term_pattern(c, &x);
    if (!pt || !px) return x;
    const ph_pat *r = early ? ph_early(c->heap, pt, px) : ph_late(c->heap, pt, px);
    if (!r) return ph_compiler_error(c, at, "%s", ph_heap_error(c->heap));
    ph_term out = x;
    if (out.type == PH_T_NUM) out.type = PH_T_PAT;
    out.pat = r;
    out.at = at;
    return out;
}

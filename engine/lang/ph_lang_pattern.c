/* Evaluates .ph pattern expressions into ph_pat trees; see ph_lang_pattern.h for what each
 * construct means. Values during evaluation are either patterns or functions (partially
 * applied registry transforms, ph_tfunc); the registry's argument specs ("pf", "f+", ...)
 * decide which an application is. */
#include "lang/ph_lang_pattern.h"

#include <stdio.h>
#include <string.h>

#include "lang/ph_lang.h"
#include "pattern/ph_mini.h"
#include "pattern/ph_registry.h"

typedef struct lval {
    const ph_pat *pat;    /* a pattern, or */
    const ph_tfunc *func; /* a function */
} lval;

typedef struct evaluator {
    ph_heap *h;
    const ph_lang_pat_env *env;
    ph_diag *err;
} evaluator;

static bool eval(evaluator *ev, const ph_ast_node *n, lval *out);

static bool fail(evaluator *ev, const ph_ast_node *n, const char *msg)
{
    ph_diag_set(ev->err, n->line, n->column, "%s", msg);
    return false;
}

static bool fail_heap(evaluator *ev, const ph_ast_node *n)
{
    const char *m = ph_heap_error(ev->h);
    return fail(ev, n, m && *m ? m : "out of memory");
}

/* ---- controls ---- */

static const char *const control_names[] = {
    "s", "sound", "n", "note", "gain", "velocity", "amp", "pan", "speed", "begin", "end", "cut",
    "attack", "decay", "sustain", "release", "hold", "legato", "orbit", "channel", "room",
    "size", "dry", "shape", "vowel", "cutoff", "resonance", "hcutoff", "hresonance",
    "bandf", "bandq", "lpf", "hpf", "bpf", "lpq", "hpq", "bpq", "delay", "delaytime",
    "delayfeedback", "crush", "coarse", "accelerate", "unit", "squiz", "octave", "detune",
    "voice", "distort", "triode", "krush", "kcutoff", "freq", "midinote", NULL};

bool ph_lang_is_control(const char *name)
{
    for (size_t i = 0; control_names[i]; i++)
        if (!strcmp(control_names[i], name)) return true;
    return false;
}

/* ---- argument specs ---- */

typedef struct spec {
    char fixed[PH_TFUNC_MAX_ARGS + 1];
    int nfixed;
    char rep;    /* repeating kind or 0 */
    int rep_min; /* 1 for '+', 0 for '*' */
} spec;

static void parse_spec(const char *s, spec *sp)
{
    memset(sp, 0, sizeof *sp);
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && (s[i + 1] == '+' || s[i + 1] == '*')) {
            sp->rep = s[i];
            sp->rep_min = s[i + 1] == '+';
            return;
        }
        if (sp->nfixed < PH_TFUNC_MAX_ARGS) sp->fixed[sp->nfixed++] = s[i];
    }
}

static char kind_of(const lval *v) { return v->func ? 'f' : 'p'; }

/* Do args[0 .. n) fit the spec exactly? */
static bool spec_matches(const spec *sp, const lval *args, int n)
{
    if (n < sp->nfixed + sp->rep_min) return false;
    if (!sp->rep && n != sp->nfixed) return false;
    for (int i = 0; i < n; i++) {
        char want = i < sp->nfixed ? sp->fixed[i] : sp->rep;
        if (kind_of(&args[i]) != want) return false;
    }
    return true;
}

static void to_targs(const lval *args, int n, ph_targ *out)
{
    for (int i = 0; i < n; i++)
        out[i] = args[i].func ? ph_targ_func(args[i].func) : ph_targ_pat(args[i].pat);
}

static const ph_tfunc *make_func(evaluator *ev, const ph_ast_node *at, const char *name,
                                 const lval *args, int n)
{
    if (n > PH_TFUNC_MAX_ARGS) {
        fail(ev, at, "too many arguments");
        return NULL;
    }
    ph_tfunc *f = ph_heap_alloc(ev->h, sizeof *f);
    char *nm = f ? ph_heap_strdup(ev->h, name, strlen(name)) : NULL;
    if (!f || !nm) {
        fail_heap(ev, at);
        return NULL;
    }
    f->name = nm;
    f->nargs = n;
    to_targs(args, n, f->args);
    f->then = NULL;
    return f;
}

/* outer after inner: a copy of inner's chain ending in outer. */
static const ph_tfunc *compose(evaluator *ev, const ph_ast_node *at, const ph_tfunc *outer,
                               const ph_tfunc *inner)
{
    if (!inner) return outer;
    ph_tfunc *c = ph_heap_alloc(ev->h, sizeof *c);
    if (!c) {
        fail_heap(ev, at);
        return NULL;
    }
    *c = *inner;
    c->then = inner->then ? compose(ev, at, outer, inner->then) : outer;
    if (!c->then) return NULL;
    return c;
}

static bool apply_func(evaluator *ev, const ph_ast_node *at, const ph_tfunc *f, const ph_pat *p,
                       lval *out)
{
    char msg[sizeof ev->err->message];
    msg[0] = '\0';
    const ph_pat *r = ph_tfunc_apply(ev->h, f, p, msg, sizeof msg);
    if (!r) return fail(ev, at, msg[0] ? msg : "cannot apply the function");
    out->pat = r;
    out->func = NULL;
    return true;
}

/* ---- names ---- */

static bool unknown_name(evaluator *ev, const ph_ast_node *at, const char *name)
{
    const char *near = ph_lang_nearest(name, ph_transform_names());
    if (!near) near = ph_lang_nearest(name, control_names);
    if (near)
        ph_diag_set(ev->err, at->line, at->column, "unknown function '%s' (did you mean '%s'?)",
                    name, near);
    else
        ph_diag_set(ev->err, at->line, at->column, "unknown function '%s'", name);
    return false;
}

static bool eval_name(evaluator *ev, const ph_ast_node *at, const char *name, const lval *args,
                      int n, lval *out)
{
    char msg[sizeof ev->err->message];
    msg[0] = '\0';
    ph_targ targs[PH_TFUNC_MAX_ARGS + 1];
    const ph_tf_info *info = ph_transform_info(name);
    out->pat = NULL;
    out->func = NULL;
    if (!info) {
        if (!ph_lang_is_control(name)) return unknown_name(ev, at, name);
        if (n != 1 || args[0].func) {
            ph_diag_set(ev->err, at->line, at->column,
                        "'%s' sets a control and takes one pattern (as in %s \"...\")", name, name);
            return false;
        }
        ph_word w = ph_intern_cstr(name);
        out->pat = ph_as_control(ev->h, w, args[0].pat);
        return out->pat ? true : fail_heap(ev, at);
    }
    if (n > PH_TFUNC_MAX_ARGS) return fail(ev, at, "too many arguments");
    spec sp;
    parse_spec(info->args, &sp);
    if (info->flags & PH_TF_CONSTRUCTOR) {
        to_targs(args, n, targs);
        out->pat = ph_construct(ev->h, name, targs, n, msg, sizeof msg);
        return out->pat ? true : fail(ev, at, msg[0] ? msg : "cannot build the pattern");
    }
    /* a transform: arguments then the pattern -> pattern; arguments only -> function */
    if (n >= 1 && !args[n - 1].func && spec_matches(&sp, args, n - 1)) {
        to_targs(args, n - 1, targs);
        out->pat = ph_transform_apply(ev->h, name, targs, n - 1, args[n - 1].pat, msg, sizeof msg);
        return out->pat ? true : fail(ev, at, msg[0] ? msg : "cannot apply the transform");
    }
    if (spec_matches(&sp, args, n)) {
        out->func = make_func(ev, at, name, args, n);
        return out->func != NULL;
    }
    ph_diag_set(ev->err, at->line, at->column, "wrong arguments for '%s'%s%s", name,
                info->usage ? ": " : "", info->usage ? info->usage : "");
    return false;
}

/* ---- operators ---- */

static const ph_tfunc *section_func(evaluator *ev, const ph_ast_node *n)
{
    lval operand;
    const ph_ast_node *side = n->rhs ? n->rhs : n->lhs;
    if (!eval(ev, side, &operand)) return NULL;
    if (operand.func) {
        fail(ev, side, "an operator section needs a pattern, not a function");
        return NULL;
    }
    const char *name = NULL;
    switch (n->op) {
    case PH_OP_ADD: name = "add"; break;
    case PH_OP_MUL: name = "mul"; break;
    case PH_OP_SUB: name = n->rhs ? "sub" : NULL; break;
    case PH_OP_DIV: name = n->rhs ? "div" : NULL; break;
    case PH_OP_EARLY: name = n->lhs ? "early" : NULL; break;
    case PH_OP_LATE: name = n->lhs ? "late" : NULL; break;
    case PH_OP_HASH: name = n->rhs && ph_transform_info("set") ? "set" : NULL; break;
    default: break;
    }
    if (!name || !ph_transform_info(name)) {
        char m[96];
        snprintf(m, sizeof m, "this '%s' section is not supported in patterns",
                 ph_ast_op_name(n->op));
        fail(ev, n, m);
        return NULL;
    }
    return make_func(ev, n, name, &operand, 1);
}

static bool both_patterns(evaluator *ev, const ph_ast_node *n, lval *a, lval *b)
{
    if (!eval(ev, n->lhs, a) || !eval(ev, n->rhs, b)) return false;
    if (a->func) return fail(ev, n->lhs, "expected a pattern here, not a function");
    if (b->func) return fail(ev, n->rhs, "expected a pattern here, not a function");
    return true;
}

static bool eval_binop(evaluator *ev, const ph_ast_node *n, lval *out)
{
    lval a, b;
    if (n->op == PH_OP_COMPOSE) { /* f . g: g first, then f */
        if (!eval(ev, n->lhs, &a) || !eval(ev, n->rhs, &b)) return false;
        if (!a.func) return fail(ev, n->lhs, "'.' composes functions; this is a pattern");
        if (!b.func) return fail(ev, n->rhs, "'.' composes functions; this is a pattern");
        out->pat = NULL;
        out->func = compose(ev, n, a.func, b.func);
        return out->func != NULL;
    }
    if (!both_patterns(ev, n, &a, &b)) return false;
    const ph_pat *r = NULL;
    switch (n->op) {
    case PH_OP_ADD: r = ph_app(ev->h, PH_STRUCT_BOTH, ph_op_add, NULL, 0, a.pat, b.pat); break;
    case PH_OP_SUB: r = ph_app(ev->h, PH_STRUCT_BOTH, ph_op_sub, NULL, 0, a.pat, b.pat); break;
    case PH_OP_MUL: r = ph_app(ev->h, PH_STRUCT_BOTH, ph_op_mul, NULL, 0, a.pat, b.pat); break;
    case PH_OP_DIV: r = ph_app(ev->h, PH_STRUCT_BOTH, ph_op_div, NULL, 0, a.pat, b.pat); break;
    case PH_OP_HASH: r = ph_app(ev->h, PH_STRUCT_LEFT, ph_op_set, NULL, 0, a.pat, b.pat); break;
    case PH_OP_EARLY: r = ph_early(ev->h, a.pat, b.pat); break;
    case PH_OP_LATE: r = ph_late(ev->h, a.pat, b.pat); break;
    default: return fail(ev, n, "unknown operator");
    }
    if (!r) return fail_heap(ev, n);
    out->pat = r;
    out->func = NULL;
    return true;
}

static bool eval_chain(evaluator *ev, const ph_ast_node *n, lval *out)
{
    lval items[8]; /* longer chains go to the heap: keep recursive frames small */
    lval *v = items;
    if (n->n_items > sizeof items / sizeof items[0]) {
        v = ph_heap_alloc(ev->h, n->n_items * sizeof *v);
        if (!v) return fail_heap(ev, n);
    }
    for (size_t i = 0; i < n->n_items; i++)
        if (!eval(ev, n->items[i], &v[i])) return false;
    size_t last = n->n_items - 1;
    if (!v[0].func) { /* value first: pipeline, left to right */
        lval acc = v[0];
        for (size_t i = 1; i <= last; i++) {
            if (!v[i].func)
                return fail(ev, n->items[i], "expected a function after '$' (the pattern comes "
                            "first, then transforms such as fast 2)");
            if (!apply_func(ev, n->items[i], v[i].func, acc.pat, &acc)) return false;
        }
        *out = acc;
        return true;
    }
    if (!v[last].func) { /* value last: Tidal's order, right to left */
        lval acc = v[last];
        for (size_t i = last; i-- > 0;) {
            if (!v[i].func) return fail(ev, n->items[i], "expected a function before '$'");
            if (!apply_func(ev, n->items[i], v[i].func, acc.pat, &acc)) return false;
        }
        *out = acc;
        return true;
    }
    /* all functions: composed, the last applied first */
    for (size_t i = 1; i < last; i++)
        if (!v[i].func)
            return fail(ev, n->items[i], "a pattern in the middle of a '$' chain: put it first "
                        "(\"bd sn\" $ fast 2) or last (fast 2 $ \"bd sn\")");
    const ph_tfunc *f = v[last].func;
    for (size_t i = last; i-- > 0;) {
        f = compose(ev, n, v[i].func, f);
        if (!f) return false;
    }
    out->pat = NULL;
    out->func = f;
    return true;
}

static bool eval_apply(evaluator *ev, const ph_ast_node *n, lval *out)
{
    lval args[PH_TFUNC_MAX_ARGS + 1];
    if (n->n_items > PH_TFUNC_MAX_ARGS + 1) return fail(ev, n, "too many arguments");
    for (size_t i = 0; i < n->n_items; i++)
        if (!eval(ev, n->items[i], &args[i])) return false;
    const ph_ast_node *head = n->lhs;
    if (head->kind == PH_AST_IDENT) return eval_name(ev, head, head->text, args, (int)n->n_items, out);
    if (head->kind == PH_AST_SECTION) {
        const ph_tfunc *f = section_func(ev, head);
        if (!f) return false;
        if (n->n_items != 1 || args[0].func)
            return fail(ev, n, "an operator section takes one pattern");
        return apply_func(ev, n, f, args[0].pat, out);
    }
    return fail(ev, head, "this cannot be applied to arguments");
}

static bool eval_string(evaluator *ev, const ph_ast_node *n, lval *out)
{
    ph_mini_error merr;
    memset(&merr, 0, sizeof merr);
    const ph_pat *p = ph_mini_parse(ev->h, n->text, n->len, &merr);
    if (!p) {
        int line, col;
        ph_ast_str_position(n, merr.column > 0 ? (size_t)merr.column : 0, &line, &col);
        ph_diag_set(ev->err, line, col, "%s", merr.message[0] ? merr.message : "bad mini-notation");
        return false;
    }
    out->pat = p;
    out->func = NULL;
    return true;
}

static bool eval(evaluator *ev, const ph_ast_node *n, lval *out)
{
    out->pat = NULL;
    out->func = NULL;
    switch (n->kind) {
    case PH_AST_NUM:
        out->pat = ph_pure_num(ev->h, n->num);
        return out->pat ? true : fail_heap(ev, n);
    case PH_AST_STR:
        return eval_string(ev, n, out);
    case PH_AST_IDENT:
        return eval_name(ev, n, n->text, NULL, 0, out);
    case PH_AST_BUS:
        if (ev->env && ev->env->resolve_bus) {
            out->pat = ev->env->resolve_bus(ev->env->user, n, ev->err);
            return out->pat != NULL;
        }
        ph_diag_set(ev->err, n->line, n->column, "'~%s': buses are signals, not patterns; they "
                    "cannot be used here", n->text);
        return false;
    case PH_AST_APPLY:
        return eval_apply(ev, n, out);
    case PH_AST_BINOP:
        return eval_binop(ev, n, out);
    case PH_AST_NEG: {
        lval a;
        if (!eval(ev, n->lhs, &a)) return false;
        if (a.func) return fail(ev, n->lhs, "cannot negate a function");
        const ph_pat *m1 = ph_pure_num(ev->h, -1);
        out->pat = m1 ? ph_app(ev->h, PH_STRUCT_LEFT, ph_op_mul, NULL, 0, a.pat, m1) : NULL;
        return out->pat ? true : fail_heap(ev, n);
    }
    case PH_AST_SECTION:
        out->func = section_func(ev, n);
        return out->func != NULL;
    case PH_AST_CHAIN:
        return eval_chain(ev, n, out);
    }
    return fail(ev, n, "cannot evaluate this expression");
}

const ph_pat *ph_lang_eval_pattern(ph_heap *h, const ph_ast_node *expr,
                                   const ph_lang_pat_env *env, ph_diag *err)
{
    ph_diag dummy;
    evaluator ev = {h, env, err ? err : &dummy};
    lval v;
    if (!eval(&ev, expr, &v)) return NULL;
    if (v.func) {
        fail(&ev, expr, "this is a function (a transform waiting for its pattern), not a pattern");
        return NULL;
    }
    return v.pat;
}

const ph_pat *ph_lang_pattern_from_text(ph_heap *h, const char *text, size_t len, ph_diag *err)
{
    ph_ast_program *ast = ph_lang_parse_expr(text, len, err);
    if (!ast) return NULL;
    const ph_pat *p = ph_lang_eval_pattern(h, ast->expr, NULL, err);
    ph_ast_free(ast);
    return p;
}

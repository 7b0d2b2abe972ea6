/* Expansion of the seed's `fn` definitions (see ph_fndef.h). Recursive over the tree, which
 * is at most PH_AST_MAX_DEPTH deep (checked on every node built), so the C stack is bounded. */
#include "lang/ph_fndef.h"

#include <string.h>

typedef struct expander {
    ph_ast_arena *a;
    const ph_fndef *defs;
    size_t n_defs;
    ph_diag *err;
    bool failed;
} expander;

static const ph_fndef *find_def(const expander *x, const char *name)
{
    for (size_t i = x->n_defs; i-- > 0;) /* the last definition of a name wins */
        if (!strcmp(x->defs[i].name, name)) return &x->defs[i];
    return NULL;
}

static ph_ast_node *fail(expander *x, const ph_ast_node *at, const char *fmt, const char *name, size_t want, size_t got)
{
    if (!x->failed) ph_diag_set(x->err, at->line, at->column, fmt, name, want, want == 1 ? "" : "s", got);
    x->failed = true;
    return NULL;
}

static ph_ast_node *copy_node(expander *x, const ph_ast_node *n)
{
    ph_ast_node *c = ph_ast_arena_alloc(x->a, sizeof *c);
    if (!c) {
        if (!x->failed) ph_diag_set(x->err, n->line, n->column, "out of memory");
        x->failed = true;
        return NULL;
    }
    *c = *n;
    if (n->n_items) {
        c->items = ph_ast_arena_alloc(x->a, n->n_items * sizeof *c->items);
        if (!c->items) {
            if (!x->failed) ph_diag_set(x->err, n->line, n->column, "out of memory");
            x->failed = true;
            return NULL;
        }
        memcpy(c->items, n->items, n->n_items * sizeof *c->items);
    }
    return c;
}

/* Height from the children; a tree deeper than the parser accepts is refused here too. */
static ph_ast_node *seal(expander *x, ph_ast_node *n)
{
    n->depth = ph_ast_height(n);
    if (n->depth > PH_AST_MAX_DEPTH) {
        if (!x->failed)
            ph_diag_set(x->err, n->line, n->column, "expression nested too deeply after expanding functions (more "
                        "than %d levels)", PH_AST_MAX_DEPTH);
        x->failed = true;
        return NULL;
    }
    return n;
}

/* The body with its parameters replaced by the arguments (identifiers only: a bus ~a or a
 * string "a" is left alone). The body names no user function, so this is the whole work. */
static ph_ast_node *substitute(expander *x, const ph_ast_node *n, const ph_fndef *f, ph_ast_node *const *args)
{
    if (x->failed || !n) return (ph_ast_node *)n;
    if (n->kind == PH_AST_IDENT)
        for (size_t k = 0; k < f->n_params; k++)
            if (!strcmp(n->text, f->params[k])) return args[k];
    if (!n->lhs && !n->rhs && !n->n_items) return (ph_ast_node *)n;
    ph_ast_node *c = copy_node(x, n);
    if (!c) return NULL;
    c->lhs = substitute(x, n->lhs, f, args);
    c->rhs = substitute(x, n->rhs, f, args);
    for (size_t i = 0; i < n->n_items; i++) c->items[i] = substitute(x, n->items[i], f, args);
    if (x->failed) return NULL;
    /* `f x` where the parameter f is itself an application (`(fast 2)`): fold it into one
     * application, as the parser does for `(fast 2) "bd"` */
    if (c->kind == PH_AST_APPLY && c->lhs->kind == PH_AST_APPLY && c->lhs->lhs->kind == PH_AST_IDENT) {
        const ph_ast_node *head = c->lhs;
        size_t total = head->n_items + c->n_items;
        ph_ast_node **items = ph_ast_arena_alloc(x->a, total * sizeof *items);
        if (!items) {
            if (!x->failed) ph_diag_set(x->err, n->line, n->column, "out of memory");
            x->failed = true;
            return NULL;
        }
        memcpy(items, head->items, head->n_items * sizeof *items);
        memcpy(items + head->n_items, c->items, c->n_items * sizeof *items);
        c->lhs = head->lhs;
        c->items = items;
        c->n_items = total;
    }
    return seal(x, c);
}

static ph_ast_node *expand(expander *x, ph_ast_node *n);

static ph_ast_node *use(expander *x, const ph_fndef *f, ph_ast_node *at, ph_ast_node **args, size_t n_args)
{
    if (n_args != f->n_params)
        return fail(x, at, "'%s' is defined (fn) with %zu parameter%s; it is given %zu", f->name, f->n_params, n_args);
    ph_ast_node *exp[PH_FN_MAX_PARAMS];
    for (size_t k = 0; k < n_args; k++)
        if (!(exp[k] = expand(x, args[k]))) return NULL;
    return substitute(x, f->body, f, exp);
}

static ph_ast_node *expand(expander *x, ph_ast_node *n)
{
    if (x->failed || !n) return n;
    const ph_fndef *f;
    if (n->kind == PH_AST_IDENT && (f = find_def(x, n->text)) != NULL) return use(x, f, n, NULL, 0);
    if (n->kind == PH_AST_APPLY && n->lhs->kind == PH_AST_IDENT && (f = find_def(x, n->lhs->text)) != NULL)
        return use(x, f, n, n->items, n->n_items);
    if (!n->lhs && !n->rhs && !n->n_items) return n;
    ph_ast_node *lhs = expand(x, n->lhs), *rhs = expand(x, n->rhs);
    if (x->failed) return NULL;
    bool changed = lhs != n->lhs || rhs != n->rhs;
    ph_ast_node *c = NULL;
    for (size_t i = 0; i < n->n_items; i++) {
        ph_ast_node *e = expand(x, n->items[i]);
        if (x->failed) return NULL;
        if (e != n->items[i] && !c) {
            if (!(c = copy_node(x, n))) return NULL;
        }
        if (c) c->items[i] = e;
    }
    if (!c && !changed) return n;
    if (!c && !(c = copy_node(x, n))) return NULL;
    c->lhs = lhs;
    c->rhs = rhs;
    return seal(x, c);
}

ph_ast_node *ph_fn_expand(ph_ast_arena *a, const ph_fndef *defs, size_t n_defs, ph_ast_node *n, ph_diag *err)
{
    if (!n_defs) return n;
    expander x = {a, defs, n_defs, err, false};
    ph_ast_node *r = expand(&x, n);
    return x.failed ? NULL : r;
}

const ph_ast_node *ph_fn_find_ident(const ph_ast_node *n, const char *name)
{
    if (!n) return NULL;
    if (n->kind == PH_AST_IDENT && !strcmp(n->text, name)) return n;
    const ph_ast_node *r = ph_fn_find_ident(n->lhs, name);
    if (!r) r = ph_fn_find_ident(n->rhs, name);
    for (size_t i = 0; !r && i < n->n_items; i++) r = ph_fn_find_ident(n->items[i], name);
    return r;
}

/* The compiler's adapter to pattern expressions: mini-notation strings and transforms are
 * evaluated by lang/ph_lang_pattern.h (which uses pattern/ and its registry) into the
 * program's pattern heap. */
#include <stdio.h>
#include <string.h>

#include "compile/ph_compile.h"
#include "pattern/ph_registry.h"

#include "lang/ph_lang_pattern.h"

static void fail(ph_cc *c, const ph_diag *d)
{
    if (c->failed) return;
    c->failed = true;
    *c->err = *d;
}

/* Bus references inside pattern expressions are signals, not patterns; the one bus
 * name the compiler itself uses (a placeholder for "the pattern so far") resolves to
 * the pattern being transformed. */
typedef struct pat_env_user {
    const ph_pat *input;
} pat_env_user;

static const ph_pat *resolve(void *user, const ph_ast_node *bus, ph_diag *err)
{
    pat_env_user *u = user;
    if (u && u->input && bus->bus_stmt == -2) return u->input;
    err->line = bus->line;
    err->column = bus->column;
    snprintf(err->message, sizeof err->message,
             "bus '~%s' is a signal; it cannot be used inside a pattern expression", bus->text ? bus->text : "");
    return NULL;
}

const ph_pat *ph_cc_mini(ph_cc *c, const ph_ast_node *str) { return ph_cc_pattern_expr(c, str); }

const ph_pat *ph_cc_pattern_expr(ph_cc *c, const ph_ast_node *n)
{
    if (!ph_cc_ok(c)) return NULL;
    ph_diag d;
    memset(&d, 0, sizeof d);
    pat_env_user u = {NULL};
    ph_lang_pat_env env = {resolve, &u};
    const ph_pat *p = ph_lang_eval_pattern(c->heap, n, &env, &d);
    if (!p) fail(c, &d);
    return p;
}

bool ph_cc_is_transform(const char *name) { return name && ph_transform_info(name) != NULL; }

const char *const *ph_cc_transform_names(void) { return ph_transform_names(); }

bool ph_cc_is_partial_transform(const char *name, size_t n_args)
{
    const ph_tf_info *info = name ? ph_transform_info(name) : NULL;
    if (!info || (info->flags & PH_TF_CONSTRUCTOR)) return false;
    size_t len = strlen(info->args);
    if (len && (info->args[len - 1] == '+' || info->args[len - 1] == '*')) return true; /* variadic */
    return n_args <= len;
}

const ph_pat *ph_cc_transform(ph_cc *c, const ph_ast_node *fn, const ph_pat *pat)
{
    if (!ph_cc_ok(c)) return NULL;
    /* Evaluate `~in $ fn` with ~in bound to pat. */
    ph_ast_node in;
    memset(&in, 0, sizeof in);
    in.kind = PH_AST_BUS;
    in.line = fn->line;
    in.column = fn->column;
    in.depth = 1;
    in.text = "in";
    in.len = 2;
    in.bus_stmt = -2;
    ph_ast_node *items[2] = {&in, (ph_ast_node *)fn};
    ph_ast_node chain;
    memset(&chain, 0, sizeof chain);
    chain.kind = PH_AST_CHAIN;
    chain.line = fn->line;
    chain.column = fn->column;
    chain.depth = fn->depth + 1;
    chain.items = items;
    chain.n_items = 2;
    ph_diag d;
    memset(&d, 0, sizeof d);
    pat_env_user u = {pat};
    ph_lang_pat_env env = {resolve, &u};
    const ph_pat *p = ph_lang_eval_pattern(c->heap, &chain, &env, &d);
    if (!p) fail(c, &d);
    return p;
}


/* The seed's single-line function definitions, `fn name a b = expr`, expanded where they
 * are used (internal to engine/lang/: the parser, ph_parse.c, calls it). As in the seed the
 * expansion is lexical: a use `name x y` becomes a copy of expr in which every identifier
 * `a` is x and every `b` is y (the arguments' trees are shared, not evaluated first). A
 * function may use the functions defined before it (expanded when it is defined), so a use
 * never expands without end; a body that names its own function is refused (recursion).
 * The arity must match exactly (the seed's rule); a function without parameters is used by
 * its bare name. A definition shadows a built-in name of the same spelling. */
#ifndef PH_FNDEF_H
#define PH_FNDEF_H

#include <stddef.h>

#include "lang/ph_ast.h"
#include "lang/ph_ast_arena.h"
#include "lang/ph_lang.h"

#define PH_FN_MAX_PARAMS 16

typedef struct ph_fndef {
    const char *name;
    const char *params[PH_FN_MAX_PARAMS];
    size_t n_params;
    const ph_ast_node *body; /* already expanded: it names no user function */
    int line, column;        /* of `fn` */
} ph_fndef;

/* n with every use of defs[0..n_defs) expanded (n itself when there is none, else a new
 * tree in the arena sharing the untouched subtrees). NULL with err set on a wrong arity,
 * a tree grown deeper than PH_AST_MAX_DEPTH, or out of memory. */
ph_ast_node *ph_fn_expand(ph_ast_arena *a, const ph_fndef *defs, size_t n_defs, ph_ast_node *n, ph_diag *err);

/* Whether the tree n names `name` as an identifier (recursion check of a new body). */
const ph_ast_node *ph_fn_find_ident(const ph_ast_node *n, const char *name);

#endif

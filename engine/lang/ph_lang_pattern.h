/* Pattern expressions: evaluating a .ph expression that denotes a pattern into a ph_pat
 * (pattern/ph_pattern.h), using the mini-notation parser and the transform registry
 * (pattern/ph_registry.h). Used by `phonon query` and by the graph compiler for pattern
 * arguments.
 *
 * What an expression means here:
 *   NUM            a pure pattern of the number
 *   STR            the mini-notation pattern (errors point into the string)
 *   IDENT          a registry constructor without arguments (`sine`, `rand`) -> pattern;
 *                  a transform that takes only the pattern (`rev`, `palindrome`) -> function
 *   APPLY f args   registry transform: with all its arguments plus the pattern -> pattern,
 *                  with only the arguments -> function (`fast 2`, `every 3 (fast 2)`);
 *                  registry constructor -> pattern (`run 8`, `irand 8`);
 *                  a control name (`s`, `n`, `gain`, `speed`, ... see ph_lang_is_control)
 *                  with one argument -> a pattern of control maps {name: value}
 *   + - * /        Tidal's |+| family: values combined, structure from BOTH sides
 *   #              Tidal's # (= |>): structure from the left, values (controls) from the
 *                  right, maps merged
 *   t <~ p, t ~> p early / late by t cycles (t patterned)
 *   f . g          composition of functions: g, then f
 *   -x             x * -1, structure from x
 *   SECTION        a function: (+ 7) = add 7, (* 2) = mul 2, (- ...) is negation,
 *                  (/ 2) = div 2, (0.25 <~) = early 0.25, (0.25 ~>) = late 0.25,
 *                  (# speed 2) = set (speed 2) when the registry has `set`
 *   CHAIN a $ b .. value first: the functions after it apply left to right
 *                  ("bd sn" $ every 3 (fast 2) $ off 0.25 (add 7)); value last: right to
 *                  left (fast 2 $ rev $ "bd sn"); no value: a composed function,
 *                  applied right to left (every 2 (fast 2 $ rev))
 *   BUS            resolved by env->resolve_bus, else an error
 *
 * Errors come back as line:column + message (with "did you mean" hints for unknown names).
 * Nothing is left half-built: on error the nodes already made stay in the heap (which the
 * caller frees as a whole) and NULL is returned. */
#ifndef PH_LANG_PATTERN_H
#define PH_LANG_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

#include "lang/ph_ast.h"
#include "pattern/ph_pattern.h"
#include "phonon/phonon.h"

typedef struct ph_lang_pat_env {
    /* Returns the pattern for a bus reference, or NULL with *err filled. May be NULL:
     * then a bus reference is an error ("buses are signals, not patterns here"). */
    const ph_pat *(*resolve_bus)(void *user, const ph_ast_node *bus, ph_diag *err);
    void *user;
} ph_lang_pat_env;

/* Evaluates expr, which must denote a pattern (not a function). env may be NULL. */
const ph_pat *ph_lang_eval_pattern(ph_heap *h, const ph_ast_node *expr,
                                   const ph_lang_pat_env *env, ph_diag *err);

/* Parses text as one expression (ph_lang_parse_expr) and evaluates it. */
const ph_pat *ph_lang_pattern_from_text(ph_heap *h, const char *text, size_t len, ph_diag *err);

/* True for the names that make control patterns (`s "bd"` -> {s: bd}). */
bool ph_lang_is_control(const char *name);

#endif

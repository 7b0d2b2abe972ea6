/* The transform registry: Tidal/Strudel transforms and pattern constructors by name.
 *
 * Used by the .ph compiler (engine/lang), by `phonon query` and by the conformance test.
 * Everything here runs when a program is BUILT (off the audio thread): it makes nodes in
 * a ph_heap. Functions given as arguments (`every 3 (fast 2)`) are applied here, so a
 * query never builds a pattern.
 *
 * Arguments. Every argument is either a pattern or a function:
 *   - numbers and strings are passed as patterns: ph_pure_num(h, 2) for `2`, the
 *     mini-notation pattern for `"<1 2>"` (so every pattern argument may be patterned,
 *     as in Tidal/Strudel);
 *   - a function is a partially applied transform, `(fast 2)` = {"fast", 1, {pat 2}},
 *     optionally composed with another one: `(rev . fast 2)` is fast 2 THEN rev, i.e.
 *     {"fast", 1, {2}, .then = &{"rev"}}.
 *
 * Names are case-sensitive, as in Strudel (`fastGap`, `someCyclesBy`, `timeCat`);
 * aliases are separate entries (`slowcat` = `cat`, `<~` = `early`, `~>` = `late`,
 * `density` = `fast`, `sparsity` = `slow`, `seq`/`sequence` = `fastcat`, `randcat` =
 * `chooseCycles`, `apply` = `always`, and the seed project's and Tidal's other spellings:
 * `rotL`/`rotR` = `early`/`late`, `offset` = `late`, `quantize` = `quantise`, `discretise` =
 * `segment`, `dup` = `fast`, `trim` = `zoom`, `compressGap` = `compress`, `mirror` =
 * `palindrome`). `stut times time feedback` is `echo` in the seed's argument order
 * (Tidal's and Strudel's is times feedback time); docs/LANGUAGE.md lists the names whose
 * meaning is the seed's rather than Tidal's or Strudel's.
 *
 * Variadic kinds take several arguments, in order: `superimpose (fast 2) (rev)`,
 * `stack "a" "b"`, `timeCat 1 "a" 2 "b"` (weights must be plain numbers), `wchoose "bd" 3
 * "sn" 1` (value/weight pairs). A list written in .ph (`layer [rev, fast 2]`) is passed as
 * its items.
 *
 * A whole expression in .ph syntax (`"bd sn" $ every 3 (fast 2)`) is parsed and built by
 * the .ph language (lang/ph_lang_pattern.h).
 *
 * Usage:
 *     ph_targ a[2] = {ph_targ_pat(three), ph_targ_func(&fast2)};
 *     ph_pat *p = ph_transform_apply(h, "every", a, 2, pat, err, sizeof err);
 *     ph_pat *r = ph_construct(h, "run", (ph_targ[]){ph_targ_pat(eight)}, 1, err, sizeof err);
 */
#ifndef PH_REGISTRY_H
#define PH_REGISTRY_H

#include <stddef.h>

#include "pattern/ph_pattern.h"

typedef enum ph_targ_kind {
    PH_TARG_PAT = 0, /* a pattern (numbers and strings become patterns) */
    PH_TARG_FUNC     /* a partially applied transform */
} ph_targ_kind;

typedef struct ph_tfunc ph_tfunc;

typedef struct ph_targ {
    ph_targ_kind kind;
    const ph_pat *pat;     /* PH_TARG_PAT */
    const ph_tfunc *func;  /* PH_TARG_FUNC */
} ph_targ;

#define PH_TFUNC_MAX_ARGS 8      /* arguments stored in a function value */
#define PH_TRANSFORM_MAX_ARGS 64 /* arguments of one direct call (stack of 64 layers) */

/* A function value: a transform name with the arguments that come before the pattern.
 * `then`, when set, is applied to the result (composition: `(g . f)` is f then g). */
struct ph_tfunc {
    const char *name;
    int nargs;
    ph_targ args[PH_TFUNC_MAX_ARGS];
    const ph_tfunc *then;
    /* A function the language made (an operator section, a composition, a control set):
     * when `call` is set, applying this function calls it with `ctx` instead of the
     * transform `name`. It runs while the pattern is built, never during a query. */
    ph_pat *(*call)(const void *ctx, ph_heap *h, const ph_pat *pat, char *err, size_t errlen);
    const void *ctx;
};

static inline ph_targ ph_targ_pat(const ph_pat *p)
{
    ph_targ a = {PH_TARG_PAT, p, NULL};
    return a;
}
static inline ph_targ ph_targ_func(const ph_tfunc *f)
{
    ph_targ a = {PH_TARG_FUNC, NULL, f};
    return a;
}

/* Entry flags. */
enum {
    PH_TF_CONSTRUCTOR = 1u << 0, /* makes a pattern from its arguments alone (run, cat, sine) */
    PH_TF_RANDOM = 1u << 1       /* uses Strudel's seeded randomness */
};

/* What the registry knows about a name. `args` spells the kinds of the arguments that
 * come before the pattern: 'p' a pattern, 'f' a function; a '+' after a kind means it
 * repeats one or more times, '*' zero or more times, and kinds after it come last.
 * Examples: fast "p", every "pf", whenmod "ppf", superimpose "f+", stack "p+", sine "",
 * binaryN "pp*" (one or two), foldEvery "p+f" (counts, then a function). */
typedef struct ph_tf_info {
    const char *name;
    const char *args;
    unsigned flags;
    const char *usage; /* one line, e.g. "every n f: apply f every n-th cycle, from cycle 0" */
} ph_tf_info;

/* Applies the transform `name` with its arguments to pat. Returns NULL and writes a
 * one-line message to err (always NUL-terminated when errlen > 0; err may be NULL) on an
 * unknown name (with a "did you mean" hint), a wrong argument count or kind (with the
 * usage line), a constructor used as a transform, or a build error (heap exhausted, tree
 * too deep, an invalid constant such as `every 0`, an unknown `arp` mode). A failed build
 * for want of memory or depth leaves the heap's sticky error set (discard the heap);
 * argument errors do not, so a compiler can report one and go on checking.
 * Patterned arguments whose values are invalid for some cycles (`every "<2 0>"`) give
 * silence there, as Strudel's failing queries do. */
ph_pat *ph_transform_apply(ph_heap *h, const char *name, const ph_targ *args, int nargs,
                           const ph_pat *pat, char *err, size_t errlen);

/* Applies a function value (and its `then` chain) to pat. Function arguments nest at
 * most 64 deep. */
ph_pat *ph_tfunc_apply(ph_heap *h, const ph_tfunc *f, const ph_pat *pat, char *err,
                       size_t errlen);

/* Builds a constructor (`run 8`, `irand 8`, `sine`, `cat "a" "b"`, `choose 1 2 3`). */
ph_pat *ph_construct(ph_heap *h, const char *name, const ph_targ *args, int nargs, char *err,
                     size_t errlen);

/* Information on a name (transform or constructor), NULL when unknown. */
const ph_tf_info *ph_transform_info(const char *name);

/* All names, transforms and constructors, NULL-terminated, sorted. */
const char *const *ph_transform_names(void);

/* The known name closest to `name` (edit distance, at most 3 edits away), or NULL. */
const char *ph_transform_suggest(const char *name);

#endif

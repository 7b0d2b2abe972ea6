/* Pattern expressions in .ph syntax, the subset `phonon query` takes:
 *
 *     "bd*2 <sn cp>" $ every 3 (fast 2) $ off 0.25 (add 7 . rev)
 *
 *     expr  := first ('$' step)*           the steps apply left to right
 *     first := STRING | step               a mini-notation string, or a constructor
 *                                          (`run 8 $ fast 2`, `sine $ segment 4`)
 *     step  := NAME arg*                   a registry transform (ph_registry.h)
 *     arg   := NUMBER | STRING | '(' func ')'
 *     func  := step ('.' step)*            `(g . f)` is f, then g (Haskell's order)
 *
 * NUMBER: 3, -1.5, 1e3, 1/8 (a ratio). STRING: "...", mini-notation. NAME: letters,
 * digits, `_`, `'`, and the operator names `<~` and `~>`. Built off the audio thread. */
#ifndef PH_TF_CHAIN_H
#define PH_TF_CHAIN_H

#include <stddef.h>

#include "pattern/ph_pattern.h"

typedef struct ph_chain_error {
    int line, column; /* 1-based place in the expression */
    char message[256];
} ph_chain_error;

/* Builds the pattern of src[0..len) in h; NULL with err filled on any error. */
const ph_pat *ph_chain_build(ph_heap *h, const char *src, size_t len, ph_chain_error *err);

#endif

/* The mini-notation ("bd*2 [sn cp]", "<a b>", "{a b c}%4", "bd(3,8)", "hh?", ...),
 * parsed with Strudel 1.2's grammar (packages/mini/krill.pegjs) and turned into
 * pattern trees with its semantics (packages/mini/mini.mjs), including how `?` and `|`
 * number their random seeds (in parse order, shared counter).
 *
 * Extensions over Strudel: "" and whitespace-only strings are silence (Strudel
 * rejects them); chord names after a note or number (`c'maj e4'min7 0'dom7`) give a
 * stack of note numbers as Tidal does (c5 = 0; a note without octave is octave 5).
 *
 * Differences from Strudel: a value carries one `:` index (`bd:3`). Strudel's lists
 * `bd:1:2` are supported when a literal step is followed directly by literal indices (the
 * value is the word "bd:1" with index 2, printed bd:1:2 as Strudel prints the list);
 * other lists (`bd/2:1:2`, `bd:<1 2>:3`) are errors, and an index applied to a group whose
 * values already have one (`[bd:1]:2`) drops those events. A literal `%0` and a
 * negative `!` count are errors (Strudel throws while querying).
 *
 * Limits (errors, never crashes): brackets nest at most PH_MINI_MAX_NEST deep;
 * literal factors (`*`, `/`) must be 0 or have magnitude in [1e-6, 1e6]; euclid steps
 * at most 100000. */
#ifndef PH_MINI_H
#define PH_MINI_H

#include <stddef.h>
#include <stdint.h>

#include "pattern/ph_pattern.h"

#define PH_MINI_MAX_NEST 100

typedef struct ph_mini_error {
    int column;        /* 0-based byte offset in src where the error was found; -1 if none */
    char message[160]; /* e.g. "expected ']' to close '[' opened at column 3" */
} ph_mini_error;

/* Parses src[0..len) (without the surrounding quotes) into a pattern owned by h.
 * Returns NULL on error with err filled (err may be NULL). The result is never
 * flagged pure (as in Strudel, a string argument is always patternified). */
ph_pat *ph_mini_parse(ph_heap *h, const char *src, size_t len, ph_mini_error *err);
/* The same, for a string that starts at byte `base` of a program text: each atom's events
 * carry its [begin, end) in that text (ph_event.locs; ph_mini_parse counts from src).
 * An atom's span is its characters (`bd` of `bd*2`, `c'maj` for every note of a chord);
 * the arguments of `*`, `/`, `(k,n)`, `:`, `..` and `%` are atoms too and join the
 * events' lists as Strudel joins them (see docs/ARCHITECTURE.md, Patterns). */
ph_pat *ph_mini_parse_at(ph_heap *h, const char *src, size_t len, uint32_t base, ph_mini_error *err);

/* The semitones of a chord name (`maj` -> 0 4 7; Tidal's names, as after `c'`): their
 * count, or -1 for an unknown name. */
#define PH_CHORD_MAX_NOTES 8
int ph_chord_intervals(const char *name, int8_t out[PH_CHORD_MAX_NOTES]);
/* The same for an interned name, by id (for queries: no string compares). [RT after the
 * first call, which interns the names] */
int ph_chord_intervals_of(ph_word name, int8_t out[PH_CHORD_MAX_NOTES]);

#endif

/* The .ph language front end: text -> AST (ph_ast.h), with diagnostics.
 *
 * Syntax (see docs/ARCHITECTURE.md, ".ph language"):
 *   - comments: `--` and `//` to the end of the line
 *   - statements are separated by newlines or `;`. A newline does NOT end a statement inside
 *     parentheses, after a binary operator or `:`, or when the next line starts with one of
 *     `# $ + * / <~ ~>` (so long chains can be split over lines; `-` does not continue, it
 *     would be ambiguous with a negative number).
 *   - `tempo: X`, `cps: X` (cycles per second), `bpm: X` (4 beats a cycle); X a constant
 *     expression > 0.  `~name: expr` or `~name $ expr` defines a bus; `out: expr` and
 *     `out1:` .. `out16:`.
 *   - expressions as described in ph_ast.h. Negative numbers: `-` glued to a number and
 *     with a space before it is a negative argument (`clip -0.6 0.6`, `compress -20 4`);
 *     `a - 1` and `a-1` subtract.
 *
 * Errors: the first error found is reported as line:column (1-based, columns count UTF-8
 * code points) and a message; nothing is returned half-built (NULL, all memory freed).
 * Checked: characters that are not part of the language (including NUL bytes and invalid
 * UTF-8 outside strings and comments), unterminated strings, unbalanced parentheses,
 * unexpected tokens, malformed numbers and bus names, statements without ':' or expression,
 * bad tempo values, duplicate bus / output / tempo statements, defining a macro ~m1..~m8,
 * references to buses that no statement defines (with a "did you mean" hint), nesting deeper
 * than PH_AST_MAX_DEPTH and texts longer than PH_LANG_MAX_TEXT. */
#ifndef PH_LANG_H
#define PH_LANG_H

#include <stddef.h>

#include "lang/ph_ast.h"
#include "phonon/phonon.h" /* ph_diag */

#define PH_LANG_MAX_TEXT (1u << 20) /* bytes */

/* Parses a whole program (len bytes; NUL bytes are errors, not terminators). */
ph_ast_program *ph_lang_parse(const char *text, size_t len, ph_diag *err);

/* Parses one expression (no statements, bus references left unresolved), as given to
 * `phonon query`. Surrounding blank lines and comments are allowed. The result's `expr` is
 * the expression; free with ph_ast_free. */
ph_ast_program *ph_lang_parse_expr(const char *text, size_t len, ph_diag *err);

/* The candidate nearest to `name` by edit distance (insertions, deletions, substitutions and
 * swaps of neighbours, case-insensitive), if it is close enough to be a plausible typo
 * (distance <= 1 for names up to 4 characters, <= 2 up to 8, else <= 3), else NULL.
 * `candidates` is a NULL-terminated array; ties go to the earliest. For hints such as
 * "unknown function 'lfp' (did you mean 'lpf'?)". */
const char *ph_lang_nearest(const char *name, const char *const *candidates);

/* Formats into err: line, column and printf-style message. */
void ph_diag_set(ph_diag *err, int line, int column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif

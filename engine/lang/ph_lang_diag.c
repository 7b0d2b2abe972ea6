/* Diagnostics helpers: formatting a ph_diag and the "did you mean" nearest-name search. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lang/ph_lang.h"

void ph_diag_set(ph_diag *err, int line, int column, const char *fmt, ...)
{
    if (!err) return;
    err->line = line;
    err->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

#define PH_NEAREST_MAX 64 /* longer names are not typos of anything we know */

/* Optimal string alignment distance (Levenshtein plus swaps of neighbours), ignoring case;
 * gives up early (returns limit + 1) once every path exceeds limit. */
static int distance(const char *a, size_t la, const char *b, size_t lb, int limit)
{
    int rows[3][PH_NEAREST_MAX + 1];
    int *pp = rows[0], *prev = rows[1], *row = rows[2];
    for (size_t j = 0; j <= lb; j++) prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        row[0] = (int)i;
        int best = row[0];
        for (size_t j = 1; j <= lb; j++) {
            int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
            int cost = ca != cb;
            int v = prev[j] + 1;
            if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
            if (prev[j - 1] + cost < v) v = prev[j - 1] + cost;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == cb && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            row[j] = v;
            if (v < best) best = v;
        }
        if (best > limit) return limit + 1;
        int *t = pp;
        pp = prev;
        prev = row;
        row = t;
    }
    return prev[lb];
}

const char *ph_lang_nearest(const char *name, const char *const *candidates)
{
    if (!name || !candidates) return NULL;
    size_t ln = strlen(name);
    if (ln == 0 || ln > PH_NEAREST_MAX) return NULL;
    int limit = ln <= 4 ? 1 : ln <= 8 ? 2 : 3;
    const char *best = NULL;
    int best_d = limit + 1;
    for (size_t i = 0; candidates[i]; i++) {
        size_t lc = strlen(candidates[i]);
        if (lc > PH_NEAREST_MAX) continue;
        if ((lc > ln ? lc - ln : ln - lc) > (size_t)limit) continue;
        int d = distance(name, ln, candidates[i], lc, limit);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    return best;
}

/* Helpers for the transform tests (test_tf_*.c): build "MINI" $ chain (.ph syntax,
 * through the language's pattern evaluator and the registry), query [from, to) in one query and compare with the
 * expected event lines "WB WE PB PE VALUE" (sorted as phonon query prints them).
 *
 * A chain is written as in .ph, steps separated by `$`, applied left to right:
 *     every "<2 3>" (fast 2) $ off 0.25 (add 7)
 * Arguments: numbers (pure, `-1.5`, `0.25`, `1/8`), "mini-notation" strings, (functions).
 * Inside a function, `.` composes: (rev . fast 2) is fast 2, then rev. */
#ifndef TEST_TF_HELPERS_H
#define TEST_TF_HELPERS_H

#include <criterion/criterion.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pattern/ph_mini.h"
#include "pattern/ph_pattern.h"
#include "pattern/ph_registry.h"
#include "compile/ph_compile.h"
#include "phonon/phonon.h"

/* Builds MINI $ CHAIN with the .ph language's pattern evaluator; NULL with err
 * filled. Without MINI (NULL), the chain's first step is a constructor (`run 4`). */
static inline const ph_pat *tf_build(ph_heap *h, const char *mini, const char *chain, char *err,
                                     size_t errlen)
{
    size_t n = (mini ? strlen(mini) : 0) + (chain ? strlen(chain) : 0) + 8;
    char *expr = malloc(n);
    if (mini)
        snprintf(expr, n, "\"%s\"%s%s", mini, chain && chain[0] ? " $ " : "", chain ? chain : "");
    else
        snprintf(expr, n, "%s", chain ? chain : "");
    ph_diag d;
    const ph_pat *pat = ph_eval_pattern_text(h, expr, strlen(expr), &d);
    if (!pat) snprintf(err, errlen, "column %d: %.200s", d.column, d.message);
    free(expr);
    return pat;
}

/* A value as the multiset comparison writes it: maps as their sorted "key:value" tokens
 * joined by spaces (a single entry as its value alone), other values as formatted. */
static inline int tf_strcmp_p(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static inline void tf_value_tokens(ph_value v, char *buf, size_t size)
{
    if (v.kind != PH_VAL_MAP) {
        ph_value_format(v, buf, size);
        return;
    }
    char toks[16][64];
    char *ptr[16];
    uint32_t n = v.u.map->count < 16 ? v.u.map->count : 16;
    for (uint32_t i = 0; i < n; i++) {
        char val[48];
        ph_value_format(v.u.map->e[i].val, val, sizeof val);
        snprintf(toks[i], sizeof toks[i], "%s:%s", ph_word_str(v.u.map->e[i].key, NULL), val);
        ptr[i] = toks[i];
    }
    if (n == 1) {
        ph_value_format(v.u.map->e[0].val, buf, size);
        return;
    }
    qsort(ptr, n, sizeof ptr[0], tf_strcmp_p);
    size_t len = 0;
    buf[0] = 0;
    for (uint32_t i = 0; i < n && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? " " : "", ptr[i]);
}

/* Compares the events of MINI $ CHAIN over [from, to) with want (NULL-terminated lines
 * without newlines) as multisets; logs both on a difference. */
static inline bool tf_check_multiset(const char *mini, const char *chain, ph_rat from, ph_rat to,
                              const char *const *want)
{
    ph_heap *h = ph_heap_new();
    char err[256] = "";
    const ph_pat *pat = tf_build(h, mini, chain, err, sizeof err);
    if (!pat) {
        cr_log_error("\"%s\" $ %s: build failed: %s", mini ? mini : "", chain, err);
        ph_heap_free(h);
        return false;
    }
    ph_arena *arena = ph_arena_new_growable(1 << 16);
    ph_events ev;
    ph_events_init(&ev);
    bool ok = ph_query(pat, ph_span_make(from, to), arena, &ev) == PH_Q_OK;
    size_t nw = 0;
    while (want[nw]) nw++;
    char **have = calloc(ev.count + 1, sizeof *have);
    const char **wants = calloc(nw + 1, sizeof *wants);
    for (uint32_t i = 0; i < ev.count; i++) {
        const ph_event *e = &ev.ev[i];
        char wb[48] = "-", we[48] = "-", pb[48], pe[48], v[256];
        if (e->has_whole) {
            ph_rat_format(e->whole.begin, wb, sizeof wb);
            ph_rat_format(e->whole.end, we, sizeof we);
        }
        ph_rat_format(e->part.begin, pb, sizeof pb);
        ph_rat_format(e->part.end, pe, sizeof pe);
        tf_value_tokens(e->value, v, sizeof v);
        have[i] = malloc(512);
        snprintf(have[i], 512, "%s %s %s %s %s", wb, we, pb, pe, v);
    }
    for (size_t i = 0; i < nw; i++) wants[i] = want[i];
    qsort(have, ev.count, sizeof *have, tf_strcmp_p);
    qsort(wants, nw, sizeof *wants, tf_strcmp_p);
    ok = ok && ev.count == nw;
    for (size_t i = 0; ok && i < nw; i++) ok = strcmp(have[i], wants[i]) == 0;
    if (!ok) {
        cr_log_error("\"%s\" $ %s: %u events, want %zu", mini ? mini : "", chain, ev.count, nw);
        size_t i = 0, j = 0;
        while (i < ev.count || j < nw) {
            int c = i >= ev.count ? 1 : j >= nw ? -1 : strcmp(have[i], wants[j]);
            if (c == 0) {
                i++, j++;
            } else if (c < 0) {
                cr_log_error("  extra:   %s", have[i++]);
            } else {
                cr_log_error("  missing: %s", wants[j++]);
            }
        }
    }
    for (uint32_t i = 0; i < ev.count; i++) free(have[i]);
    free(have);
    free(wants);
    ph_arena_free(arena);
    ph_heap_free(h);
    return ok;
}

/* A value as the expected lines write it: as ph_value_format, but a map's entries sorted
 * by key name ({gain: 0.5, s: a}), since key ids depend on the order words were interned. */
static inline void tf_format_value(ph_value v, char *buf, size_t size)
{
    if (v.kind != PH_VAL_MAP) {
        ph_value_format(v, buf, size);
        return;
    }
    char toks[16][80];
    char *ptr[16];
    uint32_t n = v.u.map->count < 16 ? v.u.map->count : 16;
    for (uint32_t i = 0; i < n; i++) {
        char val[64];
        ph_value_format(v.u.map->e[i].val, val, sizeof val);
        snprintf(toks[i], sizeof toks[i], "%s: %s", ph_word_str(v.u.map->e[i].key, NULL), val);
        ptr[i] = toks[i];
    }
    qsort(ptr, n, sizeof ptr[0], tf_strcmp_p);
    size_t len = (size_t)snprintf(buf, size, "{");
    for (uint32_t i = 0; i < n && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "", ptr[i]);
    if (len < size) snprintf(buf + len, size - len, "}");
}

typedef struct tf_line {
    const ph_event *e;
    char *text;
} tf_line;

static inline int tf_line_cmp(const void *pa, const void *pb)
{
    const tf_line *a = pa, *b = pb;
    int c = ph_rat_cmp(a->e->part.begin, b->e->part.begin);
    if (c) return c;
    if (a->e->has_whole != b->e->has_whole) return a->e->has_whole ? 1 : -1;
    if (a->e->has_whole) {
        if ((c = ph_rat_cmp(a->e->whole.begin, b->e->whole.begin))) return c;
        if ((c = ph_rat_cmp(a->e->whole.end, b->e->whole.end))) return c;
    }
    if ((c = ph_rat_cmp(a->e->part.end, b->e->part.end))) return c;
    return strcmp(a->text, b->text);
}

/* The events of pat over [from, to) as sorted lines (malloc'd). */
static inline char *tf_lines(const ph_pat *pat, ph_rat from, ph_rat to)
{
    ph_arena *arena = ph_arena_new_growable(1 << 16);
    ph_events ev;
    ph_events_init(&ev);
    ph_qstatus st = ph_query(pat, ph_span_make(from, to), arena, &ev);
    size_t cap = 256 + (size_t)ev.count * 512, len = 0;
    char *out = malloc(cap);
    out[0] = 0;
    if (st != PH_Q_OK) {
        snprintf(out, cap, "query failed: %s\n", ph_qstatus_str(st));
        ph_arena_free(arena);
        return out;
    }
    /* sorted by part begin, whole begin (none first), then whole end, part end and the
     * value's text (not ph_value_cmp: map key ids depend on the interning order) */
    tf_line *lines = calloc(ev.count + 1, sizeof *lines);
    for (uint32_t i = 0; i < ev.count; i++) {
        const ph_event *e = &ev.ev[i];
        char wb[48] = "-", we[48] = "-", pb[48], pe[48], v[256];
        if (e->has_whole) {
            ph_rat_format(e->whole.begin, wb, sizeof wb);
            ph_rat_format(e->whole.end, we, sizeof we);
        }
        ph_rat_format(e->part.begin, pb, sizeof pb);
        ph_rat_format(e->part.end, pe, sizeof pe);
        tf_format_value(e->value, v, sizeof v);
        lines[i].e = e;
        lines[i].text = malloc(512);
        snprintf(lines[i].text, 512, "%s %s %s %s %s\n", wb, we, pb, pe, v);
    }
    qsort(lines, ev.count, sizeof *lines, tf_line_cmp);
    for (uint32_t i = 0; i < ev.count; i++) {
        len += (size_t)snprintf(out + len, cap - len, "%s", lines[i].text);
        free(lines[i].text);
    }
    free(lines);
    ph_arena_free(arena);
    return out;
}

/* Checks MINI $ CHAIN over [from, to) against the expected lines (each ending in '\n'). */
static inline void tf_check_at(const char *file, int line, const char *mini, const char *chain,
                        ph_rat from, ph_rat to, const char *want)
{
    ph_heap *h = ph_heap_new();
    char err[256] = "";
    const ph_pat *pat = tf_build(h, mini, chain, err, sizeof err);
    if (!pat) {
        ph_heap_free(h);
        cr_expect(false, "%s:%d: \"%s\" $ %s: build failed: %s", file, line, mini, chain, err);
        return;
    }
    char *got = tf_lines(pat, from, to);
    bool same = strcmp(got, want) == 0;
    if (!same)
        cr_log_error("%s:%d: \"%s\" $ %s\n--- want\n%s--- got\n%s", file, line, mini, chain, want, got);
    free(got);
    ph_heap_free(h);
    cr_expect(same, "%s:%d: \"%s\" $ %s: events differ (see above)", file, line, mini, chain);
}

/* Expects building MINI $ CHAIN to fail with a message containing `part`. */
static inline void tf_check_error_at(const char *file, int line, const char *mini, const char *chain,
                              const char *part)
{
    ph_heap *h = ph_heap_new();
    char err[256] = "";
    const ph_pat *pat = tf_build(h, mini, chain, err, sizeof err);
    cr_expect(pat == NULL, "%s:%d: \"%s\" $ %s should fail to build", file, line, mini, chain);
    cr_expect(strstr(err, part) != NULL, "%s:%d: error '%s' should mention '%s'", file, line, err,
              part);
    ph_heap_free(h);
}

static inline const char *tf_s(const char *s) { return s ? s : ""; }

#define R(n, d) ph_rat_make((n), (d))
#define I(n) ph_rat_int(n)
#define TF_CHECK(mini, chain, from, to, want) tf_check_at(__FILE__, __LINE__, mini, chain, from, to, want)
#define TF_ERROR(mini, chain, part) tf_check_error_at(__FILE__, __LINE__, mini, chain, part)

/* Both sides built and queried the same way must give the same events. */
#define TF_SAME(mini1, chain1, mini2, chain2, from, to)                                            \
    do {                                                                                           \
        ph_heap *h_ = ph_heap_new();                                                               \
        char e1_[256] = "", e2_[256] = "";                                                         \
        const ph_pat *a_ = tf_build(h_, mini1, chain1, e1_, sizeof e1_);                           \
        const ph_pat *b_ = tf_build(h_, mini2, chain2, e2_, sizeof e2_);                           \
        cr_assert(a_ && b_, "build failed: %s %s", e1_, e2_);                                      \
        char *x_ = tf_lines(a_, from, to), *y_ = tf_lines(b_, from, to);                           \
        cr_expect_str_eq(x_, y_, "\"%s\" $ %s differs from \"%s\" $ %s", tf_s(mini1), chain1,      \
                         tf_s(mini2), chain2);                                                     \
        free(x_);                                                                                  \
        free(y_);                                                                                  \
        ph_heap_free(h_);                                                                          \
    } while (0)

#endif

/* Conformance with Strudel 1.2.6: every case in the .jsonl files of tests/data/conformance/ (computed
 * by running Strudel itself; see the README there) is parsed from its mini-notation,
 * wrapped as a control when it names one, given its transform chain through the
 * registry, queried over its span in ONE query, and compared with Strudel's events as a
 * multiset (numbers compared numerically). Cases listed in exclusions.txt (a deliberate
 * difference, with its reason) are skipped; any other difference, an unknown transform
 * included, fails. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pattern/ph_mini.h"
#include "pattern/ph_pattern.h"
#include "test_json.h"

#include "pattern/ph_registry.h"

#ifndef PH_SOURCE_DIR
#define PH_SOURCE_DIR "."
#endif

/* ------------------------------------------------------------- the cases */

static bool json_rat(const jval *v, ph_rat *out)
{
    if (v->kind == J_NUM) {
        *out = ph_rat_from_double(v->num, 1000000);
        return true;
    }
    return v->kind == J_STR && ph_rat_parse(v->str, out);
}

/* Numbers in shortest form, so "0.50" and 0.5 compare equal. */
static void canon_value(const char *s, char *out, size_t size)
{
    char *end;
    double x = strtod(s, &end);
    if (*s && !*end && isfinite(x)) ph_value_format(ph_val_num(x), out, size);
    else snprintf(out, size, "%s", s);
}

/* Times as the case files write them: reduced n/d, negative ones with their sign. */
static char *strudel_time(ph_rat r, char *buf, unsigned size) { return ph_rat_format(r, buf, size); }

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

typedef struct counts {
    int passed, failed, skipped;
} counts;

static bool json_arg(ph_heap *h, const jval *v, ph_targ *out, char *why, size_t whylen);

static ph_tfunc *json_func(ph_heap *h, const jval *step, char *why, size_t whylen)
{
    if (step->kind != J_ARR || step->n < 1 || step->items[0].kind != J_STR || step->n - 1 > PH_TFUNC_MAX_ARGS) {
        snprintf(why, whylen, "bad chain step");
        return NULL;
    }
    ph_tfunc *f = ph_heap_alloc(h, sizeof *f);
    if (!f) return NULL;
    f->name = ph_heap_strdup(h, step->items[0].str, strlen(step->items[0].str));
    f->nargs = step->n - 1;
    for (int i = 1; i < step->n; i++)
        if (!json_arg(h, &step->items[i], &f->args[i - 1], why, whylen)) return NULL;
    return f;
}

static bool json_arg(ph_heap *h, const jval *v, ph_targ *out, char *why, size_t whylen)
{
    if (v->kind == J_NUM) {
        *out = ph_targ_pat(ph_pure_num(h, v->num));
        return out->pat != NULL;
    }
    if (v->kind == J_STR) {
        ph_mini_error e;
        const ph_pat *p = ph_mini_parse(h, v->str, strlen(v->str), &e);
        if (!p) {
            snprintf(why, whylen, "argument \"%s\": %s at column %d", v->str, e.message, e.column);
            return false;
        }
        *out = ph_targ_pat(p);
        return true;
    }
    if (v->kind == J_ARR) {
        const ph_tfunc *f = json_func(h, v, why, whylen);
        if (!f) return false;
        *out = ph_targ_func(f);
        return true;
    }
    if (v->kind == J_OBJ && v->n == 1) {
        /* {"n": "1"}: the control pattern n "1" */
        ph_targ inner;
        if (!json_arg(h, &v->items[0], &inner, why, whylen) || inner.kind != PH_TARG_PAT) return false;
        *out = ph_targ_pat(ph_as_control(h, ph_intern_cstr(v->keys[0]), inner.pat));
        return out->pat != NULL;
    }
    snprintf(why, whylen, "unsupported argument");
    return false;
}

/* Returns 1 pass, 0 fail. */
static int run_case(const jval *c, char *why, size_t whylen)
{
    const jval *id = jget(c, "id"), *mini = jget(c, "mini"), *chain = jget(c, "chain"),
               *cycles = jget(c, "cycles"), *events = jget(c, "events");
    const jval *construct = jget(c, "construct");
    if (construct && (construct->kind != J_ARR || construct->n < 1 || construct->items[0].kind != J_STR)) construct = NULL;
    if (!id || !(construct || (mini && mini->kind == J_STR)) || !chain || !cycles || !events || chain->kind != J_ARR ||
        cycles->kind != J_ARR || cycles->n != 2 || events->kind != J_ARR) {
        snprintf(why, whylen, "malformed case");
        return 0;
    }
    ph_rat from, to;
    if (!json_rat(&cycles->items[0], &from) || !json_rat(&cycles->items[1], &to)) {
        snprintf(why, whylen, "bad cycles");
        return 0;
    }
    ph_heap *h = ph_heap_new();
    int result = 0;
    const ph_pat *pat;
    if (construct) {
        /* a constructor's case: ["binary", 5] is ph_construct("binary", 5) */
        ph_targ args[PH_TRANSFORM_MAX_ARGS];
        char msg[256] = "";
        int n = construct->n - 1;
        for (int i = 0; i < n && i < PH_TRANSFORM_MAX_ARGS; i++)
            if (!json_arg(h, &construct->items[i + 1], &args[i], msg, sizeof msg)) n = -1;
        pat = n >= 0 ? ph_construct(h, construct->items[0].str, args, n, msg, sizeof msg) : NULL;
        if (!pat) {
            snprintf(why, whylen, "construct %s: %s", construct->items[0].str, msg);
            ph_heap_free(h);
            return 0;
        }
    } else {
        ph_mini_error err;
        pat = ph_mini_parse(h, mini->str, strlen(mini->str), &err);
        if (!pat) {
            snprintf(why, whylen, "parse error at column %d: %s", err.column, err.message);
            ph_heap_free(h);
            return 0;
        }
    }
    const jval *control = jget(c, "control");
    if (control && control->kind == J_STR) pat = ph_as_control(h, ph_intern_cstr(control->str), pat);
    for (int i = 0; pat && i < chain->n; i++) {
        char msg[256] = "";
        const ph_tfunc *f = json_func(h, &chain->items[i], msg, sizeof msg);
        if (!f) {
            snprintf(why, whylen, "chain step %d: %s", i, msg);
            ph_heap_free(h);
            return 0;
        }
        const ph_pat *next = ph_tfunc_apply(h, f, pat, msg, sizeof msg);
        if (!next) {
            snprintf(why, whylen, "chain step %d (%s): %s", i, f->name, msg);
            ph_heap_free(h);
            return 0;
        }
        pat = next;
    }
    if (!pat) {
        snprintf(why, whylen, "could not build the control pattern");
        ph_heap_free(h);
        return 0;
    }
    ph_arena *arena = ph_arena_new_growable(1 << 16);
    ph_events got;
    ph_events_init(&got);
    ph_qstatus st = ph_query(pat, ph_span_make(from, to), arena, &got);
    if (st != PH_Q_OK) {
        snprintf(why, whylen, "query failed: %s", ph_qstatus_str(st));
        goto out;
    }
    {
        int ne = events->n;
        char **want = calloc((size_t)ne + 1, sizeof *want), **have = calloc((size_t)got.count + 1, sizeof *have);
        for (int i = 0; i < ne; i++) {
            const jval *e = &events->items[i];
            char v[128];
            if (e->kind != J_ARR || e->n != 5 || e->items[4].kind != J_STR) {
                snprintf(why, whylen, "malformed event");
                for (int k = 0; k < i; k++) free(want[k]);
                free(want);
                free(have);
                goto out;
            }
            canon_value(e->items[4].str, v, sizeof v);
            want[i] = malloc(256);
            snprintf(want[i], 256, "%s %s %s %s %s", e->items[0].str, e->items[1].str, e->items[2].str,
                     e->items[3].str, v);
        }
        for (uint32_t i = 0; i < got.count; i++) {
            const ph_event *e = &got.ev[i];
            char wb[48], we[48], pb[48], pe[48], v[128], vc[128];
            ph_value_format(e->value, v, sizeof v);
            canon_value(v, vc, sizeof vc);
            have[i] = malloc(256);
            snprintf(have[i], 256, "%s %s %s %s %s", e->has_whole ? strudel_time(e->whole.begin, wb, sizeof wb) : "-",
                     e->has_whole ? strudel_time(e->whole.end, we, sizeof we) : "-",
                     strudel_time(e->part.begin, pb, sizeof pb), strudel_time(e->part.end, pe, sizeof pe), vc);
        }
        qsort(want, (size_t)ne, sizeof *want, cmp_str);
        qsort(have, got.count, sizeof *have, cmp_str);
        /* multiset difference: first few missing and extra events */
        int i = 0, j = 0, shown = 0;
        size_t off = (size_t)snprintf(why, whylen, "got %u events, want %d;", got.count, ne);
        while (i < ne || j < (int)got.count) {
            int c = i >= ne ? 1 : (j >= (int)got.count ? -1 : strcmp(want[i], have[j]));
            if (c == 0) {
                i++, j++;
                continue;
            }
            if (shown < 4 && off < whylen)
                off += (size_t)snprintf(why + off, whylen - off, " %s [%s]", c < 0 ? "missing" : "extra",
                                        c < 0 ? want[i] : have[j]);
            shown++;
            if (c < 0) i++;
            else j++;
        }
        result = shown == 0 ? 1 : 0;
        for (int k = 0; k < ne; k++) free(want[k]);
        for (uint32_t k = 0; k < got.count; k++) free(have[k]);
        free(want);
        free(have);
    }
out:
    ph_arena_free(arena);
    ph_heap_free(h);
    return result;
}

/* exclusions.txt beside the cases: `ID reason` per line, `#` comments. Returns the ids as
 * one string of " id " pieces (NULL when there is no such file). */
static char *read_exclusions(const char *dir)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/exclusions.txt", dir);
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    size_t cap = 256, len = 0;
    char *ids = malloc(cap), *line = NULL, id[128];
    size_t lcap = 0;
    ids[0] = 0;
    while (getline(&line, &lcap, f) > 0) {
        if (sscanf(line, "%127s", id) != 1 || id[0] == '#') continue;
        size_t need = len + strlen(id) + 3;
        if (need > cap) ids = realloc(ids, cap = need * 2);
        len += (size_t)sprintf(ids + len, " %s ", id);
    }
    free(line);
    fclose(f);
    return ids;
}

static bool excluded(const char *ids, const char *id)
{
    char key[140];
    snprintf(key, sizeof key, " %s ", id);
    return ids && strstr(ids, key);
}

static int run_file(const char *path, const char *exclusions, counts *n, int *cases_with_empty_chain_failed)
{
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        jparser p = {line, 0, (size_t)len, false};
        jval c;
        jws(&p);
        if (p.pos >= p.len) continue;
        if (!jvalue(&p, &c, 0) || c.kind != J_OBJ) {
            fprintf(stderr, "conformance: %s: unreadable line\n", path);
            n->failed++;
            jfree(&c);
            continue;
        }
        const jval *id = jget(&c, "id"), *mini = jget(&c, "mini"), *chain = jget(&c, "chain");
        const char *ids = id && id->kind == J_STR ? id->str : "?";
        if (excluded(exclusions, ids)) {
            n->skipped++;
            jfree(&c);
            continue;
        }
        char why[1024] = "";
        int r = run_case(&c, why, sizeof why);
        if (r > 0) n->passed++;
        else {
            n->failed++;
            if (chain && chain->kind == J_ARR && chain->n == 0) (*cases_with_empty_chain_failed)++;
            fprintf(stderr, "conformance FAIL %s (\"%s\"): %s\n", ids,
                    mini && mini->kind == J_STR ? mini->str : "a constructor", why);
        }
        jfree(&c);
    }
    free(line);
    fclose(f);
    return 0;
}

Test(conformance, strudel_cases, .timeout = 120)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/conformance", PH_SOURCE_DIR "/tests/data");
    DIR *d = opendir(dir);
    cr_assert(d != NULL, "no conformance directory at %s ", dir);
    counts n = {0, 0, 0};
    int empty_chain_failed = 0, files = 0;
    struct dirent *ent;
    char *names[64];
    int nn = 0;
    while ((ent = readdir(d)) && nn < 64) {
        size_t l = strlen(ent->d_name);
        if (l > 6 && !strcmp(ent->d_name + l - 6, ".jsonl")) names[nn++] = strdup(ent->d_name);
    }
    closedir(d);
    qsort(names, (size_t)nn, sizeof *names, cmp_str);
    char *exclusions = read_exclusions(dir);
    for (int i = 0; i < nn; i++) {
        char path[1400];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        counts before = n;
        if (run_file(path, exclusions, &n, &empty_chain_failed) == 0) files++;
        fprintf(stderr, "conformance %s: %d passed, %d failed, %d excluded\n", names[i], n.passed - before.passed,
                n.failed - before.failed, n.skipped - before.skipped);
        free(names[i]);
    }
    free(exclusions);
    fprintf(stderr, "conformance: %d passed, %d failed, %d excluded (of %d cases in %d files)\n", n.passed,
            n.failed, n.skipped, n.passed + n.failed + n.skipped, files);
    cr_assert(files > 0, "no .jsonl files in %s", dir);
    cr_assert(n.passed > 0, "no case passed");
    cr_assert_eq(empty_chain_failed, 0, "%d cases without transforms differ from Strudel", empty_chain_failed);
    cr_assert_eq(n.failed, 0, "%d conformance cases differ from Strudel (see stderr)", n.failed);
}

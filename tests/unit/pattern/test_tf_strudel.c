/* Strudel's documented examples for the transforms, as its own test suite runs them
 * (examples snapshot test/__snapshots__/examples.test.mjs.snap, one query of [0, 4)),
 * re-expressed as phonon chains. The data is tests/data/strudel-examples.jsonl, one example
 * a line: id, mini (null when the chain starts with a constructor), chain (.ph text, steps
 * joined by `$`), cycles, and events as the conformance cases write them
 * (tests/data/conformance/README.md); shuffle, scramble and euclidLegatoRot as Strudel
 * 1.2.6's snapshot has them, the rest unchanged since 1.2. Values are reduced to what the chain produces without Strudel's
 * controls: note names of scale() back to degrees, `s:piano` dropped, and
 * `x.speed("0.5")` replaced by (hurry 1), which marks the same events with speed 1.
 * Compared as multisets of "WB WE PB PE VALUE" lines. */
#include "test_json.h"
#include "test_tf_helpers.h"

/* Runs one example line; false (logged) when it differs or cannot be read. */
static bool run_example(const jval *c)
{
    const jval *id = jget(c, "id"), *mini = jget(c, "mini"), *chain = jget(c, "chain"),
               *cycles = jget(c, "cycles"), *events = jget(c, "events");
    if (!id || id->kind != J_STR || !mini || !chain || chain->kind != J_STR || !cycles ||
        cycles->kind != J_ARR || cycles->n != 2 || !events || events->kind != J_ARR) {
        cr_log_error("malformed example");
        return false;
    }
    char **want = calloc((size_t)events->n + 1, sizeof *want);
    bool ok = true;
    for (int i = 0; i < events->n && ok; i++) {
        const jval *e = &events->items[i];
        ok = e->kind == J_ARR && e->n == 5;
        for (int k = 0; ok && k < 5; k++) ok = e->items[k].kind == J_STR;
        if (!ok) break;
        want[i] = malloc(256);
        snprintf(want[i], 256, "%s %s %s %s %s", e->items[0].str, e->items[1].str, e->items[2].str,
                 e->items[3].str, e->items[4].str);
    }
    if (ok)
        ok = tf_check_multiset(mini->kind == J_STR ? mini->str : NULL, chain->str,
                               ph_rat_int((int64_t)cycles->items[0].num),
                               ph_rat_int((int64_t)cycles->items[1].num), (const char *const *)want);
    if (!ok) cr_log_error("Strudel example %s differs", id->str);
    for (int i = 0; i < events->n; i++) free(want[i]);
    free(want);
    return ok;
}

Test(tf_strudel, documented_examples)
{
    const char *path = PH_SOURCE_DIR "/tests/data/strudel-examples.jsonl";
    FILE *f = fopen(path, "r");
    cr_assert(f != NULL, "cannot read %s", path);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int failed = 0, total = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
        jparser p = {line, 0, (size_t)len, false};
        jval c;
        jws(&p);
        if (p.pos >= p.len) continue;
        total++;
        if (!jvalue(&p, &c, 0) || c.kind != J_OBJ || !run_example(&c)) failed++;
        jfree(&c);
    }
    free(line);
    fclose(f);
    /* every example the file held when it was made from the C table, so that a truncated
     * file cannot pass */
    cr_expect_geq(total, 65, "only %d examples in %s", total, path);
    cr_expect_eq(failed, 0, "%d of %d Strudel examples differ", failed, total);
}

/* Pattern expressions in .ph syntax (ph_tf_chain.h): what builds, and errors with their
 * line and column. */
#include "test_tf_helpers.h"

static const ph_pat *build(ph_heap *h, const char *src, ph_chain_error *e)
{
    return ph_chain_build(h, src, strlen(src), e);
}

static void expect_error(const char *src, int line, int column, const char *part)
{
    ph_heap *h = ph_heap_new();
    ph_chain_error e;
    cr_expect_null(build(h, src, &e), "%s should not build", src);
    cr_expect(e.line == line && e.column == column, "%s: error at %d:%d, want %d:%d (%s)", src,
              e.line, e.column, line, column, e.message);
    cr_expect(strstr(e.message, part) != NULL, "%s: '%s' should mention '%s'", src, e.message, part);
    ph_heap_free(h);
}

Test(tf_chain, builds)
{
    TF_SAME("a b", "off 1/8 (add 7)", "a b", "off 0.125 (add 7)", I(0), I(2));
    TF_SAME(NULL, "\"a b\" $ every 3 (fast 2) $ off 0.25 (rev . fast 2)", "a b",
            "every 3 (fast 2) $ off 0.25 (rev . fast 2)", I(0), I(3));
    TF_CHECK(NULL, "run 4 $ fast 2 $ rev", I(0), R(1, 2),
             "0/1 1/8 0/1 1/8 3\n1/8 1/4 1/8 1/4 2\n1/4 3/8 1/4 3/8 1\n3/8 1/2 3/8 1/2 0\n");
    /* (f . g . h): h first: late 1/4 gives b a b, fast 2 halves it, rev mirrors each cycle */
    TF_CHECK("a b", "every 1 (rev . fast 2 . late 0.25)", I(0), R(1, 2),
             "-1/8 1/8 0/1 1/8 b\n1/8 3/8 1/8 3/8 a\n3/8 5/8 3/8 1/2 b\n");
    TF_CHECK("a", "<~ 0.25 $ ~> 0.25", I(0), I(1), "0/1 1/1 0/1 1/1 a\n");
    /* whitespace and newlines between steps */
    ph_heap *h = ph_heap_new();
    ph_chain_error e;
    cr_expect_not_null(build(h, "  \"a b\"\n  $ fast 2\n  $ rev  ", &e), "%s", e.message);
    ph_heap_free(h);
}

Test(tf_chain, errors_have_places)
{
    expect_error("\"a\" $ fsat 2", 1, 7, "did you mean 'fast'");
    expect_error("\"a\"\n  $ fsat 2", 2, 5, "unknown transform 'fsat'");
    expect_error("\"a\" $ every 2 (fast 2", 1, 22, "expected ')' to close the '(' at column 15");
    expect_error("\"a b", 1, 1, "unterminated string");
    expect_error("\"a\" fast 2", 1, 5, "expected '$'");
    expect_error("", 1, 1, "empty expression");
    expect_error("\"a\" $ fast 1/0", 1, 12, "bad number");
    expect_error("\"a\" $ every (fast 2) 2", 1, 7, "argument 1 must be a pattern or number, not a function");
    expect_error("\"a\" $ fast", 1, 7, "expects exactly 1 argument");
    expect_error("\"a\" $", 1, 6, "expected a transform name at the end");
    expect_error("runn 4", 1, 1, "did you mean 'run'");
    expect_error("\"a\" $ every 2 (fsat 2)", 1, 16, "did you mean 'fast'");
    expect_error("\"a\" $ every 0 (rev)", 1, 7, "whole number");
    /* a mini-notation error points inside the string */
    ph_heap *h = ph_heap_new();
    ph_chain_error e;
    cr_expect_null(build(h, "\"a [b\" $ fast 2", &e));
    cr_expect(e.line == 1 && e.column >= 2 && e.column <= 6, "mini error at column %d: %s", e.column,
              e.message);
    ph_heap_free(h);
}

Test(tf_chain, deep_nesting_is_an_error)
{
    char src[4096];
    size_t n = (size_t)snprintf(src, sizeof src, "\"a\" $ ");
    for (int i = 0; i < 200; i++) n += (size_t)snprintf(src + n, sizeof src - n, "every 2 (");
    n += (size_t)snprintf(src + n, sizeof src - n, "rev");
    for (int i = 0; i < 200; i++) n += (size_t)snprintf(src + n, sizeof src - n, ")");
    ph_heap *h = ph_heap_new();
    ph_chain_error e;
    cr_expect_null(build(h, src, &e));
    cr_expect(strstr(e.message, "nested too deeply") != NULL, "%s", e.message);
    ph_heap_free(h);
}

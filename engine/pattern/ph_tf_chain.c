/* Pattern expressions in .ph syntax for `phonon query` and tests (see ph_tf_chain.h): a
 * small recursive-descent parser that builds through the registry as it goes. */
#include "pattern/ph_tf_chain.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pattern/ph_mini.h"
#include "pattern/ph_registry.h"

#define MAX_NEST 64 /* parentheses */

typedef struct parser {
    ph_heap *h;
    const char *s;
    size_t len, pos;
    int depth;
    ph_chain_error *err;
    bool failed;
} parser;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void fail_at(parser *p, size_t at, const char *fmt, ...)
{
    if (p->failed) return;
    p->failed = true;
    if (!p->err) return;
    int line = 1, col = 1;
    for (size_t i = 0; i < at && i < p->len; i++) {
        if (p->s[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    p->err->line = line;
    p->err->column = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
    va_end(ap);
}

static void ws(parser *p)
{
    while (p->pos < p->len && isspace((unsigned char)p->s[p->pos])) p->pos++;
}

static int peek(parser *p)
{
    ws(p);
    return p->pos < p->len ? (unsigned char)p->s[p->pos] : 0;
}

static bool name_char(int c) { return isalnum(c) || c == '_' || c == '\'' || c == '<' || c == '~' || c == '>'; }

static bool number_start(parser *p)
{
    int c = peek(p);
    if (isdigit(c)) return true;
    if ((c == '-' || c == '.') && p->pos + 1 < p->len) {
        int d = (unsigned char)p->s[p->pos + 1];
        return isdigit(d) || (c == '-' && d == '.');
    }
    return false;
}

static const ph_pat *parse_string(parser *p)
{
    size_t open = p->pos++; /* at '"' */
    size_t b = p->pos;
    while (p->pos < p->len && p->s[p->pos] != '"') p->pos++;
    if (p->pos >= p->len) {
        fail_at(p, open, "unterminated string");
        return NULL;
    }
    size_t e = p->pos++;
    ph_mini_error me;
    const ph_pat *pat = ph_mini_parse(p->h, p->s + b, e - b, &me);
    if (!pat) fail_at(p, b + (me.column > 0 ? (size_t)me.column : 0), "%s", me.message);
    return pat;
}

static const ph_pat *parse_number(parser *p)
{
    size_t b = p->pos;
    char buf[64];
    size_t n = 0;
    while (p->pos < p->len && n + 1 < sizeof buf &&
           (isalnum((unsigned char)p->s[p->pos]) || strchr(".-+/", p->s[p->pos])))
        buf[n++] = p->s[p->pos++];
    buf[n] = 0;
    char *end;
    double x = strtod(buf, &end);
    if (*end == '/') {
        char *end2;
        double d = strtod(end + 1, &end2);
        if (end2 == end + 1 || *end2 || d == 0) {
            fail_at(p, b, "bad number '%s'", buf);
            return NULL;
        }
        x /= d;
        end = end2;
    }
    if (end == buf || *end) {
        fail_at(p, b, "bad number '%s'", buf);
        return NULL;
    }
    return ph_pure_num(p->h, x);
}

static const ph_tfunc *parse_func(parser *p);

/* NAME arg* into a heap ph_tfunc (name copied into the heap). */
static ph_tfunc *parse_step(parser *p, size_t *name_at)
{
    int c = peek(p);
    size_t b = p->pos;
    while (p->pos < p->len && name_char((unsigned char)p->s[p->pos])) p->pos++;
    if (p->pos == b) {
        if (c)
            fail_at(p, b, "expected a transform name, found '%c'", c);
        else
            fail_at(p, b, "expected a transform name at the end");
        return NULL;
    }
    *name_at = b;
    ph_tfunc *f = ph_heap_alloc(p->h, sizeof *f);
    if (!f) {
        fail_at(p, b, "out of memory");
        return NULL;
    }
    f->name = ph_heap_strdup(p->h, p->s + b, p->pos - b);
    for (;;) {
        c = peek(p);
        ph_targ a;
        if (c == '"') {
            const ph_pat *s = parse_string(p);
            if (!s) return NULL;
            a = ph_targ_pat(s);
        } else if (c == '(') {
            size_t open = p->pos++;
            if (++p->depth > MAX_NEST) {
                fail_at(p, open, "parentheses nested too deeply");
                return NULL;
            }
            const ph_tfunc *g = parse_func(p);
            p->depth--;
            if (!g) return NULL;
            if (peek(p) != ')') {
                fail_at(p, p->pos, "expected ')' to close the '(' at column %zu", open + 1);
                return NULL;
            }
            p->pos++;
            a = ph_targ_func(g);
        } else if (number_start(p)) {
            const ph_pat *x = parse_number(p);
            if (!x) return NULL;
            a = ph_targ_pat(x);
        } else {
            break;
        }
        if (f->nargs >= PH_TFUNC_MAX_ARGS) {
            fail_at(p, b, "%s: too many arguments", f->name);
            return NULL;
        }
        f->args[f->nargs++] = a;
    }
    return f;
}

static const ph_tfunc *parse_func(parser *p)
{
    size_t at;
    ph_tfunc *first = parse_step(p, &at);
    if (!first) return NULL;
    if (!ph_transform_info(first->name)) {
        char err[256];
        ph_transform_apply(p->h, first->name, NULL, 0, NULL, err, sizeof err);
        fail_at(p, at, "%s", err);
        return NULL;
    }
    if (peek(p) != '.') return first;
    p->pos++;
    /* g . rest: rest first, then g */
    const ph_tfunc *rest = parse_func(p);
    if (!rest) return NULL;
    ph_tfunc *copy = ph_heap_alloc(p->h, sizeof *copy);
    if (!copy) return NULL;
    *copy = *rest;
    ph_tfunc *last = copy;
    while (last->then) {
        ph_tfunc *n = ph_heap_alloc(p->h, sizeof *n);
        if (!n) return NULL;
        *n = *last->then;
        last->then = n;
        last = n;
    }
    last->then = first;
    return copy;
}

const ph_pat *ph_chain_build(ph_heap *h, const char *src, size_t len, ph_chain_error *err)
{
    parser p = {h, src ? src : "", src ? len : 0, 0, 0, err, false};
    if (err) {
        err->line = err->column = 0;
        err->message[0] = 0;
    }
    const ph_pat *pat = NULL;
    char msg[256];
    if (peek(&p) == '"') {
        pat = parse_string(&p);
    } else if (peek(&p) == 0) {
        fail_at(&p, 0, "empty expression: expected a \"mini-notation\" string");
    } else {
        size_t at;
        ph_tfunc *f = parse_step(&p, &at);
        if (f) {
            pat = ph_construct(h, f->name, f->args, f->nargs, msg, sizeof msg);
            if (!pat) fail_at(&p, at, "%s", msg);
        }
    }
    while (pat && !p.failed) {
        int c = peek(&p);
        if (!c) break;
        if (c != '$') {
            fail_at(&p, p.pos, "expected '$' before the next transform, found '%c'", c);
            break;
        }
        p.pos++;
        size_t at;
        ph_tfunc *f = parse_step(&p, &at);
        if (!f) break;
        pat = ph_tfunc_apply(h, f, pat, msg, sizeof msg);
        if (!pat) fail_at(&p, at, "%s", msg);
    }
    if (p.failed) return NULL;
    if (!pat) fail_at(&p, 0, "could not build the pattern");
    return p.failed ? NULL : pat;
}

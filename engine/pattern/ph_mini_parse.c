/* Mini-notation parser: a recursive-descent reading of Strudel's krill grammar
 * (packages/mini/krill.pegjs), producing the syntax tree of ph_mini_ast.h. Random seeds
 * for `?` and `|` (and the `.` feet, which also take one in Strudel) are numbered at the
 * moments the grammar's actions run: a `?` when its slice and all its operators are
 * read, a `|` or `.` list when the whole list is read. */
#include "pattern/ph_mini_ast.h"

#include <stdio.h>
#include <string.h>

typedef struct parser {
    const char *s;
    size_t len, pos;
    ph_arena *arena;
    int seed;
    int nest;
    ph_mini_error *err;
    bool failed;
} parser;

static void fail(parser *p, size_t col, const char *fmt, const char *arg)
{
    if (p->failed) return;
    p->failed = true;
    if (p->err) {
        p->err->column = (int)col;
        snprintf(p->err->message, sizeof p->err->message, fmt, arg ? arg : "");
    }
}

static void *alloc(parser *p, size_t n)
{
    void *m = ph_arena_alloc(p->arena, n, 16);
    if (!m) {
        fail(p, p->pos, "out of memory%s", "");
        return NULL;
    }
    memset(m, 0, n);
    return m;
}

/* Appends to an arena-backed array (doubling, old storage abandoned). */
static bool grow(parser *p, void **arr, int *cap, int n, size_t elem)
{
    if (n < *cap) return true;
    int nc = *cap ? *cap * 2 : 4;
    void *m = alloc(p, (size_t)nc * elem);
    if (!m) return false;
    if (*arr) memcpy(m, *arr, (size_t)n * elem);
    *arr = m;
    *cap = nc;
    return true;
}

static int peek(const parser *p) { return p->pos < p->len ? (unsigned char)p->s[p->pos] : -1; }
static int peek_at(const parser *p, size_t k) { return p->pos + k < p->len ? (unsigned char)p->s[p->pos + k] : -1; }

static bool is_nbsp(const parser *p, size_t at) { return at + 1 < p->len && (unsigned char)p->s[at] == 0xC2 && (unsigned char)p->s[at + 1] == 0xA0; }

static void ws(parser *p)
{
    for (;;) {
        int c = peek(p);
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') p->pos++;
        else if (is_nbsp(p, p->pos)) p->pos += 2;
        else break;
    }
}

/* step_char: a letter (any non-ASCII byte except a no-break space counts as part of a
 * letter), a digit, ~ - # . ^ _ */
static bool step_char_at(const parser *p, size_t at)
{
    if (at >= p->len) return false;
    unsigned char c = (unsigned char)p->s[at];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    if (c == '~' || c == '-' || c == '#' || c == '.' || c == '^' || c == '_') return true;
    if (c >= 0x80) return !is_nbsp(p, at);
    return false;
}

/* number = minus? int frac? exp?  (int = "0" / [1-9][0-9]*) */
static bool number(parser *p, double *out)
{
    size_t start = p->pos, i = p->pos;
    if (i < p->len && p->s[i] == '-') i++;
    if (i >= p->len || p->s[i] < '0' || p->s[i] > '9') return false;
    if (p->s[i] == '0') i++;
    else
        while (i < p->len && p->s[i] >= '0' && p->s[i] <= '9') i++;
    if (i + 1 < p->len && p->s[i] == '.' && p->s[i + 1] >= '0' && p->s[i + 1] <= '9') {
        i++;
        while (i < p->len && p->s[i] >= '0' && p->s[i] <= '9') i++;
    }
    if (i < p->len && (p->s[i] == 'e' || p->s[i] == 'E')) {
        size_t j = i + 1;
        if (j < p->len && (p->s[j] == '-' || p->s[j] == '+')) j++;
        if (j < p->len && p->s[j] >= '0' && p->s[j] <= '9') {
            while (j < p->len && p->s[j] >= '0' && p->s[j] <= '9') j++;
            i = j;
        }
    }
    if (!ph_parse_js_number(p->s + start, i - start, out)) return false;
    p->pos = i;
    return true;
}

static mnode *stack_or_choose(parser *p);
static mnode *polymeter_stack(parser *p, int kind);
static bool slice_with_ops(parser *p, melem *out);

static mnode *new_node(parser *p, int kind, size_t col)
{
    mnode *n = alloc(p, sizeof *n);
    if (n) {
        n->kind = kind;
        n->col = (int)col;
    }
    return n;
}

/* Would a step start here (after whitespace)? A lone "." or "_" is not a step. */
static bool step_ahead(parser *p, size_t *chars_begin, size_t *chars_end)
{
    size_t save = p->pos;
    ws(p);
    size_t b = p->pos;
    while (step_char_at(p, p->pos)) p->pos++;
    size_t e = p->pos;
    p->pos = save;
    if (e == b) return false;
    if (e - b == 1 && (p->s[b] == '.' || p->s[b] == '_')) return false;
    *chars_begin = b;
    *chars_end = e;
    return true;
}

static bool slice_ahead(parser *p)
{
    size_t b, e;
    if (step_ahead(p, &b, &e)) return true;
    size_t save = p->pos;
    ws(p);
    int c = peek(p);
    p->pos = save;
    return c == '[' || c == '{' || c == '<';
}

static bool enter(parser *p)
{
    if (++p->nest > PH_MINI_MAX_NEST) {
        fail(p, p->pos, "nesting deeper than %s levels", "100");
        return false;
    }
    return true;
}

static mnode *atom(parser *p)
{
    size_t b, e;
    step_ahead(p, &b, &e);
    mnode *n = new_node(p, M_ATOM, b);
    if (!n) return NULL;
    n->text = p->s + b;
    n->text_len = e - b;
    p->pos = e;
    /* Extension: chord name after the atom, c'maj */
    if (peek(p) == '\'') {
        size_t cb = ++p->pos;
        while (p->pos < p->len && ((p->s[p->pos] >= 'a' && p->s[p->pos] <= 'z') ||
                                   (p->s[p->pos] >= 'A' && p->s[p->pos] <= 'Z') ||
                                   (p->s[p->pos] >= '0' && p->s[p->pos] <= '9') || p->s[p->pos] == '#'))
            p->pos++;
        if (p->pos == cb) {
            fail(p, cb, "expected a chord name after '%s'", "'");
            return NULL;
        }
        n->kind = M_CHORD;
        n->chord = p->s + cb;
        n->chord_len = p->pos - cb;
    }
    ws(p);
    return n;
}

/* slice = step / sub_cycle / polymeter / slow_sequence */
static mnode *slice(parser *p)
{
    size_t b, e;
    if (step_ahead(p, &b, &e)) return atom(p);
    ws(p);
    size_t open = p->pos;
    int c = peek(p);
    if (c != '[' && c != '{' && c != '<') {
        if (c < 0) fail(p, p->pos, "unexpected end of pattern%s", "");
        else fail(p, p->pos, "expected a step, '[', '{' or '<'%s", "");
        return NULL;
    }
    if (!enter(p)) return NULL;
    p->pos++;
    ws(p);
    mnode *n;
    char close = c == '[' ? ']' : (c == '{' ? '}' : '>');
    if (c == '[') n = stack_or_choose(p);
    else n = polymeter_stack(p, c == '{' ? M_POLY : M_ALT);
    if (!n) return NULL;
    ws(p);
    if (peek(p) != close) {
        char msg[8];
        snprintf(msg, sizeof msg, "%c", close);
        char full[96];
        snprintf(full, sizeof full, "expected '%s' to close '%c' opened at column %zu", msg, c, open);
        fail(p, p->pos, "%s", full);
        return NULL;
    }
    p->pos++;
    if (c == '[') {
        /* a sub-cycle is its inner sequence / stack itself */
    } else if (c == '{' && peek(p) == '%') {
        p->pos++;
        n->steps = slice(p);
        if (!n->steps) return NULL;
    }
    p->nest--;
    ws(p);
    return n;
}

static bool push_op(parser *p, melem *el, mop op)
{
    if (!grow(p, (void **)&el->ops, &el->cap_ops, el->nops, sizeof(mop))) return false;
    el->ops[el->nops++] = op;
    return true;
}

/* op_bjorklund = "(" ws slice_with_ops ws comma ws slice_with_ops ws comma? ws slice_with_ops? ws ")" */
static bool bjorklund(parser *p, melem *el)
{
    size_t open = p->pos;
    p->pos++;
    if (!enter(p)) return false;
    mop op = {MOP_EUCLID, (int)open, NULL, NULL, NULL, 0, false, 0};
    melem a;
    ws(p);
    if (!slice_ahead(p)) {
        fail(p, p->pos, "expected the number of pulses after '('%s", "");
        return false;
    }
    if (!slice_with_ops(p, &a)) return false;
    op.a = a.slice;
    ws(p);
    if (peek(p) != ',') {
        fail(p, p->pos, "expected ',' and the number of steps in '(pulses,steps)'%s", "");
        return false;
    }
    p->pos++;
    ws(p);
    if (!slice_ahead(p)) {
        fail(p, p->pos, "expected the number of steps%s", "");
        return false;
    }
    if (!slice_with_ops(p, &a)) return false;
    op.b = a.slice;
    ws(p);
    if (peek(p) == ',') p->pos++;
    ws(p);
    if (slice_ahead(p)) {
        if (!slice_with_ops(p, &a)) return false;
        op.c = a.slice;
    }
    ws(p);
    if (peek(p) != ')') {
        char full[96];
        snprintf(full, sizeof full, "expected ')' to close '(' opened at column %zu", open);
        fail(p, p->pos, "%s", full);
        return false;
    }
    p->pos++;
    p->nest--;
    return push_op(p, el, op);
}

/* slice_with_ops = slice slice_op*  -- the ops' closures run in order once all are read */
static bool slice_with_ops(parser *p, melem *el)
{
    memset(el, 0, sizeof *el);
    el->col = (int)p->pos;
    el->weight = 1;
    el->reps = 1;
    el->slice = slice(p);
    if (!el->slice) return false;
    for (;;) {
        size_t save = p->pos;
        ws(p);
        int c = peek(p);
        if (c == '@' || c == '_' || c == '!') {
            /* op_weight / op_replicate: ws ("@" / "_" / "!") number? */
            size_t at = p->pos;
            p->pos++;
            double a = 2;
            bool has = number(p, &a);
            mop op = {c == '!' ? MOP_REPLICATE : MOP_WEIGHT, (int)at, NULL, NULL, NULL, has ? a : 2, has, 0};
            if (!push_op(p, el, op)) return false;
            continue;
        }
        p->pos = save;
        c = peek(p);
        if (c == '(') {
            if (!bjorklund(p, el)) return false;
            continue;
        }
        if (c == '/' || c == '*' || c == ':' || (c == '.' && peek_at(p, 1) == '.')) {
            size_t at = p->pos;
            p->pos += c == '.' ? 2 : 1;
            if (c == '.' && !slice_ahead(p)) {
                /* krill backtracks: ".." with no slice after it is a step of its own */
                p->pos = at;
                break;
            }
            if (!enter(p)) return false;
            mnode *arg = slice(p);
            if (!arg) return false;
            p->nest--;
            int kind = c == '/' ? MOP_SLOW : c == '*' ? MOP_FAST : c == ':' ? MOP_TAIL : MOP_RANGE;
            mop op = {kind, (int)at, arg, NULL, NULL, 0, false, 0};
            if (!push_op(p, el, op)) return false;
            continue;
        }
        if (c == '?') {
            size_t at = p->pos;
            p->pos++;
            double a = 0.5;
            bool has = number(p, &a);
            mop op = {MOP_DEGRADE, (int)at, NULL, NULL, NULL, has ? a : 0.5, has, 0};
            if (!push_op(p, el, op)) return false;
            continue;
        }
        break;
    }
    /* Run the closures in order (krill: weight, replicate and degrade seeds). */
    int w = 0;
    for (int i = 0; i < el->nops; i++) {
        mop *op = &el->ops[i];
        switch (op->kind) {
        case MOP_WEIGHT: el->weight = el->weight + op->amount - 1; break; /* a ?? 2 */
        case MOP_REPLICATE: el->reps = el->reps + op->amount - 1; el->weight = el->reps; break;
        case MOP_DEGRADE: op->seed = p->seed++; break;
        default: break;
        }
    }
    /* Keep one replicate op, moved to where the last `!` was: krill filters earlier
     * replicate ops out and pushes the new one at the end of the list so far. */
    mop *ops = el->ops;
    int last_rep = -1;
    for (int i = 0; i < el->nops; i++)
        if (ops[i].kind == MOP_REPLICATE) last_rep = i;
    if (last_rep >= 0) ops[last_rep].amount = el->reps;
    for (int i = 0; i < el->nops; i++) {
        if (ops[i].kind == MOP_WEIGHT) continue;
        if (ops[i].kind == MOP_REPLICATE && i != last_rep) continue;
        ops[w++] = ops[i];
    }
    /* The replicate op sits after every op that preceded the last `!`, and before
     * those that followed it: exactly its position among the kept ops. */
    el->nops = w;
    return true;
}

/* sequence = "^"? slice_with_ops+ */
static mnode *sequence(parser *p)
{
    ws(p);
    mnode *n = new_node(p, M_SEQ, p->pos);
    if (!n) return NULL;
    if (peek(p) == '^') {
        size_t b, e;
        /* '^' at the start of a sequence is the steps marker */
        p->pos++;
        (void)b, (void)e;
    }
    if (!slice_ahead(p)) {
        ws(p);
        int c = peek(p);
        if (c < 0) fail(p, p->pos, "unexpected end of pattern%s", "");
        else fail(p, p->pos, "unexpected '%s'", (char[2]){(char)c, 0});
        return NULL;
    }
    while (slice_ahead(p)) {
        if (!grow(p, (void **)&n->elems, &n->cap, n->nelems, sizeof(melem))) return NULL;
        if (!slice_with_ops(p, &n->elems[n->nelems])) return NULL;
        n->nelems++;
    }
    return n;
}

static bool push_kid(parser *p, mnode *n, mnode *kid)
{
    if (!grow(p, (void **)&n->kids, &n->cap, n->nkids, sizeof(mnode *))) return false;
    n->kids[n->nkids++] = kid;
    return true;
}

/* Does a delimiter (ws c ws) come next? */
static bool delim(parser *p, char c)
{
    size_t save = p->pos;
    ws(p);
    if (peek(p) == c && !(c == '.' && peek_at(p, 1) == '.')) {
        p->pos++;
        ws(p);
        return true;
    }
    p->pos = save;
    return false;
}

/* stack_or_choose = sequence (stack_tail / choose_tail / dot_tail)? */
static mnode *stack_or_choose(parser *p)
{
    mnode *head = sequence(p);
    if (!head) return NULL;
    int kind = 0;
    char sep = 0;
    size_t save = p->pos;
    ws(p);
    int c = peek(p), c1 = peek_at(p, 1);
    p->pos = save;
    if (c == ',') kind = M_STACK, sep = ',';
    else if (c == '|') kind = M_RAND, sep = '|';
    else if (c == '.' && c1 != '.') kind = M_FEET, sep = '.';
    if (!kind || !delim(p, sep)) return head;
    mnode *n = new_node(p, kind, head->col);
    if (!n || !push_kid(p, n, head)) return NULL;
    do {
        mnode *s = sequence(p);
        if (!s || !push_kid(p, n, s)) return NULL;
    } while (delim(p, sep));
    if (kind != M_STACK) n->seed = p->seed++;
    return n;
}

/* polymeter_stack = sequence stack_tail? */
static mnode *polymeter_stack(parser *p, int kind)
{
    mnode *n = new_node(p, kind, p->pos);
    if (!n) return NULL;
    do {
        mnode *s = sequence(p);
        if (!s || !push_kid(p, n, s)) return NULL;
    } while (delim(p, ','));
    return n;
}

mnode *ph_mini_parse_ast(ph_arena *arena, const char *src, size_t len, ph_mini_error *err)
{
    parser p = {src, len, 0, arena, 0, 0, err, false};
    if (err) {
        err->column = -1;
        err->message[0] = 0;
    }
    ws(&p);
    if (p.pos == len) return new_node(&p, M_EMPTY, 0);
    mnode *n = stack_or_choose(&p);
    if (!n) return NULL;
    ws(&p);
    if (p.pos != len) {
        int c = peek(&p);
        if (c == ']' || c == '}' || c == '>' || c == ')')
            fail(&p, p.pos, "unbalanced '%s': nothing to close", (char[2]){(char)c, 0});
        else
            fail(&p, p.pos, "unexpected '%s'", (char[2]){(char)c, 0});
        return NULL;
    }
    return n;
}

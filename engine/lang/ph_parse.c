/* The .ph parser: recursive descent over the token array from ph_lex, building the AST of
 * ph_ast.h in an arena. The first error longjmps out; the caller frees the arena, so
 * nothing is ever half-built. Recursion is bounded by PH_AST_MAX_DEPTH (bracket nesting
 * and tree height), so hostile input cannot exhaust the stack. */
#include <ctype.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/ph_ast_arena.h"
#include "lang/ph_lang.h"
#include "lang/ph_lex.h"

typedef struct parser {
    const char *text;
    ph_token *tok;
    size_t n, pos;
    int depth; /* current recursion depth */
    ph_ast_arena *arena;
    ph_ast_program *prog;
    ph_diag *err;
    bool expr_only;
    int phase; /* 1 while parsing statements, 3 while checking them */
    jmp_buf fail;
} parser;

static _Noreturn void fail_at(parser *p, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static _Noreturn void fail_at(parser *p, int line, int col, const char *fmt, ...)
{
    char msg[sizeof p->err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ph_diag_set(p->err, line, col, "%s", msg);
    longjmp(p->fail, 1);
}

static const ph_token *cur(const parser *p) { return &p->tok[p->pos]; }
static const ph_token *look(const parser *p, size_t k)
{
    size_t i = p->pos + k;
    return &p->tok[i < p->n ? i : p->n - 1];
}
static bool at(const parser *p, ph_tok_kind k) { return cur(p)->kind == k; }
static const ph_token *next(parser *p)
{
    const ph_token *t = cur(p);
    if (p->pos + 1 < p->n) p->pos++;
    return t;
}

/* Describes a token for messages: "number 12", "name 'lpf'", "')'". */
static const char *describe(parser *p, const ph_token *t, char *buf, size_t size)
{
    int n = t->len > 24 ? 24 : (int)t->len;
    const char *s = p->text + t->offset;
    switch (t->kind) {
    case PH_TOK_NUM: snprintf(buf, size, "number %.*s", n, s); break;
    case PH_TOK_IDENT: snprintf(buf, size, "name '%.*s'", n, s); break;
    case PH_TOK_BUS: snprintf(buf, size, "bus '~%.*s'", n, s); break;
    case PH_TOK_STR: snprintf(buf, size, "string \"%.*s%s\"", n, s, t->len > 24 ? "..." : ""); break;
    case PH_TOK_SEP:
        snprintf(buf, size, "%s", t->is_newline ? "end of line" : "';'");
        break;
    default: snprintf(buf, size, "%s", ph_tok_describe(t->kind)); break;
    }
    return buf;
}

static _Noreturn void unexpected(parser *p, const ph_token *t, const char *expected)
{
    char d[80];
    describe(p, t, d, sizeof d);
    if (expected)
        fail_at(p, t->line, t->column, "unexpected %s; expected %s", d, expected);
    fail_at(p, t->line, t->column, "unexpected %s", d);
}

static void *alloc(parser *p, size_t size)
{
    void *m = ph_ast_arena_alloc(p->arena, size);
    if (!m) fail_at(p, cur(p)->line, cur(p)->column, "out of memory");
    return m;
}

static char *dup(parser *p, const char *s, size_t len)
{
    char *d = ph_ast_arena_strndup(p->arena, s, len);
    if (!d) fail_at(p, cur(p)->line, cur(p)->column, "out of memory");
    return d;
}

static void enter(parser *p, const ph_token *t)
{
    if (++p->depth > PH_AST_MAX_DEPTH)
        fail_at(p, t->line, t->column, "expression nested too deeply (more than %d levels)",
                PH_AST_MAX_DEPTH);
}
static void leave(parser *p) { p->depth--; }

static ph_ast_node *node(parser *p, ph_ast_kind kind, int line, int col)
{
    ph_ast_node *n = alloc(p, sizeof *n);
    n->kind = kind;
    n->line = line;
    n->column = col;
    n->depth = 1;
    n->bus_stmt = -1;
    return n;
}

static ph_ast_node *node_at(parser *p, ph_ast_kind kind, const ph_token *t)
{
    return node(p, kind, t->line, t->column);
}

/* Sets n's height from its children and rejects trees deeper than PH_AST_MAX_DEPTH (long
 * left-associative operator runs are built by loops, not recursion, so check here). */
static ph_ast_node *seal(parser *p, ph_ast_node *n)
{
    int d = 0;
    if (n->lhs && n->lhs->depth > d) d = n->lhs->depth;
    if (n->rhs && n->rhs->depth > d) d = n->rhs->depth;
    for (size_t i = 0; i < n->n_items; i++)
        if (n->items[i]->depth > d) d = n->items[i]->depth;
    n->depth = d + 1;
    if (n->depth > PH_AST_MAX_DEPTH)
        fail_at(p, n->line, n->column, "expression nested too deeply (more than %d levels)",
                PH_AST_MAX_DEPTH);
    return n;
}

/* A growable list of nodes in the arena (old blocks are simply left behind). */
typedef struct node_list {
    ph_ast_node **v;
    size_t n, cap;
} node_list;

static void list_push(parser *p, node_list *l, ph_ast_node *x)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        ph_ast_node **v = alloc(p, cap * sizeof *v);
        if (l->n) memcpy(v, l->v, l->n * sizeof *v);
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = x;
}

static ph_ast_node *parse_chain(parser *p);

static bool starts_atom(ph_tok_kind k)
{
    return k == PH_TOK_NUM || k == PH_TOK_STR || k == PH_TOK_BUS || k == PH_TOK_IDENT ||
           k == PH_TOK_LPAREN;
}

static ph_ast_op binop_of(ph_tok_kind k)
{
    switch (k) {
    case PH_TOK_PATOP: return PH_OP_ADD; /* any: the token's op (op_of) */
    case PH_TOK_PLUS: return PH_OP_ADD;
    case PH_TOK_MINUS: return PH_OP_SUB;
    case PH_TOK_STAR: return PH_OP_MUL;
    case PH_TOK_SLASH: return PH_OP_DIV;
    case PH_TOK_HASH: return PH_OP_HASH;
    case PH_TOK_EARLY: return PH_OP_EARLY;
    case PH_TOK_LATE: return PH_OP_LATE;
    case PH_TOK_DOT: return PH_OP_COMPOSE;
    default: return PH_OP_NONE;
    }
}

static ph_ast_node *parse_number(parser *p, const ph_token *t, bool negative)
{
    ph_ast_node *n = node_at(p, PH_AST_NUM, t);
    char *s = alloc(p, (size_t)t->len + 2);
    size_t k = 0;
    if (negative) s[k++] = '-';
    memcpy(s + k, p->text + t->offset, t->len);
    s[k + t->len] = '\0';
    n->text = s;
    n->len = k + t->len;
    n->num = strtod(s, NULL);
    if (!isfinite(n->num)) fail_at(p, t->line, t->column, "number out of range");
    return n;
}

static ph_ast_node *parse_paren(parser *p);

/* `name(a, b, ...)`, called with the name already consumed and cur = '(' right after it. */
static ph_ast_node *parse_call(parser *p, ph_ast_node *fn)
{
    const ph_token *open = next(p);
    enter(p, open);
    node_list args = {0};
    if (!at(p, PH_TOK_RPAREN)) {
        for (;;) {
            list_push(p, &args, parse_chain(p));
            if (at(p, PH_TOK_COMMA)) {
                next(p);
                continue;
            }
            if (at(p, PH_TOK_RPAREN)) break;
            if (at(p, PH_TOK_EOF) || at(p, PH_TOK_SEP))
                fail_at(p, open->line, open->column, "unclosed '(' (missing ')')");
            unexpected(p, cur(p), "',' or ')'");
        }
    }
    next(p); /* ')' */
    leave(p);
    if (args.n == 0) return fn; /* f() is just f */
    ph_ast_node *n = node(p, PH_AST_APPLY, fn->line, fn->column);
    n->lhs = fn;
    n->items = args.v;
    n->n_items = args.n;
    return seal(p, n);
}

/* atom: number | string | bus | name | name(args) | ( expr ) | ( op expr ) | ( expr op ) */
static ph_ast_node *parse_atom(parser *p)
{
    const ph_token *t = cur(p);
    switch (t->kind) {
    case PH_TOK_NUM:
        next(p);
        return parse_number(p, t, false);
    case PH_TOK_STR: {
        next(p);
        ph_ast_node *n = node_at(p, PH_AST_STR, t);
        n->text = dup(p, p->text + t->offset, t->len);
        n->len = t->len;
        n->str_line = t->line;
        n->str_column = t->column + 1;
        n->str_offset = t->offset;
        return n;
    }
    case PH_TOK_BUS: {
        next(p);
        ph_ast_node *n = node_at(p, PH_AST_BUS, t);
        n->text = dup(p, p->text + t->offset, t->len);
        n->len = t->len;
        if (n->len == 2 && n->text[0] == 'm' && n->text[1] >= '1' && n->text[1] <= '8')
            n->macro = n->text[1] - '0';
        return n;
    }
    case PH_TOK_IDENT: {
        next(p);
        ph_ast_node *n = node_at(p, PH_AST_IDENT, t);
        n->text = dup(p, p->text + t->offset, t->len);
        n->len = t->len;
        if (at(p, PH_TOK_LPAREN) && !cur(p)->space_before) return parse_call(p, n);
        return n;
    }
    case PH_TOK_LPAREN:
        return parse_paren(p);
    default:
        unexpected(p, t, "an expression");
    }
}

/* The operator and structure of an operator token. */
static ph_ast_op op_of(const ph_token *t) { return t->kind == PH_TOK_PATOP ? (ph_ast_op)t->op : binop_of(t->kind); }
static ph_ast_structure structure_of(const ph_token *t)
{
    return t->kind == PH_TOK_PATOP ? (ph_ast_structure)t->structure : PH_AST_PLAIN;
}

static bool is_section_op(ph_tok_kind k)
{
    /* '-' is left out of right sections: `(- x)` is negation, as in Haskell; '.' makes
     * no sections. */
    return binop_of(k) != PH_OP_NONE && k != PH_TOK_DOT;
}

static ph_ast_node *parse_paren(parser *p)
{
    const ph_token *open = next(p);
    enter(p, open);
    ph_ast_node *e;
    if (is_section_op(cur(p)->kind) && !at(p, PH_TOK_MINUS)) { /* right section (# speed 2) */
        const ph_token *op = next(p);
        e = node_at(p, PH_AST_SECTION, op);
        e->op = op_of(op);
        e->structure = structure_of(op);
        e->rhs = parse_chain(p);
        seal(p, e);
    } else {
        e = parse_chain(p);
        if (is_section_op(cur(p)->kind) && look(p, 1)->kind == PH_TOK_RPAREN) {
            const ph_token *op = next(p); /* left section (0.25 <~) */
            ph_ast_node *s = node_at(p, PH_AST_SECTION, op);
            s->op = op_of(op);
            s->structure = structure_of(op);
            s->lhs = e;
            e = seal(p, s);
        }
    }
    if (!at(p, PH_TOK_RPAREN)) {
        if (at(p, PH_TOK_EOF) || at(p, PH_TOK_SEP))
            fail_at(p, open->line, open->column, "unclosed '(' (missing ')')");
        if (at(p, PH_TOK_COMMA))
            fail_at(p, cur(p)->line, cur(p)->column,
                    "unexpected ','; commas separate arguments only in f(a, b) (no space "
                    "before '(')");
        unexpected(p, cur(p), "')'");
    }
    next(p);
    leave(p);
    return e;
}

/* `-3` as an argument: a '-' with a space before it and a number glued after it, as in
 * `clip -0.6 0.6` or `compress -20 4`. With a space after it (`sine 1 - 0.5`) or none
 * before it (`x-1`) it is a subtraction. */
static bool at_negative_argument(const parser *p)
{
    return at(p, PH_TOK_MINUS) && cur(p)->space_before && look(p, 1)->kind == PH_TOK_NUM &&
           !look(p, 1)->space_before;
}

/* application: atom atom* -- the head must be a name, a parenthesised application or an
 * operator section. */
static ph_ast_node *parse_app(parser *p)
{
    const ph_token *head_tok = cur(p);
    bool paren = head_tok->kind == PH_TOK_LPAREN;
    ph_ast_node *head = parse_atom(p);
    bool callable = head->kind == PH_AST_IDENT ||
                    (head->kind == PH_AST_APPLY && (paren || head->lhs->kind == PH_AST_IDENT)) ||
                    (head->kind == PH_AST_SECTION && paren);
    if (!starts_atom(cur(p)->kind) && !(callable && at_negative_argument(p))) return head;
    if (!callable) {
        char d[80];
        describe(p, cur(p), d, sizeof d);
        fail_at(p, cur(p)->line, cur(p)->column,
                "unexpected %s (missing operator? only a function name can take arguments)", d);
    }
    node_list args = {0};
    ph_ast_node *fn = head;
    if (head->kind == PH_AST_APPLY) { /* (fast 2) "bd" -> fast 2 "bd" */
        fn = head->lhs;
        for (size_t i = 0; i < head->n_items; i++) list_push(p, &args, head->items[i]);
    }
    for (;;) {
        if (starts_atom(cur(p)->kind)) {
            list_push(p, &args, parse_atom(p));
        } else if (at_negative_argument(p)) {
            const ph_token *minus = next(p);
            ph_ast_node *num = parse_number(p, next(p), true);
            num->line = minus->line;
            num->column = minus->column;
            list_push(p, &args, num);
        } else {
            break;
        }
    }
    ph_ast_node *n = node(p, PH_AST_APPLY, head->line, head->column);
    n->lhs = fn;
    n->items = args.v;
    n->n_items = args.n;
    return seal(p, n);
}

/* compose: app ('.' compose)? -- right-associative, binds tighter than every other operator
 * but looser than application, as in Haskell. */
static ph_ast_node *parse_compose(parser *p)
{
    ph_ast_node *lhs = parse_app(p);
    if (!at(p, PH_TOK_DOT)) return lhs;
    const ph_token *dot = next(p);
    enter(p, dot);
    ph_ast_node *n = node_at(p, PH_AST_BINOP, dot);
    n->op = PH_OP_COMPOSE;
    n->lhs = lhs;
    n->rhs = parse_compose(p);
    leave(p);
    return seal(p, n);
}

static ph_ast_node *parse_unary(parser *p)
{
    if (!at(p, PH_TOK_MINUS)) return parse_compose(p);
    const ph_token *minus = next(p);
    if (at(p, PH_TOK_NUM) && !cur(p)->space_before) {
        const ph_token *t = next(p);
        ph_ast_node *n = parse_number(p, t, true);
        n->line = minus->line;
        n->column = minus->column;
        /* a literal followed by arguments is an error later in parse_app's sense */
        if (starts_atom(cur(p)->kind)) {
            char d[80];
            describe(p, cur(p), d, sizeof d);
            fail_at(p, cur(p)->line, cur(p)->column, "unexpected %s after a number (missing "
                    "operator?)", d);
        }
        return n;
    }
    enter(p, minus);
    ph_ast_node *operand = parse_unary(p);
    leave(p);
    if (operand->kind == PH_AST_NUM && operand->text[0] != '-') {
        /* "- 3": still a literal */
        ph_ast_node *n = node_at(p, PH_AST_NUM, minus);
        char *s = alloc(p, operand->len + 2);
        s[0] = '-';
        memcpy(s + 1, operand->text, operand->len + 1);
        n->text = s;
        n->len = operand->len + 1;
        n->num = -operand->num;
        return n;
    }
    ph_ast_node *n = node_at(p, PH_AST_NEG, minus);
    n->lhs = operand;
    return seal(p, n);
}

/* Binary levels, loosest first, each left-associative. */
static int level_of(const ph_token *t)
{
    if (t->kind == PH_TOK_PATOP) { /* the seed's levels: with + - or with * / */
        ph_ast_op o = (ph_ast_op)t->op;
        return o == PH_OP_MUL || o == PH_OP_DIV || o == PH_OP_MOD ? 4 : 3;
    }
    switch (t->kind) {
    case PH_TOK_HASH: return 1;
    case PH_TOK_EARLY: case PH_TOK_LATE: return 2;
    case PH_TOK_PLUS: case PH_TOK_MINUS: return 3;
    case PH_TOK_STAR: case PH_TOK_SLASH: return 4;
    default: return 0;
    }
}
#define PH_TOP_LEVEL 1
#define PH_BOTTOM_LEVEL 4

static ph_ast_node *parse_binary(parser *p, int level)
{
    if (level > PH_BOTTOM_LEVEL) return parse_unary(p);
    ph_ast_node *lhs = parse_binary(p, level + 1);
    while (level_of(cur(p)) == level) {
        /* a left section "(x op)" ends here */
        if (look(p, 1)->kind == PH_TOK_RPAREN && p->depth > 0) return lhs;
        const ph_token *op = next(p);
        ph_ast_node *n = node_at(p, PH_AST_BINOP, op);
        n->op = op_of(op);
        n->structure = structure_of(op);
        n->lhs = lhs;
        n->rhs = parse_binary(p, level + 1);
        lhs = seal(p, n);
    }
    return lhs;
}

static ph_ast_node *parse_chain(parser *p)
{
    const ph_token *first = cur(p);
    enter(p, first);
    ph_ast_node *e = parse_binary(p, PH_TOP_LEVEL);
    if (at(p, PH_TOK_DOLLAR)) {
        node_list items = {0};
        list_push(p, &items, e);
        ph_ast_node *n = node_at(p, PH_AST_CHAIN, cur(p));
        n->op = PH_OP_DOLLAR;
        while (at(p, PH_TOK_DOLLAR)) {
            next(p);
            list_push(p, &items, parse_binary(p, PH_TOP_LEVEL));
        }
        n->items = items.v;
        n->n_items = items.n;
        e = seal(p, n);
    }
    leave(p);
    return e;
}

/* ---- statements ---- */

static bool tok_is(const parser *p, const ph_token *t, const char *word)
{
    size_t n = strlen(word);
    return t->kind == PH_TOK_IDENT && t->len == n && !memcmp(p->text + t->offset, word, n);
}

/* An expression that must end the statement. */
static ph_ast_node *parse_statement_expr(parser *p, const ph_token *after)
{
    if (at(p, PH_TOK_SEP) || at(p, PH_TOK_EOF))
        fail_at(p, after->line, after->column + (int)after->len, "expected an expression after %s",
                after->kind == PH_TOK_COLON ? "':'" : "'$'");
    ph_ast_node *e = parse_chain(p);
    if (!at(p, PH_TOK_SEP) && !at(p, PH_TOK_EOF)) {
        if (at(p, PH_TOK_RPAREN)) fail_at(p, cur(p)->line, cur(p)->column, "unmatched ')'");
        unexpected(p, cur(p), "an operator or the end of the statement");
    }
    return e;
}

/* Evaluates a constant numeric expression (tempo values). */
static bool const_value(const ph_ast_node *n, double *v)
{
    double a, b;
    switch (n->kind) {
    case PH_AST_NUM: *v = n->num; return true;
    case PH_AST_NEG:
        if (!const_value(n->lhs, &a)) return false;
        *v = -a;
        return true;
    case PH_AST_BINOP:
        if (!const_value(n->lhs, &a) || !const_value(n->rhs, &b)) return false;
        switch (n->op) {
        case PH_OP_ADD: *v = a + b; return true;
        case PH_OP_SUB: *v = a - b; return true;
        case PH_OP_MUL: *v = a * b; return true;
        case PH_OP_DIV: *v = a / b; return true;
        default: return false;
        }
    default: return false;
    }
}

typedef struct stmt_list {
    ph_ast_stmt *v;
    size_t n, cap;
} stmt_list;

static ph_ast_stmt *add_stmt(parser *p, stmt_list *l)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        ph_ast_stmt *v = alloc(p, cap * sizeof *v);
        if (l->n) memcpy(v, l->v, l->n * sizeof *v);
        l->v = v;
        l->cap = cap;
    }
    ph_ast_stmt *s = &l->v[l->n++];
    memset(s, 0, sizeof *s);
    return s;
}

/* Output channel of an `out`/`outN` keyword: 0 for out, N for outN, -1 if not one. */
static int out_channel(const parser *p, const ph_token *t)
{
    if (t->kind != PH_TOK_IDENT || t->len < 3 || memcmp(p->text + t->offset, "out", 3)) return -1;
    if (t->len == 3) return 0;
    const char *s = p->text + t->offset + 3;
    size_t n = t->len - 3;
    if (n > 2 || s[0] == '0') return -2;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v >= 1 && v <= PH_AST_MAX_OUT ? v : -2;
}

static void parse_statement(parser *p, stmt_list *l)
{
    const ph_token *t = cur(p);
    char d[80];
    if (t->kind == PH_TOK_BUS) {
        const ph_token *sep = look(p, 1);
        if (sep->kind != PH_TOK_COLON && sep->kind != PH_TOK_DOLLAR)
            fail_at(p, t->line, t->column, "a bus statement is '~%.*s: expression' (missing ':')",
                    (int)(t->len > 40 ? 40 : t->len), p->text + t->offset);
        next(p);
        next(p);
        ph_ast_stmt *s = add_stmt(p, l);
        s->kind = PH_STMT_BUS;
        s->line = t->line;
        s->column = t->column;
        s->name = dup(p, p->text + t->offset, t->len);
        s->expr = parse_statement_expr(p, sep);
        return;
    }
    int ch = out_channel(p, t);
    if (ch == -2)
        fail_at(p, t->line, t->column, "no output '%.*s': outputs are out and out1 .. out%d",
                (int)(t->len > 40 ? 40 : t->len), p->text + t->offset, PH_AST_MAX_OUT);
    bool tempo = tok_is(p, t, "tempo") || tok_is(p, t, "cps") || tok_is(p, t, "bpm");
    if (ch >= 0 || tempo) {
        const ph_token *colon = look(p, 1);
        if (colon->kind != PH_TOK_COLON)
            fail_at(p, t->line, t->column, "expected ':' after '%.*s'", (int)t->len,
                    p->text + t->offset);
        next(p);
        next(p);
        ph_ast_stmt *s = add_stmt(p, l);
        s->line = t->line;
        s->column = t->column;
        s->name = dup(p, p->text + t->offset, t->len);
        s->expr = parse_statement_expr(p, colon);
        if (ch >= 0) {
            s->kind = PH_STMT_OUT;
            s->channel = ch;
            return;
        }
        s->kind = PH_STMT_TEMPO;
        double v;
        if (!const_value(s->expr, &v))
            fail_at(p, s->expr->line, s->expr->column, "%s must be a number", s->name);
        if (!(v > 0) || !isfinite(v) || v > 1e6)
            fail_at(p, s->expr->line, s->expr->column, "%s must be a positive number", s->name);
        s->value = v;
        s->cps = s->name[0] == 'b' ? v / 240.0 : v;
        return;
    }
    if (t->kind == PH_TOK_IDENT && t->len >= 2 && p->text[t->offset] == 'd' &&
        isdigit((unsigned char)p->text[t->offset + 1]) && look(p, 1)->kind == PH_TOK_DOLLAR)
        fail_at(p, t->line, t->column, "Tidal's '%.*s $ ...' is written 'out: ...' (or "
                "'~name: ...' for a bus)", (int)(t->len > 8 ? 8 : t->len), p->text + t->offset);
    if (t->kind == PH_TOK_IDENT) {
        static const char *const keywords[] = {"tempo", "cps", "bpm", "out", NULL};
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(t->len > 60 ? 60 : t->len), p->text + t->offset);
        const char *near = ph_lang_nearest(name, keywords);
        if (look(p, 1)->kind == PH_TOK_COLON && near)
            fail_at(p, t->line, t->column, "unknown statement '%s:' (did you mean '%s:'?)", name, near);
        if (look(p, 1)->kind == PH_TOK_COLON)
            fail_at(p, t->line, t->column, "unknown statement '%s:'; a statement is ~name:, out:, "
                    "out1: .. out16:, tempo:, cps: or bpm:", name);
    }
    fail_at(p, t->line, t->column, "a statement starts with ~name:, out:, out1: .. out16:, "
            "tempo:, cps: or bpm: (found %s)", describe(p, t, d, sizeof d));
}

static void check_bus_refs(parser *p, ph_ast_node *n)
{
    if (!n) return;
    if (n->kind == PH_AST_BUS && !n->macro) {
        int i = ph_ast_find_bus(p->prog, n->text);
        if (i < 0) {
            const char **names = alloc(p, (p->prog->n_stmts + 9) * sizeof *names);
            size_t k = 0;
            for (size_t j = 0; j < p->prog->n_stmts; j++)
                if (p->prog->stmts[j].kind == PH_STMT_BUS) names[k++] = p->prog->stmts[j].name;
            static const char *const macros[] = {"m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"};
            for (size_t j = 0; j < 8; j++) names[k++] = macros[j];
            names[k] = NULL;
            const char *near = ph_lang_nearest(n->text, (const char *const *)names);
            if (near)
                fail_at(p, n->line, n->column, "unknown bus '~%s' (did you mean '~%s'?)", n->text, near);
            fail_at(p, n->line, n->column, "unknown bus '~%s': no statement defines it", n->text);
        }
        n->bus_stmt = i;
    }
    check_bus_refs(p, n->lhs);
    check_bus_refs(p, n->rhs);
    for (size_t i = 0; i < n->n_items; i++) check_bus_refs(p, n->items[i]);
}

static void check_program(parser *p)
{
    ph_ast_program *prog = p->prog;
    const ph_ast_stmt *tempo = NULL;
    const ph_ast_stmt *outs[PH_AST_MAX_OUT + 1] = {0};
    for (size_t i = 0; i < prog->n_stmts; i++) {
        const ph_ast_stmt *s = &prog->stmts[i];
        switch (s->kind) {
        case PH_STMT_TEMPO:
            if (tempo)
                fail_at(p, s->line, s->column, "tempo is already set at line %d", tempo->line);
            tempo = s;
            prog->cps = s->cps;
            break;
        case PH_STMT_OUT:
            if (outs[s->channel])
                fail_at(p, s->line, s->column, "'%s' is already defined at line %d", s->name,
                        outs[s->channel]->line);
            outs[s->channel] = s;
            if (s->channel > prog->max_out) prog->max_out = s->channel;
            break;
        case PH_STMT_BUS:
            if (strlen(s->name) == 2 && s->name[0] == 'm' && s->name[1] >= '1' && s->name[1] <= '8')
                fail_at(p, s->line, s->column, "'~%s' is a macro set by the host (~m1 .. ~m8); "
                        "choose another bus name", s->name);
            break;
        }
    }
    int dup = ph_ast_bus_index_build(prog);
    if (dup == -2) fail_at(p, 0, 0, "out of memory");
    if (dup >= 0) {
        const ph_ast_stmt *s = &prog->stmts[dup];
        fail_at(p, s->line, s->column, "bus '~%s' is already defined at line %d", s->name,
                prog->stmts[ph_ast_find_bus(prog, s->name)].line);
    }
    for (size_t i = 0; i < prog->n_stmts; i++) check_bus_refs(p, prog->stmts[i].expr);
}

/* Parentheses are checked when parsing fails, so that an unbalanced one is reported as
 * such, at its own position, rather than as whatever token the parser trips over later. A
 * ';' or the end of the text closes nothing; newlines inside parentheses were dropped by
 * the lexer, so an unclosed '(' is found at the end. */
static void check_parens(parser *p)
{
    size_t depth = 0;
    size_t *stack = NULL; /* arena: indices of open parentheses */
    size_t cap = 0;
    for (size_t i = 0; i < p->n; i++) {
        const ph_token *t = &p->tok[i];
        if (t->kind == PH_TOK_LPAREN) {
            if (depth == cap) {
                size_t nc = cap ? cap * 2 : 64;
                size_t *ns = alloc(p, nc * sizeof *ns);
                if (depth) memcpy(ns, stack, depth * sizeof *ns);
                stack = ns;
                cap = nc;
            }
            stack[depth++] = i;
        } else if (t->kind == PH_TOK_RPAREN) {
            if (!depth) fail_at(p, t->line, t->column, "unmatched ')'");
            depth--;
        } else if ((t->kind == PH_TOK_SEP || t->kind == PH_TOK_EOF) && depth) {
            const ph_token *o = &p->tok[stack[depth - 1]]; /* the innermost */
            fail_at(p, o->line, o->column, "unclosed '(' (missing ')')");
        }
    }
}

/* ---- entry points ---- */

/* Parses the whole token list into p->prog; false with p->err filled on the first error. */
static bool parse_all(parser *p)
{
    p->phase = 0;
    if (setjmp(p->fail)) {
        if (p->phase == 1) {
            /* A syntax error: if an unbalanced parenthesis comes earlier in the text it is the
             * better explanation (`lpf (800 0.7` is missing a ')', not an operator). */
            ph_diag *err = p->err;
            ph_diag first = *err;
            p->phase = 2;
            if (setjmp(p->fail) == 0) {
                check_parens(p);
            } else if (first.line < err->line ||
                       (first.line == err->line && first.column < err->column)) {
                *err = first;
            }
        }
        return false;
    }
    ph_ast_program *prog = p->prog;
    p->phase = 1;
    if (p->expr_only) {
        while (at(p, PH_TOK_SEP) && cur(p)->is_newline) next(p);
        if (at(p, PH_TOK_EOF)) fail_at(p, cur(p)->line, cur(p)->column, "empty expression");
        prog->expr = parse_chain(p);
        while (at(p, PH_TOK_SEP) && cur(p)->is_newline) next(p);
        if (!at(p, PH_TOK_EOF)) {
            if (at(p, PH_TOK_RPAREN)) fail_at(p, cur(p)->line, cur(p)->column, "unmatched ')'");
            unexpected(p, cur(p), "an operator or the end of the expression");
        }
    } else {
        stmt_list stmts = {0};
        for (;;) {
            while (at(p, PH_TOK_SEP)) next(p);
            if (at(p, PH_TOK_EOF)) break;
            parse_statement(p, &stmts);
        }
        prog->stmts = stmts.v;
        prog->n_stmts = stmts.n;
        p->phase = 3;
        check_program(p);
    }
    return true;
}

static ph_ast_program *run(const char *text, size_t len, ph_diag *err, bool expr_only)
{
    ph_diag dummy;
    if (!err) err = &dummy;
    memset(err, 0, sizeof *err);
    if (!text && len) {
        ph_diag_set(err, 0, 0, "no text");
        return NULL;
    }
    if (len > PH_LANG_MAX_TEXT) {
        ph_diag_set(err, 0, 0, "text too long (%zu bytes; at most %u)", len, PH_LANG_MAX_TEXT);
        return NULL;
    }
    ph_tokens toks;
    if (!ph_lex(text ? text : "", len, &toks, err)) return NULL;

    parser *p = calloc(1, sizeof *p); /* jmp_buf is large; keep it off small stacks */
    ph_ast_arena *arena = ph_ast_arena_new();
    ph_ast_program *prog = arena ? ph_ast_arena_alloc(arena, sizeof *prog) : NULL;
    if (!p || !prog) {
        ph_diag_set(err, 0, 0, "out of memory");
        free(p);
        ph_ast_arena_free(arena);
        free(toks.tok);
        return NULL;
    }
    prog->arena = arena;
    p->text = text ? text : "";
    p->tok = toks.tok;
    p->n = toks.n;
    p->arena = arena;
    p->prog = prog;
    p->err = err;
    p->expr_only = expr_only;
    if (!parse_all(p)) {
        free(p);
        free(toks.tok);
        ph_ast_arena_free(arena);
        return NULL;
    }
    free(p);
    free(toks.tok);
    return prog;
}

ph_ast_program *ph_lang_parse(const char *text, size_t len, ph_diag *err)
{
    return run(text, len, err, false);
}

ph_ast_program *ph_lang_parse_expr(const char *text, size_t len, ph_diag *err)
{
    return run(text, len, err, true);
}

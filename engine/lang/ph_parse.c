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
#include "lang/ph_fndef.h"
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
    bool meter_next; /* parsing a bpm value: a string after it is the meter */
    ph_fndef *fns;   /* the seed's `fn` definitions so far (ph_fndef.h), in order */
    size_t n_fns, cap_fns;
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
    if (t->kind == PH_TOK_EQUALS) /* the seed's `~x = ...` or a comparison */
        fail_at(p, t->line, t->column, "unexpected character '='; a bus is defined with ':' (~name: expression)");
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

/* An arena array of n elements with room for one more: v itself, or a copy twice as large
 * (the old block is simply left behind). */
static void *room_for_one(parser *p, void *v, size_t n, size_t *cap, size_t elem)
{
    if (n < *cap) return v;
    size_t c = *cap ? *cap * 2 : 16;
    void *w = alloc(p, c * elem);
    if (n) memcpy(w, v, n * elem);
    *cap = c;
    return w;
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
    n->depth = ph_ast_height(n);
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

static const char *tok_text(const parser *p, const ph_token *t, char *buf);
static ph_ast_node *parse_chain(parser *p);
static bool ends_statement(const parser *p, size_t k);

static bool starts_atom(ph_tok_kind k)
{
    return k == PH_TOK_NUM || k == PH_TOK_STR || k == PH_TOK_BUS || k == PH_TOK_IDENT ||
           k == PH_TOK_LPAREN || k == PH_TOK_LBRACKET;
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

/* `[a, b, c]` (the seed's list literal, for stack, cat, choose ...), cur = '['. */
static ph_ast_node *parse_list(parser *p)
{
    const ph_token *open = next(p);
    enter(p, open);
    node_list items = {0};
    if (!at(p, PH_TOK_RBRACKET)) {
        for (;;) {
            list_push(p, &items, parse_chain(p));
            if (at(p, PH_TOK_COMMA)) {
                next(p);
                continue;
            }
            if (at(p, PH_TOK_RBRACKET)) break;
            if (at(p, PH_TOK_EOF) || at(p, PH_TOK_SEP))
                fail_at(p, open->line, open->column, "unclosed '[' (missing ']')");
            unexpected(p, cur(p), "',' or ']'");
        }
    }
    next(p); /* ']' */
    leave(p);
    ph_ast_node *n = node_at(p, PH_AST_LIST, open);
    n->items = items.v;
    n->n_items = items.n;
    return seal(p, n);
}

/* atom: number | string | bus | name | name(args) | [ list ] | ( expr ) | ( op expr ) | ( expr op ) */
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
    case PH_TOK_LBRACKET:
        return parse_list(p);
    default:
        unexpected(p, t, "an expression");
    }
}

/* `:name value`, a keyword argument (the seed's `lpf :cutoff 800 :q 2`): ':' glued to a
 * name, in argument position. */
static bool at_keyword(const parser *p)
{
    return at(p, PH_TOK_COLON) && look(p, 1)->kind == PH_TOK_IDENT && !look(p, 1)->space_before;
}

static ph_ast_node *parse_keyword(parser *p)
{
    const ph_token *colon = next(p);
    const ph_token *name = next(p);
    if (!starts_atom(cur(p)->kind) && !at(p, PH_TOK_MINUS))
        fail_at(p, name->line, name->column + (int)name->len, "expected a value after ':%.*s'",
                (int)(name->len > 40 ? 40 : name->len), p->text + name->offset);
    ph_ast_node *n = node_at(p, PH_AST_KWARG, colon);
    n->text = dup(p, p->text + name->offset, name->len);
    n->len = name->len;
    if (at(p, PH_TOK_MINUS)) { /* :detune -0.1 */
        const ph_token *minus = next(p);
        if (!at(p, PH_TOK_NUM)) unexpected(p, cur(p), "a number");
        n->lhs = parse_number(p, next(p), true);
        n->lhs->line = minus->line;
        n->lhs->column = minus->column;
    } else {
        n->lhs = parse_atom(p);
    }
    return seal(p, n);
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
    if (!starts_atom(cur(p)->kind) && !(callable && (at_negative_argument(p) || at_keyword(p)))) return head;
    if (p->meter_next && at(p, PH_TOK_STR) && ends_statement(p, 1)) return head; /* bpm: 120 "3/4" */
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
        } else if (at_keyword(p)) {
            list_push(p, &args, parse_keyword(p));
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


/* An expression that must end the statement. */
/* After a statement's expression: its end, or a clear error. */
static void end_of_statement(parser *p)
{
    if (!at(p, PH_TOK_SEP) && !at(p, PH_TOK_EOF)) {
        if (at(p, PH_TOK_RPAREN)) fail_at(p, cur(p)->line, cur(p)->column, "unmatched ')'");
        unexpected(p, cur(p), "an operator or the end of the statement");
    }
}

/* e with the uses of defs expanded (ph_fndef.h); a wrong arity fails the parse. */
static ph_ast_node *expand_fns(parser *p, ph_ast_node *e, const ph_fndef *defs, size_t n)
{
    if (!n) return e;
    ph_ast_node *r = ph_fn_expand(p->arena, defs, n, e, p->err);
    if (!r) longjmp(p->fail, 1);
    return r;
}

static ph_ast_node *parse_statement_expr(parser *p, const ph_token *after)
{
    if (at(p, PH_TOK_SEP) || at(p, PH_TOK_EOF))
        fail_at(p, after->line, after->column + (int)after->len, "expected an expression after %s",
                after->kind == PH_TOK_COLON ? "':'" : "'$'");
    ph_ast_node *e = parse_chain(p);
    end_of_statement(p);
    return expand_fns(p, e, p->fns, p->n_fns);
}

/* `fn name a b = expr` (the seed's single-line function, ph_fndef.h): remembered, with its
 * body expanded by the functions before it (a parameter hides a function of its name), and
 * expanded where it is used; it is not a statement of its own. cur = `fn`. */
static void parse_fn(parser *p)
{
    const ph_token *kw = next(p), *nt = cur(p);
    char name[64];
    if (nt->kind != PH_TOK_IDENT)
        fail_at(p, nt->line, nt->column, "fn needs a name: fn name a b = expression");
    tok_text(p, nt, name);
    next(p);
    ph_fndef f = {.name = dup(p, name, strlen(name)), .line = kw->line, .column = kw->column};
    while (at(p, PH_TOK_IDENT)) {
        const ph_token *pt = next(p);
        char param[64];
        tok_text(p, pt, param);
        if (f.n_params == PH_FN_MAX_PARAMS)
            fail_at(p, pt->line, pt->column, "fn %s: at most %d parameters", name, PH_FN_MAX_PARAMS);
        for (size_t k = 0; k < f.n_params; k++)
            if (!strcmp(f.params[k], param))
                fail_at(p, pt->line, pt->column, "fn %s: parameter '%s' named twice", name, param);
        f.params[f.n_params++] = dup(p, param, strlen(param));
    }
    if (!at(p, PH_TOK_EQUALS))
        unexpected(p, cur(p), "a parameter name or '=' (fn name a b = expression)");
    const ph_token *eq = next(p);
    if (at(p, PH_TOK_SEP) || at(p, PH_TOK_EOF))
        fail_at(p, eq->line, eq->column + 1, "expected an expression after '='");
    ph_ast_node *body = parse_chain(p);
    end_of_statement(p);
    /* the functions the body may use: those before it whose names no parameter takes */
    ph_fndef *visible = p->n_fns ? alloc(p, p->n_fns * sizeof *visible) : NULL;
    size_t n_visible = 0;
    for (size_t i = 0; i < p->n_fns; i++) {
        bool hidden = false;
        for (size_t k = 0; k < f.n_params; k++) hidden |= !strcmp(p->fns[i].name, f.params[k]);
        if (!hidden) visible[n_visible++] = p->fns[i];
    }
    body = expand_fns(p, body, visible, n_visible);
    const ph_ast_node *self = ph_fn_find_ident(body, name);
    bool self_is_param = false;
    for (size_t k = 0; k < f.n_params; k++) self_is_param |= !strcmp(f.params[k], name);
    if (self && !self_is_param)
        fail_at(p, self->line, self->column, "fn %s calls itself: a function cannot be recursive (it is expanded "
                "where it is used)", name);
    f.body = body;
    p->fns = room_for_one(p, p->fns, p->n_fns, &p->cap_fns, sizeof *p->fns);
    p->fns[p->n_fns++] = f;
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
    l->v = room_for_one(p, l->v, l->n, &l->cap, sizeof *l->v);
    ph_ast_stmt *s = &l->v[l->n++];
    memset(s, 0, sizeof *s);
    return s;
}

/* The text of a name token, NUL-terminated (clipped to 63 bytes). */
static const char *tok_text(const parser *p, const ph_token *t, char *buf)
{
    snprintf(buf, 64, "%.*s", (int)(t->len > 63 ? 63 : t->len), p->text + t->offset);
    return buf;
}

/* `prefix` followed by a channel number 1..16 (or nothing when bare_ok): the number, 0 for
 * the bare prefix, -1 when the name is something else, -2 for a bad number. */
static int numbered(const char *name, const char *prefix, bool bare_ok)
{
    size_t n = strlen(prefix);
    if (strncmp(name, prefix, n)) return -1;
    const char *s = name + n;
    if (!*s) return bare_ok ? 0 : -1;
    int v = 0;
    for (const char *c = s; *c; c++) {
        if (!isdigit((unsigned char)*c)) return -1;
        if (c - s >= 2) return -2;
        v = v * 10 + (*c - '0');
    }
    return s[0] != '0' && v >= 1 && v <= PH_AST_MAX_OUT ? v : -2;
}

/* Output channel of an output keyword: 0 for `out`, N for `outN`, `oN` and `dN` (Tidal's
 * and the seed's names), -1 when the name is not one, -2 for a number out of range. */
static int out_channel(const char *name)
{
    int c = numbered(name, "out", true);
    if (c == -1) c = numbered(name, "o", false);
    if (c == -1) c = numbered(name, "d", false);
    return c;
}

static bool ends_statement(const parser *p, size_t k)
{
    ph_tok_kind kind = look(p, k)->kind;
    return kind == PH_TOK_SEP || kind == PH_TOK_EOF;
}

static void parse_tempo(parser *p, ph_ast_stmt *s, const ph_token *colon)
{
    s->kind = PH_STMT_TEMPO;
    if (at(p, PH_TOK_SEP) || at(p, PH_TOK_EOF))
        fail_at(p, colon->line, colon->column + 1, "expected a number after ':'");
    bool bpm = !strcmp(s->name, "bpm");
    p->meter_next = bpm;
    s->expr = parse_binary(p, PH_TOP_LEVEL);
    p->meter_next = false;
    if (bpm && at(p, PH_TOK_STR)) { /* bpm: 120 "3/4": the meter, which does not change the tempo */
        const ph_token *m = next(p);
        int num = 0, den = 0, used = 0;
        char sig[32];
        snprintf(sig, sizeof sig, "%.*s", (int)(m->len > 30 ? 30 : m->len), p->text + m->offset);
        if (sscanf(sig, "%d/%d%n", &num, &den, &used) != 2 || used != (int)strlen(sig) || num < 1 || num > 64 ||
            den < 1 || den > 64)
            fail_at(p, m->line, m->column, "a meter is written \"3/4\" (beats/note value)");
    }
    if (!at(p, PH_TOK_SEP) && !at(p, PH_TOK_EOF)) unexpected(p, cur(p), "the end of the statement");
    double v;
    if (!const_value(s->expr, &v)) fail_at(p, s->expr->line, s->expr->column, "%s must be a number", s->name);
    if (!(v > 0) || !isfinite(v) || v > 1e6)
        fail_at(p, s->expr->line, s->expr->column, "%s must be a positive number", s->name);
    s->value = v;
    /* bpm: one beat a cycle, as the seed counts (120 bpm is 2 cycles a second) */
    s->cps = bpm ? v / 60.0 : v;
}

static void parse_statement(parser *p, stmt_list *l)
{
    const ph_token *t = cur(p);
    char d[80], name[64];
    if (t->kind == PH_TOK_BUS) {
        const ph_token *sep = look(p, 1);
        if (sep->kind == PH_TOK_EQUALS) unexpected(p, sep, NULL); /* the seed's old `~x = expr` */
        if (sep->kind != PH_TOK_COLON && sep->kind != PH_TOK_DOLLAR && sep->kind != PH_TOK_HASH)
            fail_at(p, t->line, t->column, "a bus statement is '%s%.*s: expression' (missing ':')",
                    p->text[t->offset] == '@' || p->text[t->offset] == '%' ? "" : "~",
                    (int)(t->len > 40 ? 40 : t->len), p->text + t->offset);
        next(p);
        next(p);
        ph_ast_stmt *s = add_stmt(p, l);
        s->kind = PH_STMT_BUS;
        s->line = t->line;
        s->column = t->column;
        s->name = dup(p, p->text + t->offset, t->len);
        /* ~fx # lpf 800 # delay 0.3, and the seed's templates @name: expr, are expanded
         * where they are used */
        s->modifier = sep->kind == PH_TOK_HASH || s->name[0] == '@';
        s->expr = parse_statement_expr(p, sep);
        return;
    }
    if (t->kind != PH_TOK_IDENT)
        fail_at(p, t->line, t->column, "a statement starts with ~name:, out:, out1: .. out16:, "
                "tempo:, cps: or bpm: (found %s)", describe(p, t, d, sizeof d));
    tok_text(p, t, name);
    /* hush, hush3, unhush, unhush3, panic */
    int hush = numbered(name, "hush", true), unhush = numbered(name, "unhush", true);
    if ((hush >= 0 || unhush >= 0 || !strcmp(name, "panic")) && ends_statement(p, 1)) {
        next(p);
        ph_ast_stmt *s = add_stmt(p, l);
        s->kind = PH_STMT_HUSH;
        s->line = t->line;
        s->column = t->column;
        s->name = dup(p, name, strlen(name));
        s->unhush = unhush >= 0;
        s->panic = !strcmp(name, "panic");
        s->channel = s->panic ? -1 : hush >= 0 ? (hush ? hush : -1) : (unhush ? unhush : -1);
        return;
    }
    const ph_token *sep = look(p, 1);
    int ch = out_channel(name);
    if (ch == -2 || (hush == -2 || unhush == -2))
        fail_at(p, t->line, t->column, "no output '%s': outputs are out and out1 .. out%d (o1, d1 ...)", name,
                PH_AST_MAX_OUT);
    if (ch >= 0 && (sep->kind == PH_TOK_COLON || sep->kind == PH_TOK_DOLLAR || sep->kind == PH_TOK_HASH)) {
        next(p);
        next(p);
        ph_ast_stmt *s = add_stmt(p, l);
        s->kind = PH_STMT_OUT;
        s->line = t->line;
        s->column = t->column;
        s->channel = ch;
        char canon[16];
        snprintf(canon, sizeof canon, ch ? "out%d" : "out", ch);
        s->name = dup(p, canon, strlen(canon));
        s->expr = parse_statement_expr(p, sep);
        return;
    }
    bool tempo = !strcmp(name, "tempo") || !strcmp(name, "cps") || !strcmp(name, "bpm");
    if ((tempo || !strcmp(name, "outmix")) && sep->kind == PH_TOK_COLON) {
        next(p);
        next(p);
        ph_ast_stmt *s = add_stmt(p, l);
        s->line = t->line;
        s->column = t->column;
        if (tempo) {
            s->name = dup(p, name, strlen(name));
            parse_tempo(p, s, sep);
            return;
        }
        static const char *const modes[] = {"none", "gain", "sqrt", "tanh", "hard", "separate", NULL};
        const ph_token *m = cur(p);
        char mode[64];
        bool known = false;
        if (m->kind == PH_TOK_IDENT) {
            tok_text(p, m, mode);
            for (int k = 0; modes[k]; k++) known |= !strcmp(modes[k], mode);
        }
        if (!known || !ends_statement(p, 1))
            fail_at(p, m->line, m->column, "outmix is one of none, gain, sqrt, tanh, hard, separate");
        next(p);
        s->kind = PH_STMT_OUTMIX;
        s->name = dup(p, mode, strlen(mode));
        return;
    }
    if ((ch >= 0 || tempo) && sep->kind == PH_TOK_EQUALS) unexpected(p, sep, NULL); /* the seed's old `out = ...` */
    if (ch >= 0 || tempo)
        fail_at(p, t->line, t->column, "expected ':' after '%s'", name);
    /* the seed's live-coding commands: the host's transport (or phonon live) owns time here */
    static const struct { const char *name, *why; } seed_only[] = {
        {"resetCycles", "the cycle follows the host's transport (restart it there)"},
        {"setCycle", "the cycle follows the host's transport (locate it there)"},
        {"nudge", "shift a pattern with ~> or late instead"},
        {"buffer", "the host chooses the block size"},
    };
    if (!strcmp(name, "fn") && (sep->kind == PH_TOK_IDENT || sep->kind == PH_TOK_EQUALS)) {
        parse_fn(p);
        return;
    }
    for (size_t k = 0; k < sizeof seed_only / sizeof seed_only[0]; k++)
        if (!strcmp(name, seed_only[k].name))
            fail_at(p, t->line, t->column, "'%s' is the seed's and has no meaning in Phonon: %s", name, seed_only[k].why);
    static const char *const keywords[] = {"tempo", "cps", "bpm", "out", "outmix", "hush", "panic", NULL};
    const char *near = ph_lang_nearest(name, keywords);
    if (sep->kind == PH_TOK_COLON && near)
        fail_at(p, t->line, t->column, "unknown statement '%s:' (did you mean '%s:'?)", name, near);
    if (sep->kind == PH_TOK_COLON)
        fail_at(p, t->line, t->column, "unknown statement '%s:'; a statement is ~name:, out:, "
                "out1: .. out16:, tempo:, cps:, bpm:, outmix:, hush or panic", name);
    fail_at(p, t->line, t->column, "a statement starts with ~name:, out:, out1: .. out16:, "
            "tempo:, cps:, bpm:, outmix:, hush or panic (found %s)", describe(p, t, d, sizeof d));
}

static void check_bus_refs(parser *p, ph_ast_node *n)
{
    if (!n) return;
    if (n->kind == PH_AST_BUS && !n->macro) {
        int i = ph_ast_find_bus(p->prog, n->text);
        if (i < 0) {
            const char **names = alloc(p, (p->prog->n_stmts + PH_AST_MACROS + 1) * sizeof *names);
            size_t k = 0;
            for (size_t j = 0; j < p->prog->n_stmts; j++)
                if (p->prog->stmts[j].kind == PH_STMT_BUS) names[k++] = p->prog->stmts[j].name;
            static const char *const macros[] = {"m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"};
            for (size_t j = 0; j < PH_AST_MACROS; j++) names[k++] = macros[j];
            names[k] = NULL;
            const char *near = ph_lang_nearest(n->text, (const char *const *)names);
            if (near)
                fail_at(p, n->line, n->column, "unknown bus '%s%s' (did you mean '%s%s'?)", ph_bus_sigil(n->text),
                        n->text, ph_bus_sigil(near), near);
            fail_at(p, n->line, n->column, "unknown bus '%s%s': no statement defines it", ph_bus_sigil(n->text),
                    n->text);
        }
        n->bus_stmt = i;
        n->bus_prog = p->prog;
    }
    check_bus_refs(p, n->lhs);
    check_bus_refs(p, n->rhs);
    for (size_t i = 0; i < n->n_items; i++) check_bus_refs(p, n->items[i]);
}

static void warn(parser *p, int line, int column, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void warn(parser *p, int line, int column, const char *fmt, ...)
{
    ph_ast_program *prog = p->prog;
    if (prog->n_warnings == PH_AST_MAX_WARNINGS) return;
    ph_ast_warning *w = &prog->warnings[prog->n_warnings++];
    w->line = line;
    w->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->message, sizeof w->message, fmt, ap);
    va_end(ap);
}

/* A name defined twice: the last definition wins (the seed's section-by-section programs
 * redefine buses and the tempo), and the earlier one is marked superseded, with a warning. */
static void check_program(parser *p)
{
    ph_ast_program *prog = p->prog;
    ph_ast_stmt *tempo = NULL, *outmix = NULL;
    ph_ast_stmt *outs[PH_AST_MAX_OUT + 1] = {0};
    for (size_t i = 0; i < prog->n_stmts; i++) {
        ph_ast_stmt *s = &prog->stmts[i];
        ph_ast_stmt **prev = NULL;
        switch (s->kind) {
        case PH_STMT_TEMPO:
            prev = &tempo;
            prog->cps = s->cps;
            break;
        case PH_STMT_OUTMIX:
            prev = &outmix;
            break;
        case PH_STMT_OUT:
            prev = &outs[s->channel];
            if (s->channel > prog->max_out) prog->max_out = s->channel;
            break;
        case PH_STMT_BUS:
            if (strlen(s->name) == 2 && s->name[0] == 'm' && s->name[1] >= '1' && s->name[1] <= '8')
                fail_at(p, s->line, s->column, "'~%s' is a macro set by the host (~m1 .. ~m8); "
                        "choose another bus name", s->name);
            break;
        case PH_STMT_HUSH:
            break;
        }
        if (prev && *prev) {
            (*prev)->superseded = true;
            warn(p, s->line, s->column, "'%s' is set again (line %d); the last one wins", s->name, (*prev)->line);
        }
        if (prev) *prev = s;
    }
    if (ph_ast_bus_index_build(prog) == -2) fail_at(p, 0, 0, "out of memory");
    for (size_t i = 0; i < prog->n_stmts; i++) {
        const ph_ast_stmt *s = &prog->stmts[i];
        if (s->kind == PH_STMT_BUS && s->superseded) {
            const ph_ast_stmt *last = &prog->stmts[ph_ast_find_bus(prog, s->name)];
            warn(p, last->line, last->column, "bus '%s%s' is defined again (first at line %d); the last definition wins",
                 ph_bus_sigil(last->name), s->name, s->line);
        }
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

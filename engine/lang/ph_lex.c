/* The .ph lexer: one pass over the text producing tokens, then a pass that decides which
 * newlines end statements. Columns count UTF-8 code points (a byte that is not a
 * continuation byte starts a new column), tabs count as one. */
#include "lang/ph_lex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lang/ph_lang.h"

typedef struct lexer {
    const char *s;
    size_t len, i;
    int line, col;
    ph_tokens out;
    size_t cap;
    ph_diag *err;
} lexer;

static bool is_ident_start(int c) { return isalpha(c) || c == '_'; }
static bool is_ident_char(int c) { return isalnum(c) || c == '_'; }

static int peek(const lexer *lx, size_t k)
{
    return lx->i + k < lx->len ? (unsigned char)lx->s[lx->i + k] : -1;
}

static void advance(lexer *lx)
{
    unsigned char c = (unsigned char)lx->s[lx->i++];
    if (c == '\n') {
        lx->line++;
        lx->col = 1;
    } else if ((c & 0xC0) != 0x80) {
        lx->col++;
    }
}

static bool push(lexer *lx, ph_tok_kind kind, bool space, int line, int col, size_t off, size_t len)
{
    if (lx->out.n == lx->cap) {
        size_t cap = lx->cap ? lx->cap * 2 : 256;
        ph_token *t = realloc(lx->out.tok, cap * sizeof *t);
        if (!t) {
            ph_diag_set(lx->err, line, col, "out of memory");
            return false;
        }
        lx->out.tok = t;
        lx->cap = cap;
    }
    ph_token *t = &lx->out.tok[lx->out.n++];
    t->kind = kind;
    t->space_before = space;
    t->is_newline = false;
    t->line = line;
    t->column = col;
    t->offset = (uint32_t)off;
    t->len = (uint32_t)len;
    return true;
}

static bool bad_char(lexer *lx)
{
    int c = peek(lx, 0);
    if (c >= 0x21 && c < 0x7f)
        ph_diag_set(lx->err, lx->line, lx->col, "unexpected character '%c'", c);
    else if (c == 0)
        ph_diag_set(lx->err, lx->line, lx->col, "unexpected NUL byte");
    else
        ph_diag_set(lx->err, lx->line, lx->col, "unexpected byte 0x%02X (only ASCII is allowed "
                    "outside strings and comments)", c);
    return false;
}

static bool lex_number(lexer *lx, bool space)
{
    int line = lx->line, col = lx->col;
    size_t start = lx->i;
    while (isdigit(peek(lx, 0))) advance(lx);
    if (peek(lx, 0) == '.' && isdigit(peek(lx, 1))) {
        advance(lx);
        while (isdigit(peek(lx, 0))) advance(lx);
    }
    if ((peek(lx, 0) == 'e' || peek(lx, 0) == 'E') &&
        (isdigit(peek(lx, 1)) || peek(lx, 1) == '-' || peek(lx, 1) == '+')) {
        ph_diag_set(lx->err, line, col, "malformed number: write numbers without exponents "
                    "(1000, not 1e3)");
        return false;
    }
    if (is_ident_char(peek(lx, 0)) || (peek(lx, 0) == '.' && isdigit(peek(lx, 1)))) {
        ph_diag_set(lx->err, line, col, "malformed number");
        return false;
    }
    return push(lx, PH_TOK_NUM, space, line, col, start, lx->i - start);
}

static bool lex_string(lexer *lx, bool space)
{
    int line = lx->line, col = lx->col;
    advance(lx); /* opening quote */
    size_t start = lx->i;
    for (;;) {
        int c = peek(lx, 0);
        if (c < 0 || c == '\n' || c == '\r') {
            ph_diag_set(lx->err, line, col, "unterminated string (missing '\"' on this line)");
            return false;
        }
        if (c == 0) {
            ph_diag_set(lx->err, lx->line, lx->col, "NUL byte inside a string");
            return false;
        }
        if (c == '"') break;
        advance(lx);
    }
    size_t end = lx->i;
    advance(lx); /* closing quote */
    return push(lx, PH_TOK_STR, space, line, col, start, end - start);
}

/* The pattern operators with bars (Tidal's: `|+` structure from the left, `+|` from the
 * right, `|+|` from both; likewise - * / % and < > for the values of one side) and the
 * seed's signal operators `~+ ~- ~* ~/`. Returns true when one was lexed (ok: pushed). */
static bool lex_pattern_op(lexer *lx, bool space, bool *ok)
{
    static const char ops[] = "+-*/%<>";
    int c0 = peek(lx, 0), c1 = peek(lx, 1), c2 = peek(lx, 2);
    int line = lx->line, col = lx->col;
    ph_ast_structure st;
    int op;
    size_t len;
    if (c0 == '|' && c1 && strchr(ops, c1)) {
        op = c1;
        st = c2 == '|' ? PH_AST_BOTH : PH_AST_LEFT;
        len = st == PH_AST_BOTH ? 3 : 2;
    } else if (c0 && strchr(ops, c0) && c1 == '|') {
        op = c0;
        st = PH_AST_RIGHT;
        len = 2;
    } else if (c0 == '~' && c1 && strchr("+-*/", c1)) {
        op = c1;
        st = PH_AST_SIGNAL;
        len = 2;
    } else {
        return false;
    }
    ph_ast_op o = op == '+' ? PH_OP_ADD : op == '-' ? PH_OP_SUB : op == '*' ? PH_OP_MUL : op == '/' ? PH_OP_DIV
                  : op == '%' ? PH_OP_MOD : op == '<' ? PH_OP_KEEP_LEFT : PH_OP_KEEP_RIGHT;
    size_t start = lx->i;
    for (size_t k = 0; k < len; k++) advance(lx);
    *ok = push(lx, PH_TOK_PATOP, space, line, col, start, len);
    if (*ok) {
        lx->out.tok[lx->out.n - 1].op = (uint8_t)o;
        lx->out.tok[lx->out.n - 1].structure = (uint8_t)st;
    }
    return true;
}

/* `@name` (the seed's template, a stored expression expanded where used) and `%name` (its
 * pattern reference): buses whose names keep the sigil, so the three namespaces stay apart. */
static bool lex_sigil_bus(lexer *lx, bool space)
{
    int line = lx->line, col = lx->col;
    size_t start = lx->i;
    advance(lx); /* '@' or '%' */
    while (is_ident_char(peek(lx, 0))) advance(lx);
    return push(lx, PH_TOK_BUS, space, line, col, start, lx->i - start);
}

static bool lex_bus(lexer *lx, bool space)
{
    int line = lx->line, col = lx->col;
    advance(lx); /* '~' */
    if (!is_ident_start(peek(lx, 0))) {
        if (isdigit(peek(lx, 0)))
            ph_diag_set(lx->err, line, col, "bad bus name: a bus name starts with a letter or '_'");
        else
            ph_diag_set(lx->err, line, col, "expected a bus name after '~' (as in ~bass)");
        return false;
    }
    size_t start = lx->i;
    while (is_ident_char(peek(lx, 0))) advance(lx);
    return push(lx, PH_TOK_BUS, space, line, col, start, lx->i - start);
}

static bool tokenize(lexer *lx)
{
    bool space = true;
    while (lx->i < lx->len) {
        int c = peek(lx, 0);
        int line = lx->line, col = lx->col;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            advance(lx);
            space = true;
            continue;
        }
        if ((c == '-' && peek(lx, 1) == '-') || (c == '/' && peek(lx, 1) == '/')) {
            while (lx->i < lx->len && peek(lx, 0) != '\n') advance(lx);
            space = true;
            continue;
        }
        if (c == '\n' || c == ';') {
            if (!push(lx, PH_TOK_SEP, space, line, col, lx->i, 1)) return false;
            lx->out.tok[lx->out.n - 1].is_newline = c == '\n';
            advance(lx);
            space = true;
            continue;
        }
        bool ok;
        if (isdigit(c) || (c == '.' && isdigit(peek(lx, 1)))) {
            ok = lex_number(lx, space);
        } else if (c == '"') {
            ok = lex_string(lx, space);
        } else if (is_ident_start(c)) {
            size_t start = lx->i;
            while (is_ident_char(peek(lx, 0))) advance(lx);
            /* Tidal's primed names (every', chunk'): a quote glued to the end of a name */
            if (peek(lx, 0) == '\'' && !is_ident_char(peek(lx, 1)) && peek(lx, 1) != '\'') advance(lx);
            ok = push(lx, PH_TOK_IDENT, space, line, col, start, lx->i - start);
        } else if (lex_pattern_op(lx, space, &ok)) {
            /* |+ +| |+| ... ~+ ~- ~* ~/ */
        } else if (c == '~' && peek(lx, 1) == '>') {
            advance(lx);
            advance(lx);
            ok = push(lx, PH_TOK_LATE, space, line, col, lx->i - 2, 2);
        } else if (c == '~') {
            ok = lex_bus(lx, space);
        } else if ((c == '@' || c == '%') && is_ident_start(peek(lx, 1))) {
            ok = lex_sigil_bus(lx, space);
        } else if (c == '<' && peek(lx, 1) == '~') {
            advance(lx);
            advance(lx);
            ok = push(lx, PH_TOK_EARLY, space, line, col, lx->i - 2, 2);
        } else {
            ph_tok_kind k;
            switch (c) {
            case '(': k = PH_TOK_LPAREN; break;
            case '[': k = PH_TOK_LBRACKET; break;
            case ']': k = PH_TOK_RBRACKET; break;
            case ')': k = PH_TOK_RPAREN; break;
            case ',': k = PH_TOK_COMMA; break;
            case ':': k = PH_TOK_COLON; break;
            case '+': k = PH_TOK_PLUS; break;
            case '-': k = PH_TOK_MINUS; break;
            case '*': k = PH_TOK_STAR; break;
            case '/': k = PH_TOK_SLASH; break;
            case '#': k = PH_TOK_HASH; break;
            case '$': k = PH_TOK_DOLLAR; break;
            case '.': k = PH_TOK_DOT; break;
            case '\'':
                ph_diag_set(lx->err, line, col, "strings are written in double quotes (\"...\")");
                return false;
            case '=': k = PH_TOK_EQUALS; break; /* the parser takes it after fn only */
            default: return bad_char(lx);
            }
            advance(lx);
            ok = push(lx, k, space, line, col, lx->i - 1, 1);
        }
        if (!ok) return false;
        space = false;
    }
    return push(lx, PH_TOK_EOF, true, lx->line, lx->col, lx->len, 0);
}

static bool is_binary_op(ph_tok_kind k)
{
    switch (k) {
    case PH_TOK_PLUS: case PH_TOK_MINUS: case PH_TOK_STAR: case PH_TOK_SLASH:
    case PH_TOK_HASH: case PH_TOK_DOLLAR: case PH_TOK_EARLY: case PH_TOK_LATE:
    case PH_TOK_DOT: case PH_TOK_PATOP:
        return true;
    default:
        return false;
    }
}

/* Operators that, starting a line, continue the previous statement. Not '-': "-1" could
 * start nothing else but is clearer read as its own (erroneous) line. */
static bool continues_line(ph_tok_kind k) { return is_binary_op(k) && k != PH_TOK_MINUS; }

/* Drops newlines that do not end a statement and merges runs of separators. */
static void filter_separators(ph_tokens *t)
{
    size_t w = 0;
    int depth = 0;
    for (size_t r = 0; r < t->n; r++) {
        ph_token tok = t->tok[r];
        if (tok.kind == PH_TOK_LPAREN || tok.kind == PH_TOK_LBRACKET) depth++;
        if ((tok.kind == PH_TOK_RPAREN || tok.kind == PH_TOK_RBRACKET) && depth > 0) depth--;
        if (tok.kind == PH_TOK_SEP && tok.is_newline) {
            ph_tok_kind prev = w ? t->tok[w - 1].kind : PH_TOK_SEP;
            size_t nx = r + 1;
            while (nx < t->n && t->tok[nx].kind == PH_TOK_SEP && t->tok[nx].is_newline) nx++;
            ph_tok_kind next = nx < t->n ? t->tok[nx].kind : PH_TOK_EOF;
            /* `~name:`, `out:`, `tempo:` ... on the next line always start a statement (':'
             * appears nowhere else), so an empty `out:` line is reported as such. */
            bool stmt_next = (next == PH_TOK_BUS || next == PH_TOK_IDENT) && nx + 1 < t->n &&
                             t->tok[nx + 1].kind == PH_TOK_COLON;
            if (depth > 0 ||
                (!stmt_next && (is_binary_op(prev) || prev == PH_TOK_COLON || prev == PH_TOK_COMMA ||
                                continues_line(next))))
                continue;
        }
        if (tok.kind == PH_TOK_SEP && w && t->tok[w - 1].kind == PH_TOK_SEP && tok.is_newline)
            continue;
        t->tok[w++] = tok;
    }
    t->n = w;
}

bool ph_lex(const char *text, size_t len, ph_tokens *tokens, ph_diag *err)
{
    lexer lx = {.s = text, .len = len, .line = 1, .col = 1, .err = err};
    tokens->tok = NULL;
    tokens->n = 0;
    if (!tokenize(&lx)) {
        free(lx.out.tok);
        return false;
    }
    filter_separators(&lx.out);
    *tokens = lx.out;
    return true;
}

const char *ph_tok_describe(ph_tok_kind kind)
{
    switch (kind) {
    case PH_TOK_EOF: return "end of text";
    case PH_TOK_SEP: return "end of statement";
    case PH_TOK_NUM: return "number";
    case PH_TOK_STR: return "string";
    case PH_TOK_IDENT: return "name";
    case PH_TOK_BUS: return "bus";
    case PH_TOK_LPAREN: return "'('";
    case PH_TOK_RPAREN: return "')'";
    case PH_TOK_COMMA: return "','";
    case PH_TOK_COLON: return "':'";
    case PH_TOK_PLUS: return "'+'";
    case PH_TOK_MINUS: return "'-'";
    case PH_TOK_STAR: return "'*'";
    case PH_TOK_SLASH: return "'/'";
    case PH_TOK_HASH: return "'#'";
    case PH_TOK_DOLLAR: return "'$'";
    case PH_TOK_EARLY: return "'<~'";
    case PH_TOK_LATE: return "'~>'";
    case PH_TOK_DOT: return "'.'";
    case PH_TOK_PATOP: return "operator";
    case PH_TOK_LBRACKET: return "'['";
    case PH_TOK_RBRACKET: return "']'";
    case PH_TOK_EQUALS: return "character '='";
    }
    return "token";
}

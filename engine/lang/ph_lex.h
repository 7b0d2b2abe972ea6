/* Private to engine/lang: the .ph lexer. Turns the whole text into a token array ending in
 * PH_TOK_EOF, with statement separators already filtered (a newline inside parentheses,
 * after a binary operator or ':' or before a line that starts with a continuation operator
 * is not a separator; see ph_lang.h). */
#ifndef PH_LEX_H
#define PH_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "phonon/phonon.h"

typedef enum ph_tok_kind {
    PH_TOK_EOF,
    PH_TOK_SEP, /* newline or ';' ending a statement */
    PH_TOK_NUM,
    PH_TOK_STR,   /* offset/len cover the contents, without the quotes */
    PH_TOK_IDENT,
    PH_TOK_BUS,   /* ~name: offset/len cover the name, without '~' */
    PH_TOK_LPAREN,
    PH_TOK_RPAREN,
    PH_TOK_COMMA,
    PH_TOK_COLON,
    PH_TOK_PLUS,
    PH_TOK_MINUS,
    PH_TOK_STAR,
    PH_TOK_SLASH,
    PH_TOK_HASH,
    PH_TOK_DOLLAR,
    PH_TOK_EARLY, /* <~ */
    PH_TOK_LATE,  /* ~> */
    PH_TOK_DOT,   /* . (function composition) */
    PH_TOK_PATOP, /* |+ +| |+| (and - * / % < >) or ~+ ~- ~* ~/: op and structure below */
    PH_TOK_LBRACKET, /* [ (a list literal; inside strings brackets are mini-notation) */
    PH_TOK_RBRACKET,
    PH_TOK_EQUALS, /* = (only in the seed's `fn name a b = expr`; elsewhere an error) */
} ph_tok_kind;

typedef struct ph_token {
    ph_tok_kind kind;
    bool space_before; /* whitespace (or a line start) directly before it */
    bool is_newline;   /* SEP: a newline rather than ';' */
    int line, column;  /* of the first character (for STR: of the opening quote) */
    uint32_t offset, len;
    uint8_t op, structure; /* PATOP: ph_ast_op and ph_ast_structure (lang/ph_ast.h) */
} ph_token;

typedef struct ph_tokens {
    ph_token *tok;
    size_t n;
} ph_tokens;

/* Returns false and fills *err on a lexical error. On success tokens->tok must be freed
 * with free(). */
bool ph_lex(const char *text, size_t len, ph_tokens *tokens, ph_diag *err);

const char *ph_tok_describe(ph_tok_kind kind); /* "number", "')'", "end of text", ... */

#endif

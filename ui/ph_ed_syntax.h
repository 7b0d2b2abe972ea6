/* Syntax classes of .ph text for colouring: comments, strings and the mini-notation
 * atoms inside them, buses, statement keywords, functions, numbers and operators.
 * A single left-to-right scan with no state carried between calls: the whole text is
 * rescanned after an edit (a few microseconds per kilobyte). */
#ifndef PH_ED_SYNTAX_H
#define PH_ED_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>

typedef enum ph_ed_class {
    PH_SYN_PLAIN,
    PH_SYN_COMMENT,
    PH_SYN_STRING,   /* quotes and mini-notation punctuation */
    PH_SYN_ATOM,     /* a word or number inside a string: what events point back at */
    PH_SYN_BUS,      /* ~name */
    PH_SYN_KEYWORD,  /* out: out1: tempo: cps: bpm: */
    PH_SYN_FUNCTION, /* any other name: fast, lpf, s, saw ... */
    PH_SYN_NUMBER,
    PH_SYN_OPERATOR, /* # $ + - * / . <~ ~> */
    PH_SYN_BRACKET,
    PH_SYN_COUNT
} ph_ed_class;

typedef struct ph_ed_token {
    size_t begin, end;
    ph_ed_class cls;
} ph_ed_token;

typedef struct ph_ed_tokens {
    ph_ed_token *v;
    size_t n, cap;
} ph_ed_tokens;

/* Replaces t's contents with the tokens of text (only non-plain runs are listed, in
 * order, not overlapping). False when out of memory (t then holds a prefix). */
bool ph_ed_syntax_scan(const char *text, size_t len, ph_ed_tokens *t);
void ph_ed_tokens_free(ph_ed_tokens *t);
const char *ph_ed_class_name(ph_ed_class c);

#endif

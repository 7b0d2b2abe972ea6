/* The mini-notation's syntax tree, between ph_mini_parse.c (text -> tree) and
 * ph_mini.c (tree -> pattern). Private to the pattern layer. */
#ifndef PH_MINI_AST_H
#define PH_MINI_AST_H

#include "pattern/ph_mini.h"
#include "pattern/ph_pat_internal.h"

enum {
    M_EMPTY = 1, /* "" */
    M_ATOM,      /* a step: word, number, ~ */
    M_CHORD,     /* c'maj (extension) */
    M_SEQ,       /* elements side by side (krill 'fastcat') */
    M_STACK,     /* [a, b] */
    M_RAND,      /* [a | b] */
    M_FEET,      /* a . b */
    M_POLY,      /* {a, b}%steps */
    M_ALT        /* <a, b> (krill 'polymeter_slowcat') */
};

enum { MOP_WEIGHT = 1, MOP_REPLICATE, MOP_EUCLID, MOP_SLOW, MOP_FAST, MOP_DEGRADE, MOP_TAIL, MOP_RANGE };

typedef struct mnode mnode;

typedef struct mop {
    int kind;
    int col;
    mnode *a, *b, *c; /* arguments: factor / element / euclid pulses, steps, rotation */
    double amount;    /* weight, replicate count, degrade amount */
    bool has_amount;
    int seed;         /* degrade */
} mop;

typedef struct melem {
    mnode *slice;
    mop *ops;
    int nops, cap_ops;
    double weight, reps;
    int col;
} melem;

struct mnode {
    int kind;
    int col;
    const char *text; /* M_ATOM, M_CHORD: the step's characters */
    size_t text_len;
    const char *chord; /* M_CHORD: the chord name */
    size_t chord_len;
    melem *elems; /* M_SEQ */
    int nelems;
    mnode **kids; /* M_STACK, M_RAND, M_FEET, M_POLY, M_ALT: sequences */
    int nkids;
    int cap;
    int seed;     /* M_RAND, M_FEET */
    mnode *steps; /* M_POLY: %steps */
};

mnode *ph_mini_parse_ast(ph_arena *arena, const char *src, size_t len, ph_mini_error *err);

#endif

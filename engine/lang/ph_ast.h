/* The .ph abstract syntax tree: what the parser (ph_lang.h) produces and what the graph
 * compiler and the pattern evaluator walk.
 *
 * A program is a list of statements in source order:
 *
 *     tempo: 0.5              PH_STMT_TEMPO  (also `cps: X`; `bpm: X` = X/240 cycles per second)
 *     ~bass: saw 55 # lpf 800 PH_STMT_BUS    (also `~bass $ expr`)
 *     out: ~bass * 0.3        PH_STMT_OUT    channel 0 (main stereo); `out1:` .. `out16:` -> 1..16
 *
 * Every expression is a tree of ph_ast_node. All nodes are one flat struct; which fields a
 * kind uses is listed below. A generic walk visits `lhs`, `rhs` and `items[0 .. n_items)`,
 * whichever are non-NULL. Every node carries the 1-based line:column where it starts (for
 * operators: where the operator is), so later layers can report errors in place.
 *
 * The tree is never deeper than PH_AST_MAX_DEPTH (the parser rejects deeper input), so a
 * recursive walk is safe on any thread with an ordinary stack.
 *
 * Node kinds and the fields they use:
 *
 *   PH_AST_NUM      number literal. `num` (the value), `text` (as written, NUL-terminated,
 *                   e.g. "0.25", "-3" -- parse it with ph_rat_parse for exact time).
 *                   A minus sign directly before a literal is folded into it; in an
 *                   argument list `-0.6` (space before '-', none after) is a negative
 *                   argument: `clip -0.6 0.6` = APPLY(clip, [-0.6, 0.6]).
 *   PH_AST_STR      quoted mini-notation string. `text`/`len`: the raw contents between the
 *                   quotes (NUL-terminated, never contains NUL). `str_line`/`str_column`: the
 *                   position of the first content character, `str_offset` its byte offset
 *                   in the parsed text (where the events' source spans count from);
 *                   ph_ast_str_position maps an
 *                   offset inside the string back to line:column (strings never span lines).
 *   PH_AST_BUS      bus reference `~name`. `text` = name without the '~'. `macro` = 1..8 for
 *                   the host macros ~m1..~m8 (not defined by statements), else 0 and
 *                   `bus_stmt` = index in program->stmts of the statement defining the bus
 *                   (which may come later in the text, or be the statement itself: feedback).
 *                   In a tree from ph_lang_parse_expr buses are not resolved: bus_stmt = -1.
 *   PH_AST_IDENT    bare name (`rev`, `noise`, `sine`). `text` = the name.
 *   PH_AST_APPLY    function application, `f a b` or `f(a, b)`: `lhs` = the function
 *                   (a PH_AST_IDENT, or a PH_AST_SECTION as in `(# speed 2) x`),
 *                   `items[0 .. n_items)` = the arguments in order (n_items >= 1). Partial
 *                   applications look the same: `(fast 2)` is APPLY(fast, [2]); whether it
 *                   is a function or a value is known from the callee's arity, not syntax.
 *                   `(fast 2) "bd"` is merged into APPLY(fast, [2, "bd"]).
 *   PH_AST_BINOP    `lhs op rhs` for op in + - * / # <~ ~> . (see ph_ast_op), and the
 *                   pattern operators with bars (`|+`, `+|`, `|+|`, likewise - * / % < >)
 *                   and the signal operators `~+ ~- ~* ~/` (op plus `structure`).
 *   PH_AST_NEG      unary minus of a non-literal: `lhs` = operand.
 *   PH_AST_SECTION  operator section, a function: `(# speed 2)` -> op '#', lhs NULL,
 *                   rhs = `speed 2`; `(0.25 <~)` -> lhs = 0.25, rhs NULL. Applied to x it
 *                   means `x # speed 2` / `0.25 <~ x`.
 *   PH_AST_CHAIN    `a $ b $ c`: `items` = the operands in source order (n_items >= 2).
 *                   Meaning (decided by whoever evaluates, from arities): if items[0] is a
 *                   value (pattern or signal) the rest are transforms applied LEFT TO RIGHT,
 *                   Phonon's pipeline order: `"bd sn" $ every 3 (fast 2) $ off 0.25 (add 7)`
 *                   = off 0.25 (add 7) (every 3 (fast 2) "bd sn"). If the last item is the
 *                   value and the others functions, Tidal's order: `fast 2 $ rev $ "bd sn"`
 *                   = fast 2 (rev "bd sn"). A value anywhere else is an error.
 *
 * Precedence, loosest first (Tidal's fixities; binary operators left-associative except '.'):
 *
 *   $            0   chain (flattened, see PH_AST_CHAIN)
 *   #            1   `saw 55 * 0.5 # lpf 800 0.7` = (saw 55 * 0.5) # (lpf 800 0.7)
 *   <~  ~>       5   `0.25 <~ "bd sn"`
 *   +  -         6   also |+ +| |+| |- -| |-| |< <| |<| |> >| |>| ~+ ~-
 *   *  /         7   `~drums * 0.8 + ~bass * 0.3` = (~drums*0.8) + (~bass*0.3);
 *                    also |* *| |*| |/ /| |/| |% %| |%| ~* ~/
 *   unary -          `-x * 2` = (-x) * 2
 *   .            9   function composition, right-associative: `fast 2 . rev` = (fast 2) . rev
 *   application      juxtaposition binds tightest: `sine 0.25 * 1500` = (sine 0.25) * 1500
 *
 * Memory: the whole tree (nodes, strings, arrays) belongs to its ph_ast_program and is freed
 * by ph_ast_free; pointers into it stay valid until then. */
#ifndef PH_AST_H
#define PH_AST_H

#include <stdbool.h>
#include <stddef.h>

#define PH_AST_MAX_DEPTH 256 /* deepest expression tree / bracket nesting accepted */
#define PH_AST_MAX_OUT 16     /* out1 .. out16 */
#define PH_AST_MACROS 8       /* ~m1 .. ~m8 */

typedef enum ph_ast_kind {
    PH_AST_NUM,
    PH_AST_STR,
    PH_AST_BUS,
    PH_AST_IDENT,
    PH_AST_APPLY,
    PH_AST_BINOP,
    PH_AST_NEG,
    PH_AST_SECTION,
    PH_AST_CHAIN,
    PH_AST_LIST,  /* [a, b, c]: items */
    PH_AST_KWARG, /* :name value (a keyword argument): text = name, lhs = value */
} ph_ast_kind;

typedef enum ph_ast_op {
    PH_OP_NONE,
    PH_OP_ADD,    /* + */
    PH_OP_SUB,    /* - */
    PH_OP_MUL,    /* * */
    PH_OP_DIV,    /* / */
    PH_OP_HASH,   /* # : set a control on the left's events / send the left signal through */
    PH_OP_EARLY,  /* <~ : `t <~ p` shifts p earlier by t cycles */
    PH_OP_LATE,   /* ~> : `t ~> p` shifts p later by t cycles */
    PH_OP_DOLLAR, /* $ : only inside a PH_AST_CHAIN (never a BINOP) */
    PH_OP_COMPOSE, /* . : `f . g` is the function "g, then f" (Haskell's composition) */
    PH_OP_MOD,     /* % : only with bars (|%|, |%, %|) */
    PH_OP_KEEP_LEFT,  /* < : values from the left (|<, <|, |<|) */
    PH_OP_KEEP_RIGHT, /* > : values from the right (|>, >|, |>|; |> is #) */
} ph_ast_op;

/* Which side gives the events their structure (BINOP and SECTION): Tidal's bars, or the
 * seed's `~` for sample-wise arithmetic on signals. */
typedef enum ph_ast_structure {
    PH_AST_PLAIN,  /* + - * / # <~ ~> .: the meaning follows the operands (docs/LANGUAGE.md) */
    PH_AST_LEFT,   /* |+  structure from the left */
    PH_AST_RIGHT,  /* +|  structure from the right */
    PH_AST_BOTH,   /* |+| structure from both */
    PH_AST_SIGNAL, /* ~+  sample-wise, on signals */
} ph_ast_structure;

typedef struct ph_ast_node ph_ast_node;
struct ph_ast_node {
    ph_ast_kind kind;
    int line, column; /* 1-based; columns count characters (UTF-8 code points) */
    int depth;        /* height of this subtree, 1 for a leaf */

    ph_ast_op op;     /* BINOP, SECTION */
    ph_ast_structure structure; /* BINOP, SECTION */
    ph_ast_node *lhs; /* BINOP, SECTION (may be NULL), APPLY (the function), NEG (operand) */
    ph_ast_node *rhs; /* BINOP, SECTION (may be NULL) */
    ph_ast_node **items; /* APPLY: arguments; CHAIN: operands */
    size_t n_items;

    const char *text; /* NUM: literal; STR: contents; BUS: name w/o '~'; IDENT: name */
    size_t len;       /* strlen(text) */
    double num;       /* NUM */
    int str_line, str_column; /* STR: position of the first character inside the quotes */
    unsigned str_offset; /* STR: byte offset of that character in the text (event locations) */
    int macro;        /* BUS: 1..8 for ~m1..~m8, else 0 */
    int bus_stmt;     /* BUS: defining statement's index, -1 for macros / unresolved */
    const struct ph_ast_program *bus_prog; /* BUS: the program bus_stmt indexes, NULL unresolved */
};

typedef enum ph_stmt_kind {
    PH_STMT_TEMPO,  /* tempo: / cps: / bpm: (bpm: N "3/4": one beat a cycle, the seed's) */
    PH_STMT_BUS,    /* ~name: expr, ~name $ expr; ~name # chain (a modifier: `modifier`) */
    PH_STMT_OUT,    /* out: / out $ / out1: .. out16:, o1 $, d1 $ */
    PH_STMT_HUSH,   /* hush, hushN, unhush, unhushN, panic: `channel` -1 all, 0 main, N */
    PH_STMT_OUTMIX, /* outmix: none|gain|sqrt|tanh|hard|separate: `name` = the mode */
} ph_stmt_kind;

typedef struct ph_ast_stmt {
    ph_stmt_kind kind;
    int line, column;  /* of the statement's first token (`~name`, `out3`, `tempo`) */
    const char *name;  /* BUS: name w/o '~'; TEMPO: "tempo", "cps" or "bpm"; OUT: "out", "out3" */
    int channel;       /* OUT: 0 for `out`, 1..16 for out1..out16 */
    double value;      /* TEMPO: the number as written (bpm for `bpm:`) */
    double cps;        /* TEMPO: cycles per second (bpm / 60 for `bpm:`, the seed's) */
    ph_ast_node *expr; /* the right-hand side (TEMPO: the constant expression) */
    bool modifier;     /* BUS: `~name # chain`, a chain applied where the bus is used */
    bool unhush;       /* HUSH: unhush / unhushN */
    bool panic;        /* HUSH: panic */
    bool superseded;   /* a later statement defines the same name: this one is not compiled */
} ph_ast_stmt;

/* Warnings: things that compile but deserve a word (a name defined twice). */
#define PH_AST_MAX_WARNINGS 32
typedef struct ph_ast_warning {
    int line, column;
    char message[160];
} ph_ast_warning;

typedef struct ph_ast_arena ph_ast_arena;
typedef struct ph_ast_bus_index ph_ast_bus_index;

typedef struct ph_ast_program {
    ph_ast_stmt *stmts; /* in source order */
    size_t n_stmts;
    double cps;         /* tempo the text asked for, 0 if none */
    int max_out;        /* highest outN used, 0 if none */
    ph_ast_node *expr;  /* ph_lang_parse_expr only: the expression (stmts empty) */
    ph_ast_warning warnings[PH_AST_MAX_WARNINGS];
    size_t n_warnings;
    ph_ast_arena *arena; /* private: owns everything above */
    ph_ast_bus_index *buses; /* private: name -> statement (hash table) */
} ph_ast_program;

void ph_ast_free(ph_ast_program *p);

/* 1 + the largest depth among n's children (lhs, rhs, items): what n->depth should be. */
int ph_ast_height(const ph_ast_node *n);

/* Index of the statement defining bus `name` (without '~'), or -1. Constant time. */
int ph_ast_find_bus(const ph_ast_program *p, const char *name);

/* Line:column of byte `offset` inside a PH_AST_STR node's contents (offset may equal len).
 * Mini-notation errors (which count columns in bytes from 0 or 1, see the caller) become
 * positions in the .ph text this way. */
void ph_ast_str_position(const ph_ast_node *str, size_t offset, int *line, int *column);

/* Fully parenthesised prefix form, for tests and debugging:
 *   NUM 0.25   STR "bd sn"   BUS ~name   IDENT name   APPLY (f a b)   BINOP (+ a b)
 *   NEG (neg a)   SECTION (# _ b) / (<~ a _)   CHAIN ($ a b c)
 * Statements: `tempo 0.5`, `bpm 120`, `~name = EXPR`, `out = EXPR`, `out3 = EXPR`, joined by
 * '\n'. Like snprintf: writes at most size bytes (always NUL-terminated when size > 0) and
 * returns the length the full text needs. */
size_t ph_ast_format_expr(const ph_ast_node *n, char *buf, size_t size);
size_t ph_ast_format_program(const ph_ast_program *p, char *buf, size_t size);

const char *ph_ast_op_name(ph_ast_op op);      /* "+", "#", "<~", ... */
/* The operator as written, bars included: "|+", "+|", "|+|", "~*", "#" ... (buf >= 8). */
const char *ph_ast_op_text(ph_ast_op op, ph_ast_structure s, char *buf);
const char *ph_ast_kind_name(ph_ast_kind kind); /* "number", "string", "bus", ... */

/* How a bus name is written: `~name`, or `@name` / `%name` (the seed's templates and
 * pattern references keep their sigil in the name). */
static inline const char *ph_bus_sigil(const char *name)
{
    return name && (name[0] == '@' || name[0] == '%') ? "" : "~";
}

#endif

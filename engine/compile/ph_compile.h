/* The compiler's internals: AST (lang/) -> graph (graph/) with patterns (pattern/) and DSP
 * (dsp/) nodes. ph_program_compile (phonon.h) is the entry point.
 *
 * Values. Every expression compiles to a `cv`:
 *   CV_NUM    a constant number (folded; becomes a const node when used as a signal)
 *   CV_PAT    a pattern not yet used (a mini-notation string, or a transformed one); used as
 *             a signal it becomes a pattern node: its value stepped at event onsets, plus a
 *             gate and a trigger line that envelopes downstream use
 *   CV_SIG    a node's output (1 or 2 channels), with the pattern node that drives it
 *   CV_SOUND  `s "bd sn"` (or a synth) with the controls set on it by `#` so far; becomes a
 *             voice node when used as a signal
 *
 * Feedback rule. A reference from statement A to bus B is delayed by one chunk (reads B's
 * previous block through a feedback tap) exactly when B is in the same strongly connected
 * component of the bus reference graph as A and B is defined at or after A in the text.
 * Every cycle has such an edge (source order cannot decrease all the way round), so this
 * breaks every cycle; references that are not part of a cycle are never delayed. */
#ifndef PH_COMPILE_H
#define PH_COMPILE_H

#include <stdbool.h>

#include "graph/ph_graph.h"
#include "lang/ph_ast.h"
#include "phonon/phonon.h"
#include "render/ph_program_impl.h"

#include "pattern/ph_pattern.h"


typedef enum cv_kind { CV_NUM, CV_PAT, CV_SIG, CV_SOUND } cv_kind;

typedef struct cv {
    cv_kind kind;
    const ph_ast_node *at; /* where it came from, for errors */
    double num;
    const ph_pat *pat; /* CV_PAT: values; CV_SOUND: control maps ({s: bd, gain: 0.8}) */
    int node;
    uint32_t channels;
    int driver;   /* node whose aux 1/2 are the gate/trigger of the events driving it, or -1 */
    int gate_osc[8]; /* oscillators that gate themselves with their pattern until an envelope takes over */
    int n_gate_osc;
    /* CV_SOUND: controls given as signals (`# gain (sine 1)`), sampled at each onset */
    int sig_ctrl_node[8];
    ph_word sig_ctrl_key[8];
    int n_sig_ctrl;
    ph_word synth; /* CV_SOUND from a synth function (`supersaw "55 82"`): its name */
    /* CV_SIG from `osc midi`: one chain per MIDI voice. node is the mix of the lanes (for
     * any use as a whole); ph_cc_apply builds filters, envelopes and gain per lane. */
    int n_lanes;
    int lane_node[8], lane_driver[8], lane_gate_osc[8]; /* gate osc -1: none (an envelope took over) */
    bool lane_own_gates; /* MIDI voices: an envelope on the mix leaves each voice its own gate */
} cv;

typedef struct ph_cc {
    ph_program *p;
    ph_graph *g;
    const ph_settings *set;
    const ph_ast_program *ast;
    ph_diag *err;
    bool failed;
    int cur_stmt;
    /* per statement */
    int *bus_node;       /* compiled output node of a bus statement, -1 until compiled */
    uint32_t *bus_channels;
    int *bus_driver;
    int *tap;            /* feedback tap reading that bus, -1 */
    int *scc;            /* strongly connected component id */
    uint8_t *state;      /* 0 not compiled, 1 compiling, 2 done */
    const uint32_t *tap_channels_hint; /* from the first pass; NULL in the first pass */
    /* things the program keeps alive (patterns, voice banks) */
    struct ph_owned *owned;
    ph_heap *heap; /* the program's patterns */
} ph_cc;

/* Reports an error at the node's position (first error wins); returns a dummy value. */
cv ph_cc_error(ph_cc *c, const ph_ast_node *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
bool ph_cc_ok(const ph_cc *c);
/* Registers memory to free with the program: free_fn(ptr) after the graph is gone. */
bool ph_cc_own(ph_cc *c, void *ptr, void (*free_fn)(void *));

/* Expressions. */
cv ph_cc_expr(ph_cc *c, const ph_ast_node *n);
/* The value as a signal (a node); numbers become const nodes, patterns pattern nodes,
 * sounds voice nodes. Returns the node's ref; *channels its channel count. */
ph_ref ph_cc_signal(ph_cc *c, cv *v, uint32_t *channels);
cv ph_cc_sig(int node, uint32_t channels, const ph_ast_node *at);

/* Function application: `name args...` optionally with a left input (`x # name args`). */
cv ph_cc_apply(ph_cc *c, const ph_ast_node *fn, const ph_ast_node *const *args, size_t n_args,
               cv *input, const ph_ast_node *at);
/* All names the compiler knows (for "did you mean" hints); NULL-terminated. */
const char *const *ph_cc_function_names(void);
/* Is `name` a function the compiler applies to signals (as opposed to a pattern transform)? */
bool ph_cc_is_signal_function(const char *name);
cv ph_cc_bus_ref(ph_cc *c, const ph_ast_node *n);

/* Patterns (compile/ph_compile_pat.c, the adapter to pattern/ and lang/). */
const ph_pat *ph_cc_mini(ph_cc *c, const ph_ast_node *str);
bool ph_cc_is_transform(const char *name);
/* Applies transform `fn` (an IDENT or APPLY naming a pattern transform, with its
 * arguments) to pat. */
const ph_pat *ph_cc_transform(ph_cc *c, const ph_ast_node *fn, const ph_pat *pat);
/* A whole pattern expression (`fast 2 "bd sn"`, `"0 2" + "<7 12>"`). */
const ph_pat *ph_cc_pattern_expr(ph_cc *c, const ph_ast_node *n);
const char *const *ph_cc_transform_names(void);
/* Is `name` applied to n_args arguments a pattern transform still waiting for its pattern
 * (`fast 2`, `every 3 (fast 2)`, `range 1 5`)? */
bool ph_cc_is_partial_transform(const char *name, size_t n_args);

#include "compile/ph_pattern_node.h"

#endif

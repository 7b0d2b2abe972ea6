/* The compiler's internals: one evaluator that gives every .ph expression a type and lowers
 * it to the graph once. ph_compile (ph_compiler.h) is the entry point; ph_eval_pattern_text
 * serves `phonon query` with the same evaluator and no graph.
 *
 * Values (ph_term). Every expression evaluates to one of
 *   NUM    a constant number (folded; a constant node when it becomes a signal)
 *   PAT    a pattern of values (mini-notation, a transform's result, `run 8`)
 *   FUNC   a function waiting for its input: a partial application (`fast 2`, `lpf 800`,
 *          `gain 0.8`), an operator section (`(+ 7)`, `(# speed 2)`, `(0.25 <~)`) or a
 *          composition (`rev . fast 2`)
 *   SIG    a node's output in the graph (1 or 2 channels) with what drives it
 *   SOUND  a pattern of control maps (`s "bd sn" # gain 0.8`), played by voices when it
 *          becomes a signal; controls given as signals ride along. A control pattern
 *          without a sound name (`n "0 2 4"`, not `playable`) is a pattern of numbers to
 *          arithmetic and signals, as the seed reads `n`
 * Names get their meaning from the one names table (ph_names.h) and the input they are
 * applied to; operators from the one operator table (ph_ops.c). A value becomes a signal in
 * one place, ph_lower (ph_lower.c), which makes pattern nodes, voice nodes and constants.
 *
 * Feedback rule. A reference from statement A to bus B is delayed by one chunk (reads B's
 * previous block through a feedback tap) exactly when B is in the same strongly connected
 * component of the bus reference graph as A and B is defined at or after A in the text.
 * Every cycle has such an edge (source order cannot decrease all the way round), so this
 * breaks every cycle; references that are not part of a cycle are never delayed. */
#ifndef PH_COMPILE_H
#define PH_COMPILE_H

#include <stdbool.h>

#include "compile/ph_names.h"
#include "graph/ph_patch.h"
#include "lang/ph_ast.h"
#include "nodes/ph_nodes.h"
#include "pattern/ph_pattern.h"
#include "phonon/phonon.h"


typedef enum ph_term_type { PH_T_NUM, PH_T_PAT, PH_T_FUNC, PH_T_SIG, PH_T_SOUND } ph_term_type;

typedef struct ph_fn ph_fn;

#define PH_WRAP_MAX 16 /* transforms applied to one signal, nested */

typedef struct ph_term {
    ph_term_type type;
    const ph_ast_node *at; /* where it came from, for errors and node positions */
    double num;            /* NUM */
    const ph_pat *pat;     /* PAT: values; SOUND: control maps */
    const ph_fn *fn;       /* FUNC */
    /* SIG */
    int node;
    uint32_t channels;
    int driver; /* node whose aux 1/2 are the gate/trigger of the events driving it, or -1 */
    int gate_osc[PH_LANES]; /* oscillators gated by their pattern until an envelope takes over */
    int n_gate_osc;
    /* SIG with lanes (a chord, `osc midi`): node is the mix of the lanes; filters,
     * envelopes and gain after it are built per lane (ph_build.c). */
    int n_lanes;
    int lane_node[PH_LANES], lane_driver[PH_LANES], lane_gate_osc[PH_LANES]; /* gate osc -1: none */
    bool lane_own_gates; /* MIDI voices: an envelope on the mix leaves each voice its own gate */
    /* SOUND: whether it names a sound (an `s` control or a synth): voices can play it */
    bool playable;
    /* SOUND: controls given as signals (`# gain (sine 1)`), sampled at each onset */
    int sig_ctrl_node[PH_VOICE_MAX_SIGNALS];
    ph_word sig_ctrl_key[PH_VOICE_MAX_SIGNALS];
    int n_sig_ctrl;
} ph_term;

/* Function values (heap-allocated; they live as long as the program's patterns). */
typedef enum ph_fn_kind { PH_FN_NAME, PH_FN_SECTION, PH_FN_COMPOSE } ph_fn_kind;
struct ph_fn {
    ph_fn_kind kind;
    const ph_ast_node *at;
    /* NAME: `name` applied to args[0 .. n_args); the input comes last */
    const ph_name *name;
    const ph_ast_node *name_at;
    const ph_term *args;
    int n_args;
    /* SECTION: op with `operand` on one side and the input on the other */
    const ph_ast_node *op_node; /* the SECTION node: op and structure */
    const ph_term *operand;
    bool input_left; /* (+ 7): input + 7; (0.25 <~): 0.25 <~ input */
    /* COMPOSE: first, then second */
    const ph_fn *first, *second;
};

/* The compiler's state for one program (or one query). */
#define PH_MODIFIER_EXPANSIONS 4096

typedef struct ph_compiler {
    ph_graph *g;          /* NULL when only evaluating patterns (phonon query) */
    ph_patch *patch;      /* what the compiler makes (warnings go there); NULL likewise */
    ph_heap *heap;        /* the program's patterns and function values */
    const ph_settings *set;
    const ph_ast_program *ast;
    ph_diag *err;
    bool failed;
    int cur_stmt;
    /* per statement */
    ph_term *bus_val;     /* a bus's value once compiled (signals, sounds as voices) */
    int *tap;            /* feedback tap reading that bus, -1 */
    int *scc;            /* strongly connected component id */
    uint8_t *state;      /* 0 not compiled, 1 compiling, 2 done */
    uint8_t *expanding;  /* a modifier bus being expanded (to refuse one that uses itself) */
    const uint32_t *tap_channels_hint; /* from the first pass; NULL in the first pass */
    struct ph_owned *owned; /* what the patch keeps alive (patterns) */
    int n_voice_nodes;
    int voice_nodes[64]; /* for preloading samples named in the text */
    bool orbit_sends;    /* some sound sets `room` or `delay` (ph_orbits.c) */
    bool orbit_numbers;  /* some sound sets `orbit` */
    const struct ph_compile_hooks *hooks;
    int depth;           /* buses rendered as instruments inside one another */
    /* A pattern transform applied to a signal (`saw "55 82" $ fast 2`, `~drums $ every 4
     * rev`, the seed's habit): the signal's expression is evaluated again with the
     * transforms here, innermost on top, and every pattern or sound it plays is transformed
     * where it becomes a signal (ph_lower) or where a bus re-evaluated for them ends. */
    const ph_fn *wrap[PH_WRAP_MAX];
    int n_wrap;
    int wrap_hits;       /* patterns transformed so, to refuse a signal that plays none */
    int wrap_evals;      /* evaluations again, bounded (nested buses could multiply them) */
    uint32_t n_expansions; /* modifier-bus chains expanded so far (PH_MODIFIER_EXPANSIONS) */
} ph_compiler;

/* The sample rate the program is compiled for (48 kHz when the settings give none). */
static inline double ph_compiler_rate(const ph_compiler *c)
{
    return c->set && c->set->sample_rate > 0 ? c->set->sample_rate : 48000.0;
}

/* ---- errors (ph_compiler.c) ---- */
/* Reports an error at the node's position (first error wins); returns a dummy NUM. */
ph_term ph_compiler_error(ph_compiler *c, const ph_ast_node *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
bool ph_compiler_ok(const ph_compiler *c);
bool ph_compiler_own(ph_compiler *c, void *ptr, void (*free_fn)(void *));
ph_term ph_compiler_bus_ref(ph_compiler *c, const ph_ast_node *n);
/* A pattern or sound with the transforms of c->wrap applied (innermost first); itself when
 * there are none. Counts c->wrap_hits. */
ph_term ph_apply_wraps(ph_compiler *c, ph_term v);

/* ---- values ---- */
ph_term ph_term_num(double x, const ph_ast_node *at);
ph_term ph_term_pat(const ph_pat *p, const ph_ast_node *at);
ph_term ph_term_sig(int node, uint32_t channels, const ph_ast_node *at);
ph_term ph_term_sound(const ph_pat *p, const ph_ast_node *at);
ph_term ph_term_func(const ph_fn *f, const ph_ast_node *at);
static inline bool ph_term_patternish(const ph_term *v) { return v->type == PH_T_NUM || v->type == PH_T_PAT; }
/* NUM or PAT as a pattern (NUM -> pure); SOUND gives its control pattern; NULL otherwise. */
const ph_pat *ph_term_pattern(ph_compiler *c, const ph_term *v);
/* A control pattern's values as numbers: each map's n, note or freq (else its first number). */
const ph_pat *ph_term_numbers(ph_compiler *c, const ph_term *v);
/* A constant list written as a pattern (additive's "1 0.5 0.25", segments' levels): the
 * numbers of its first cycle's onsets, in time order, into out[0 .. max). How many; max + 1
 * when there are more; -1 when a value is not a number (or the pattern cannot be read). */
int ph_term_first_cycle(ph_compiler *c, const ph_term *t, float *out, int max);
/* Signals and sounds that play: audio. */
static inline bool ph_term_audio(const ph_term *v) { return v->type == PH_T_SIG || (v->type == PH_T_SOUND && v->playable); }
/* Numbers, patterns and control patterns that name no sound: values, not audio. */
static inline bool ph_term_valued(const ph_term *v)
{
    return ph_term_patternish(v) || (v->type == PH_T_SOUND && !v->playable);
}
const char *ph_term_type_name(ph_term_type t); /* "number", "pattern", ... */

/* ---- evaluation (ph_eval.c) ---- */
ph_term ph_eval(ph_compiler *c, const ph_ast_node *n);
/* `name args...` with an optional input (from `#`, `$` or a function value). hash: the
 * input came through `#` (which takes processors and controls, not transforms). */
ph_term ph_call(ph_compiler *c, const ph_name *name, const ph_ast_node *name_at, const ph_term *args, int n_args,
               ph_term *input, bool hash, const ph_ast_node *at);
/* Applies a function value to an input. */
ph_term ph_apply(ph_compiler *c, const ph_fn *f, ph_term input, const ph_ast_node *at);
/* A modifier bus's chain where it is used: a function when it reads as one (`lpf 800 #
 * delay 0.3`), else its value (`sine 0.25`). */
ph_term ph_eval_modifier(ph_compiler *c, const ph_ast_node *n);
/* An evaluated expression used where a function is expected ($ chains, arguments). */
ph_term ph_eval_function(ph_compiler *c, const ph_ast_node *n);

/* ---- operators (ph_ops.c) ---- */
/* `a op b` for a BINOP (or section) node's operator and structure. */
ph_term ph_binary(ph_compiler *c, const ph_ast_node *opnode, ph_term a, ph_term b, const ph_ast_node *at);
ph_term ph_negate(ph_compiler *c, ph_term a, const ph_ast_node *at);
/* `t <~ x` / `t ~> x`. */
ph_term ph_shift(ph_compiler *c, bool early, ph_term t, ph_term x, const ph_ast_node *at);

/* ---- lowering to the graph (ph_lower.c) ---- */
/* The value as a signal: NUM -> constant, PAT -> pattern node (mode), SOUND -> voice node,
 * SIG as it is. The value becomes that SIG (so it is lowered once). */
ph_ref ph_lower(ph_compiler *c, ph_term *v, ph_patsig_mode mode, uint32_t *channels);
/* An envelope waiting for its input (adsr 0.01 0.1): used as a value it is the envelope
 * itself, started every cycle (ph_lower). */
bool ph_term_is_envelope(const ph_term *v);
/* Positions a node at `at` and gives it a label; returns a SIG for it (or an error for
 * node < 0, out of memory). */
ph_term ph_term_node(ph_compiler *c, int node, uint32_t channels, const ph_ast_node *at, const char *label);

/* ---- builders for the names table's DSP meanings (ph_build.c, ph_build_sound.c) ---- */
ph_term ph_build_dsp(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, ph_term *args, int n, ph_term *input,
                    const ph_ast_node *at);
/* A synth played by a pattern of pitches (`supersaw "55 82.5"`): a sound. */
ph_term ph_build_synth(ph_compiler *c, const ph_name *nm, ph_term *args, int n, const ph_ast_node *at);
/* A control set on a sound or a control pattern (`# gain 0.8`, `n "0 1"`). input NULL: a
 * new control pattern. */
ph_term ph_set_control(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, ph_term *arg, ph_term *input,
                      const ph_ast_node *at);

/* ---- programs compiled for MIDI output (ph_build_midi.c) ---- */
/* Whether `key` is one of the MIDI controls (velocity, channel, ccn ...). */
bool ph_midi_key(const char *key);
/* Whether `key` is a MIDI control this program plays (only when compiled for MIDI). */
bool ph_midi_control(const ph_compiler *c, const char *key);
/* What output `channel` (0 main, N for outN) plays, made MIDI when the program is
 * compiled for MIDI: a pattern or a sound becomes a MIDI out node on MIDI channel N (1
 * for the main output). Anything else is left as it is. */
void ph_midi_output(ph_compiler *c, ph_term *v, int channel);
/* `held` in a program: the pattern of the chord the engine copies into the patch. */
ph_term ph_held_term(ph_compiler *c, const ph_ast_node *at);

/* ---- orbits (ph_orbits.c) ---- */
/* When the program sends to orbits: gives the voice nodes the roots reach their sends and
 * makes the orbit nodes (at most PH_VOICE_ORBITS, into orbit_nodes). Returns how many. */
int ph_orbits_wire(ph_compiler *c, const int *roots, uint32_t n_roots, int *orbit_nodes);
/* A bus rendered into a mono table of frames samples (ph_compiler.c), for a sound that
 * plays it (`s "~synth*4"`); malloc'd, NULL with *err filled when it cannot. */
float *ph_compile_bus_table(ph_compiler *c, const char *name, uint32_t frames, ph_diag *err);

/* ---- patterns only (phonon query) ---- */
/* Parses text as one expression and evaluates it into a pattern in h. */
const ph_pat *ph_eval_pattern_text(ph_heap *h, const char *text, size_t len, ph_diag *err);

#endif

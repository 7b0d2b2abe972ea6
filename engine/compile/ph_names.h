/* The language's one table of names: every name a .ph program can call, with each of its
 * meanings and what each accepts. A name may have several meanings, chosen by the
 * evaluator (ph_eval.c) from the input it is applied to and its arguments:
 *   pattern   a transform or pattern constructor (fast, every, run, sine as a 0..1 signal
 *             pattern), with its argument kinds -- from the pattern library's registry
 *   dsp       a source or processor in the graph (saw 55, lpf 800 0.7, adsr ...), with its
 *             argument count, defaults and the node constructor it makes
 *   control   a control on sounds (gain, n, speed ...), and whether the voices play it
 * Rows for the DSP names and controls are here (ph_names.c); the transforms are the
 * registry's; ph_names_lookup sees them all as one sorted table. */
#ifndef PH_NAMES_H
#define PH_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "nodes/ph_nodes.h"
#include "pattern/ph_registry.h"

typedef enum ph_dsp_shape {
    PH_DSP_OSC,    /* param 0 a frequency: Hz or note names; a pattern plays its notes as lanes */
    PH_DSP_NOISE,  /* no parameters */
    PH_DSP_MIDI,   /* the frequency, gate and trigger of MIDI notes */
    PH_DSP_PROC,   /* an input and smoothed parameters */
    PH_DSP_ENV,    /* an input and stepped parameters, triggered by the events driving it */
    PH_DSP_GAIN,   /* input * gain */
    PH_DSP_MINMAX, /* `min a b`, or `x # min b` */
    PH_DSP_CLIP,   /* clip/range lo hi; `clip a` clips to [-a, a] */
    PH_DSP_SYNTH,  /* a synth voice played by a pattern of pitches: a sound */
    PH_DSP_MAP,    /* a function of one value: of a pattern's values, or sample by sample */
    PH_DSP_NOTES,  /* an oscillator played by notes with an envelope per note (the seed's synth) */
    PH_DSP_GRAIN,  /* a source whose first argument is its material: a signal, or a sound's name */
    PH_DSP_GEN,    /* a signal made from its arguments (line 0 1, mix a b, gate "1 0"); after
                    * `#` the input is its first argument, as the seed chains (a # mix b) */
    PH_DSP_TRIG,   /* an input and stepped parameters, triggered by parameter 0's own events */
} ph_dsp_shape;

/* ph_dsp_def.flags */
enum {
    PH_DSPF_INPUT_FIRST = 1u, /* a processor also written with its input first, as the seed's
                               * standalone form: `lag ~x 0.1` = `~x # lag 0.1` */
    PH_DSPF_HELD = 2u,        /* an envelope with no events driving it opens its gate once, at
                               * the start (the seed's env), instead of following MIDI notes */
    PH_DSPF_PATH = 4u,        /* a quoted argument is a file name, read as written */
};

struct ph_compiler;
struct ph_term;
struct ph_ast_node;
struct ph_name;
/* A builder of its own for a name whose arguments are not all signals (a file name, a
 * count fixed when the program is compiled, a list of levels): given what ph_build_dsp
 * gets (compile/ph_build_rack.c). */
typedef struct ph_term (*ph_dsp_build_fn)(struct ph_compiler *c, const struct ph_name *nm,
                                          const struct ph_ast_node *name_at, struct ph_term *args, int n,
                                          struct ph_term *input, const struct ph_ast_node *at);

typedef struct ph_dsp_def {
    ph_dsp_shape shape;
    int min_args, max_args;
    float defaults[PH_NODE_MAX_PARAMS]; /* for the parameters not given */
    ph_node_make_fn make;               /* NULL for GAIN and SYNTH */
    bool per_lane;                      /* built once per lane of a chord or MIDI voice */
    const char *params;                 /* parameter names, for `:name value` arguments */
    unsigned words;                     /* bit i: argument i is a name read as written (synth's "saw");
                                           PH_DSP_LIST(i): argument i is a constant list */
    const char *usage;
    unsigned flags;                     /* PH_DSPF_* */
    ph_dsp_build_fn build;              /* NULL: the generic builders (ph_build.c) */
} ph_dsp_def;

/* In `words`: argument i is a constant list, its pattern's first cycle of numbers in time
 * order (additive's "1 0.5 0.25"). */
#define PH_DSP_LIST(i) (1u << (16 + (i)))

typedef struct ph_control_def {
    const char *key;   /* the control map key ("s" for `sound`) */
    bool played;       /* the voices play it (nodes/ph_node_voices.c, ph_voice_controls) */
    const char *usage;
} ph_control_def;

typedef struct ph_name {
    const char *name;
    const ph_tf_info *pattern;
    const ph_dsp_def *dsp;
    const ph_control_def *control;
} ph_name;

/* The entry for `name`, or NULL. Thread-safe (the table is built once). */
const ph_name *ph_names_lookup(const char *name);
/* Every name, sorted, NULL-terminated (for "did you mean" hints and docs). */
const char *const *ph_names_all(void);
size_t ph_names_count(void);
const ph_name *ph_names_at(size_t index);

#endif

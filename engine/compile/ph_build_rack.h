/* Builders of the rack's names (issue 14) that the generic ones (ph_build.c) do not cover:
 * generators made from their arguments (PH_DSP_GEN), and the names whose arguments are not
 * all signals -- a file name, a count fixed when the program is compiled, a list of levels,
 * a pattern played as a gate. The names table (ph_names.c) points at them. */
#ifndef PH_BUILD_RACK_H
#define PH_BUILD_RACK_H

#include "compile/ph_compile.h"

/* A PH_DSP_GEN name: every argument (after `#`, the input first) lowered as a parameter and
 * handed to the row's constructor, n_param = how many were given. */
ph_term ph_build_gen(ph_compiler *c, const ph_name *nm, ph_term *args, int n, ph_term *input, const ph_ast_node *at);

/* From ph_build.c: the node arguments every build starts from, and the generic processor
 * build (for builders that check or rearrange their arguments first). */
ph_node_args ph_build_node_args(const ph_compiler *c);
ph_term ph_build_processor(ph_compiler *c, const ph_name *nm, ph_term *args, int n, ph_term *input,
                           const ph_ast_node *at);

/* ph_dsp_build_fn builders, for the rows of ph_names.c:
 *   gate         a pattern's true events as a 0/1 signal
 *   segments     levels and times read from two patterns' first cycles
 *   convolve     an impulse response file (or the built-in room) and a mix
 *   counted      phaser, multitap, vocoder: a count that must be a number in range
 *   sample_hold  a pattern as the trigger: its true events
 *   asr          a pattern as the gate: its true events; three arguments: attack level release */
#define PH_RACK_BUILDER(fn)                                                                                       \
    ph_term fn(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, ph_term *args, int n, ph_term *input, \
               const ph_ast_node *at)
PH_RACK_BUILDER(ph_build_rack_gate);
PH_RACK_BUILDER(ph_build_rack_segments);
PH_RACK_BUILDER(ph_build_rack_convolve);
PH_RACK_BUILDER(ph_build_rack_counted);
PH_RACK_BUILDER(ph_build_rack_sample_hold);
PH_RACK_BUILDER(ph_build_rack_asr);
/*   input_events a pattern as the input (timer's trigger): its true events
 *   seed_chorus  chorus with the seed's ignored 4th argument, warned (ph_build_seed.c) */
PH_RACK_BUILDER(ph_build_rack_input_events);
PH_RACK_BUILDER(ph_build_seed_chorus);
/*   env_trig     the seed's: an ADSR on its first argument's true events, times the input (1 alone) */
PH_RACK_BUILDER(ph_build_rack_env_trig);

#endif

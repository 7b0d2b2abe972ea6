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

/* The generic processor build (ph_build.c), for builders that check their arguments first. */
ph_term ph_build_processor(ph_compiler *c, const ph_name *nm, ph_term *args, int n, ph_term *input,
                           const ph_ast_node *at);

/* ph_dsp_build_fn builders, for the rows of ph_names.c. */
ph_term ph_build_rack_gate(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, ph_term *args, int n,
                           ph_term *input, const ph_ast_node *at);
ph_term ph_build_rack_segments(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, ph_term *args, int n,
                               ph_term *input, const ph_ast_node *at);
ph_term ph_build_rack_convolve(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, ph_term *args, int n,
                               ph_term *input, const ph_ast_node *at);
ph_term ph_build_rack_phaser(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, ph_term *args, int n,
                             ph_term *input, const ph_ast_node *at);
ph_term ph_build_rack_multitap(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, ph_term *args, int n,
                               ph_term *input, const ph_ast_node *at);
ph_term ph_build_rack_vocoder(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, ph_term *args, int n,
                              ph_term *input, const ph_ast_node *at);
ph_term ph_build_rack_sample_hold(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, ph_term *args, int n,
                                  ph_term *input, const ph_ast_node *at);
ph_term ph_build_rack_asr(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, ph_term *args, int n,
                          ph_term *input, const ph_ast_node *at);

#endif

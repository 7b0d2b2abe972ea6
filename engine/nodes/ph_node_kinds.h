/* The one list of node kinds. Every kind of graph node is a `const ph_node_ops ph_kind_NAME`
 * defined in the nodes/ file of its family and listed here once; nothing depends on the
 * order of this list. (The feedback tap, the one kind the graph itself needs, lives in
 * graph/ph_graph.c as "feedback".)
 *
 *   family      file                   kinds
 *   math        ph_node_math.c         constant add sub mul div mix min max clip range mtof
 *   oscillators ph_node_osc.c          sine saw square tri noise
 *   filters     ph_node_filter.c       lpf hpf bpf notch ladder
 *   envelopes   ph_node_env.c          adsr ar
 *   effects     ph_node_fx.c           delay reverb distort bitcrush chorus compress pan
 *   live input  ph_node_live.c         macro midi midi_voice
 *   patterns    ph_node_pattern.c      pattern
 *   voices      ph_node_voices.c       voices
 *   input       ph_node_input.c        input retrig
 *   dynamics    ph_node_dynamics.c     follow
 *   MIDI out    ph_node_midiout.c      midi_out
 */
#ifndef PH_NODE_KINDS_H
#define PH_NODE_KINDS_H

#include "graph/ph_graph.h"

#define PH_NODE_KINDS(X)                                                                       \
    X(constant) X(add) X(sub) X(mul) X(div) X(mix) X(min) X(max) X(clip) X(range) X(mtof)     \
    X(sine) X(saw) X(square) X(tri) X(noise)                                                 \
    X(lpf) X(hpf) X(bpf) X(notch) X(ladder)                                                  \
    X(adsr) X(ar)                                                                            \
    X(delay) X(reverb) X(distort) X(bitcrush) X(chorus) X(compress) X(pan)                  \
    X(macro) X(midi) X(midi_voice)                                                           \
    X(pattern)                                                                               \
    X(voices)                                                                                \
    X(input) X(retrig)                                                                       \
    X(follow)                                                                                \
    X(midi_out)

#define PH_DECLARE_KIND(name) extern const ph_node_ops ph_kind_##name;
PH_NODE_KINDS(PH_DECLARE_KIND)
#undef PH_DECLARE_KIND

/* Every kind, in list order (for tests and tools that go through all of them). */
extern const ph_node_ops *const ph_node_kinds[];
extern const unsigned ph_node_kind_count;

#endif

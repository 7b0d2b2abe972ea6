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
 *   modulation  ph_node_mod.c          tremolo vibrato ring ring_mod flanger phaser width coarse
 *                                      pitch_shift
 *   control     ph_node_ctl.c          lag sample_hold wrap follow rms amp_follower asr line xline
 *                                      curve segments gate xfade select
 *   dynamics    ph_node_dyn.c          limiter expander noisegate
 *   space       ph_node_space.c        pingpong tapedelay multitap plate vocoder convolve
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
    X(tremolo) X(vibrato) X(ring) X(ring_mod) X(flanger) X(phaser) X(width) X(coarse)         \
    X(pitch_shift)                                                                           \
    X(lag) X(sample_hold) X(wrap) X(follow) X(rms) X(amp_follower) X(asr) X(line) X(xline)    \
    X(curve) X(segments) X(gate) X(xfade) X(select)                                          \
    X(limiter) X(expander) X(noisegate)                                                      \
    X(pingpong) X(tapedelay) X(multitap) X(plate) X(vocoder) X(convolve)

#define PH_DECLARE_KIND(name) extern const ph_node_ops ph_kind_##name;
PH_NODE_KINDS(PH_DECLARE_KIND)
#undef PH_DECLARE_KIND

/* Every kind, in list order (for tests and tools that go through all of them). */
extern const ph_node_ops *const ph_node_kinds[];
extern const unsigned ph_node_kind_count;

#endif

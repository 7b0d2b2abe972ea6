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
 *   voices      ph_node_voices.c       voices voice_sends
 *   generators  ph_node_gen.c          fm pm impulse blip pluck additive wavetable granular
 *   rack filters ph_node_rbj.c         rbj eq djf comb allpass formant
 *   kernels     ph_node_kernel.c       the rack's kernels (dsp/ph_kernels.h, PH_KERNEL_LIST):
 *                                      tremolo vibrato ring ring_mod flanger phaser width coarse
 *                                      pitch_shift lag onepole sample_hold wrap follow rms amp_follower asr
 *                                      limiter expander noisegate pingpong tapedelay multitap
 *                                      plate vocoder overdrive latch schmidt timer
 *                                      diffuser freeze
 *   generators  ph_node_ctl.c          line xline curve segments gate xfade select
 *   convolution ph_node_conv.c         convolve
 *   input       ph_node_input.c        input retrig
 *   MIDI out    ph_node_midiout.c      midi_out
 *   orbits      ph_node_orbit.c        orbit
 *   the seed's  ph_node_seed.c         cond (if) pan2_l pan2_r phasor soft_saw
 *                                      waveguide
 */
#ifndef PH_NODE_KINDS_H
#define PH_NODE_KINDS_H

#include "dsp/ph_kernels.h"
#include "graph/ph_graph.h"

#define PH_NODE_KINDS(X)                                                                       \
    X(constant) X(add) X(sub) X(mul) X(div) X(mix) X(min) X(max) X(clip) X(range) X(mtof)     \
    X(sine) X(saw) X(square) X(tri) X(noise)                                                 \
    X(lpf) X(hpf) X(bpf) X(notch) X(ladder)                                                  \
    X(adsr) X(ar)                                                                            \
    X(delay) X(reverb) X(distort) X(bitcrush) X(chorus) X(compress) X(pan)                  \
    X(macro) X(midi) X(midi_voice)                                                           \
    X(pattern)                                                                               \
    X(voices) X(voice_sends)                                                                 \
    X(fm) X(pm) X(impulse) X(blip) X(pluck) X(additive) X(wavetable) X(granular)            \
    X(rbj) X(eq) X(djf) X(comb) X(allpass) X(formant)                                        \
    PH_KERNEL_LIST(X)                                                                        \
    X(line) X(xline) X(curve) X(segments) X(gate) X(xfade) X(select)                         \
    X(convolve)                                                                              \
    X(input) X(retrig)                                                                       \
    X(midi_out)                                                                              \
    X(orbit)                                                                                 \
    X(cond) X(pan2_l) X(pan2_r) X(phasor) X(soft_saw) X(waveguide)

#define PH_DECLARE_KIND(name) extern const ph_node_ops ph_kind_##name;
PH_NODE_KINDS(PH_DECLARE_KIND)
#undef PH_DECLARE_KIND

/* Every kind, in list order (for tests and tools that go through all of them). */
extern const ph_node_ops *const ph_node_kinds[];
extern const unsigned ph_node_kind_count;

#endif

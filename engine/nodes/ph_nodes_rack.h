/* Node constructors of the rack's envelopes, control signals and effects (issue 14).
 * Included by ph_nodes.h. Parameters are mono signals in the order given (the compiler fills
 * defaults, compile/ph_names.c); a parameter "fixed at compile time" (a count, a look-ahead)
 * is read from a constant node, any other signal there gives the default.
 *
 * Kernel nodes (ph_node_kernel.c), one per kernel of dsp/ph_kernels.h's PH_KERNEL_LIST, each
 * ph_make_<name>: input 0 the signal, then
 *   tremolo rate depth | vibrato rate depth | ring freq | ring_mod other (in * other) |
 *   flanger depth rate feedback | phaser rate depth feedback stages (fixed) | width amount
 *   (stereo out) | coarse factor | pitch_shift semitones | lag time | sample_hold trigger (a
 *   pattern: its onsets) | wrap lo hi | follow attack release (mono out, the louder channel)
 *   | rms window | amp_follower attack release window | asr attack release level (the input
 *   is the gate; a pattern gates with its events) | limiter ceiling lookahead (fixed)
 *   release (channels linked) | expander threshold ratio attack release (upward) |
 *   noisegate threshold ratio attack release (downward) | pingpong time feedback width
 *   channel mix (stereo out) | tapedelay time feedback wow_rate wow_depth flutter_rate
 *   flutter_depth saturation mix | multitap time taps (fixed) feedback mix | plate pre_delay
 *   decay diffusion damping mod_depth mix (stereo out) | vocoder carrier bands (fixed; the
 *   input is the modulator).
 *
 * Generators (ph_node_ctl.c), their parameters every argument: line start end [dur] (no dur:
 * a ramp over every cycle) | xline start end dur | curve start end dur curve | xfade a b pos
 * | select index a b ... (up to 7; the index rounds and wraps; a change cross-fades over 5
 * ms) | sum a b ... (the seed's mix). */
#ifndef PH_NODES_RACK_H
#define PH_NODES_RACK_H

#include "dsp/ph_kernels.h"

#define PH_RACK_MAKE_FN(name) int ph_make_##name(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
PH_KERNEL_LIST(PH_RACK_MAKE_FN)
#define PH_RACK_GENERATORS(X) X(line) X(xline) X(curve) X(xfade) X(select) X(sum)
PH_RACK_GENERATORS(PH_RACK_MAKE_FN)
PH_RACK_MAKE_FN(sidechain_compressor) /* ph_node_fx.c: key threshold ratio attack release */
/* ph_node_seed.c: cond (the seed's if) cond then else | pan2_l, pan2_r input position |
 * phasor [speed] | soft_saw freq (the seed's soft_saw_hz; a->gate its pattern's gate) |
 * waveguide freq damping pickup (a->trig plucks) */
#define PH_SEED_NODES(X) X(cond) X(pan2_l) X(pan2_r) X(phasor) X(soft_saw) X(waveguide)
PH_RACK_MAKE_FN(env_trig) /* ph_node_seed.c: pattern attack decay sustain release, an adsr on a->gate/trig */
PH_SEED_NODES(PH_RACK_MAKE_FN)
#undef PH_RACK_MAKE_FN

/* segments: levels (count + 1) and times (count, seconds), count <= 32 (ph_node_ctl.c). */
int ph_node_segments(ph_graph *g, double rate, const float *levels, const float *times, uint32_t count);
/* gate: a 0/1 signal, the gate line (aux 1) of `pattern_node` as audio (ph_node_ctl.c). */
int ph_node_gate_signal(ph_graph *g, int pattern_node);
/* convolve: the input with an impulse response (taken: freed with the node, and on
 * failure), param 0 the mix. Stereo out when the input or the response is stereo
 * (ph_node_conv.c). */
struct ph_ir;
int ph_node_convolve(ph_graph *g, const ph_node_args *a, struct ph_ir *ir, uint32_t *out_channels);

#endif

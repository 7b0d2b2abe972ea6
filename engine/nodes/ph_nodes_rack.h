/* Node constructors of the rack's envelopes, control signals and effects (issue 14), in
 * four families (listed in ph_node_kinds.h): modulation (ph_node_mod.c), control
 * (ph_node_ctl.c), dynamics (ph_node_dyn.c) and space -- echoes, reverbs, convolution,
 * vocoder (ph_node_space.c). Included by ph_nodes.h. Parameters are mono signals in the
 * order given; the compiler fills defaults (compile/ph_names.c). A parameter "fixed at
 * compile time" (a count) is read from a constant node; any other signal there gives the
 * default. */
#ifndef PH_NODES_RACK_H
#define PH_NODES_RACK_H

/* ---- modulation (ph_node_mod.c): the kernels of dsp/ph_mod.h --------------------------
 * tremolo rate depth; vibrato rate depth; ring freq; ring_mod other (in * other, sample
 * by sample); flanger depth rate feedback; phaser rate depth feedback stages (fixed);
 * width amount (stereo out); coarse factor; pitch_shift semitones. */
int ph_make_tremolo(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_vibrato(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_ring(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_ring_mod(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_flanger(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_phaser(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_width(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_coarse(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_pitch_shift(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);

/* ---- control (ph_node_ctl.c): dsp/ph_ctl.h ----------------------------------------------
 * lag time; sample_hold trigger (a pattern's onsets when the trigger is a pattern); wrap lo
 * hi; follow attack release (mono out: the larger channel); rms window; amp_follower attack
 * release window; asr attack release level (the input is the gate; a pattern input gates
 * with its events; the output times level). Generators (no input; their parameters are every argument): line start end
 * [dur] (no dur: a ramp over every cycle); xline start end dur; curve start end dur curve;
 * xfade a b pos; select index a b ... (up to 7; the index rounds and wraps, a change
 * cross-fades over 5 ms); mix a b ... (the sum). */
int ph_make_lag(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_sample_hold(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_wrap(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_follow(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_rms(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_amp_follower(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_asr(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_line(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_xline(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_curve(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_xfade(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_select(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_sum(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
/* segments: levels (count + 1) and times (count, seconds), count <= 32. */
int ph_node_segments(ph_graph *g, double rate, const float *levels, const float *times, uint32_t count);
/* gate: a 0/1 signal, the gate line (aux 1) of `pattern_node` as audio. */
int ph_node_gate(ph_graph *g, int pattern_node);

/* ---- dynamics (ph_node_dyn.c): dsp/ph_dyn.h ------------------------------------------------
 * limiter ceiling lookahead (fixed, s) release (channels linked); expander threshold ratio
 * attack release (upward, the seed's); noisegate threshold ratio attack release (downward);
 * sidechain_compressor key threshold ratio attack release (the seed's order: a compress
 * node whose detector hears the key). */
int ph_make_limiter(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_expander(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_noisegate(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_sidechain_compressor(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);

/* ---- space (ph_node_space.c): dsp/ph_echo.h, ph_plate.h, ph_convolve.h, ph_vocoder.h -------
 * pingpong time feedback width channel mix (stereo out); tapedelay time feedback wow_rate
 * wow_depth flutter_rate flutter_depth saturation mix; multitap time taps (fixed) feedback
 * mix; plate pre_delay decay diffusion damping mod_depth mix (stereo out); vocoder carrier
 * bands (fixed; the input is the modulator). */
int ph_make_pingpong(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_tapedelay(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_multitap(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_plate(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_vocoder(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
/* convolve: the input with an impulse response (taken: freed with the node, and on
 * failure), param 0 the mix. Stereo out when the input or the response is stereo. */
struct ph_ir;
int ph_node_convolve(ph_graph *g, const ph_node_args *a, struct ph_ir *ir, uint32_t *out_channels);

#endif

/* The nodes layer: every kind of graph node (listed in ph_node_kinds.h), each rendering a
 * chunk from its inputs' buffers with the dsp/ kernels. The compiler makes nodes through
 * the constructors below; the renderer only ever calls their ph_node_ops. Nodes never call
 * into compile/ or render/.
 *
 * Constructors add a node to g and return its index, or -1 when out of memory or given
 * arguments they cannot take. Processors, sources and envelopes share one signature,
 * ph_node_make_fn, so that the compiler's names table can name a constructor directly:
 * adding a DSP node is a kernel (dsp/), a kind in its family's file here, one row in
 * compile/ph_names.c, a test and a line of docs. */
#ifndef PH_NODES_H
#define PH_NODES_H

#include <stdbool.h>

#include "dsp/ph_voices.h"
#include "graph/ph_graph.h"
#include "nodes/ph_node_kinds.h"
#include "pattern/ph_pattern.h"

#define PH_NODE_MAX_PARAMS 10 /* eq: three bands of three */

/* What a ph_node_make_fn gets. Parameters are mono signals in the order the kind
 * documents; a missing one is ph_ref_none() (the kind's default is the compiler's job). */
typedef struct ph_node_args {
    double rate;
    ph_ref in;          /* processors: the input, mono or stereo */
    uint32_t channels;  /* processors: the input's channels (1 or 2) */
    ph_ref param[PH_NODE_MAX_PARAMS];
    uint32_t n_param;
    ph_ref gate, trig;  /* envelopes: the driving events' lines; oscillators: their gate */
    uint32_t seed;      /* noises */
    /* the rack's sources: a name written as an argument (wavetable's table, granular's
     * sample), the sample folder to find it in, a constant list (additive's amplitudes) */
    const char *word;
    const char *sample_dir;
    const float *list;
    uint32_t n_list;
} ph_node_args;

/* Makes the node; *out_channels receives its output width (1 or 2). */
typedef int (*ph_node_make_fn)(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);

/* ---- math (ph_node_math.c) ---------------------------------------------------------- */

typedef enum ph_binop { PH_BIN_ADD, PH_BIN_SUB, PH_BIN_MUL, PH_BIN_DIV } ph_binop;
/* A constant signal (written once; costs nothing per chunk). */
int ph_node_const(ph_graph *g, float value);
/* Whether r is a constant node's output, and its value (for kinds that size memory by a
 * parameter that cannot change, such as a delay's time). */
bool ph_node_const_value(const ph_graph *g, ph_ref r, float *value);
/* a OP b, per sample; stereo if either side is stereo. Division by (near) zero gives 0. */
int ph_node_binop(ph_graph *g, ph_binop op, ph_ref a, ph_ref b, uint32_t channels);
/* Sum of inputs (n <= PH_NODE_MAX_IN). */
int ph_node_mix(ph_graph *g, const ph_ref *in, uint32_t n, uint32_t channels);
/* Sum of any number of inputs: mix nodes in a tree of PH_NODE_MAX_IN inputs each. */
int ph_mix_tree(ph_graph *g, const ph_ref *in, uint32_t n, uint32_t channels);

/* ---- fusion (ph_node_fuse.c): the fuser of graphs made of these kinds ---------------- */
extern const ph_fuser ph_node_fuser;
/* min/max: in, b (per channel; a mono b serves both). clip: in, lo, hi. range: in
 * (bipolar), lo, hi (lo and hi read as mono). */
int ph_make_min(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_max(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_clip(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_range(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
/* mtof: param 0 a MIDI note number -> its frequency in Hz (440 * 2^((m - 69) / 12)). */
int ph_make_mtof(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);

/* ---- oscillators (ph_node_osc.c): param 0 freq (Hz), square: param 1 pulse width;
 * a gate (the driving pattern's) silences rests with ~2 ms ramps until ph_node_osc_ungate. */
int ph_make_sine(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_saw(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_square(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_tri(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
/* An envelope took over the oscillator's gating: it plays through rests. */
void ph_node_osc_ungate(ph_graph *g, int node);
/* Noises: no parameters; seed from a->seed. */
int ph_make_white(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_pink(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_brown(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);

/* ---- filters (ph_node_filter.c): param 0 cutoff (Hz), param 1 Q (0.5 .. 20; the
 * seed's) for lpf hpf bpf notch, resonance 0..1 for the ladder ---------------------- */
int ph_make_lpf(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_hpf(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_bpf(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_notch(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_ladder(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);

/* ---- the rack's generators (ph_node_gen.c), pitched by param 0 and gated like the
 * oscillators: fm carrier modulator index; pm carrier modulation index; impulse freq;
 * blip freq (dsp/ph_fm.h, dsp/ph_blit.h) ---------------------------------------------- */
int ph_make_fm(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_pm(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_impulse(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_blip(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
/* pluck freq damping, plucked by a->trig (none: once) -- dsp/ph_comb.h; additive freq with
 * a->list the amplitudes -- dsp/ph_additive.h; wavetable freq position with a->word the
 * table (built-in or a sound) -- dsp/ph_wavetable.h; granular: a->in the live source (or
 * a->word a sound), params size density pitch position -- dsp/ph_granular.h. Sounds are
 * found in a->sample_dir, then the kit; -1 when the name is not there. */
int ph_make_pluck(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_additive(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_wavetable(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_granular(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
/* The sound `name` (name or name:index) from the sample folder (NULL: none) or the kit, as
 * a malloc'd mono copy at `rate`; NULL with a message in err when there is no such sound.
 * [non-RT] */
float *ph_sound_mono(const char *sample_dir, double rate, const char *name, uint32_t *frames, char *err, size_t errlen);

/* ---- the rack's filters (ph_node_rbj.c; dsp/ph_rbj.h, dsp/ph_comb.h): the cookbook
 * responses with param 0 freq (Hz), param 1 Q: rlpf rhpf bq_* (Q 0.1..20), resonz (0.5..
 * 100), svf_* (0.1..50); eq: three bells, (freq, gain dB, Q) x 3; djf: one value 0..1;
 * comb: freq, feedback; allpass: coefficient ------------------------------------------ */
int ph_make_rlpf(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_rhpf(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_resonz(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_bq_lp(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_bq_hp(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_bq_bp(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_bq_notch(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_svf_lp(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_svf_hp(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_svf_bp(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_svf_notch(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_eq(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_djf(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_comb(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_allpass(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
/* formant: f1 f2 f3 bw1 bw2 bw3; vowel: a number 0..4 (a e i o u) -- dsp/ph_formant.h */
int ph_make_formant(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_vowel(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);

/* ---- envelopes (ph_node_env.c): in * envelope, driven by a->gate / a->trig ------------
 * adsr: params attack, decay, sustain, release; follows the gate. ar: attack, release;
 * percussive, one shot per trigger whatever the gate. */
int ph_make_adsr(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_ar(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);

/* ---- effects (ph_node_fx.c) ----------------------------------------------------------
 * delay: time (s, <= PH_DELAY_MAX_SECONDS), feedback, mix. reverb: room, damp, mix (mono
 * in, stereo out). distort: drive. bitcrush: bits, rate reduction. chorus: rate, depth,
 * mix. compress: threshold dB, ratio, attack, release [, make-up gain dB [, key: a side
 * chain the detector hears instead of the input]]. pan: position 0..1 (stereo out). */
#define PH_DELAY_MAX_SECONDS 4.0
int ph_make_delay(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_delayl(ph_graph *g, const ph_node_args *a, uint32_t *out_channels); /* linear reads */
int ph_make_reverb(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_distort(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_bitcrush(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_chorus(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_compress(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_pan(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);

/* ---- live input (ph_node_live.c) ----------------------------------------------------- */
/* Macro ~m<index+1>: the engine's value, smoothed (one-pole, ~5 ms) so steps never click. */
int ph_node_macro(ph_graph *g, int index);
/* MIDI: audio = frequency (Hz) of the last held note (440 until one is played);
 * aux 1 = gate (1 while a note is held), aux 2 = trigger (1 on the note-on's sample). */
int ph_node_midi(ph_graph *g);
/* MIDI voice k of PH_LIVE_VOICES: frequency, gate (aux 1), trigger (aux 2) and the note's
 * velocity 0..1 (aux 3). */
int ph_node_midi_voice(ph_graph *g, uint32_t voice);
bool ph_node_is_midi(const ph_graph *g, int node);

/* ---- the host's audio input (ph_node_input.c) -----------------------------------------
 * in: stereo, inL / inR: one side (no parameters). retrig: param 0 the count per cycle,
 * a->gate / a->trig the events of that count's pattern (dsp/ph_retrig.h). */
int ph_make_in(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_inl(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_inr(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);
int ph_make_retrig(ph_graph *g, const ph_node_args *a, uint32_t *out_channels);

/* ---- MIDI out (ph_node_midiout.c) ----------------------------------------------------
 * A pattern (control maps or numbers) played as MIDI into ctx->midi on `channel` (1..16,
 * unless the events say); silent audio. The MIDI controls it reads besides the voices'
 * (NULL-terminated), accepted on sounds in programs compiled for MIDI. */
int ph_node_midi_out(ph_graph *g, const ph_pat *pat, double rate, int channel);
const char *const *ph_midi_controls(void);
/* The pattern of a MIDI out node; NULL for any other node. */
const ph_pat *ph_node_midi_out_pattern(const ph_graph *g, int node);

/* ---- patterns (ph_node_pattern.c) ---------------------------------------------------- */
#define PH_PATNODE_MAX_EVENTS 256 /* per query window; more are dropped (counted) */
typedef enum ph_patsig_mode {
    PH_PATSIG_PLAIN,  /* values as numbers, stepped */
    PH_PATSIG_SMOOTH, /* stepped, then smoothed (~2 ms) so jumps do not click */
    PH_PATSIG_PITCH   /* frequencies: numbers are Hz, note names become Hz; stepped */
} ph_patsig_mode;
/* A pattern as a signal: audio = value of lane `lane` (the lane-th of the events sharing an
 * onset), aux 1 = gate, aux 2 = trigger. pat must outlive the graph. */
int ph_node_pattern(ph_graph *g, const ph_pat *pat, ph_patsig_mode mode, uint32_t lane, double rate);
/* The most events sharing one onset in the pattern's first 16 cycles (1..max_lanes). */
uint32_t ph_pattern_polyphony(const ph_pat *pat, uint32_t max_lanes);
/* The pattern a node plays: a pattern node's, a voice node's (ph_node_voices_pattern);
 * NULL for any other node. For editors (ph_program_events): patterns never change, so
 * this may be read while the program plays. */
const ph_pat *ph_node_played_pattern(const ph_graph *g, int node);

/* ---- voices (ph_node_voices.c) ------------------------------------------------------- */
#define PH_VOICES_PER_NODE 64 /* polyphony of one sound pattern; the oldest voice is stolen */
#define PH_VOICE_MAX_SIGNALS 8
typedef struct ph_sound_bank ph_sound_bank;
/* A voice node: plays the events of `pat` (control maps: the keys ph_voice_controls lists)
 * from the built-in kit, the sample folder `sample_dir` (NULL: kit only) and the synths.
 * Controls given as signals (`# gain (sine 1)`) are inputs sig[k] named sig_key[k],
 * sampled at each onset. Stereo out: the voices' dry sound.
 * On failure returns -1 with a message in err. */
int ph_node_voices(ph_graph *g, const ph_pat *pat, double rate, const char *sample_dir, const ph_ref *sig,
                   const ph_word *sig_key, uint32_t n_sig, char *err, size_t errlen);
/* Loads, into a voice node's sample folder, the sound `name` if the folder has it (before
 * the program plays, so that a sound first played late is there). 0 or -1 with err. */
int ph_node_voices_preload(ph_graph *g, int node, const char *name, char *err, size_t errlen);
/* The sound pattern of a voice node; NULL for any other node. */
const ph_pat *ph_node_voices_pattern(const ph_graph *g, int node);
/* The sound names of a voice node's events over its first 64 cycles that it cannot play
 * (in neither the kit, the sample folder nor the synths): they would play silence. Up to
 * max names (interned, valid for the process); returns how many. [non-RT] */
uint32_t ph_node_voices_unknown(const ph_graph *g, int node, const char **names, uint32_t max);
/* A sound named `name` for a voice node (a bus rendered into a table: s "~synth*4"): mono
 * `data` (taken: freed with the node, and on failure) of `frames` samples at `rate`.
 * At most 8 per node; -1 when full or not a voice node. [non-RT] */
int ph_node_voices_add_table(ph_graph *g, int node, const char *name, float *data, uint32_t frames, double rate);
/* The controls a voice node plays (NULL-terminated): any other control on its events
 * would do nothing, so the compiler refuses it. (The orbit parameters size, delaytime and
 * delayfeedback are played by the orbit nodes: ph_orbit_controls.) */
const char *const *ph_voice_controls(void);
/* A sends node: orbit `orbit`'s send lines of voice node `node` (its audio: the reverb
 * send, mono; aux 1, 2: the delay send, left and right). The first call makes the voice
 * node's voices send to `orbits` orbits (<= PH_VOICE_ORBITS, the same in every call).
 * Before the graph is finalized. The node, or -1 (not a voice node, out of memory). */
int ph_node_voices_sends(ph_graph *g, int node, uint32_t orbits, uint32_t orbit);
/* The orbit an `orbit` control value names: its integer part modulo PH_VOICE_ORBITS. */
int ph_voice_orbit_of(double orbit);

/* ---- orbits (ph_node_orbit.c) -----------------------------------------------------------
 * The effect bus of orbit k, SuperDirt's global effects: a reverb fed by `room` (mono) and
 * a stereo feedback delay fed by `delay_l`/`delay_r` (the voice nodes' sends, summed),
 * their wet sum as its stereo output. Their parameters come from the events of `pats`
 * (the sound patterns that send to it, queried each window): an event on orbit k that
 * sets size, delaytime or delayfeedback sets it from its onset on (SuperDirt: the last
 * event's value); before any, size 2 s, delaytime 3/16 cycle, delayfeedback 0.5. The
 * patterns must outlive the graph. -1 when out of memory. */
int ph_node_orbit(ph_graph *g, int orbit, ph_ref room, ph_ref delay_l, ph_ref delay_r, const ph_pat *const *pats,
                  uint32_t n_pats, double rate);
/* The orbit parameters the orbit nodes play (NULL-terminated). */
const char *const *ph_orbit_controls(void);

#include "nodes/ph_nodes_rack.h" /* the rack's envelopes, control signals and effects */

#endif

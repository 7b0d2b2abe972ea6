/* The graph's own node kinds: constants, arithmetic, mixing, macros and MIDI. (DSP
 * nodes -- oscillators, filters, min/max/clip/range, voices -- are made by the compiler
 * around dsp/.)
 * Each constructor adds a node to g and returns its index, or -1 on no memory. */
#ifndef PH_NODES_H
#define PH_NODES_H

#include "graph/ph_graph.h"

typedef enum ph_binop { PH_BIN_ADD, PH_BIN_SUB, PH_BIN_MUL, PH_BIN_DIV } ph_binop;

/* A constant signal (written once; costs nothing per chunk). */
int ph_node_const(ph_graph *g, float value);
/* a OP b, per sample; stereo if either side is stereo. Division by (near) zero gives 0. */
int ph_node_binop(ph_graph *g, ph_binop op, ph_ref a, ph_ref b, uint32_t channels);
/* Macro ~m<index+1>: the engine's value, smoothed (one-pole, ~5 ms) so steps never click. */
int ph_node_macro(ph_graph *g, int index);
/* MIDI: audio = frequency (Hz) of the last held note (440 until one is played);
 * aux 1 = gate (1 while a note is held), aux 2 = trigger (1 on the note-on's sample). */
int ph_node_midi(ph_graph *g);
/* MIDI voice k of PH_LIVE_VOICES: frequency, gate (aux 1), trigger (aux 2) and the
 * note's velocity 0..1 (aux 3). */
int ph_node_midi_voice(ph_graph *g, uint32_t voice);
/* Whether node is a `midi` node (the last held note). */
bool ph_node_is_midi(const ph_graph *g, int node);
/* Sum of inputs (used for stereo/mono mixes); n <= PH_NODE_MAX_IN. */
int ph_node_mix(ph_graph *g, const ph_ref *in, uint32_t n, uint32_t channels);

#endif

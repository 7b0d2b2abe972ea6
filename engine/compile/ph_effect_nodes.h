/* Envelope and effect nodes over dsp/ (ph_env.h, ph_fx.h, ph_delay.h, ph_reverb.h). */
#ifndef PH_EFFECT_NODES_H
#define PH_EFFECT_NODES_H

#include "graph/ph_graph.h"

/* x * envelope; gate/trig are the driving pattern's (or MIDI's) aux lines. adsr follows the
 * gate (attack/decay while held, sustain, release when it falls); ar is percussive: each
 * trigger runs attack then release, whatever the gate. */
int ph_en_adsr(ph_graph *g, ph_ref in, uint32_t channels, ph_ref gate, ph_ref trig, ph_ref a, ph_ref d,
               ph_ref s, ph_ref r, double rate);
int ph_en_ar(ph_graph *g, ph_ref in, uint32_t channels, ph_ref gate, ph_ref trig, ph_ref a, ph_ref r,
             double rate);

typedef enum ph_fx_kind {
    PH_FX_DELAY,    /* time (s), feedback, mix */
    PH_FX_REVERB,   /* room, damp, mix; always stereo out */
    PH_FX_DISTORT,  /* drive */
    PH_FX_BITCRUSH, /* bits, rate reduction */
    PH_FX_CHORUS,   /* rate, depth, mix */
    PH_FX_COMPRESS  /* threshold dB, ratio, attack, release */
} ph_fx_kind;

#define PH_DELAY_MAX_SECONDS 4.0 /* delay lines are sized for this when compiled */

/* params[0 .. n_params) in the order above; *out_channels receives the output width. */
int ph_fx_node(ph_graph *g, ph_fx_kind kind, ph_ref in, uint32_t channels, const ph_ref *params,
               int n_params, double rate, uint32_t *out_channels);

#endif
